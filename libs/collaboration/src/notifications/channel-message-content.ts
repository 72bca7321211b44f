import type { ChannelAnnouncement } from '@app/notify';
import { CHANNEL_EVENT_HEADLINES, CHANNEL_WORDS } from './channel-message-labels';

export type ChannelLanguage = 'ja' | 'en' | 'zh';

/**
 * What a channel message says, in the channel's language, before any product's format: the
 * Slack, MessageCard and Adaptive Card renderers only lay this out, so a fact added here reaches
 * all three.
 */
export interface ChannelMessageContent {
  headline: string;
  /** The step's or incident's title, as people typed it (renderers escape it as they need). */
  title: string;
  customerName: string;
  /** Customer, then severity where the happening has one. */
  facts: { label: string; value: string }[];
  open: { label: string; url: string };
  /** Incidents are shown in the alarming colour, steps in the ordinary one. */
  urgent: boolean;
}

export function channelMessageContent(
  announcement: ChannelAnnouncement,
  language: ChannelLanguage,
  link: string,
): ChannelMessageContent {
  const words = CHANNEL_WORDS[language];
  return {
    headline: CHANNEL_EVENT_HEADLINES[language][announcement.event],
    title: announcement.title[language],
    customerName: announcement.customerName,
    facts: [
      { label: words.customer, value: announcement.customerName },
      ...(announcement.severity ? [{ label: words.severity, value: announcement.severity }] : []),
    ],
    open: { label: words.open, url: link },
    urgent: announcement.event.startsWith('incident'),
  };
}
