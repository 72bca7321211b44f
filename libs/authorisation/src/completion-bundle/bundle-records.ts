import { EngagementDocumentVersion } from '@app/agreements/entities';
import { Engagement } from '@app/identity';
import { PdfSealer } from '@app/proof';
import { Onboarding } from '@app/workflow';
import { OnboardingStep } from '@app/workflow/entities/onboarding-step.entity';
import { EntityManager, In } from 'typeorm';
import { DomainConfirmation } from '../domain-confirmation/entities/domain-confirmation.entity';
import { DomainDnsCheck } from '../domain-confirmation/entities/domain-dns.entity';
import { SignatureEvent } from '../signatures/signature-event.entity';
import { SignatureRequest } from '../signatures/signature-request.entity';
import { eventView } from '../signatures/signature-view';
import { BundleFile, json, utf8 } from './bundle-file';

// What the onboarding's own records put in the completion bundle: the approved documents, the
// signed ones with their events, and the domain-permission evidence.

/** Every agreement and runbook version a settled step of the onboarding is bound to. */
export async function documentFiles(
  manager: EntityManager,
  sealer: PdfSealer,
  onboarding: Onboarding,
  engagement: Engagement,
): Promise<BundleFile[]> {
  const steps = await manager
    .getRepository(OnboardingStep)
    .find({ where: { onboardingId: onboarding.id } });
  const hashes = steps
    .filter((s) => s.contentHash && (s.state === 'done' || s.state === 'waived'))
    .map((s) => s.contentHash as string);
  if (hashes.length === 0) return [];
  const versions = await manager.getRepository(EngagementDocumentVersion).find({
    where: [
      { engagementId: engagement.id, documentSha256: In(hashes) },
      { engagementId: engagement.id, languageSha256: In(hashes) },
    ],
    order: { kind: 'ASC', version: 'ASC' },
  });
  const files: BundleFile[] = [];
  for (const v of versions) {
    const base = `documents/${v.kind}-v${v.version}`;
    files.push({
      path: `${base}.html`,
      kind: 'document',
      description: `${v.kind} version ${v.version}, as approved (SHA-256 of the HTML is what the approval binds to)`,
      data: utf8(v.documentHtml),
    });
    files.push({
      path: `${base}.pdf`,
      kind: 'document',
      description: `${v.kind} version ${v.version} (PDF, sealed)`,
      data: await sealer.sealedPdf(
        v.documentHtml,
        v.language,
        `${v.kind} version ${v.version} as approved (SHA-256 ${v.documentSha256})`,
      ),
    });
  }
  return files;
}

/** Each signed document (HTML as signed, sealed PDF) and every event of its request. */
export async function signatureFiles(
  manager: EntityManager,
  sealer: PdfSealer,
  onboarding: Onboarding,
): Promise<BundleFile[]> {
  const requests = await manager.getRepository(SignatureRequest).find({
    where: { onboardingId: onboarding.id, status: 'signed' },
    order: { signedAt: 'ASC' },
  });
  const files: BundleFile[] = [];
  const trail: unknown[] = [];
  for (const r of requests) {
    const base = `signatures/${r.id}`;
    files.push({
      path: `${base}-document.html`,
      kind: 'signed_document',
      description: `${r.documentTitle}, as signed by ${r.signerName}`,
      data: utf8(r.documentHtml),
    });
    files.push({
      path: `${base}-document.pdf`,
      kind: 'signed_document',
      description: `${r.documentTitle} (PDF, sealed)`,
      data: await sealer.sealedPdf(
        r.documentHtml,
        r.language,
        `Signed by ${r.signerName} (SHA-256 ${r.documentSha256})`,
      ),
    });
    const events = await manager
      .getRepository(SignatureEvent)
      .find({ where: { requestId: r.id }, order: { seq: 'ASC' } });
    trail.push({
      requestId: r.id,
      stepKey: r.stepKey,
      documentTitle: r.documentTitle,
      documentSha256: r.documentSha256,
      document: `${base}-document.html`,
      signerName: r.signerName,
      signerEmail: r.signerEmail,
      typedName: r.typedName,
      signedAt: r.signedAt?.toISOString() ?? null,
      events: events.map(eventView),
    });
  }
  files.push({
    path: 'evidence/signature-events.json',
    kind: 'evidence',
    description:
      'Every event of every signed request: who, when, IP, user agent, authentication, the document SHA-256',
    data: json(trail),
  });
  return files;
}

/** The domain-permission mail, its decision and the DNS checks, as the bundle's evidence file. */
export async function domainEvidence(
  manager: EntityManager,
  onboarding: Onboarding,
  mailFrom: string,
): Promise<unknown> {
  const confirmations = await manager
    .getRepository(DomainConfirmation)
    .find({ where: { onboardingId: onboarding.id }, order: { createdAt: 'ASC' } });
  const dns = await manager
    .getRepository(DomainDnsCheck)
    .find({ where: { onboardingId: onboarding.id }, order: { checkedAt: 'ASC' } });
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    note: 'The mail carried a single-use link that is never stored; the statement below is what it asked the recipient to approve, and its SHA-256 is what the step is bound to.',
    mailFrom: mailFrom,
    confirmations: confirmations.map((c) => ({
      id: c.id,
      recipient: c.recipient,
      language: c.language,
      messageId: c.messageId,
      referenceCode: c.referenceCode,
      mailedAt: iso(c.mailedAt),
      expiresAt: iso(c.expiresAt),
      status: c.status,
      decision: c.status === 'confirmed' || c.status === 'declined' ? c.status : null,
      confirmedVia: c.confirmedVia,
      decidedAt: iso(c.decidedAt),
      replacesId: c.replacesId,
      statement: c.statement,
      statementSha256: c.contentSha256,
    })),
    dnsChecks: dns.map((d) => ({
      domain: d.domain,
      passed: d.passed,
      detail: d.detail,
      checkedAt: d.checkedAt.toISOString(),
    })),
  };
}
