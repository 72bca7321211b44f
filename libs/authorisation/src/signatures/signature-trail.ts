import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import type { Actor } from '@app/access';
import { Clock } from '@app/platform';
import { EntityManager } from 'typeorm';
import { SignatureEvent } from './signature-event.entity';
import { SignatureRequest } from './signature-request.entity';
import type { AuthMethod, SignatureEventKind } from './signature-vocabulary';

/** Who acted, as the certificate names them. */
export interface TrailActor {
  actor: Actor;
  name: string | null;
  email: string | null;
}

export interface TrailEntry {
  kind: SignatureEventKind;
  authMethod?: AuthMethod | null;
  typedName?: string | null;
  detail?: string | null;
  /** Changes for the audit record beyond the event itself (never secrets). */
  changes?: Record<string, unknown>;
}

/**
 * Writes one event of a request's trail and its audit record, in the caller's transaction (the
 * request row is locked by the caller, so sequence numbers never collide).
 */
@Injectable()
export class SignatureTrail {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async record(
    manager: EntityManager,
    request: SignatureRequest,
    who: TrailActor,
    entry: TrailEntry,
  ): Promise<SignatureEvent> {
    const last = await manager
      .getRepository(SignatureEvent)
      .createQueryBuilder('e')
      .select('MAX(e.seq)', 'max')
      .where('e.request_id = :id', { id: request.id })
      .getRawOne<{ max: number | null }>();
    const repository = manager.getRepository(SignatureEvent);
    const event = await repository.save(
      repository.create({
        requestId: request.id,
        seq: (last?.max ?? 0) + 1,
        kind: entry.kind,
        at: this.clock.now(),
        actorUserId: who.actor.userId,
        actorName: who.name,
        actorEmail: who.email,
        ip: who.actor.ip,
        userAgent: who.actor.userAgent,
        authMethod: entry.authMethod ?? null,
        typedName: entry.typedName ?? null,
        documentSha256: request.documentSha256,
        detail: entry.detail ?? null,
      }),
    );
    await this.audit.record(manager, who.actor, {
      action: `signature.${entry.kind}`,
      subjectType: 'signature_request',
      subjectId: request.id,
      engagementId: request.engagementId,
      changes: {
        documentSha256: request.documentSha256,
        ...(entry.authMethod ? { authMethod: entry.authMethod } : {}),
        ...(entry.typedName ? { typedName: entry.typedName } : {}),
        ...(entry.detail ? { detail: entry.detail } : {}),
        ...entry.changes,
      },
    });
    return event;
  }

  events(manager: EntityManager, requestId: string): Promise<SignatureEvent[]> {
    return manager
      .getRepository(SignatureEvent)
      .find({ where: { requestId }, order: { seq: 'ASC' } });
  }
}
