import type { Language } from '@app/access';
import { interpolate } from '@app/platform';
import { AUTHORISATION_MESSAGE_FILES } from '../messages/authorisation-messages';
import type { AuthMethod, RequestStatus, SignatureEventKind } from './signature-vocabulary';

/** The words of the authorisation letter and the certificate of completion, per language. */
export interface SignatureLabels {
  letterTitle: string;
  customer: string;
  provider: string;
  engagement: string;
  edrProduct: string;
  edrTenant: string;
  /** {customer} {provider} {product} {tenant} are filled in. */
  grant: string;
  scopeHeading: string;
  scope: string[];
  excludedHeading: string;
  excluded: string[];
  termHeading: string;
  term: string;
  signatureHeading: string;
  signature: string;
  certificateTitle: string;
  request: string;
  document: string;
  documentSha256: string;
  signer: string;
  status: string;
  eventsHeading: string;
  columns: {
    seq: string;
    event: string;
    at: string;
    actor: string;
    ip: string;
    userAgent: string;
    method: string;
    typedName: string;
    detail: string;
  };
  event: Record<SignatureEventKind, string>;
  method: Record<AuthMethod, string>;
  statuses: Record<RequestStatus, string>;
  hashNote: string;
}

/** `signature.*` in the lib's catalog; typed, so a missing word does not compile. */
const LABELS: Readonly<Record<Language, SignatureLabels>> = {
  ja: AUTHORISATION_MESSAGE_FILES.ja.signature,
  en: AUTHORISATION_MESSAGE_FILES.en.signature,
  zh: AUTHORISATION_MESSAGE_FILES.zh.signature,
};

export function signatureLabels(language: Language): SignatureLabels {
  return LABELS[language];
}

/** Fills `{name}` placeholders, as every catalog message is filled. */
export function fill(template: string, values: Record<string, string>): string {
  return interpolate(template, values);
}
