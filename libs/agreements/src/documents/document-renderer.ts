import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { Language } from '@app/access';
import { findProjectRoot } from '@app/platform/paths/project-root';
import type { AgreementContent } from '../domain/agreement-content';
import { describeDays, fillFormat, Labels, labelsFor } from '../domain/labels';
import type { RunbookContent, RunbookStep } from '../domain/runbook-content';
import {
  AUTHORISATION_MODES,
  RESPONSE_ACTIONS,
  RunbookKind,
  SEVERITIES,
} from '../domain/vocabulary';

/** Who the document is between; printed in its header. */
export interface DocumentParties {
  engagementName: string;
  customerName: string;
  providerName: string;
}

export interface RenderedDocument {
  html: string;
  /** SHA-256 (hex) of the HTML as UTF-8 bytes, line endings LF: what approvals bind to. */
  sha256: string;
}

const HTML_LANG: Record<Language, string> = { ja: 'ja', en: 'en', zh: 'zh-CN' };

/**
 * The stylesheet of every document. Inline, so the stored HTML is complete on its own; the
 * document route allows exactly this stylesheet by its hash in the Content-Security-Policy.
 */
export const DOCUMENT_STYLE =
  'body{font-family:"Noto Sans SC","Noto Sans JP",sans-serif;max-width:60em;margin:2em auto;color:#1b1b1b;line-height:1.5}' +
  'h1{font-size:1.6em;border-bottom:2px solid #1b1b1b}h2{font-size:1.25em;margin-top:1.6em}h3{font-size:1.05em}' +
  'table{border-collapse:collapse;margin:.5em 0;width:100%}th,td{border:1px solid #999;padding:.25em .5em;text-align:left;vertical-align:top}' +
  'th{background:#eef1f4}pre{white-space:pre-wrap;background:#f6f6f6;padding:.5em}';

export const DOCUMENT_STYLE_CSP_HASH = `sha256-${createHash('sha256').update(DOCUMENT_STYLE).digest('base64')}`;

const MARKER = 'layout.html.hbs';

