import type { Language, Role } from '@app/access';
import { interpolate } from '@app/platform';
import { AGREEMENTS_MESSAGE_FILES } from '../messages/agreements-messages';
import type {
  AssetType,
  AuthorisationMode,
  Channel,
  CollaborateFallback,
  Coverage,
  DocumentKind,
  Party,
  ResponseAction,
  ScheduleFrequency,
  Severity,
  StepCategory,
  Weekday,
} from './vocabulary';

/** Every word a rendered document or a catalogue-check sentence needs, in one language. */
export interface Labels {
  documentTitle: Record<DocumentKind, string>;
  /** 平時運用 / 有事運用 and their counterparts. */
  operation: { peacetime_runbook: string; incident_runbook: string };
  meta: {
    customer: string;
    provider: string;
    engagement: string;
    version: string;
    language: string;
    basedOnAgreement: string;
    noAgreement: string;
  };
  sections: {
    scope: string;
    serviceHours: string;
    sla: string;
    responseAuthorisation: string;
    neverTouch: string;
    communication: string;
    escalationContacts: string;
    tuning: string;
    steps: string;
    triage: string;
    escalationOrder: string;
    responseActions: string;
    communicationTemplates: string;
  };
  columns: {
    clients: string;
    servers: string;
    countries: string;
    sites: string;
    coverage: string;
    timeZone: string;
    days: string;
    hours: string;
    severity: string;
    acknowledge: string;
    respond: string;
    channel: string;
    action: string;
    mode: string;
    timeout: string;
    fallback: string;
    assetType: string;
    assetName: string;
    reason: string;
    primaryLanguage: string;
    otherLanguages: string;
    channels: string;
    order: string;
    name: string;
    role: string;
    email: string;
    phone: string;
    country: string;
    workingHours: string;
    owner: string;
    trigger: string;
    schedule: string;
    timing: string;
    actions: string;
    subject: string;
    body: string;
    category: string;
  };
  none: string;
  minutes: (n: number) => string;
  days: (n: number) => string;
  tuningSentence: (days: number) => string;
  severity: Record<Severity, string>;
  action: Record<ResponseAction, string>;
  mode: Record<AuthorisationMode, string>;
  modeExplanation: Record<AuthorisationMode, string>;
  fallback: Record<CollaborateFallback, string>;
  channel: Record<Channel, string>;
  coverage: Record<Coverage, string>;
  weekday: Record<Weekday, string>;
  assetType: Record<AssetType, string>;
  party: Record<Party, string>;
  role: Record<Role, string>;
  category: Record<StepCategory, string>;
  frequency: Record<ScheduleFrequency, string>;
  language: Record<Language, string>;
  list: (items: string[]) => string;
  mismatch: MismatchSentences;
  /** How the documents join words and values (`{party} / {role}`), per language. */
  formats: DocumentFormats;
}

/** The patterns the documents and the catalogue check fill with words and values. */
export interface DocumentFormats {
  /** `v{version}` */
  version: string;
  /** `{start}–{end}` */
  timeRange: string;
  /** `{first}–{last}`: three or more days in a row (Mon–Fri). */
  dayRange: string;
  /** `{coverage} ({days} {start}–{end} {timeZone})` */
  businessHours: string;
  /** `{days} {start}–{end} ({timeZone})` */
  workingHours: string;
  /** `{party} / {role}` */
  owner: string;
  /** `{frequency} — {detail}` */
  scheduleWithDetail: string;
  /** `{mode} ({timeoutLabel}: {timeout}, {fallbackLabel}: {fallback})` */
  collaborateMode: string;
  /** `{mode} — {explanation}` */
  modeWithExplanation: string;
  /** What an empty cell shows. */
  notApplicable: string;
}

