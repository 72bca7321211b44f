import { recipients, until } from '../../support/polling';
import type { SmtpSink } from '../../support/smtp-sink';
import type { JourneyClient } from './journey-client';

export interface JourneyMail {
  to: string[];
  subject: string;
  text: string;
}

/**
 * Where a journey reads the mail people get: the real SMTP server on loopback (server mode) or
 * the dev mailbox (embedded mode). `mark()` notes what has arrived so far; `next` waits for a
 * mail that arrived after the mark.
 */
export interface MailReader {
  mark(): Promise<number>;
  next(to: string, match: RegExp, after: number, withinMs?: number): Promise<JourneyMail>;
  /** Every mail that arrived after the mark, for a person (what their mailbox shows). */
  since(to: string, after: number): Promise<JourneyMail[]>;
}

export class SinkMail implements MailReader {
  constructor(private readonly sink: SmtpSink) {}

  async mark(): Promise<number> {
    return this.sink.messages.length;
  }

  next(to: string, match: RegExp, after: number, withinMs = 30_000): Promise<JourneyMail> {
    return until(
      `a mail to ${to} matching ${match}`,
      async () =>
        (await this.since(to, after)).find((m) => match.test(m.subject) || match.test(m.text)),
      withinMs,
      100,
    );
  }

  async since(to: string, after: number): Promise<JourneyMail[]> {
    return this.sink.messages
      .slice(after)
      .map((m) => ({ to: recipients(m), subject: m.subject ?? '', text: m.text ?? '' }))
      .filter((m) => m.to.includes(to));
  }
}

interface MailboxItem {
  id: string;
  to: string;
  subject: string;
  text: string;
}

/**
 * The dev mailbox, read as the platform admin (who sees every mail). It lists the newest 200, so
 * the reader keeps its own log of every mail it has seen, in arrival order; marks count in it.
 */
export class DevMailbox implements MailReader {
  private readonly log: MailboxItem[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly client: JourneyClient,
    private readonly admin = 'admin@portal.example',
  ) {}

  async mark(): Promise<number> {
    return (await this.all()).length;
  }

  next(to: string, match: RegExp, after: number, withinMs = 30_000): Promise<JourneyMail> {
    return until(
      `a mail to ${to} matching ${match}`,
      async () =>
        (await this.since(to, after)).find((m) => match.test(m.subject) || match.test(m.text)),
      withinMs,
      200,
    );
  }

  async since(to: string, after: number): Promise<JourneyMail[]> {
    return (await this.all())
      .slice(after)
      .filter((m) => m.to.split(/,\s*/).includes(to))
      .map((m) => ({ to: m.to.split(/,\s*/), subject: m.subject, text: m.text }));
  }

  private async all(): Promise<MailboxItem[]> {
    const body = await this.client.ok<{ items: MailboxItem[] }>(
      this.admin,
      'GET',
      '/api/dev/mailbox?limit=200',
    );
    // Newest first there; the log keeps arrival order.
    for (const item of [...body.items].reverse()) {
      if (this.seen.has(item.id)) continue;
      this.seen.add(item.id);
      this.log.push(item);
    }
    return this.log;
  }
}
