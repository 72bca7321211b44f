import { Injectable } from '@nestjs/common';
import { AccessScope, can, Engagement } from '@app/identity';
import { Clock, ForbiddenException, TransactionRunner } from '@app/platform';
import { EntityManager } from 'typeorm';
import { Incident, IncidentReview, IncidentReviewItem } from '../entities';
import { IncidentsError } from '../incidents-errors';
import { IncidentAccess } from '../services/incident-access';
import { IncidentJournal } from '../services/incident-journal';
import { parseReview, ReviewInput } from './review-input';

/** A person of the engagement, who may own a review's action item. */
export interface EngagementPerson {
  id: string;
  displayName: string;
}

/** A post-incident review as the API answers it (times ISO 8601, due dates YYYY-MM-DD). */
export interface IncidentReviewView {
  incidentId: string;
  whatHappened: string;
  rootCause: string;
  lessons: string;
  recordedBy: string;
  recordedAt: string;
  actionItems: { description: string; ownerUserId: string; dueDate: string }[];
  /** False once the incident is closed: the review is final. */
  editable: boolean;
}

/**
 * The post-incident review: what happened, the root cause, the lessons and the action items with
 * their owners (people of the engagement) and due days. Provider staff record it, the customer
 * reads it (here and in the closure report); it is changed, each time audited on the timeline,
 * until the incident closes, and final from then on.
 */
@Injectable()
export class IncidentReviewService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly access: IncidentAccess,
    private readonly journal: IncidentJournal,
  ) {}

  /** The incident's review, or null while none was recorded (another tenant's incident: 404). */
  async get(
    scope: AccessScope,
    engagementId: string,
    incidentId: string,
  ): Promise<IncidentReviewView | null> {
    const manager = this.tx.manager;
    await this.access.readable(scope, engagementId, manager);
    const incident = await this.access.incident(manager, engagementId, incidentId);
    return this.load(manager, incident);
  }

  /** Who may own an action item: the engagement's customer and provider staff, its account managers. */
  async people(scope: AccessScope, engagementId: string): Promise<EngagementPerson[]> {
    const engagement = await this.access.readable(scope, engagementId, this.tx.manager);
    return this.peopleOf(this.tx.manager, engagement);
  }

  async record(
    scope: AccessScope,
    engagementId: string,
    incidentId: string,
    input: ReviewInput,
  ): Promise<IncidentReviewView> {
    return this.tx.run(async (manager) => {
      const engagement = await this.access.readable(scope, engagementId, manager);
      if (!can(scope, 'incident.review.record', engagement))
        throw new ForbiddenException(
          "Only the provider lead or an analyst of the engagement's provider records the review",
        );
      const incident = await this.access.incident(manager, engagementId, incidentId, true);
      if (incident.status === 'closed')
        throw new IncidentsError(
          'INCIDENT_REVIEW_CLOSED',
          'The incident is closed: its post-incident review is final',
        );
      const people = await this.peopleOf(manager, engagement);
      const content = parseReview(input, new Set(people.map((p) => p.id)));
      const now = this.clock.now();
      const reviews = manager.getRepository(IncidentReview);
      const first = !(await reviews.existsBy({ incidentId }));
      await reviews.save(
        reviews.create({
          incidentId,
          whatHappened: content.whatHappened,
          rootCause: content.rootCause,
          lessons: content.lessons,
          recordedBy: scope.userId,
          recordedAt: now,
        }),
      );
      const items = manager.getRepository(IncidentReviewItem);
      await items.delete({ incidentId });
      if (content.actionItems.length > 0)
        await items.insert(
          content.actionItems.map((item, position) => ({ incidentId, position, ...item })),
        );
      await this.journal.record(
        manager,
        scope.actor,
        engagement,
        incident,
        'review_recorded',
        now,
        {
          revision: first ? 'first' : 'changed',
          ...content,
        },
      );
      const view = await this.load(manager, incident);
      if (!view) throw new Error('The review just recorded is missing');
      return view;
    });
  }

  private async load(
    manager: EntityManager,
    incident: Incident,
  ): Promise<IncidentReviewView | null> {
    const review = await manager
      .getRepository(IncidentReview)
      .findOneBy({ incidentId: incident.id });
    if (!review) return null;
    const items = await manager
      .getRepository(IncidentReviewItem)
      .find({ where: { incidentId: incident.id }, order: { position: 'ASC' } });
    return {
      incidentId: incident.id,
      whatHappened: review.whatHappened,
      rootCause: review.rootCause,
      lessons: review.lessons,
      recordedBy: review.recordedBy,
      recordedAt: review.recordedAt.toISOString(),
      actionItems: items.map((i) => ({
        description: i.description,
        ownerUserId: i.ownerUserId,
        dueDate: i.dueDate,
      })),
      editable: incident.status !== 'closed',
    };
  }

  private peopleOf(
    manager: EntityManager,
    engagement: Pick<Engagement, 'id' | 'customerOrganisationId' | 'providerOrganisationId'>,
  ): Promise<EngagementPerson[]> {
    return manager.query(
      `SELECT DISTINCT u.id, u.display_name AS "displayName"
         FROM app_user u JOIN membership m ON m.user_id = u.id
        WHERE u.disabled_at IS NULL
          AND ((m.organisation_id = $2 AND m.role IN ('customer_security_lead', 'customer_it'))
            OR (m.organisation_id = $3 AND m.role IN ('provider_lead', 'provider_analyst'))
            OR (m.role = 'account_manager' AND EXISTS (
                  SELECT 1 FROM engagement_assignment ea
                   WHERE ea.user_id = u.id AND ea.engagement_id = $1)))
        ORDER BY "displayName", u.id`,
      [engagement.id, engagement.customerOrganisationId, engagement.providerOrganisationId],
    );
  }
}
