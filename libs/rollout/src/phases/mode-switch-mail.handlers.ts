import { Inject, Injectable } from '@nestjs/common';
import { Engagement, Organisation, User } from '@app/identity';
import {
  JobHandler,
  JobHandlerRegistry,
  ModeSwitchDecidedPayload,
  ModeSwitchRequestedPayload,
  notificationId,
  NotificationLedger,
  resolveLanguage,
  TemplatedMailer,
} from '@app/notify';
import { APP_CONFIG, AppConfig, TransactionRunner } from '@app/platform';
import { EntityManager } from 'typeorm';
import { EndpointGroup } from '../groups/endpoint-group.entity';
import { GroupPolicy } from '../groups/group-policy.entity';
import { ModeSwitchRequest } from './mode-switch-request.entity';
import { tuningPeriod } from './tuning-period';

const DAY_MS = 24 * 60 * 60 * 1000;

interface SwitchContext {
  request: ModeSwitchRequest;
  group: EndpointGroup;
  customerName: string;
  link: string;
}

/** The request with what both mails name; null when it (or its group) is gone. */
async function loadContext(
  manager: EntityManager,
  requestId: string,
  publicUrl: string,
): Promise<SwitchContext | null> {
  const request = await manager.getRepository(ModeSwitchRequest).findOneBy({ id: requestId });
  if (request === null) return null;
  const group = await manager.getRepository(EndpointGroup).findOneBy({ id: request.groupId });
  if (group === null) return null;
  const engagement = await manager
    .getRepository(Engagement)
    .findOneByOrFail({ id: request.engagementId });
  const customer = await manager
    .getRepository(Organisation)
    .findOneByOrFail({ id: engagement.customerOrganisationId });
  return {
    request,
    group,
    customerName: customer.name,
    link: `${publicUrl}/engagements/${engagement.id}/mode-switches`,
  };
}

async function nameOf(manager: EntityManager, userId: string | null): Promise<string> {
  const user = userId === null ? null : await manager.getRepository(User).findOneBy({ id: userId });
  return user?.displayName ?? '';
}

/**
 * Asks one customer security lead to decide a group's switch to block mode, as they prefer for
 * approval requests (it has no deadline; the request waits on the portal). Not sent once the
 * request is decided (the question is gone); the ledger keys on request and recipient.
 */
@Injectable()
export class ModeSwitchRequestedHandler implements JobHandler<'mode-switch-requested'> {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly ledger: NotificationLedger,
    private readonly mail: TemplatedMailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    registry: JobHandlerRegistry,
  ) {
    registry.register('mode-switch-requested', this);
  }

  async handle(_outboxId: string, payload: ModeSwitchRequestedPayload): Promise<void> {
    const manager = this.tx.manager;
    const context = await loadContext(manager, payload.requestId, this.config.publicUrl);
    const user = await manager.getRepository(User).findOneBy({ id: payload.userId });
    if (context === null || user === null || context.request.status !== 'requested') return;
    const { request, group } = context;
    const policy = await manager.getRepository(GroupPolicy).findOneByOrFail({ groupId: group.id });
    const period = await tuningPeriod(manager, request.engagementId);
    const key = notificationId(`mode-switch-requested:${request.id}:${user.id}`);
    await this.ledger.once(key, 'mode-switch-requested', async () => {
      await this.mail.sendPreferred(
        {
          userId: user.id,
          email: user.email,
          notificationId: key,
          kind: 'approval_requested',
          link: context.link,
        },
        'mode-switch-requested',
        resolveLanguage(user.language),
        {
          displayName: user.displayName,
          customerName: context.customerName,
          groupName: group.name,
          requesterName: await nameOf(manager, request.requestedBy),
          note: request.note,
          tuningDays: period.days,
          detectDays: Math.max(
            0,
            Math.floor((request.requestedAt.getTime() - policy.modeSince.getTime()) / DAY_MS),
          ),
          link: context.link,
        },
      );
    });
  }
}

/**
 * Tells the requester how the customer decided, as they prefer for decisions on their
 * requests; the ledger keys on the request.
 */
@Injectable()
export class ModeSwitchDecidedHandler implements JobHandler<'mode-switch-decided'> {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly ledger: NotificationLedger,
    private readonly mail: TemplatedMailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    registry: JobHandlerRegistry,
  ) {
    registry.register('mode-switch-decided', this);
  }

  async handle(_outboxId: string, payload: ModeSwitchDecidedPayload): Promise<void> {
    const manager = this.tx.manager;
    const context = await loadContext(manager, payload.requestId, this.config.publicUrl);
    if (context === null || context.request.status === 'requested') return;
    const { request, group } = context;
    const requester = await manager.getRepository(User).findOneBy({ id: request.requestedBy });
    if (requester === null) return;
    const key = notificationId(`mode-switch-decided:${request.id}`);
    await this.ledger.once(key, 'mode-switch-decided', async () => {
      await this.mail.sendPreferred(
        {
          userId: requester.id,
          email: requester.email,
          notificationId: key,
          kind: 'approval_decided',
          link: context.link,
        },
        'mode-switch-decided',
        resolveLanguage(requester.language),
        {
          displayName: requester.displayName,
          customerName: context.customerName,
          groupName: group.name,
          deciderName: await nameOf(manager, request.decidedBy),
          approved: request.status === 'approved',
          reason: request.rejectionReason,
          link: context.link,
        },
      );
    });
  }
}
