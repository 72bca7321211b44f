import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DOCUMENT_STYLE,
  normalise,
  RenderedDocument,
  sha256Hex,
} from '@app/agreements/documents/document-renderer';
import type { Language } from '@app/access';
import { findProjectRoot } from '@app/platform/paths/project-root';
import { fill, signatureLabels } from './signature-labels';
import type { RequestStatus, SignatureEventKind, AuthMethod } from './signature-vocabulary';

const HTML_LANG: Record<Language, string> = { ja: 'ja', en: 'en', zh: 'zh-CN' };

/** Beside the compiled code when a build copied them, else the source tree. */
function templatesDir(): string {
  const candidates = [join(__dirname, 'templates')];
  const root = findProjectRoot(__dirname);
  if (root !== null)
    candidates.push(join(root, 'libs', 'authorisation', 'src', 'signatures', 'templates'));
  const found = candidates.find((dir) => existsSync(join(dir, 'letter.html.hbs')));
  if (found === undefined)
    throw new Error(`Signature templates not found; looked in ${candidates.join(', ')}`);
  return found;
}

/** What the authorisation letter names. */
export interface LetterInput {
  language: Language;
  customerName: string;
  providerName: string;
  engagementName: string;
  edrProduct: string;
  edrTenant: string;
}

export interface CertificateEvent {
  seq: number;
  kind: SignatureEventKind;
  at: Date;
  actorName: string | null;
  actorEmail: string | null;
  ip: string | null;
  userAgent: string | null;
  authMethod: AuthMethod | null;
  typedName: string | null;
  documentSha256: string;
  detail: string | null;
}

export interface CertificateInput {
  language: Language;
  requestId: string;
  documentTitle: string;
  documentSha256: string;
  customerName: string;
  providerName: string;
  signerName: string;
  signerEmail: string;
  status: RequestStatus;
  events: CertificateEvent[];
}

/**
 * The authorisation letter and the certificate of completion, as self-contained HTML in the
 * agreements' document style (so the same CSP hash and PDF writer serve them). The letter is a
 * pure function of its input: the same engagement renders the same bytes and hash.
 */
@Injectable()
export class SignatureDocuments {
  private readonly handlebars = Handlebars.create();
  private readonly letter: Handlebars.TemplateDelegate;
  private readonly certificateTemplate: Handlebars.TemplateDelegate;

  constructor() {
    const dir = templatesDir();
    const compile = (name: string): Handlebars.TemplateDelegate =>
      this.handlebars.compile(readFileSync(join(dir, name), 'utf8'), { strict: true });
    this.letter = compile('letter.html.hbs');
    this.certificateTemplate = compile('certificate.html.hbs');
  }

  renderLetter(input: LetterInput): RenderedDocument & { title: string } {
    const t = signatureLabels(input.language);
    const grant = fill(t.grant, {
      customer: input.customerName,
      provider: input.providerName,
      product: input.edrProduct,
      tenant: input.edrTenant,
    });
    const html = normalise(
      this.letter({
        ...input,
        t,
        grant,
        htmlLang: HTML_LANG[input.language],
        style: DOCUMENT_STYLE,
      }),
    );
    return { html, sha256: sha256Hex(html), title: t.letterTitle };
  }

  renderCertificate(input: CertificateInput): string {
    const t = signatureLabels(input.language);
    const events = input.events.map((e) => ({
      seq: e.seq,
      event: t.event[e.kind],
      at: e.at.toISOString(),
      actor:
        [e.actorName, e.actorEmail ? `<${e.actorEmail}>` : null].filter(Boolean).join(' ') || '—',
      ip: e.ip ?? '—',
      userAgent: e.userAgent ?? '—',
      method: e.authMethod ? t.method[e.authMethod] : '—',
      typedName: e.typedName ?? '—',
      detail: e.detail ?? '—',
      documentSha256: e.documentSha256,
    }));
    return normalise(
      this.certificateTemplate({
        t,
        htmlLang: HTML_LANG[input.language],
        style: DOCUMENT_STYLE,
        requestId: input.requestId,
        documentTitle: input.documentTitle,
        documentSha256: input.documentSha256,
        customerName: input.customerName,
        providerName: input.providerName,
        signer: `${input.signerName} <${input.signerEmail}>`,
        status: t.statuses[input.status],
        events,
      }),
    );
  }
}
