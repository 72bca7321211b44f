import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import {
  AccessScope,
  ORGANISATION_KINDS,
  OrganisationKind,
  OrganisationService,
} from '@app/identity';
import { CurrentScope } from '../auth/current-scope.decorator';
import { Can } from '../auth/can.decorator';
import { paging, PagingQueryDto } from '../common/paging.dto';
import { uuidParam } from '../common/uuid-param';
import { CreateOrganisationDto } from './dtos/create-organisation.dto';

class OrganisationQueryDto extends PagingQueryDto {
  @IsOptional()
  @IsIn(ORGANISATION_KINDS)
  kind?: OrganisationKind;
}

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('api/organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationService) {}

  @Get()
  @ApiOperation({ summary: 'Organisations the caller may see' })
  @ApiQuery({ name: 'kind', required: false, enum: ORGANISATION_KINDS })
  list(@CurrentScope() scope: AccessScope, @Query() query: OrganisationQueryDto) {
    return this.organisations.list(scope, paging(query), query.kind);
  }

  @Get(':id')
  get(@CurrentScope() scope: AccessScope, @Param('id', uuidParam('id')) id: string) {
    return this.organisations.get(scope, id);
  }

  @Post()
  @Can('organisation.create_customer')
  @ApiOperation({
    summary: 'Create an organisation (platform admin; a provider lead creates customers)',
  })
  create(@CurrentScope() scope: AccessScope, @Body() body: CreateOrganisationDto) {
    return this.organisations.create(scope, body);
  }
}
