import { Inject, Injectable } from '@nestjs/common';
import { chainOf } from '@app/audit/audit-chains';
import { chainRecords, ExportedAuditRecord, mayExportAudit } from '@app/audit/audit-export.service';
import { EngagementDocumentVersion } from '@app/agreements/entities';
import { AccessScope, Engagement } from '@app/identity';
import { APP_CONFIG, AppConfig, Clock, ForbiddenException, TransactionRunner } from '@app/platform';
import {
  CheckpointService,
  CheckpointStatements,
  PdfSealer,
  SigningKeys,
  StatementDocument,
} from '@app/proof';
import { Onboarding, OnboardingAccess } from '@app/workflow';
import { OnboardingStep } from '@app/workflow/entities/onboarding-step.entity';
import { createHash } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { CompletionCertificateService } from '../completion-certificate/completion-certificate.service';
import { DomainConfirmation } from '../domain-confirmation/entities/domain-confirmation.entity';
import { DomainDnsCheck } from '../domain-confirmation/entities/domain-dns.entity';
import { SignatureEvent } from '../signatures/signature-event.entity';
import { SignatureRequest } from '../signatures/signature-request.entity';
import { approvedPlanContent } from './approved-plan-content';
import { verifierFiles } from './verifier-files';
import { zip } from './zip-writer';
import { AuthorisationError } from '../authorisation-errors';

const BUNDLE_FORMAT = 'mdr-portal/completion-bundle/v1';

interface BundleFile {
  path: string;
  kind:
    | 'certificate'
    | 'document'
    | 'signed_document'
    | 'evidence'
    | 'plan'
    | 'audit_chain'
    | 'checkpoints'
    | 'keys'
    | 'verifier'
    | 'readme';
  description: string;
  data: Buffer;
}

