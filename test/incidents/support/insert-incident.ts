import { Incident } from '@app/incidents';
import { Clock } from '@app/platform';
import { TestApp } from '../../support/test-app';

/** An incident written straight into an engagement (no started service needed), for access tests. */
export async function insertIncident(
  t: TestApp,
  engagementId: string,
  title = 'Hidden incident',
): Promise<string> {
  const now = t.app.get(Clock).now();
  const row = await t.dataSource.getRepository(Incident).save({
    engagementId,
    title,
    host: null,
    severity: 'low',
    status: 'new',
    detectionId: null,
    agreementVersion: 1,
    openedBy: null,
    startedAt: now,
    acknowledgeDueAt: new Date(now.getTime() + 3600_000),
    respondDueAt: new Date(now.getTime() + 7200_000),
    acknowledgedAt: null,
    acknowledgedBy: null,
    respondedAt: null,
    respondedBy: null,
    resolvedAt: null,
    closedAt: null,
  });
  return row.id;
}
