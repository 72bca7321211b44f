import { createHash } from 'node:crypto';
import { DocumentFile, sha256Hex } from '@app/agreements';
import { AccessScope } from '@app/identity';
import { ClosureReportService } from '@app/incidents';

/** An incident's closure report as a document to send (the API's and the portal's route alike). */
export async function closureReportFile(
  reports: ClosureReportService,
  scope: AccessScope,
  engagementId: string,
  incidentId: string,
  format: 'html' | 'pdf',
): Promise<DocumentFile> {
  if (format === 'pdf') {
    const body = await reports.pdfOf(scope, engagementId, incidentId);
    return {
      contentType: 'application/pdf',
      sha256: createHash('sha256').update(body).digest('hex'),
      filename: `incident-${incidentId}.pdf`,
      body,
    };
  }
  const { html } = await reports.html(scope, engagementId, incidentId);
  return {
    contentType: 'text/html; charset=utf-8',
    sha256: sha256Hex(html),
    filename: `incident-${incidentId}.html`,
    body: html,
  };
}
