/** What an engagement's chat channel can be told of; each channel chooses its own. */
export const CHANNEL_EVENTS = [
  'step_opened',
  'step_approved',
  'incident_opened',
  'incident_updated',
  'approval_requested',
] as const;

export type ChannelEvent = (typeof CHANNEL_EVENTS)[number];

/** The chat products whose incoming webhooks a channel posts to, each in its own format. */
export const CHANNEL_PROVIDERS = ['slack', 'teams'] as const;
export type ChannelProvider = (typeof CHANNEL_PROVIDERS)[number];

export function isChannelEvent(value: unknown): value is ChannelEvent {
  return typeof value === 'string' && (CHANNEL_EVENTS as readonly string[]).includes(value);
}

export function isChannelProvider(value: unknown): value is ChannelProvider {
  return typeof value === 'string' && (CHANNEL_PROVIDERS as readonly string[]).includes(value);
}

/** A text in each portal language, as producers hand titles over (a step's title). */
export type LocalisedText = Readonly<Record<'ja' | 'en' | 'zh', string>>;

/**
 * One happening, as a channel message tells it: plain data written with the change, formatted
 * at delivery in the channel's language and its product's format. `key` names the happening
 * once (an opening of a step, an incident event), so each channel is told of it once.
 */
export interface ChannelAnnouncement {
  event: ChannelEvent;
  key: string;
  customerName: string;
  /** The step's title, or the incident's title (the same in every language). */
  title: LocalisedText;
  /** Path under PUBLIC_URL, e.g. `/onboardings/<id>`. */
  path: string;
  /** For incidents: the severity and the timeline event type (`status_changed`…). */
  severity?: string;
  detail?: string;
}
