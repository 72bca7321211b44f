import type { Language } from '@app/access';
import { AUTHORISATION_MESSAGE_FILES } from '../messages/authorisation-messages';

/** The words of the service completion certificate, per language (the engagement's). */
export interface CompletionLabels {
  title: string;
  intro: string;
  customer: string;
  provider: string;
  engagement: string;
  onboarding: string;
  plannedStart: string;
  serviceStarted: string;
  startedBy: string;
  stepsHeading: string;
  hashNote: string;
  columns: {
    step: string;
    phase: string;
    outcome: string;
    by: string;
    at: string;
    contentHash: string;
    evidence: string;
  };
  outcome: Record<'done' | 'waived', string>;
  kind: Record<
    'approval' | 'signature' | 'email_confirmation' | 'task' | 'automatic_check',
    string
  >;
  evidence: Record<'signature_request' | 'domain_confirmation', string>;
  system: string;
  none: string;
  waivedReason: string;
  verification: {
    heading: string;
    note: string;
    keyId: string;
    publicKey: string;
    seal: string;
    published: string;
  };
}

/** `completionCertificate.*` in the lib's catalog; typed, so a missing word does not compile. */
const LABELS: Readonly<Record<Language, CompletionLabels>> = {
  ja: AUTHORISATION_MESSAGE_FILES.ja.completionCertificate,
  en: AUTHORISATION_MESSAGE_FILES.en.completionCertificate,
  zh: AUTHORISATION_MESSAGE_FILES.zh.completionCertificate,
};

export function completionLabels(language: Language): CompletionLabels {
  return LABELS[language];
}
