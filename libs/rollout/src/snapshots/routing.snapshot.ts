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

const W: Record<Language, Words> = {
  en: {
    title: 'Notification routing of detections',
    heading: 'Routing rule',
    rule: 'Detections go to',
    mode: { per_country: "Each country's IT staff", headquarters_first: 'Headquarters first' },
    explained: {
      per_country:
        "A detection is notified to the IT staff of the endpoint's country, who handle it; a country without IT staff falls back to headquarters.",
      headquarters_first:
        'Every detection goes to headquarters (the security lead), who decides and then instructs each country.',
    },
    headquarters: 'Headquarters',
    routesHeading: 'Who is told, per country',
    routesIntro:
      'As the people of the customer were when the plan was proposed; a new colleague in a country receives detections under the same rule.',
    columns: ['Country', 'Endpoints', 'Detections go to'],
    empty: 'No countries yet.',
    fallback: '(no IT staff there: headquarters)',
    notSetUp:
      'the notification routing is not set up yet: choose per-country or headquarters-first routing first',
  },
  ja: {
    title: '検知の通知先',
    heading: '通知の方針',
    rule: '検知の通知先',
    mode: { per_country: '各国のIT担当者', headquarters_first: '本社に集約' },
    explained: {
      per_country:
        '検知は端末がある国のIT担当者に通知され、その国で対応します。IT担当者がいない国の検知は本社に通知されます。',
      headquarters_first:
        'すべての検知を本社（セキュリティ責任者）に集約し、本社が判断したうえで各国に指示します。',
    },
    headquarters: '本社',
    routesHeading: '国ごとの通知先',
    routesIntro:
      '提案時点の顧客の担当者です。国に新しい担当者が加わった場合も同じ方針で通知されます。',
    columns: ['国', '端末', '通知先'],
    empty: '国はまだありません。',
    fallback: '（IT担当者がいないため本社）',
    notSetUp: '通知先がまだ設定されていません。先に各国通知か本社集約かを選んでください',
  },
  zh: {
    title: '检测结果的通知路由',
    heading: '通知规则',
    rule: '检测结果通知给',
    mode: { per_country: '各国 IT 人员', headquarters_first: '总部优先' },
    explained: {
      per_country: '检测结果通知终端所在国家的 IT 人员，由其处理；没有 IT 人员的国家则通知总部。',
      headquarters_first: '所有检测结果先汇总至总部（安全负责人），由总部判断后再向各国下达指示。',
    },
    headquarters: '总部',
    routesHeading: '各国的通知对象',
    routesIntro: '为提案时客户的人员；某国新增人员后按同一规则接收通知。',
    columns: ['国家', '终端', '通知对象'],
    empty: '尚无国家。',
    fallback: '（该国无 IT 人员：总部）',
    notSetUp: '尚未设置通知路由：请先选择按国家通知或总部优先',
  },
};

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
