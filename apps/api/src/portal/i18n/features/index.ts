import type { Language } from '@app/identity';
import { INCIDENTS_MESSAGES } from '@app/incidents/messages/incidents-messages';
import type { FeatureCatalog, MessageTree } from '../message-tree';
import protectionEn from './protection.en.json';
import protectionJa from './protection.ja.json';
import protectionZh from './protection.zh.json';
import signaturesEn from './signatures.en.json';
import signaturesJa from './signatures.ja.json';
import signaturesZh from './signatures.zh.json';
import domainConfirmationEn from './domain-confirmation.en.json';
import domainConfirmationJa from './domain-confirmation.ja.json';
import domainConfirmationZh from './domain-confirmation.zh.json';
import incidentsEn from './incidents.en.json';
import incidentsJa from './incidents.ja.json';
import incidentsZh from './incidents.zh.json';
import rolloutPlanningEn from './rollout-planning.en.json';
import rolloutPlanningJa from './rollout-planning.ja.json';
import rolloutPlanningZh from './rollout-planning.zh.json';
import inventoryEn from './inventory.en.json';
import inventoryJa from './inventory.ja.json';
import inventoryZh from './inventory.zh.json';
import customerHomeEn from './customer-home.en.json';
import customerHomeJa from './customer-home.ja.json';
import customerHomeZh from './customer-home.zh.json';
import incidentPagesEn from './incident-pages.en.json';
import incidentPagesJa from './incident-pages.ja.json';
import incidentPagesZh from './incident-pages.zh.json';
import overviewEn from './overview.en.json';
import overviewJa from './overview.ja.json';
import overviewZh from './overview.zh.json';
import taskEvidenceEn from './task-evidence.en.json';
import taskEvidenceJa from './task-evidence.ja.json';
import taskEvidenceZh from './task-evidence.zh.json';
import proposalsEn from './proposals.en.json';
import proposalsJa from './proposals.ja.json';
import proposalsZh from './proposals.zh.json';
import accountEn from './account.en.json';
import accountJa from './account.ja.json';
import accountZh from './account.zh.json';
import apiKeysEn from './api-keys.en.json';
import apiKeysJa from './api-keys.ja.json';
import apiKeysZh from './api-keys.zh.json';
import passwordResetEn from './password-reset.en.json';
import passwordResetJa from './password-reset.ja.json';
import passwordResetZh from './password-reset.zh.json';
import sessionsEn from './sessions.en.json';
import sessionsJa from './sessions.ja.json';
import sessionsZh from './sessions.zh.json';
import mfaEn from './mfa.en.json';
import mfaJa from './mfa.ja.json';
import mfaZh from './mfa.zh.json';
import mfaPolicyEn from './mfa-policy.en.json';
import mfaPolicyJa from './mfa-policy.ja.json';
import mfaPolicyZh from './mfa-policy.zh.json';
import passkeysEn from './passkeys.en.json';
import passkeysJa from './passkeys.ja.json';
import passkeysZh from './passkeys.zh.json';
import proofEn from './proof.en.json';
import proofJa from './proof.ja.json';
import proofZh from './proof.zh.json';
import signInSsoEn from './sign-in-sso.en.json';
import signInSsoJa from './sign-in-sso.ja.json';
import signInSsoZh from './sign-in-sso.zh.json';
import conversationsEn from './conversations.en.json';
import conversationsJa from './conversations.ja.json';
import conversationsZh from './conversations.zh.json';
import notificationsEn from './notifications.en.json';
import notificationsJa from './notifications.ja.json';
import notificationsZh from './notifications.zh.json';
import calendarEn from './calendar.en.json';
import calendarJa from './calendar.ja.json';
import calendarZh from './calendar.zh.json';
import readinessEn from './readiness.en.json';
import readinessJa from './readiness.ja.json';
import readinessZh from './readiness.zh.json';
import evidenceEn from './evidence.en.json';
import evidenceJa from './evidence.ja.json';
import evidenceZh from './evidence.zh.json';

/**
 * The incident pages' wording plus the words for event types and statuses, which live in the
 * incidents lib's catalog (`incident.event`, `incident.status`) because the closure report prints
 * them too (one catalog, no drift).
 */
function incidentPages(language: Language, catalog: { incidentPages: MessageTree }): MessageTree {
  const incident = INCIDENTS_MESSAGES.trees[language].incident as MessageTree;
  return {
    incidentPages: { ...catalog.incidentPages, event: incident.event, status: incident.status },
  };
}

/**
 * Each feature's portal wording, one entry per feature: import its three files
 * (`<feature>.<language>.json`) and add `{ ja, en, zh }` here. Keeps features' translations out of
 * each other's way; the platform's `messageCatalog` merges them with the base files.
 */
export const FEATURE_CATALOGS: readonly FeatureCatalog[] = [
  { ja: protectionJa, en: protectionEn, zh: protectionZh },
  { ja: signaturesJa, en: signaturesEn, zh: signaturesZh },
  { ja: domainConfirmationJa, en: domainConfirmationEn, zh: domainConfirmationZh },
  { ja: incidentsJa, en: incidentsEn, zh: incidentsZh },
  { ja: rolloutPlanningJa, en: rolloutPlanningEn, zh: rolloutPlanningZh },
  { ja: inventoryJa, en: inventoryEn, zh: inventoryZh },
  { ja: overviewJa, en: overviewEn, zh: overviewZh },
  { ja: customerHomeJa, en: customerHomeEn, zh: customerHomeZh },
  { ja: taskEvidenceJa, en: taskEvidenceEn, zh: taskEvidenceZh },
  { ja: proposalsJa, en: proposalsEn, zh: proposalsZh },
  { ja: accountJa, en: accountEn, zh: accountZh },
  { ja: proofJa, en: proofEn, zh: proofZh },
  { ja: apiKeysJa, en: apiKeysEn, zh: apiKeysZh },
  { ja: passwordResetJa, en: passwordResetEn, zh: passwordResetZh },
  { ja: sessionsJa, en: sessionsEn, zh: sessionsZh },
  { ja: mfaJa, en: mfaEn, zh: mfaZh },
  { ja: signInSsoJa, en: signInSsoEn, zh: signInSsoZh },
  { ja: mfaPolicyJa, en: mfaPolicyEn, zh: mfaPolicyZh },
  { ja: passkeysJa, en: passkeysEn, zh: passkeysZh },
  { ja: conversationsJa, en: conversationsEn, zh: conversationsZh },
  { ja: notificationsJa, en: notificationsEn, zh: notificationsZh },
  { ja: calendarJa, en: calendarEn, zh: calendarZh },
  { ja: readinessJa, en: readinessEn, zh: readinessZh },
  { ja: evidenceJa, en: evidenceEn, zh: evidenceZh },
  {
    ja: incidentPages('ja', incidentPagesJa),
    en: incidentPages('en', incidentPagesEn),
    zh: incidentPages('zh', incidentPagesZh),
  },
];
