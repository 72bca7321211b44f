import type { ChannelEvent } from '@app/notify';
import { COLLABORATION_MESSAGE_FILES } from '../messages/collaboration-messages';

type Language = 'ja' | 'en' | 'zh';

const { ja, en, zh } = COLLABORATION_MESSAGE_FILES;

/**
 * The headline of each event, in the channel's language (`channel.headline.*` in the catalog);
 * typed per event, so a new event does not compile until its JSON entry exists.
 */
export const CHANNEL_EVENT_HEADLINES: Readonly<Record<Language, Record<ChannelEvent, string>>> = {
  en: en.channel.headline,
  ja: ja.channel.headline,
  zh: zh.channel.headline,
};

/** The words around the facts of a message, in the channel's language (`channel.words.*`). */
export const CHANNEL_WORDS: Readonly<
  Record<Language, { customer: string; severity: string; open: string }>
> = {
  en: en.channel.words,
  ja: ja.channel.words,
  zh: zh.channel.words,
};
