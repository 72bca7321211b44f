import { Injectable } from '@nestjs/common';
import { can, EngagementView, UserService } from '@app/identity';
import { IncidentReviewService, IncidentStatus } from '@app/incidents';
import type { NamedFormProblem } from '../kit/form-problem';
import type { PortalViewer } from '../session/portal-viewer.service';
import { rowsFromValues } from './incident-review-form';

/** Blank action-item rows the form offers beyond those written (no script adds rows). */
const BLANK_ROWS = 3;
const MAX_ROWS = 30;

/**
 * The incident page's post-incident review: what was recorded (everyone who reads the incident),
 * and for provider staff, until the incident closes, the form prefilled with it, or with what
 * they typed when it was refused.
 */
@Injectable()
export class IncidentReviewSection {
  constructor(
    private readonly reviews: IncidentReviewService,
    private readonly users: UserService,
  ) {}

  async of(
    viewer: PortalViewer,
    engagement: EngagementView,
    incident: { id: string; status: IncidentStatus },
    path: string,
    problem: NamedFormProblem | null,
  ) {
    const review = await this.reviews.get(viewer.scope, engagement.id, incident.id);
    const names = await this.users.displayNames(
      review ? [review.recordedBy, ...review.actionItems.map((i) => i.ownerUserId)] : [],
    );
    const records =
      can(viewer.scope, 'incident.review.record', engagement) && incident.status !== 'closed';
    return {
      recorded: review && {
        whatHappened: review.whatHappened,
        rootCause: review.rootCause,
        lessons: review.lessons,
        recordedByName: names.get(review.recordedBy) ?? null,
        recordedAt: new Date(review.recordedAt),
        actionItems: review.actionItems.map((item) => ({
          description: item.description,
          ownerName: names.get(item.ownerUserId) ?? null,
          dueDate: item.dueDate,
        })),
      },
      final: incident.status === 'closed',
      form: records ? await this.form(viewer, engagement, review, path, problem) : null,
    };
  }

  private async form(
    viewer: PortalViewer,
    engagement: EngagementView,
    review: Awaited<ReturnType<IncidentReviewService['get']>>,
    path: string,
    problem: NamedFormProblem | null,
  ) {
    const refused = problem?.form === 'review' ? problem.values : null;
    const written = refused ? rowsFromValues(refused) : (review?.actionItems ?? []);
    const rows = [
      ...written,
      ...Array.from({ length: BLANK_ROWS }, () => ({
        description: '',
        ownerUserId: '',
        dueDate: '',
      })),
    ].slice(0, Math.max(MAX_ROWS, written.length));
    const people = await this.reviews.people(viewer.scope, engagement.id);
    return {
      action: `${path}/review`,
      whatHappened: refused ? refused.whatHappened : (review?.whatHappened ?? ''),
      rootCause: refused ? refused.rootCause : (review?.rootCause ?? ''),
      lessons: refused ? refused.lessons : (review?.lessons ?? ''),
      rows: rows.map((row, index) => ({
        index,
        number: index + 1,
        description: row.description,
        dueDate: row.dueDate,
        owners: people.map((person) => ({
          value: person.id,
          label: person.displayName,
          selected: person.id === row.ownerUserId,
        })),
      })),
    };
  }
}