/** Beside the compiled code when a build copied them, else the source tree (as the mail templates). */
function resolveDocumentTemplatesDir(startDir: string = __dirname): string {
  const candidates = [join(startDir, '..', 'templates')];
  const root = findProjectRoot(startDir);
  if (root !== null) candidates.push(join(root, 'libs', 'agreements', 'src', 'templates'));
  const found = candidates.find((dir) => existsSync(join(dir, MARKER)));
  if (found === undefined)
    throw new Error(`Agreement document templates not found; looked in ${candidates.join(', ')}`);
  return found;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** What the runbook documents show of the agreement they follow. */
interface AgreementExtract {
  version: number;
  content: AgreementContent;
}

/**
 * Renders agreements and runbooks to HTML through Handlebars in the customer's language. The
 * output is a pure function of its inputs (no clock, no ids), so the same version always hashes
 * the same; the PDF is drawn from this HTML.
 */
@Injectable()
export class DocumentRenderer {
  private readonly handlebars = Handlebars.create();
  private readonly layout: Handlebars.TemplateDelegate;
  private readonly agreement: Handlebars.TemplateDelegate;
  private readonly runbook: Handlebars.TemplateDelegate;
  private readonly communication: Handlebars.TemplateDelegate;

  constructor() {
    const dir = resolveDocumentTemplatesDir();
    const partials = join(dir, 'partials');
    for (const file of readdirSync(partials).filter((f) => f.endsWith('.html.hbs'))) {
      this.handlebars.registerPartial(
        file.replace('.html.hbs', ''),
        this.read(join(partials, file)),
      );
    }
    this.layout = this.compile(join(dir, 'layout.html.hbs'));
    this.agreement = this.compile(join(dir, 'agreement.html.hbs'));
    this.runbook = this.compile(join(dir, 'runbook.html.hbs'));
    this.communication = this.compile(join(partials, 'communication.html.hbs'));
  }

  renderAgreement(
    content: AgreementContent,
    version: number,
    language: Language,
    parties: DocumentParties,
  ): RenderedDocument {
    const t = labelsFor(language);
    const body = this.agreement({ t, ...agreementView(t, content) });
    return this.frame(
      t.documentTitle.service_agreement,
      language,
      this.meta(t, parties, version),
      body,
    );
  }

  /**
   * The agreement's language section alone, rendered as in the agreement: what the
   * communication_language approval binds to, so it stays the same across agreement versions
   * that do not change the language or channels.
   */
  renderLanguageSection(content: AgreementContent, language: Language): RenderedDocument {
    const t = labelsFor(language);
    const html = normalise(this.communication({ t, communication: communicationView(t, content) }));
    return { html, sha256: sha256Hex(html) };
  }

  renderRunbook(
    kind: RunbookKind,
    content: RunbookContent,
    version: number,
    language: Language,
    parties: DocumentParties,
    agreement: AgreementExtract | null,
  ): RenderedDocument {
    const t = labelsFor(language);
    const meta = this.meta(t, parties, version);
    meta.push({
      label: t.meta.basedOnAgreement,
      value: agreement
        ? fillFormat(t.formats.version, { version: agreement.version })
        : t.meta.noAgreement,
    });
    const agreementModes = agreement?.content.responseAuthorisation ?? null;
    const steps = content.steps.map((step, index) => {
      const auth =
        step.responseAction && agreementModes ? agreementModes[step.responseAction] : null;
      return {
        number: index + 1,
        title: step.title,
        category: t.category[step.category],
        owner: fillFormat(t.formats.owner, {
          party: t.party[step.owner.party],
          role: t.role[step.owner.role],
        }),
        whenLabel: step.schedule ? t.columns.schedule : t.columns.trigger,
        when: step.schedule ? describeSchedule(t, step.schedule) : (step.trigger ?? ''),
        timing: step.timing,
        severity: step.severity ? t.severity[step.severity] : null,
        authorisation: auth
          ? fillFormat(t.formats.modeWithExplanation, {
              mode: describeMode(t, auth),
              explanation: t.modeExplanation[auth.mode],
            })
          : null,
        actions: step.actions,
      };
    });
    const templates = content.steps
      .filter((step) => step.template)
      .map((step) => ({
        title: step.title,
        subject: step.template?.subject ?? '',
        body: step.template?.body ?? '',
      }));
    const body = this.runbook({
      t,
      operation: t.operation[kind],
      runbookTitle: content.title,
      incident: kind === 'incident_runbook',
      agreement: agreement ? agreementView(t, agreement.content) : null,
      steps,
      templates,
    });
    return this.frame(t.documentTitle[kind], language, meta, body);
  }

  private meta(
    t: Labels,
    parties: DocumentParties,
    version: number,
  ): Array<{ label: string; value: string }> {
    return [
      { label: t.meta.customer, value: parties.customerName },
      { label: t.meta.provider, value: parties.providerName },
      { label: t.meta.engagement, value: parties.engagementName },
      { label: t.meta.version, value: fillFormat(t.formats.version, { version }) },
    ];
  }

  private frame(
    title: string,
    language: Language,
    meta: Array<{ label: string; value: string }>,
    body: string,
  ): RenderedDocument {
    const html = normalise(
      this.layout({ htmlLang: HTML_LANG[language], title, style: DOCUMENT_STYLE, meta, body }),
    );
    return { html, sha256: sha256Hex(html) };
  }

  private read(file: string): string {
    return readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
  }

  private compile(file: string): Handlebars.TemplateDelegate {
    // strict: a misspelt field fails loudly instead of rendering an empty string.
    return this.handlebars.compile(this.read(file), { strict: true });
  }
}

/** The canonical form that is stored and hashed: LF line endings, no trailing blank lines. */
export function normalise(html: string): string {
  return `${html
    .replace(/\r\n?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

function describeMode(
  t: Labels,
  auth: AgreementContent['responseAuthorisation'][keyof AgreementContent['responseAuthorisation']],
): string {
  if (auth.mode !== 'collaborate') return t.mode[auth.mode];
  return fillFormat(t.formats.collaborateMode, {
    mode: t.mode.collaborate,
    timeoutLabel: t.columns.timeout,
    timeout: t.minutes(auth.timeoutMinutes ?? 0),
    fallbackLabel: t.columns.fallback,
    fallback: t.fallback[auth.fallback ?? 'wait'],
  });
}

/** The frequency, and the schedule's detail when it has one. */
function describeSchedule(t: Labels, schedule: NonNullable<RunbookStep['schedule']>): string {
  const frequency = t.frequency[schedule.frequency];
  return schedule.detail
    ? fillFormat(t.formats.scheduleWithDetail, { frequency, detail: schedule.detail })
    : frequency;
}

function communicationView(t: Labels, content: AgreementContent) {
  const c = content.communication;
  return {
    primary: t.language[c.primaryLanguage],
    others: c.otherLanguages.length ? t.list(c.otherLanguages.map((l) => t.language[l])) : t.none,
    channels: t.list(c.channels.map((ch) => t.channel[ch])),
  };
}

function agreementView(t: Labels, content: AgreementContent) {
  const hours = content.serviceHours;
  return {
    scope: {
      clients: String(content.scope.endpoints.client),
      servers: String(content.scope.endpoints.server),
      countries: t.list(content.scope.countries),
      sites: content.scope.sites.map((s) => ({ name: s.name, country: s.country })),
    },
    hours: {
      coverage: t.coverage[hours.coverage],
      timeZone: hours.timeZone,
      days: hours.coverage === 'business_hours' ? describeDays(t, hours.days ?? []) : null,
      hours:
        hours.coverage === 'business_hours'
          ? fillFormat(t.formats.timeRange, { start: hours.start ?? '', end: hours.end ?? '' })
          : null,
    },
    sla: SEVERITIES.map((severity) => ({
      severity: t.severity[severity],
      acknowledge: t.minutes(content.sla[severity].acknowledgeMinutes),
      respond: t.minutes(content.sla[severity].respondMinutes),
      channel: t.channel[content.sla[severity].channel],
    })),
    authorisation: RESPONSE_ACTIONS.map((action) => {
      const auth = content.responseAuthorisation[action];
      return {
        action: t.action[action],
        mode: t.mode[auth.mode],
        timeout:
          auth.mode === 'collaborate'
            ? t.minutes(auth.timeoutMinutes ?? 0)
            : t.formats.notApplicable,
        fallback:
          auth.mode === 'collaborate'
            ? t.fallback[auth.fallback ?? 'wait']
            : t.formats.notApplicable,
      };
    }),
    modes: AUTHORISATION_MODES.map((mode) => ({
      name: t.mode[mode],
      explanation: t.modeExplanation[mode],
    })),
    neverTouch: content.neverTouch.map((a) => ({
      type: t.assetType[a.type],
      name: a.name,
      reason: a.reason ?? '',
    })),
    communication: communicationView(t, content),
    contacts: content.escalationContacts.map((c, index) => ({
      order: String(index + 1),
      name: c.name,
      role: c.role,
      email: c.email,
      phone: c.phone,
      country: c.country,
      workingHours: fillFormat(t.formats.workingHours, {
        days: describeDays(t, c.workingHours.days),
        start: c.workingHours.start,
        end: c.workingHours.end,
        timeZone: c.timeZone,
      }),
    })),
    tuning: t.tuningSentence(content.minimumTuningPeriodDays),
  };
}
