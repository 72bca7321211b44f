import { Engagement } from '@app/identity';
import type { Language } from '@app/access';
import type { DocumentSection, PlanSnapshot, SnapshotProvider } from '@app/workflow';
import { parseStored } from '@app/platform';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { NotificationRouting } from '../routing/notification-routing.entity';
import { routeDetection, RoutingMode } from '../routing/route-detection';
import { loadRoutingPeople, toCandidates } from '../routing/routing-candidates';
import { ConfigurationSpec, describeChanges, rowKey } from './snapshot-vocabulary';
import { WORDS } from './snapshot-words';
import { ROLLOUT_MESSAGE_FILES } from '../messages/rollout-messages';

export const NOTIFICATION_ROUTING = 'notification_routing';

/** What the document shows beside the mode: where each country's detections go. */
const contextSchema = z.object({
  countries: z.array(
    z.object({
      country: z.string(),
      endpoints: z.number(),
      recipients: z.array(z.string()),
      fallback: z.boolean(),
    }),
  ),
  headquarters: z.array(z.string()),
});
type Context = z.infer<typeof contextSchema>;

type Words = {
  title: string;
  heading: string;
  rule: string;
  mode: Record<RoutingMode, string>;
  explained: Record<RoutingMode, string>;
  headquarters: string;
  routesHeading: string;
  routesIntro: string;
  columns: string[];
  empty: string;
  fallback: string;
  notSetUp: string;
};

/** The document's words (`snapshotDocument.routing` in the roll-out catalog), typed. */
const W: Readonly<Record<Language, Words>> = {
  ja: wordsIn('ja'),
  en: wordsIn('en'),
  zh: wordsIn('zh'),
};

function wordsIn(language: Language): Words {
  const words = ROLLOUT_MESSAGE_FILES[language].snapshotDocument.routing;
  return words;
}

const localised = (pick: (w: Words) => string) => ({
  en: pick(W.en),
  ja: pick(W.ja),
  zh: pick(W.zh),
});

const SPEC: ConfigurationSpec = {
  facts: {
    mode: {
      label: localised((w) => w.rule),
      format: (v, l) => (v === 'per_country' || v === 'headquarters_first' ? W[l].mode[v] : '—'),
    },
  },
  collections: {},
};

/**
 * `notification_routing`: the rule (each country's IT staff, or headquarters first). Who that
 * reaches per country is shown as it was when proposed; it follows the customer's people.
 */
export const routingSnapshot: SnapshotProvider = {
  title: localised((w) => w.title),

  async take(manager: EntityManager, engagementId: string): Promise<PlanSnapshot> {
    const engagement = await manager
      .getRepository(Engagement)
      .findOneByOrFail({ id: engagementId });
    const routing = await manager.getRepository(NotificationRouting).findOneBy({ engagementId });
    const people = await loadRoutingPeople(manager, engagement);
    const counts: { country: string; endpoints: number }[] = await manager.query(
      `SELECT country, count(*)::int AS endpoints FROM endpoint WHERE engagement_id = $1 GROUP BY country ORDER BY country`,
      [engagementId],
    );
    const countries = new Map(counts.map((c) => [c.country, c.endpoints]));
    for (const p of people.countryIt)
      if (p.countryCode && !countries.has(p.countryCode)) countries.set(p.countryCode, 0);
    const nameOf = new Map(
      [...people.countryIt, ...people.headquarters].map((p) => [p.userId, p.displayName]),
    );
    const mode: RoutingMode = routing?.mode ?? 'per_country';
    const context: Context = {
      headquarters: people.headquarters.map((p) => p.displayName),
      countries: [...countries.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([country, endpoints]) => {
          const decision = routeDetection(mode, country, toCandidates(people));
          return {
            country,
            endpoints,
            recipients: decision.userIds.map((id) => nameOf.get(id) ?? id),
            fallback: decision.reason === 'fallback',
          };
        }),
    };
    return { configuration: { mode: routing?.mode ?? null }, context: { ...context } };
  },

  async notReady(
    manager: EntityManager,
    engagementId: string,
    language: Language,
  ): Promise<string[]> {
    return (await manager.getRepository(NotificationRouting).existsBy({ engagementId }))
      ? []
      : [W[language].notSetUp];
  },

  compare: (before, after, language) => describeChanges(SPEC, before, after, language),

  sections(snapshot: PlanSnapshot, language: Language): DocumentSection[] {
    const w = W[language];
    const common = WORDS[language];
    const mode = snapshot.configuration.mode as RoutingMode | null;
    const context = parseStored(contextSchema, snapshot.context, 'notification routing context');
    return [
      {
        key: 'rule',
        heading: w.heading,
        intro: mode ? w.explained[mode] : undefined,
        facts: [
          { key: 'mode', label: w.rule, value: mode ? w.mode[mode] : '—' },
          {
            key: 'headquarters',
            label: w.headquarters,
            value: context.headquarters.join(common.listSeparator) || common.none,
          },
        ],
      },
      {
        key: 'countries',
        heading: w.routesHeading,
        intro: w.routesIntro,
        table: {
          columns: w.columns,
          empty: w.empty,
          rows: context.countries.map((c) => ({
            key: rowKey('countries', c.country),
            cells: [
              c.country,
              common.count(c.endpoints, language),
              `${c.recipients.join(common.listSeparator) || common.none}${c.fallback ? ` ${w.fallback}` : ''}`,
            ],
          })),
        },
      },
    ];
  },
};