export interface CompletionBundle {
  filename: string;
  body: Buffer;
  sha256: string;
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
const json = (value: unknown): Buffer => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

/**
 * The completion bundle: one zip an auditor checks without us. A signed manifest lists every
 * file with its SHA-256: the certificate, every approved or signed document (HTML and sealed
 * PDF), the signature events, the domain-confirmation evidence, the approved plan content, the
 * engagement's audit chain from #1 to the first checkpoint at or after the service start, the
 * checkpoints up to it (each a statement with its Merkle proof), the public keys and the
 * verifier itself (verify.mjs, verify.html). Making one signs a checkpoint too.
 */
@Injectable()
export class CompletionBundleService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly onboardings: OnboardingAccess,
    private readonly certificates: CompletionCertificateService,
    private readonly checkpoints: CheckpointService,
    private readonly statements: CheckpointStatements,
    private readonly keys: SigningKeys,
    private readonly sealer: PdfSealer,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async bundle(scope: AccessScope, onboardingId: string): Promise<CompletionBundle> {
    const manager = this.tx.manager;
    const { onboarding, engagement } = await this.onboardings.load(scope, manager, onboardingId);
    if (!mayExportAudit(scope))
      throw new ForbiddenException(
        'Only the engagement’s provider lead, account managers and the customer’s security lead take its completion bundle',
      );
    if (onboarding.status !== 'active' || !onboarding.serviceStartedAt) {
      throw new AuthorisationError(
        'COMPLETION_BEFORE_SERVICE_START',
        'The service of this onboarding has not started; the completion bundle exists once it has',
      );
    }
    await this.tx.run((m) => this.checkpoints.issue(m, 'completion_bundle', engagement.id));
    const chain = chainOf(engagement.id);
    const { end, covering } = await this.coverage(manager, chain, onboarding, engagement);
    const records: ExportedAuditRecord[] = [];
    for await (const record of chainRecords(manager, chain, end)) records.push(record);
    const language = (
      await manager.query(`SELECT language FROM organisation WHERE id = $1`, [
        engagement.customerOrganisationId,
      ])
    )[0].language as string;

    const files: BundleFile[] = [];
    const add = (file: BundleFile) => files.push(file);
    const certificateHtml = await this.certificates.render(onboarding, engagement, 'html');
    const certificatePdf = await this.certificates.render(onboarding, engagement, 'pdf');
    add({
      path: 'certificate/completion-certificate.html',
      kind: 'certificate',
      description: 'Certificate of service start (HTML)',
      data: utf8(certificateHtml.body as string),
    });
    add({
      path: 'certificate/completion-certificate.pdf',
      kind: 'certificate',
      description: 'Certificate of service start (PDF, sealed)',
      data: certificatePdf.body as Buffer,
    });
    for (const file of await this.documents(manager, onboarding, engagement)) add(file);
    for (const file of await this.signatures(manager, onboarding)) add(file);
    add({
      path: 'evidence/domain-confirmation.json',
      kind: 'evidence',
      description:
        'The domain-permission mail (recipient, Message-ID, the statement approved), the decision, and the DNS checks',
      data: json(await this.domainEvidence(manager, onboarding)),
    });
    add({
      path: 'plans/approved-proposals.json',
      kind: 'plan',
      description:
        'Approved proposals (roll-out plans, designs) with the SHA-256 of their canonical content',
      data: json(await approvedPlanContent(manager, onboarding.id)),
    });
    add({
      path: 'audit/chain.json',
      kind: 'audit_chain',
      description: `The engagement's audit chain, #1 to #${end}`,
      data: json({
        chain,
        hash: 'sha256 of prevHash, a newline, and the canonical JSON (keys sorted) of the record without seq, prevHash and hash',
        records,
      }),
    });
    add({
      path: 'audit/checkpoints.json',
      kind: 'checkpoints',
      description: 'Signed checkpoints the chain extends, each with its Merkle proof',
      data: json(covering),
    });
    add({
      path: 'keys.json',
      kind: 'keys',
      description: 'The portal’s public keys and PDF seal certificates',
      data: json({
        keys: await this.keys.published(manager),
        pdfSeals: await this.sealer.published(),
      }),
    });
    const verifier = verifierFiles();
    add({
      path: 'verify.mjs',
      kind: 'verifier',
      description: 'The verifier: node verify.mjs <this bundle>',
      data: utf8(verifier.script),
    });
    add({
      path: 'verify.html',
      kind: 'verifier',
      description: 'The verifier as a page: open it in a browser and choose this bundle',
      data: utf8(verifier.page(language)),
    });
    add({
      path: 'README.txt',
      kind: 'readme',
      description: 'What this is and how to verify it',
      data: utf8(README),
    });

    const last = records[records.length - 1];
    const manifest = utf8(
      `${JSON.stringify(
        {
          format: BUNDLE_FORMAT,
          generatedAt: this.clock.now().toISOString(),
          portal: this.config.publicUrl,
          onboarding: {
            id: onboarding.id,
            sequence: onboarding.sequence,
            engagementId: engagement.id,
            engagementName: engagement.name,
            plannedStartDate: onboarding.plannedStartDate,
            serviceStartedAt: onboarding.serviceStartedAt.toISOString(),
          },
          auditChain: {
            chain,
            path: 'audit/chain.json',
            records: records.length,
            headSeq: last.chainSeq,
            headHash: last.hash,
          },
          checkpoints: { path: 'audit/checkpoints.json', count: covering.length },
          files: files.map((f) => ({
            path: f.path,
            kind: f.kind,
            description: f.description,
            bytes: f.data.length,
            sha256: sha256(f.data),
          })),
        },
        null,
        2,
      )}\n`,
    );
    const signature = json({
      algorithm: 'Ed25519',
      keyId: this.keys.current.keyId,
      signature: this.keys.sign(manifest),
    });
    const body = zip(
      [
        { path: 'manifest.json', data: manifest },
        { path: 'manifest.sig.json', data: signature },
        ...files.map((f) => ({ path: f.path, data: f.data })),
      ],
      this.clock.now(),
    );
    return {
      filename: `onboarding-${onboarding.id}-completion-bundle.zip`,
      body,
      sha256: sha256(body),
    };
  }

