import { Injectable } from '@nestjs/common';
import {
  AgreementContent,
  EngagementDocumentVersion,
  readAgreementContent,
  readRunbookContent,
  RunbookContent,
} from '@app/agreements';
import { Engagement } from '@app/identity';
import { EntityManager } from 'typeorm';
import { IncidentsError } from '../incidents-errors';

export interface ApprovedAgreement {
  version: number;
  content: AgreementContent;
}

/** The approved documents an incident runs under: the service agreement and the runbooks. */
@Injectable()
export class IncidentContext {
  /** Incidents exist only once the service has started (the onboarding's start-service). */
  requireStarted(engagement: Engagement): void {
    if (engagement.status !== 'active') {
      throw new IncidentsError(
        'INCIDENTS_BEFORE_SERVICE_START',
        `The service for ${engagement.name} has not started: incidents are run only after the start of service`,
      );
    }
  }

  async agreement(manager: EntityManager, engagementId: string): Promise<ApprovedAgreement> {
    const version = await this.approved(manager, engagementId, 'service_agreement');
    const read = version ? readAgreementContent(version.content) : null;
    if (!version || !read?.value) {
      throw new IncidentsError(
        'NO_APPROVED_AGREEMENT',
        'The engagement has no approved service agreement',
      );
    }
    return { version: version.version, content: read.value };
  }

  async runbook(
    manager: EntityManager,
    engagementId: string,
    kind: 'incident_runbook' | 'peacetime_runbook',
  ): Promise<RunbookContent | null> {
    const version = await this.approved(manager, engagementId, kind);
    return version ? readRunbookContent(kind, version.content).value : null;
  }

  private approved(
    manager: EntityManager,
    engagementId: string,
    kind: EngagementDocumentVersion['kind'],
  ): Promise<EngagementDocumentVersion | null> {
    return manager.getRepository(EngagementDocumentVersion).findOne({
      where: { engagementId, kind, status: 'approved' },
      order: { version: 'DESC' },
    });
  }
}
