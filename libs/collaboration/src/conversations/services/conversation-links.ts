import { Injectable } from '@nestjs/common';
import { AccessScope, can, Engagement, EngagementService } from '@app/identity';
import { TransactionRunner } from '@app/platform';
import type { EntityManager } from 'typeorm';
import { conversationPath } from '../domain/conversation-paths';
import type { SubjectType } from '../domain/conversation-vocabulary';

/** Where a subject's conversation is and how many comments the reader sees in it. */
export interface ConversationLink {
  href: string;
  count: number;
}

/**
 * The conversation links subject pages show (a step card, a document version, an incident):
 * counted as the reader sees them, so internal comments are not counted for the customer.
 */
@Injectable()
export class ConversationLinks {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly engagements: EngagementService,
  ) {}

  /** The onboarding's steps' links, by step key. */
  async ofSteps(
    scope: AccessScope,
    engagementId: string,
    onboardingId: string,
  ): Promise<Map<string, ConversationLink>> {
    const rows = await this.subjects(
      scope,
      engagementId,
      'onboarding_step',
      `SELECT s.key AS name, s.id FROM onboarding_step s JOIN onboarding o ON o.id = s.onboarding_id
        WHERE o.id = $1 AND o.engagement_id = $2`,
      [onboardingId, engagementId],
    );
    return rows;
  }

  /**
   * The same links for a caller that has already read the engagement through the reader's scope
   * and knows the steps' ids (the onboarding page): one statement, no transaction of its own.
   */
  async ofKnownSteps(
    scope: AccessScope,
    engagement: Engagement,
    stepIds: ReadonlyMap<string, string>,
  ): Promise<Map<string, ConversationLink>> {
    if (!can(scope, 'conversation.read', engagement)) return new Map();
    const counts = await this.counts(
      this.tx.manager,
      engagement.id,
      'onboarding_step',
      can(scope, 'conversation.internal', engagement),
    );
    return new Map(
      [...stepIds].map(([key, id]) => [
        key,
        {
          href: conversationPath(engagement.id, 'onboarding_step', id),
          count: counts.get(id) ?? 0,
        },
      ]),
    );
  }

  /** The engagement's document versions' links, by `<kind>:<version>`. */
  ofDocumentVersions(
    scope: AccessScope,
    engagementId: string,
  ): Promise<Map<string, ConversationLink>> {
    return this.subjects(
      scope,
      engagementId,
      'document_version',
      `SELECT kind || ':' || version AS name, id FROM engagement_document_version WHERE engagement_id = $1`,
      [engagementId],
    );
  }

  /** One incident's link. */
  async ofIncident(
    scope: AccessScope,
    engagementId: string,
    incidentId: string,
  ): Promise<ConversationLink | null> {
    const links = await this.subjects(
      scope,
      engagementId,
      'incident',
      `SELECT id::text AS name, id FROM incident WHERE id = $1 AND engagement_id = $2`,
      [incidentId, engagementId],
    );
    return links.get(incidentId) ?? null;
  }

  private subjects(
    scope: AccessScope,
    engagementId: string,
    type: SubjectType,
    sql: string,
    params: unknown[],
  ): Promise<Map<string, ConversationLink>> {
    return this.tx.run(async (manager) => {
      const engagement = await this.engagements.get(scope, engagementId, manager);
      if (!can(scope, 'conversation.read', engagement)) return new Map();
      const internal = can(scope, 'conversation.internal', engagement);
      const subjects = (await manager.query(sql, params)) as { name: string; id: string }[];
      const counts = await this.counts(manager, engagement.id, type, internal);
      return new Map(
        subjects.map((s) => [
          s.name,
          {
            href: conversationPath(engagement.id, type, s.id),
            count: counts.get(s.id) ?? 0,
          },
        ]),
      );
    });
  }

  /** Comments per subject of a type, as the reader sees them (internal ones only for the provider). */
  private async counts(
    manager: EntityManager,
    engagementId: string,
    type: SubjectType,
    internal: boolean,
  ): Promise<Map<string, number>> {
    const rows = (await manager.query(
      `SELECT subject_id AS "subjectId", count(*)::int AS n FROM conversation_comment
        WHERE engagement_id = $1 AND subject_type = $2 AND ($3 OR visibility = 'shared')
        GROUP BY subject_id`,
      [engagementId, type, internal],
    )) as { subjectId: string; n: number }[];
    return new Map(rows.map((r) => [r.subjectId, r.n]));
  }
}
