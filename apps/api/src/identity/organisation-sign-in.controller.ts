import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessScope, SsoSettingsService, SsoSettingsView } from '@app/identity';
import { CurrentScope } from '../auth/current-scope.decorator';
import { uuidParam } from '../common/uuid-param';
import { SsoSettingsDto } from './dtos/sso-settings.dto';

/** An organisation's single sign-on (OpenID Connect): its security lead or provider lead, or a platform admin. */
@ApiTags('organisations')
@ApiBearerAuth()
@Controller('api/organisations/:id/sign-in')
export class OrganisationSignInController {
  constructor(private readonly settings: SsoSettingsService) {}

  @Get()
  @ApiOperation({ summary: "The organisation's single sign-on settings (never the client secret)" })
  get(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
  ): Promise<SsoSettingsView> {
    return this.settings.get(scope, id);
  }

  @Put()
  @ApiOperation({
    summary:
      "Set the organisation's OpenID Connect provider, the domains that sign in through it, and whether passwords are off (audited)",
  })
  put(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: SsoSettingsDto,
  ): Promise<SsoSettingsView> {
    return this.settings.put(scope, id, body);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: "Remove the organisation's provider; passwords work again (audited)" })
  async remove(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
  ): Promise<void> {
    await this.settings.remove(scope, id);
  }
}