  /**
   * Where the bundle's chain ends: at the first checkpoint that includes the service start (the
   * one signed in the start's own transaction, for services started since checkpoints exist), and
   * every checkpoint up to it, as this engagement's statements.
   */
  private async coverage(
    manager: EntityManager,
    chain: string,
    onboarding: Onboarding,
    engagement: Engagement,
  ): Promise<{ end: string; covering: StatementDocument[] }> {
    const [start] = (await manager.query(
      `SELECT chain_seq::text AS seq FROM audit_record WHERE chain = $1 AND action = 'onboarding.service_started' AND subject_id = $2 ORDER BY chain_seq LIMIT 1`,
      [chain, onboarding.id],
    )) as { seq: string }[];
    const checkpoints = (await manager.query(
      `SELECT id, leaves FROM audit_checkpoint WHERE leaves @> $1::jsonb ORDER BY number`,
      [JSON.stringify([{ chain }])],
    )) as { id: string; leaves: { chain: string; seq: string }[] }[];
    const withSeq = checkpoints.map((c) => ({
      id: c.id,
      seq: BigInt((c.leaves.find((l) => l.chain === chain) as { seq: string }).seq),
    }));
    const startSeq = start ? BigInt(start.seq) : 1n;
    const first = withSeq.find((c) => c.seq >= startSeq);
    // The bundle's own checkpoint, signed just before, always reaches the start.
    if (first === undefined)
      throw new Error(`No checkpoint of ${chain} reaches its service start (#${startSeq})`);
    const covering: StatementDocument[] = [];
    for (const c of withSeq.filter((c) => c.seq <= first.seq))
      covering.push(await this.statements.document(manager, c.id, engagement.id));
    return { end: String(first.seq), covering };
  }

  /** Every agreement and runbook version a settled step of the onboarding is bound to. */
  private async documents(
    manager: EntityManager,
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
        data: await this.sealer.sealedPdf(
          v.documentHtml,
          v.language,
          `${v.kind} version ${v.version} as approved (SHA-256 ${v.documentSha256})`,
        ),
      });
    }
    return files;
  }

  /** Each signed document (HTML as signed, sealed PDF) and every event of its request. */
  private async signatures(manager: EntityManager, onboarding: Onboarding): Promise<BundleFile[]> {
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
        data: await this.sealer.sealedPdf(
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
        events: events.map((e) => ({
          seq: e.seq,
          kind: e.kind,
          at: e.at.toISOString(),
          actorName: e.actorName,
          actorEmail: e.actorEmail,
          ip: e.ip,
          userAgent: e.userAgent,
          authMethod: e.authMethod,
          typedName: e.typedName,
          documentSha256: e.documentSha256,
          detail: e.detail,
        })),
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

  private async domainEvidence(manager: EntityManager, onboarding: Onboarding): Promise<unknown> {
    const confirmations = await manager
      .getRepository(DomainConfirmation)
      .find({ where: { onboardingId: onboarding.id }, order: { createdAt: 'ASC' } });
    const dns = await manager
      .getRepository(DomainDnsCheck)
      .find({ where: { onboardingId: onboarding.id }, order: { checkedAt: 'ASC' } });
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    return {
      note: 'The mail carried a single-use link that is never stored; the statement below is what it asked the recipient to approve, and its SHA-256 is what the step is bound to.',
      mailFrom: this.config.mailFrom,
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
}

const README = `MDR onboarding portal: completion bundle
=========================================

This file proves who authorised what before the MDR service started, without asking you to
trust the portal. manifest.json lists every file with its SHA-256 and is signed (Ed25519) by
the portal's key (manifest.sig.json); keys.json holds the public keys.

Verify it offline with Node.js 20 or later (no installation, no network):

    node verify.mjs <this-bundle>.zip [--statement <a statement you kept>]... [--keys <published keys>]

or open verify.html in a browser and choose this file. The verifier names every check and the
first that fails: a changed byte in any document, an audit record altered, removed, reordered
or inserted, a wrong signature, an unknown key, a checkpoint the chain does not extend.

The statements mailed to the customer's security lead are independent copies of checkpoints:
give them with --statement to prove that this chain extends what you were told at the time.

日本語: node verify.mjs でこのファイルを検証できます（ブラウザーでは verify.html を開きます）。
中文: 使用 node verify.mjs 验证此文件（或在浏览器中打开 verify.html）。
`;
