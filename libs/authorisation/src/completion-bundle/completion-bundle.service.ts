import { Inject, Injectable } from '@nestjs/common';
import { chainOf } from '@app/audit/audit-chains';
import { chainRecords, ExportedAuditRecord, mayExportAudit } from '@app/audit/audit-export.service';
import { AccessScope } from '@app/identity';
import { APP_CONFIG, AppConfig, Clock, ForbiddenException, TransactionRunner } from '@app/platform';
import { CheckpointService, CheckpointStatements, PdfSealer, SigningKeys } from '@app/proof';
import { OnboardingAccess } from '@app/workflow';
import { CompletionCertificateService } from '../completion-certificate/completion-certificate.service';
import { approvedPlanContent } from './approved-plan-content';
import { chainCoverage } from './bundle-coverage';
import { BundleFile, json, sha256, utf8 } from './bundle-file';
import { BUNDLE_README } from './bundle-readme';
import { documentFiles, domainEvidence, signatureFiles } from './bundle-records';
import { verifierFiles } from './verifier-files';
import { zip } from './zip-writer';
import { AuthorisationError } from '../authorisation-errors';

const BUNDLE_FORMAT = 'mdr-portal/completion-bundle/v1';

export interface CompletionBundle {
  filename: string;
  body: Buffer;
  sha256: string;
}

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
    const { end, covering } = await chainCoverage(
      manager,
      this.statements,
      chain,
      onboarding,
      engagement,
    );
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
    for (const file of await documentFiles(manager, this.sealer, onboarding, engagement)) add(file);
    for (const file of await signatureFiles(manager, this.sealer, onboarding)) add(file);
    add({
      path: 'evidence/domain-confirmation.json',
      kind: 'evidence',
      description:
        'The domain-permission mail (recipient, Message-ID, the statement approved), the decision, and the DNS checks',
      data: json(await domainEvidence(manager, onboarding, this.config.mailFrom)),
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
      data: utf8(BUNDLE_README),
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
}
