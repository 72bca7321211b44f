import type { ChannelAnnouncement, ChannelProvider } from '@app/notify';
import {
  channelMessageContent,
  type ChannelLanguage,
  type ChannelMessageContent,
} from './channel-message-content';
import { teamsFormatOf } from './teams-format';

/** Slack's mrkdwn treats these three as control characters; everything else is literal. */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Slack incoming webhook: Block Kit blocks, with `text` as the notification's fallback. */
export function slackMessage(content: ChannelMessageContent): object {
  const { headline, title, customerName, facts, open } = content;
  return {
    text: `${headline}: ${title} (${customerName})`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: headline } },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `*${slackEscape(title)}*` },
        fields: facts.map((fact) => ({
          type: 'mrkdwn',
          text: `*${fact.label}*\n${slackEscape(fact.value)}`,
        })),
      },
      {
        type: 'actions',
        elements: [
          { type: 'button', text: { type: 'plain_text', text: open.label }, url: open.url },
        ],
      },
    ],
  };
}

/**
 * Teams through a retired Office 365 connector's incoming webhook: a MessageCard, the only
 * format a connector takes.
 */
export function teamsMessageCard(content: ChannelMessageContent): object {
  const { headline, title, facts, open } = content;
  return {
    '@type': 'MessageCard',
    '@context': 'https://schema.org/extensions',
    summary: `${headline}: ${title}`,
    themeColor: content.urgent ? 'B42318' : '1D4ED8',
    title: headline,
    sections: [
      {
        activityTitle: title,
        facts: facts.map((fact) => ({ name: fact.label, value: fact.value })),
      },
    ],
    potentialAction: [
      { '@type': 'OpenUri', name: open.label, targets: [{ os: 'default', uri: open.url }] },
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
export function teamsAdaptiveCard(content: ChannelMessageContent): object {
  const { headline, title, facts, open } = content;
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
              color: content.urgent ? 'Attention' : 'Accent',
              wrap: true,
            },
            { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: title }] },
            {
              type: 'FactSet',
              facts: facts.map((fact) => ({ title: fact.label, value: fact.value })),
            },
          ],
          actions: [{ type: 'Action.OpenUrl', title: open.label, url: open.url }],
        },
      },
    ],
  };
}

/** The body posted to a channel: the product's format, and for Teams the one its URL takes. */
export function channelMessage(
  provider: ChannelProvider,
  url: URL,
  announcement: ChannelAnnouncement,
  language: ChannelLanguage,
  link: string,
): object {
  const content = channelMessageContent(announcement, language, link);
  if (provider === 'slack') return slackMessage(content);
  return teamsFormatOf(url) === 'message_card'
    ? teamsMessageCard(content)
    : teamsAdaptiveCard(content);
}
