import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import {
  Clock,
  ForbiddenException,
  NotFoundException,
  TransactionRunner,
  ValidationException,
} from '@app/platform';
import { createHash, randomBytes } from 'node:crypto';
import { ApiKey } from '../entities/api-key.entity';
import { Engagement } from '../entities/engagement.entity';
import { User } from '../entities/user.entity';
import { AccessScope, can } from '@app/access';
import { EngagementService } from '../services/engagement.service';
import { API_KEY_PREFIX, isApiKeyScope } from './api-key-scopes';

export const MAX_API_KEY_DAYS = 365;
export const DEFAULT_API_KEY_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface CreateApiKeyInput {
  name: string;
  scopes: string[];
  engagementId?: string | null;
  expiresInDays?: number;
}

export type ApiKeyStatus = 'active' | 'expired' | 'revoked';

export interface ApiKeyView {
  id: string;
  name: string;
  displayPrefix: string;
  scopes: string[];
  engagementId: string | null;
  engagementName: string | null;
  createdBy: { id: string; displayName: string };
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  status: ApiKeyStatus;
}

/** The SHA-256 of a key's secret: 256 random bits need no slow hash (nothing to guess from a list). */
export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * An organisation's keys, managed by its leads (a customer's security lead, a provider's lead).
 * A key is shown once, when made; a key of another organisation answers 404, a colleague who is
 * not a lead gets 403. Every creation and revocation is audited.
 */
@Injectable()
export class ApiKeyService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly engagements: EngagementService,
    private readonly clock: Clock,
  ) {}

  async list(scope: AccessScope): Promise<ApiKeyView[]> {
    this.assertLead(scope);
    const keys = await this.tx.manager.getRepository(ApiKey).find({
      where: { organisationId: scope.organisationId as string },
      order: { createdAt: 'DESC', id: 'ASC' },
    });
    return this.describe(keys);
  }

  async create(
    scope: AccessScope,
    input: CreateApiKeyInput,
  ): Promise<{ key: string; apiKey: ApiKeyView }> {
    this.assertLead(scope);
    const name = input.name.trim();
    const errors = [];
    if (name.length < 1 || name.length > 100)
      errors.push({ field: 'name', reason: 'must be 1 to 100 characters' });
    const scopes = [...new Set(input.scopes)];
    if (scopes.length === 0)
      errors.push({ field: 'scopes', reason: 'must name at least one scope' });
    for (const [index, value] of scopes.entries()) {
      if (!isApiKeyScope(value))
        errors.push({ field: `scopes[${index}]`, reason: 'is not a known scope' });
    }
    const days = input.expiresInDays ?? DEFAULT_API_KEY_DAYS;
    if (!Number.isInteger(days) || days < 1 || days > MAX_API_KEY_DAYS) {
      errors.push({
        field: 'expiresInDays',
        reason: `must be a whole number of days from 1 to ${MAX_API_KEY_DAYS}`,
      });
    }
    if (errors.length) throw new ValidationException(errors);
    const engagementId = input.engagementId ?? null;
    // Only an engagement the maker sees (404 otherwise, like any other).
    if (engagementId) await this.engagements.get(scope, engagementId);
    const secret = API_KEY_PREFIX + randomBytes(32).toString('base64url');
    const now = this.clock.now();
    return this.tx.run(async (manager) => {
      const key = manager.getRepository(ApiKey).create({
        organisationId: scope.organisationId as string,
        engagementId,
        name,
        displayPrefix: secret.slice(0, API_KEY_PREFIX.length + 6),
        secretHash: hashApiKey(secret),
        scopes,
        createdByUserId: scope.userId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + days * DAY_MS),
        revokedAt: null,
        revokedByUserId: null,
        lastUsedAt: null,
        lastUsedIp: null,
      });
      await manager.getRepository(ApiKey).insert(key);
      await this.audit.record(manager, scope.actor, {
        action: 'api_key.created',
        subjectType: 'api_key',
        subjectId: key.id,
        organisationId: key.organisationId,
        engagementId,
        changes: {
          name,
          scopes,
          displayPrefix: key.displayPrefix,
          expiresAt: key.expiresAt.toISOString(),
        },
      });
      const [view] = await this.describe([key], manager);
      return { key: secret, apiKey: view };
    });
  }

  async revoke(scope: AccessScope, id: string): Promise<ApiKeyView> {
    return this.tx.run(async (manager) => {
      const key = await manager
        .getRepository(ApiKey)
        .findOne({ where: { id, organisationId: scope.organisationId ?? undefined } });
      if (!key || !scope.organisationId) throw new NotFoundException('API key');
      this.assertLead(scope);
      if (!key.revokedAt) {
        key.revokedAt = this.clock.now();
        key.revokedByUserId = scope.userId;
        await manager
          .getRepository(ApiKey)
          .update({ id: key.id }, { revokedAt: key.revokedAt, revokedByUserId: scope.userId });
        await this.audit.record(manager, scope.actor, {
          action: 'api_key.revoked',
          subjectType: 'api_key',
          subjectId: key.id,
          organisationId: key.organisationId,
          engagementId: key.engagementId,
          changes: { name: key.name, displayPrefix: key.displayPrefix },
        });
      }
      const [view] = await this.describe([key], manager);
      return view;
    });
  }

  statusOf(key: Pick<ApiKey, 'revokedAt' | 'expiresAt'>): ApiKeyStatus {
    if (key.revokedAt) return 'revoked';
    return key.expiresAt.getTime() <= this.clock.nowMs() ? 'expired' : 'active';
  }

  private assertLead(scope: AccessScope): void {
    if (!scope.organisationId || !can(scope, 'api_key.manage')) {
      throw new ForbiddenException(
        "Only an organisation's lead (customer security lead, provider lead) manages its API keys",
      );
    }
  }

  private async describe(keys: ApiKey[], manager = this.tx.manager): Promise<ApiKeyView[]> {
    const userIds = [...new Set(keys.map((k) => k.createdByUserId))];
    const engagementIds = [
      ...new Set(keys.flatMap((k) => (k.engagementId ? [k.engagementId] : []))),
    ];
    const users = userIds.length
      ? await manager
          .getRepository(User)
          .createQueryBuilder('u')
          .where('u.id IN (:...userIds)', { userIds })
          .getMany()
      : [];
    const engagements = engagementIds.length
      ? await manager
          .getRepository(Engagement)
          .createQueryBuilder('e')
          .where('e.id IN (:...engagementIds)', { engagementIds })
          .getMany()
      : [];
    return keys.map((key) => ({
      id: key.id,
      name: key.name,
      displayPrefix: key.displayPrefix,
      scopes: key.scopes,
      engagementId: key.engagementId,
      engagementName: engagements.find((e) => e.id === key.engagementId)?.name ?? null,
      createdBy: {
        id: key.createdByUserId,
        displayName: users.find((u) => u.id === key.createdByUserId)?.displayName ?? '',
      },
      createdAt: key.createdAt,
      expiresAt: key.expiresAt,
      revokedAt: key.revokedAt,
      lastUsedAt: key.lastUsedAt,
      lastUsedIp: key.lastUsedIp,
      status: this.statusOf(key),
    }));
  }
}
