/** Which of Teams' two webhook formats a channel's URL takes. */
export type TeamsFormat = 'message_card' | 'adaptive_card';

/**
 * Decided by the URL, not chosen when the channel is added: the URL is what Teams issued, so it
 * cannot disagree with itself. Connector webhooks have fixed hosts (`*.webhook.office.com`, the
 * older `outlook.office.com`) and the `/webhookb2/` path; Microsoft retired them, so everything
 * else (Workflows hosts vary: `*.logic.azure.com`, `*.powerplatform.com`, `api.powerautomate.com`)
 * is taken to be a Workflows webhook and gets an Adaptive Card.
 */
export function teamsFormatOf(url: URL): TeamsFormat {
  const host = url.hostname.toLowerCase();
  const connector =
    host.endsWith('.webhook.office.com') ||
    host === 'outlook.office.com' ||
    host === 'outlook.office365.com' ||
    url.pathname.startsWith('/webhookb2/');
  return connector ? 'message_card' : 'adaptive_card';
}
