import { Inject, Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCUMENT_STYLE, normalise, sha256Hex } from '@app/agreements/documents/document-renderer';
import type { DocumentFile } from '@app/agreements/services/version-view';
import { labelsFor } from '@app/agreements/domain/labels';
import { PdfSealer } from '@app/proof/pdf-sealer.service';
import { SigningKeys } from '@app/proof/signing-keys.service';
import { WELL_KNOWN_KEYS_PATH } from '@app/proof/well-known';
import { AccessScope, Engagement } from '@app/identity';
import type { Language } from '@app/access';
import { APP_CONFIG, AppConfig, findProjectRoot, TransactionRunner } from '@app/platform';
import { Onboarding, OnboardingAccess, TemplateRegistry } from '@app/workflow';
import { partiesOf } from '../signatures/signature-access';
import { CertifiedPerson, certifiedSteps } from './certificate-facts';
import { completionLabels } from './certificate-labels';
import { AuthorisationError } from '../authorisation-errors';

const HTML_LANG: Record<Language, string> = { ja: 'ja', en: 'en', zh: 'zh-CN' };

/** Beside the compiled code when a build copied them, else the source tree. */
function templatesDir(): string {
  const candidates = [join(__dirname, 'templates')];
  const root = findProjectRoot(__dirname);
  if (root !== null)
    candidates.push(
      join(root, 'libs', 'authorisation', 'src', 'completion-certificate', 'templates'),
    );
  const found = candidates.find((dir) => existsSync(join(dir, 'completion.html.hbs')));
  if (found === undefined)
    throw new Error(
      `Completion certificate template not found; looked in ${candidates.join(', ')}`,
    );
  return found;
}

function personText(language: Language, person: CertifiedPerson | null, system: string): string {
  if (!person) return system;
  const role = person.role ? labelsFor(language).role[person.role] : null;
  return [
    person.email && person.email !== person.name ? `${person.name} <${person.email}>` : person.name,
    person.organisation,
    role,
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * The certificate of a started service: every step the start gate required, who settled it
 * (name, organisation, role), when, the content hash it binds to and the evidence behind the
 * signature and domain-permission steps; then who started the service and when. In the
 * customer's language, as HTML in the documents' style and as a PDF drawn from that HTML.
 */
@Injectable()
export class CompletionCertificateService {
  private readonly template: Handlebars.TemplateDelegate;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly onboardings: OnboardingAccess,
    private readonly templates: TemplateRegistry,
    private readonly sealer: PdfSealer,
    private readonly keys: SigningKeys,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const source = readFileSync(join(templatesDir(), 'completion.html.hbs'), 'utf8');
    this.template = Handlebars.create().compile(source, { strict: true });
  }

  async certificate(
    scope: AccessScope,
    onboardingId: string,
    format: 'html' | 'pdf',
  ): Promise<DocumentFile> {
    const { onboarding, engagement } = await this.onboardings.load(
      scope,
      this.tx.manager,
      onboardingId,
    );
    return this.render(onboarding, engagement, format);
  }

  /** The certificate of an onboarding already loaded within the caller's scope (the bundle's). */
  async render(
    onboarding: Onboarding,
    engagement: Engagement,
    format: 'html' | 'pdf',
  ): Promise<DocumentFile> {
    const manager = this.tx.manager;
    if (onboarding.status !== 'active' || !onboarding.serviceStartedAt) {
      throw new AuthorisationError(
        'COMPLETION_BEFORE_SERVICE_START',
        'The service of this onboarding has not started; the certificate exists once it has',
      );
    }
    const { customer, provider } = await partiesOf(manager, engagement);
    const language = customer.language;
    const t = completionLabels(language);
    const { steps, startedBy } = await certifiedSteps(
      manager,
      this.templates,
      onboarding,
      customer.name,
      language,
    );
    const html = normalise(
      this.template({
        t,
        htmlLang: HTML_LANG[language],
        style: DOCUMENT_STYLE,
        customerName: customer.name,
        providerName: provider.name,
        engagementName: engagement.name,
        onboardingId: onboarding.id,
        plannedStartDate: onboarding.plannedStartDate,
        serviceStartedAt: onboarding.serviceStartedAt.toISOString(),
        startedBy: personText(language, startedBy, t.system),
        steps: steps.map((step, index) => ({
          number: index + 1,
          title: step.title,
          phase: step.phase,
          outcome:
            step.state === 'waived'
              ? `${t.outcome.waived}${step.reason ? ` — ${t.waivedReason}: ${step.reason}` : ''}`
              : t.kind[step.type],
          by: personText(language, step.by, t.system),
          at: step.at ? step.at.toISOString() : t.none,
          contentHash: step.contentHash ?? t.none,
          evidence: step.evidence
            ? `${t.evidence[step.evidence.kind]} ${step.evidence.id}`
            : t.none,
        })),
        verification: {
          keyId: this.keys.current.keyId,
          publicKey: this.keys.current.publicRaw.toString('base64'),
          sealFingerprint: (await this.sealer.certificate()).fingerprint,
          publishedAt: `${this.config.publicUrl}${WELL_KNOWN_KEYS_PATH}`,
        },
      }),
    );
    const sha256 = sha256Hex(html);
    const filename = `onboarding-${onboarding.id}-completion-certificate.${format}`;
    if (format === 'html')
      return { contentType: 'text/html; charset=utf-8', body: html, sha256, filename };
    return {
      contentType: 'application/pdf',
      body: await this.sealer.sealedPdf(
        html,
        language,
        `Certificate of service start, onboarding ${onboarding.id}`,
      ),
      sha256,
      filename,
    };
  }
}
