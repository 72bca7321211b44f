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

/** Teams incoming webhook: a MessageCard (the connector format every Teams webhook takes). */
export function teamsMessage(
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

export function channelMessage(
  provider: ChannelProvider,
  announcement: ChannelAnnouncement,
  language: Language,
  link: string,
): object {
  return provider === 'slack'
    ? slackMessage(announcement, language, link)
    : teamsMessage(announcement, language, link);
}
