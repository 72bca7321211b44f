import type { ChannelAnnouncement, ChannelProvider } from '@app/notify';
import { CHANNEL_EVENT_HEADLINES, CHANNEL_WORDS } from './channel-message-labels';

type Language = 'ja' | 'en' | 'zh';

/** Slack's mrkdwn treats these three as control characters; everything else is literal. */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Slack incoming webhook: Block Kit blocks, with `text` as the notification's fallback. */
export function slackMessage(
  announcement: ChannelAnnouncement,
  language: Language,
  link: string,
): object {
  const headline = CHANNEL_EVENT_HEADLINES[language][announcement.event];
  const words = CHANNEL_WORDS[language];
  const title = announcement.title[language];
  const fields = [
    { type: 'mrkdwn', text: `*${words.customer}*\n${slackEscape(announcement.customerName)}` },
    ...(announcement.severity
      ? [{ type: 'mrkdwn', text: `*${words.severity}*\n${slackEscape(announcement.severity)}` }]
      : []),
  ];
  return {
    text: `${headline}: ${title} (${announcement.customerName})`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: headline } },
      { type: 'section', text: { type: 'mrkdwn', text: `*${slackEscape(title)}*` }, fields },
      {
        type: 'actions',
        elements: [{ type: 'button', text: { type: 'plain_text', text: words.open }, url: link }],
      },
    ],
  };
}

/**
 * Teams through a retired Office 365 connector's incoming webhook: a MessageCard, the only
 * format a connector takes.
 */
export function teamsMessageCard(
  announcement: ChannelAnnouncement,
  language: Language,
  link: string,
): object {
  const headline = CHANNEL_EVENT_HEADLINES[language][announcement.event];
  const words = CHANNEL_WORDS[language];
  const title = announcement.title[language];
  return {
    '@type': 'MessageCard',
    '@context': 'https://schema.org/extensions',
    summary: `${headline}: ${title}`,
    themeColor: announcement.event.startsWith('incident') ? 'B42318' : '1D4ED8',
    title: headline,
    sections: [
      {
        activityTitle: title,
        facts: [
          { name: words.customer, value: announcement.customerName },
          ...(announcement.severity
            ? [{ name: words.severity, value: announcement.severity }]
            : []),
        ],
      },
    ],
    potentialAction: [
      { '@type': 'OpenUri', name: words.open, targets: [{ os: 'default', uri: link }] },
    ],
  };
}

/**
 * Teams through a Power Automate "Workflows" webhook (the connectors' replacement): a message
 * with one Adaptive Card attachment, which the "post to a channel when a webhook request is
 * received" flow posts as it is. Card text is not HTML, so nothing needs escaping for safety;
 * the title (typed by people) is a TextRun, which unlike a TextBlock reads no Markdown, so it
 * shows as written.
 */
export function teamsAdaptiveCard(
  announcement: ChannelAnnouncement,
  language: Language,
  link: string,
): object {
  const headline = CHANNEL_EVENT_HEADLINES[language][announcement.event];
  const words = CHANNEL_WORDS[language];
  const title = announcement.title[language];
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            {
              type: 'TextBlock',
              text: headline,
              weight: 'Bolder',
              size: 'Medium',
              color: announcement.event.startsWith('incident') ? 'Attention' : 'Accent',
              wrap: true,
            },
            { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: title }] },
            {
              type: 'FactSet',
              facts: [
                { title: words.customer, value: announcement.customerName },
                ...(announcement.severity
                  ? [{ title: words.severity, value: announcement.severity }]
                  : []),
              ],
            },
          ],
          actions: [{ type: 'Action.OpenUrl', title: words.open, url: link }],
        },
      },
    ],
  };
}

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

export function channelMessage(
  provider: ChannelProvider,
  url: URL,
  announcement: ChannelAnnouncement,
  language: Language,
  link: string,
): object {
  if (provider === 'slack') return slackMessage(announcement, language, link);
  return teamsFormatOf(url) === 'message_card'
    ? teamsMessageCard(announcement, language, link)
    : teamsAdaptiveCard(announcement, language, link);
}
