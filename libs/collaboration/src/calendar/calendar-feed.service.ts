import { Injectable } from '@nestjs/common';
import { AccessScope, ScopeService } from '@app/identity';
import { Clock, TransactionRunner } from '@app/platform';
import { EntityManager } from 'typeorm';
import { calendarWords } from './calendar-labels';
import { CalendarFeedTokensService } from './calendar-feed-tokens.service';
import { CalendarItem, CalendarItemsService } from './calendar-items.service';
import { IcsEvent, writeIcs } from './ics-writer';

export const CALENDAR_PRODUCT_ID = '-//MDR onboarding portal//Calendar feed//EN';

interface Revision {
  uid: string;
  sequence: number;
  changed_at: Date;
}

/**
 * A person's feed, read with nothing but the token of their link: the token names the person,
 * their scope is built as it is now (a disabled person's link answers nothing), and the items
 * are written as iCalendar in their language. Each item's revision is kept by UID, so a moved
 * date reaches calendars with the same UID and a higher SEQUENCE.
 */
@Injectable()
export class CalendarFeedService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly tokens: CalendarFeedTokensService,
    private readonly scopes: ScopeService,
    private readonly items: CalendarItemsService,
    private readonly clock: Clock,
  ) {}

  /** The feed's text, or null for a malformed, unknown or revoked token. */
  async feed(
    token: string,
    request: { ip: string | null; userAgent: string | null },
  ): Promise<string | null> {
    return this.tx.run(async (manager) => {
      const userId = await this.tokens.userOf(token, manager);
      if (!userId) return null;
      const grant = await this.scopes.grantForFeed(userId);
      if (!grant) return null;
      const scope = AccessScope.of(grant, request);
      const items = await this.items.items(scope, manager);
      const revisions = await this.revise(manager, items);
      return writeIcs({
        productId: CALENDAR_PRODUCT_ID,
        name: calendarWords(scope.language).calendarName,
        timeZone: scope.timeZone,
        stamp: this.clock.now(),
        events: items.map((item): IcsEvent => {
          const revision = revisions.get(item.uid) as Revision;
          return {
            uid: item.uid,
            sequence: revision.sequence,
            when: item.when,
            summary: item.summary,
            description: item.description,
            url: item.url,
            lastModified: new Date(revision.changed_at),
            kind: item.kind,
          };
        }),
      });
    });
  }

  /** Records each item's fingerprint; a changed one gets the next SEQUENCE. */
  private async revise(
    manager: EntityManager,
    items: CalendarItem[],
  ): Promise<Map<string, Revision>> {
    if (items.length === 0) return new Map();
    // In UID order, so feeds of people who share items lock their rows in one order.
    const sorted = [...items].sort((a, b) => (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0));
    const uids = sorted.map((i) => i.uid);
    await manager.query(
      `INSERT INTO calendar_item_revision (uid, fingerprint, sequence, changed_at)
       SELECT t.uid, t.fingerprint, 0, $3 FROM unnest($1::text[], $2::text[]) AS t(uid, fingerprint)
       ON CONFLICT (uid) DO UPDATE
          SET fingerprint = EXCLUDED.fingerprint,
              sequence = calendar_item_revision.sequence + 1,
              changed_at = EXCLUDED.changed_at
        WHERE calendar_item_revision.fingerprint <> EXCLUDED.fingerprint`,
      [uids, sorted.map((i) => i.fingerprint), this.clock.now()],
    );
    const rows: Revision[] = await manager.query(
      `SELECT uid, sequence, changed_at FROM calendar_item_revision WHERE uid = ANY($1::text[])`,
      [uids],
    );
    return new Map(rows.map((r) => [r.uid, r]));
  }
}
