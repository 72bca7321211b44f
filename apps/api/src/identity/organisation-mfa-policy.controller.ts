import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessScope, OrganisationMfaPolicy, OrganisationMfaPolicyService } from '@app/identity';
import { CurrentScope } from '../auth/current-scope.decorator';
import { uuidParam } from '../common/uuid-param';
import { SetMfaPolicyDto } from './dtos/mfa-policy.dto';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('api/organisations/:id/mfa-policy')
export class OrganisationMfaPolicyController {
  constructor(private readonly policies: OrganisationMfaPolicyService) {}

  @Get()
  @ApiOperation({
    summary:
      'The organisation’s MFA policy and how many of its people have no second factor yet (404 when the caller does not see it)',
  })
  view(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
  ): Promise<OrganisationMfaPolicy> {
    return this.policies.view(scope, id);
  }

  @Put()
  @ApiOperation({
    summary:
      'Require MFA for all of the organisation’s people, or not (its lead or a platform admin; 403 for others who see it, 404 for another tenant’s organisation); audited as organisation.mfa_policy_changed',
  })
  set(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: SetMfaPolicyDto,
  ): Promise<OrganisationMfaPolicy> {
    return this.policies.set(scope, id, body.requireMfa);
  }
}
