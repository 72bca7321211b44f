import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProviderCatalogueService, serviceCatalogueSchema } from '@app/agreements';
import { AccessScope } from '@app/identity';
import { CurrentScope } from '../auth/current-scope.decorator';
import { uuidParam } from '../common/uuid-param';
import { ApiPayloadBody } from '../openapi/payload-schema-body';

/** A provider organisation's service catalogue: what its agreements are checked against. */
@ApiTags('providers')
@ApiBearerAuth()
@Controller('api/providers/:id/catalogue')
export class ProviderCatalogueController {
  constructor(private readonly catalogues: ProviderCatalogueService) {}

  @Get()
  @ApiOperation({ summary: "The provider's service catalogue (anyone who sees the provider)" })
  get(@CurrentScope() scope: AccessScope, @Param('id', uuidParam('id')) id: string) {
    return this.catalogues.get(scope, id);
  }

  @Put()
  @ApiOperation({
    summary: "Set the provider's service catalogue (its provider lead, or a platform admin)",
  })
  @ApiPayloadBody(serviceCatalogueSchema)
  put(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: unknown,
  ) {
    return this.catalogues.put(scope, id, body);
  }
}
