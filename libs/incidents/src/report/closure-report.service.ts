import { Injectable } from '@nestjs/common';
import { labelsFor } from '@app/agreements/domain/labels';
import { PdfWriter } from '@app/platform/documents/pdf-writer';
import { AccessScope, Language } from '@app/identity';
import { TransactionRunner } from '@app/platform';
import {
  IncidentAction,
  IncidentEvent,
  IncidentReview,
  IncidentReviewItem,
  IncidentSlaBreach,
  IncidentTask,
} from '../entities';
import { IncidentAccess } from '../services/incident-access';
import { IncidentContext } from '../services/incident-context';
import { closureReportModel } from './closure-report-model';
import { ClosureReportTemplate, compileClosureReport } from './closure-report-template';
import { IncidentsError } from '../incidents-errors';

export interface ClosureReport {
  language: Language;
  html: string;
}

/**
 * The closure report of a resolved or closed incident, in the service language (the agreement's
 * primary language): SLA met or missed per timer, the actions with who asked, who decided and
 * how, the tasks, the post-incident review and the timeline. HTML from the one Handlebars
 * template (`compileClosureReport`); the PDF is drawn from that HTML.
 */
@Injectable()
export class ClosureReportService {
  private readonly template: ClosureReportTemplate;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: IncidentAccess,
    private readonly context: IncidentContext,
    private readonly pdf: PdfWriter,
  ) {
    this.template = compileClosureReport();
  }

  async html(scope: AccessScope, engagementId: string, incidentId: string): Promise<ClosureReport> {
    const manager = this.tx.manager;
    const engagement = await this.access.readable(scope, engagementId, manager);
    const incident = await this.access.incident(manager, engagementId, incidentId);
    if (incident.status !== 'resolved' && incident.status !== 'closed') {
      throw new IncidentsError(
        'INCIDENT_NOT_RESOLVED',
        `The closure report is available once the incident is resolved or closed (it is ${incident.status})`,
      );
    }
    const agreement = await this.context.agreement(manager, engagement.id);
    const language = agreement.content.communication.primaryLanguage;
    const where = { incidentId };
    const [events, actions, tasks, breaches, review, reviewItems] = await Promise.all([
      manager.getRepository(IncidentEvent).find({ where, order: { at: 'ASC', seq: 'ASC' } }),
      manager
        .getRepository(IncidentAction)
        .find({ where, order: { requestedAt: 'ASC', id: 'ASC' } }),
      manager.getRepository(IncidentTask).find({ where, order: { dueAt: 'ASC', stepKey: 'ASC' } }),
      manager.getRepository(IncidentSlaBreach).find({ where }),
      manager.getRepository(IncidentReview).findOneBy(where),
      manager.getRepository(IncidentReviewItem).find({ where, order: { position: 'ASC' } }),
    ]);
    const ids = [
      ...new Set([
        ...events.map((e) => e.actorUserId),
        ...actions.flatMap((a) => [a.requestedBy, a.decidedBy]),
        ...tasks.map((t) => t.completedBy),
        review?.recordedBy ?? null,
        ...reviewItems.map((i) => i.ownerUserId),
      ]),
    ].filter((id): id is string => id !== null);
    const users: { id: string; displayName: string }[] = ids.length
      ? await manager.query(
          `SELECT id, display_name AS "displayName" FROM app_user WHERE id = ANY($1)`,
          [ids],
        )
      : [];
    const names: { name: string }[] = await manager.query(
      `SELECT name FROM organisation WHERE id = $1`,
      [engagement.customerOrganisationId],
    );
    const model = closureReportModel({
      incident,
      language,
      timeZone: scope.timeZone,
      labels: labelsFor(language),
      customerName: names[0]?.name ?? '',
      events,
      actions,
      tasks,
      breaches,
      names: new Map(users.map((u) => [u.id, u.displayName])),
      review: review && { review, items: reviewItems },
    });
    return { language, html: this.template(model, language) };
  }

  async pdfOf(scope: AccessScope, engagementId: string, incidentId: string): Promise<Buffer> {
    const report = await this.html(scope, engagementId, incidentId);
    return this.pdf.render(report.html, report.language);
  }
}