/** The sentences of the catalogue check; `provider` is the provider organisation's name. */
export interface MismatchSentences {
  noCatalogue: (provider: string) => string;
  noAgreement: () => string;
  language: (wanted: string, provider: string, offered: string) => string;
  sla: (
    severity: string,
    measure: 'acknowledge' | 'respond',
    wanted: number,
    provider: string,
    best: number,
  ) => string;
  action: (action: string, mode: string, provider: string, offered: string) => string;
  hours: (wanted: string, provider: string, offered: string) => string;
  channel: (channel: string, usage: string, provider: string, offered: string) => string;
  slaChannelUsage: (severity: string) => string;
  communicationUsage: () => string;
}

/** `labels.*` in the lib's catalog as written; typed, so a code without a word does not compile. */
type LabelWords = (typeof AGREEMENTS_MESSAGE_FILES)[Language]['labels'];

/** The catalog's words and patterns as the `Labels` the documents and sentences read. */
function fromWords(words: LabelWords): Labels {
  const say = words.mismatch;
  return {
    documentTitle: words.documentTitle,
    operation: words.operation,
    meta: words.meta,
    sections: words.sections,
    columns: words.columns,
    none: words.none,
    minutes: (n) => interpolate(words.minutes, { n }),
    days: (n) => interpolate(words.days, { n }),
    tuningSentence: (days) => interpolate(words.tuningSentence, { days }),
    severity: words.severity,
    action: words.action,
    mode: words.mode,
    modeExplanation: words.modeExplanation,
    fallback: words.fallback,
    channel: words.channel,
    coverage: words.coverage,
    weekday: words.weekday,
    assetType: words.assetType,
    party: words.party,
    role: words.role,
    category: words.category,
    frequency: words.frequency,
    language: words.language,
    list: (items) => items.join(words.listSeparator),
    mismatch: {
      noCatalogue: (provider) => interpolate(say.noCatalogue, { provider }),
      noAgreement: () => say.noAgreement,
      language: (wanted, provider, offered) =>
        interpolate(say.language, { wanted, provider, offered }),
      sla: (severity, measure, wanted, provider, best) =>
        interpolate(say.sla[measure], { severity, wanted, provider, best }),
      action: (action, mode, provider, offered) =>
        interpolate(say.action, { action, mode, provider, offered }),
      hours: (wanted, provider, offered) => interpolate(say.hours, { wanted, provider, offered }),
      channel: (channel, usage, provider, offered) =>
        interpolate(say.channel, { channel, usage, provider, offered }),
      slaChannelUsage: (severity) => interpolate(say.slaChannelUsage, { severity }),
      communicationUsage: () => say.communicationUsage,
    },
    formats: words.formats,
  };
}

const LABELS: Readonly<Record<Language, Labels>> = {
  ja: fromWords(AGREEMENTS_MESSAGE_FILES.ja.labels),
  en: fromWords(AGREEMENTS_MESSAGE_FILES.en.labels),
  zh: fromWords(AGREEMENTS_MESSAGE_FILES.zh.labels),
};

/** Fills a pattern of `Labels.formats` (`{name}` placeholders, as every catalog message). */
export function fillFormat(
  pattern: string,
  values: Readonly<Record<string, string | number>>,
): string {
  return interpolate(pattern, values);
}

export function labelsFor(language: Language): Labels {
  return LABELS[language] ?? LABELS.en;
}

/** Mon–Fri 09:00–18:00 style summaries of days and hours. */
export function describeDays(labels: Labels, days: readonly Weekday[]): string {
  const order: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  const indexes = days.map((d) => order.indexOf(d)).sort((a, b) => a - b);
  const consecutive = indexes.every((value, i) => i === 0 || value === indexes[i - 1] + 1);
  if (indexes.length >= 3 && consecutive) {
    return fillFormat(labels.formats.dayRange, {
      first: labels.weekday[order[indexes[0]]],
      last: labels.weekday[order[indexes[indexes.length - 1]]],
    });
  }
  return labels.list(indexes.map((i) => labels.weekday[order[i]]));
}
