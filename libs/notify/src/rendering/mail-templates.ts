/** What the welcome mail needs; optional links are explicit nulls so strict templates can test them. */
export interface WelcomeEmailModel {
  displayName: string;
  organisationName: string;
  loginUrl: string;
  setPasswordUrl: string | null;
}

/** Template name → the data it renders; `MailRenderer.render` is type-checked against this map. */
export interface MailTemplates {
  'welcome-email': WelcomeEmailModel;
}

export type MailTemplateName = keyof MailTemplates;

/** Every template, compiled at boot so a missing file fails the start rather than a job. */
export const MAIL_TEMPLATE_NAMES: readonly MailTemplateName[] = ['welcome-email'];
