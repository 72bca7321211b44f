import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ChannelEvent, ChannelProvider } from './channel-events';

/**
 * An engagement's Slack or Teams incoming webhook. The URL is the credential (whoever holds it
 * can post to the channel): it is stored sealed (AES-256-GCM, bound to the channel id) and only
 * its host and last characters are ever shown again. Table `notification_channel`.
 */
@Entity()
export class NotificationChannel {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  engagementId: string;

  @Column('text')
  provider: ChannelProvider;

  @Column('text')
  name: string;

  /** The language messages are written in (ja, en, zh). */
  @Column('text')
  language: 'ja' | 'en' | 'zh';

  @Column('text')
  urlSealed: string;

  /** `hooks.slack.com/…AbCd`: enough to recognise it, not to use it. */
  @Column('text')
  urlHint: string;

  @Column('text', { array: true })
  events: ChannelEvent[];

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @Column('timestamptz')
  createdAt: Date;
}
