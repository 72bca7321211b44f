import { Injectable } from '@nestjs/common';
import { AccessScope, can } from '@app/access';
import { AuditService } from '@app/audit';
import { EngagementService } from '@app/identity';
import {
  CHANNEL_EVENTS,
  CHANNEL_PROVIDERS,
  ChannelEvent,
  ChannelProvider,
  isChannelEvent,
  isChannelProvider,
  NotificationChannel,
} from '@app/notify';
import {
  Clock,
  ForbiddenException,
  NotFoundException,
  SecretCipherError,
  TransactionRunner,
  ValidationException,
} from '@app/platform';
import { randomUUID } from 'node:crypto';
import { ChannelUrls, urlHint } from './channel-urls';
import { TeamsFormat, teamsFormatOf } from './teams-format';

const LANGUAGES = ['ja', 'en', 'zh'] as const;

/** A channel as anyone allowed may see it: never its URL, only a hint of it. */
export interface ChannelView {
  id: string;
  provider: ChannelProvider;
  name: string;
  language: 'ja' | 'en' | 'zh';
  urlHint: string;
  /**
   * The format a Teams channel's messages take, read from its URL as at delivery; null for
   * Slack, and for a URL that no longer opens (its messages are refused, not posted).
   */
  teamsFormat: TeamsFormat | null;
  events: ChannelEvent[];
  createdAt: Date;
}

export interface ChannelInput {
  provider?: unknown;
  name?: unknown;
  language?: unknown;
  url?: unknown;
  events?: unknown;
}

function viewOf(channel: NotificationChannel, url: URL | null): ChannelView {
  return {
    id: channel.id,
    provider: channel.provider,
    name: channel.name,
    language: channel.language,
    urlHint: channel.urlHint,
    teamsFormat: channel.provider === 'teams' && url !== null ? teamsFormatOf(url) : null,
    events: channel.events,
    createdAt: channel.createdAt,
  };
}

/**
 * An engagement's Slack and Teams channels: provider staff add and remove them (audited, with
 * the URL's host only); the provider side, its account managers and the customer's security
 * lead see which exist. Another tenant's engagement or channel answers 404.
 */
@Injectable()
export class NotificationChannelsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly engagements: EngagementService,
    private readonly urls: ChannelUrls,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(scope: AccessScope, engagementId: string): Promise<ChannelView[]> {
    const engagement = await this.engagements.get(scope, engagementId);
    if (!can(scope, 'notification_channel.read', engagement))
      throw new ForbiddenException('You may not see the notification channels of this engagement');
    const channels = await this.tx.manager
      .getRepository(NotificationChannel)
      .find({ where: { engagementId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return Promise.all(
      channels.map(async (channel) => viewOf(channel, await this.teamsUrlOf(channel))),
    );
  }

  async create(
    scope: AccessScope,
    engagementId: string,
    input: ChannelInput,
  ): Promise<ChannelView> {
    const checked = this.checked(input);
    const engagement = await this.engagements.get(scope, engagementId);
    this.assertManages(scope, engagement);
    const url = await this.urls.accepted(input.url);
    return this.tx.run(async (manager) => {
      const id = randomUUID();
      const channel = manager.getRepository(NotificationChannel).create({
        id,
        engagementId,
        ...checked,
        urlSealed: this.urls.seal(id, url),
        urlHint: urlHint(url),
        createdBy: scope.userId,
        createdAt: this.clock.now(),
      });
      await manager.getRepository(NotificationChannel).insert(channel);
      await this.audit.record(manager, scope.actor, {
        action: 'engagement.notification_channel_added',
        subjectType: 'engagement',
        subjectId: engagement.id,
        organisationId: engagement.customerOrganisationId,
        engagementId: engagement.id,
        // The host only: the URL's path is the credential.
        changes: { channelId: id, ...checked, host: url.host },
      });
      return viewOf(channel, url);
    });
  }

  async remove(scope: AccessScope, engagementId: string, channelId: string): Promise<void> {
    const engagement = await this.engagements.get(scope, engagementId);
    this.assertManages(scope, engagement);
    await this.tx.run(async (manager) => {
      const repository = manager.getRepository(NotificationChannel);
      const channel = await repository.findOneBy({ id: channelId, engagementId });
      if (channel === null) throw new NotFoundException('Notification channel');
      await repository.delete({ id: channelId });
      await this.audit.record(manager, scope.actor, {
        action: 'engagement.notification_channel_removed',
        subjectType: 'engagement',
        subjectId: engagement.id,
        organisationId: engagement.customerOrganisationId,
        engagementId: engagement.id,
        changes: { channelId, provider: channel.provider, name: channel.name },
      });
    });
  }

  /** A Teams channel's URL, opened only to tell its format; Slack's is never opened here. */
  private async teamsUrlOf(channel: NotificationChannel): Promise<URL | null> {
    if (channel.provider !== 'teams') return null;
    try {
      return await this.urls.open(channel.id, channel.urlSealed);
    } catch (error: unknown) {
      if (error instanceof SecretCipherError) return null;
      throw error;
    }
  }

  private assertManages(
    scope: AccessScope,
    engagement: { customerOrganisationId: string; providerOrganisationId: string },
  ): void {
    if (!can(scope, 'notification_channel.manage', engagement))
      throw new ForbiddenException(
        "Only the provider staff of the engagement's provider set up its notification channels",
      );
  }

  private checked(input: ChannelInput): {
    provider: ChannelProvider;
    name: string;
    language: 'ja' | 'en' | 'zh';
    events: ChannelEvent[];
  } {
    const errors: { field: string; reason: string }[] = [];
    if (!isChannelProvider(input.provider))
      errors.push({ field: 'provider', reason: `must be one of ${CHANNEL_PROVIDERS.join(', ')}` });
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (name.length < 1 || name.length > 100)
      errors.push({ field: 'name', reason: 'must be 1 to 100 characters' });
    if (!(LANGUAGES as readonly unknown[]).includes(input.language))
      errors.push({ field: 'language', reason: `must be one of ${LANGUAGES.join(', ')}` });
    const events = Array.isArray(input.events) ? input.events : [];
    if (events.length === 0 || !events.every(isChannelEvent))
      errors.push({
        field: 'events',
        reason: `must name at least one of ${CHANNEL_EVENTS.join(', ')}`,
      });
    if (typeof input.url !== 'string' || input.url.trim() === '')
      errors.push({ field: 'url', reason: 'is required' });
    if (errors.length > 0) throw new ValidationException(errors);
    return {
      provider: input.provider as ChannelProvider,
      name,
      language: input.language as 'ja' | 'en' | 'zh',
      events: CHANNEL_EVENTS.filter((event) => (events as unknown[]).includes(event)),
    };
  }
}
