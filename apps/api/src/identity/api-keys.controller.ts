import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessScope, API_KEY_SCOPES, ApiKeyService } from '@app/identity';
import { CurrentScope } from '../auth/current-scope.decorator';
import { uuidParam } from '../common/uuid-param';
import { CreateApiKeyDto } from './dtos/create-api-key.dto';

/**
 * An organisation's keys for integrations (its leads). No route here takes an API key: a key
 * never makes or revokes keys.
 */
@ApiTags('api-keys')
@ApiBearerAuth()
@Controller('api/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeyService) {}

  @Get()
  @ApiOperation({
    summary: "Your organisation's API keys (never their secrets), with the scopes a key can have",
  })
  async list(@CurrentScope() scope: AccessScope) {
    return { items: await this.keys.list(scope), scopes: API_KEY_SCOPES };
  }

  @Post()
  @ApiOperation({
    summary:
      'Make a key: answers its secret once (`key`, `mdrk_…`); only its SHA-256 is kept. Use it as `Authorization: Bearer <key>` on the routes its scopes allow (403 elsewhere, 401 once revoked or expired).',
  })
  create(@CurrentScope() scope: AccessScope, @Body() body: CreateApiKeyDto) {
    return this.keys.create(scope, body);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Revoke a key of your organisation: it authenticates nothing from now on (repeats answer the same)',
  })
  revoke(@CurrentScope() scope: AccessScope, @Param('id', uuidParam('id')) id: string) {
    return this.keys.revoke(scope, id);
  }
}
