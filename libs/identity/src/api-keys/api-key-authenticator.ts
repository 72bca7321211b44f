import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import { Clock, TransactionRunner } from '@app/platform';
import { ApiKey } from '../entities/api-key.entity';
import { AccessScope } from '@app/access';
import { ScopeService } from '../services/scope.service';
import { API_KEY_PATTERN } from './api-key-scopes';
import { hashApiKey } from './api-key.service';

export interface ApiKeyUse {
  method: string;
  route: string;
  /** Whether the key's scopes allowed the route (a refused try is recorded too). */
  allowed: boolean;
}

/**
 * Turns `Bearer mdrk_…` into the scope the key acts under: its maker's grant, narrowed to the
 * key's scopes and engagement. Unknown, revoked and expired keys, and keys whose maker was
 * disabled or left the organisation, authenticate nothing (401). Every use is recorded on the
 * key (last use, address) and in the audit log, in one transaction.
 */
@Injectable()
export class ApiKeyAuthenticator {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
  ) {}

  static looksLikeKey(token: string): boolean {
    return token.startsWith('mdrk_');
  }

  async authenticate(
    secret: string,
    request: { ip: string | null; userAgent: string | null },
  ): Promise<AccessScope | null> {
    if (!API_KEY_PATTERN.test(secret)) return null;
    const key = await this.tx.manager
      .getRepository(ApiKey)
      .findOne({ where: { secretHash: hashApiKey(secret) } });
    if (!key || key.revokedAt || key.expiresAt.getTime() <= this.clock.nowMs()) return null;
    const grant = await this.scopes.grantForKeyMaker(key.createdByUserId);
    if (!grant || grant.organisationId !== key.organisationId) return null;
    return AccessScope.of(
      { ...grant, apiKey: { id: key.id, scopes: key.scopes, engagementId: key.engagementId } },
      request,
    );
  }

  async recordUse(scope: AccessScope, use: ApiKeyUse): Promise<void> {
    const key = scope.apiKey;
    if (!key) return;
    await this.tx.run(async (manager) => {
      await manager
        .getRepository(ApiKey)
        .update({ id: key.id }, { lastUsedAt: this.clock.now(), lastUsedIp: scope.actor.ip });
      await this.audit.record(manager, scope.actor, {
        action: 'api_key.used',
        subjectType: 'api_key',
        subjectId: key.id,
        organisationId: scope.organisationId,
        engagementId: key.engagementId,
        changes: { method: use.method, route: use.route, allowed: use.allowed },
      });
    });
  }
}
