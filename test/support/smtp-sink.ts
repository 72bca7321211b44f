import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  /** Every message received so far, parsed, in arrival order. */
  messages: ParsedMail[];
  /** Resolves with the messages once at least `count` have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  /**
   * From now on, once `count` messages have been accepted, hold every further message at the
   * end of DATA: read it but give no reply, so the sender waits and nothing more is accepted.
   */
  holdAfter(count: number): void;
  /** How many messages are being held right now. */
  held(): number;
  /** Stops holding: held messages get a temporary failure (451, the sender retries later). */
  release(): void;
  stop(): Promise<void>;
}

export interface HeldMessage {
  /** RCPT TO addresses of the message being held. */
  recipients: string[];
}

export interface HoldingSmtpSink extends SmtpSink {
  /**
   * Holds the next message in flight: the sink reads its DATA and never answers, as a stalled
   * server does, so the client still waits for the 250 when the test kills it. Resolves when
   * that message's DATA has begun. With `to`, only a message to one of these addresses is held.
   */
  holdNext(to?: string[]): Promise<HeldMessage>;
  /** Drops the held message's connection without accepting it (no 250: not delivered). */
  dropHeld(): void;
}

/** A real SMTP server on loopback (random port, no auth, no TLS) that keeps what it receives. */
export function startSmtpSink(): Promise<SmtpSink> {
  return startHoldingSmtpSink();
}

/** The same server, able to hold a message in flight (see `holdNext`). */
export async function startHoldingSmtpSink(): Promise<HoldingSmtpSink> {
  const messages: ParsedMail[] = [];
  const waiters = new Set<() => void>();
  let announceHeld: ((held: HeldMessage) => void) | null = null;
  let holdOnlyTo: string[] | null = null;
  let drop: (() => void) | null = null;
  let holdLimit: number | null = null;
  let holding: ((error?: Error) => void)[] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const recipients = session.envelope.rcptTo.map((r) => r.address);
      if (
        announceHeld &&
        (holdOnlyTo === null || recipients.some((r) => holdOnlyTo?.includes(r)))
      ) {
        const announce = announceHeld;
        announceHeld = null;
        stream.resume();
        drop = () => {
          for (const connection of server.connections)
            if (connection.id === session.id) connection.close();
          callback(Object.assign(new Error('dropped'), { responseCode: 421 }));
        };
        announce({ recipients });
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          if (holdLimit !== null && messages.length >= holdLimit) {
            holding.push(callback);
            return;
          }
          messages.push(mail);
          waiters.forEach((wake) => wake());
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  // Answering a dropped connection whose client is gone reports socket errors: expected here.
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;

  function waitFor(count: number, timeoutMs = 15_000): Promise<ParsedMail[]> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        if (messages.length < count) return false;
        cleanup();
        resolve(messages.slice());
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(`SMTP sink: ${messages.length} of ${count} messages after ${timeoutMs} ms`),
        );
      }, timeoutMs);
      const wake = (): void => void check();
      const cleanup = (): void => {
        clearTimeout(timer);
        waiters.delete(wake);
      };
      if (!check()) waiters.add(wake);
    });
  }

  function release(): void {
    holdLimit = null;
    const answers = holding;
    holding = [];
    for (const answer of answers) {
      try {
        answer(Object.assign(new Error('Try again later'), { responseCode: 451 }));
      } catch {
        // the sender is gone (killed while waiting)
      }
    }
  }

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor,
    holdNext: (to?: string[]) => {
      holdOnlyTo = to ?? null;
      return new Promise<HeldMessage>((resolve) => (announceHeld = resolve));
    },
    dropHeld: () => {
      drop?.();
      drop = null;
    },
    holdAfter: (count: number) => {
      holdLimit = count;
    },
    held: () => holding.length,
    release,
    stop: () => {
      release();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
