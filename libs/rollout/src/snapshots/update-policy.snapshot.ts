import type { Language } from '@app/access';
import type { DocumentSection, PlanSnapshot, SnapshotProvider } from '@app/workflow';
import { parseStored } from '@app/platform';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { EndpointGroup } from '../groups/endpoint-group.entity';
import { GroupPolicy } from '../groups/group-policy.entity';
import { sitesOf } from '../waves/sites';
import { ConfigurationSpec, describeChanges, rowKey, textKey } from './snapshot-vocabulary';
import { formatNumber, WORDS, wordFor } from './snapshot-words';

export const UPDATE_POLICY = 'update_policy';

interface GroupUpdates {
  key: string;
  name: string;
  updates: 'automatic' | 'manual';
  maxConcurrentUpdates: number;
}

interface SiteSizing {
  key: string;
  site: string;
  linkMbps: number;
  peakUseMbps: number;
  updateSharePercent: number;
  packageSizeMb: number;
  downloadMbps: number;
  maxConcurrentDownloads: number;
}

/** What the document shows beside the policy: endpoints per site, sites without figures. */
const contextSchema = z.object({
  endpointsBySite: z.record(z.string(), z.number()),
  sitesWithoutFigures: z.array(z.object({ site: z.string(), endpoints: z.number() })),
});
type Context = z.infer<typeof contextSchema>;

type Words = {
  title: string;
  groupsHeading: string;
  groupsIntro: string;
  groupColumns: string[];
  noGroups: string;
  sitesHeading: string;
  sitesIntro: string;
  siteColumns: string[];
  noSites: string;
  withoutFigures: (site: string, endpoints: number) => string;
  group: (name: string) => string;
  site: (name: string) => string;
  fields: Record<
    | 'name'
    | 'updates'
    | 'maxConcurrentUpdates'
    | 'linkMbps'
    | 'peakUseMbps'
    | 'updateSharePercent'
    | 'packageSizeMb'
    | 'downloadMbps'
    | 'maxConcurrentDownloads',
    string
  >;
  mbps: (n: string) => string;
  mb: (n: string) => string;
  percent: (n: string) => string;
};

const W: Record<Language, Words> = {
  en: {
    title: 'Sensor update policy',
    groupsHeading: 'Updates per group',
    groupsIntro:
      'Whether sensor updates are applied automatically or by hand, and how many endpoints of the group update at once.',
    groupColumns: ['Group', 'Updates', 'At most at once'],
    noGroups: 'No groups yet.',
    sitesHeading: 'Bandwidth of each site',
    sitesIntro: 'Downloads at once = ⌊(link − peak use) × share for updates ÷ rate per download⌋.',
    siteColumns: [
      'Site',
      'Endpoints',
      'Link',
      'Peak use',
      'Share for updates',
      'Sensor package',
      'Rate per download',
      'Downloads at once',
    ],
    noSites: 'No site has bandwidth figures yet.',
    withoutFigures: (s, n) => `Site ${s} (${n} endpoint(s)) has no bandwidth figures.`,
    group: (n) => `Group “${n}”`,
    site: (n) => `Site ${n}`,
    fields: {
      name: 'Name',
      updates: 'Updates',
      maxConcurrentUpdates: 'At most at once',
      linkMbps: 'Link',
      peakUseMbps: 'Peak use',
      updateSharePercent: 'Share for updates',
      packageSizeMb: 'Sensor package',
      downloadMbps: 'Rate per download',
      maxConcurrentDownloads: 'Downloads at once',
    },
    mbps: (n) => `${n} Mbps`,
    mb: (n) => `${n} MB`,
    percent: (n) => `${n} %`,
  },
  ja: {
    title: 'センサーのアップデートポリシー',
    groupsHeading: 'グループごとのアップデート',
    groupsIntro:
      'センサーのアップデートを自動で適用するか手動で適用するか、またグループ内で同時に更新する端末の上限です。',
    groupColumns: ['グループ', 'アップデート', '同時更新の上限'],
    noGroups: 'グループはまだありません。',
    sitesHeading: '拠点ごとの帯域',
    sitesIntro:
      '同時ダウンロード数 ＝ ⌊（回線帯域 − ピーク時使用量）× アップデートに使える割合 ÷ 1台あたりの速度⌋',
    siteColumns: [
      '拠点',
      '端末',
      '回線帯域',
      'ピーク時使用量',
      'アップデートに使える割合',
      'センサーのパッケージ',
      '1台あたりの速度',
      '同時ダウンロード数',
    ],
    noSites: '帯域の数値が登録された拠点はまだありません。',
    withoutFigures: (s, n) => `拠点 ${s}（端末 ${n} 台）の帯域が登録されていません。`,
    group: (n) => `グループ「${n}」`,
    site: (n) => `拠点 ${n}`,
    fields: {
      name: '名前',
      updates: 'アップデート',
      maxConcurrentUpdates: '同時更新の上限',
      linkMbps: '回線帯域',
      peakUseMbps: 'ピーク時使用量',
      updateSharePercent: 'アップデートに使える割合',
      packageSizeMb: 'センサーのパッケージ',
      downloadMbps: '1台あたりの速度',
      maxConcurrentDownloads: '同時ダウンロード数',
    },
    mbps: (n) => `${n} Mbps`,
    mb: (n) => `${n} MB`,
    percent: (n) => `${n}%`,
  },
  zh: {
    title: '传感器更新策略',
    groupsHeading: '各分组的更新方式',
    groupsIntro: '传感器更新采用自动还是手动方式，以及分组内同时更新的终端数上限。',
    groupColumns: ['分组', '更新方式', '同时更新上限'],
    noGroups: '尚无分组。',
    sitesHeading: '各站点的带宽',
    sitesIntro: '同时下载数 ＝ ⌊（链路带宽 − 峰值占用）× 可用于更新的比例 ÷ 单台下载速率⌋',
    siteColumns: [
      '站点',
      '终端',
      '链路带宽',
      '峰值占用',
      '可用于更新的比例',
      '传感器安装包',
      '单台下载速率',
      '同时下载数',
    ],
    noSites: '尚无站点登记带宽数据。',
    withoutFigures: (s, n) => `站点 ${s}（${n} 台终端）尚未登记带宽数据。`,
    group: (n) => `分组“${n}”`,
    site: (n) => `站点 ${n}`,
    fields: {
      name: '名称',
      updates: '更新方式',
      maxConcurrentUpdates: '同时更新上限',
      linkMbps: '链路带宽',
      peakUseMbps: '峰值占用',
      updateSharePercent: '可用于更新的比例',
      packageSizeMb: '传感器安装包',
      downloadMbps: '单台下载速率',
      maxConcurrentDownloads: '同时下载数',
    },
    mbps: (n) => `${n} Mbps`,
    mb: (n) => `${n} MB`,
    percent: (n) => `${n}%`,
  },
};

const localised = (pick: (w: Words) => string) => ({
  en: pick(W.en),
  ja: pick(W.ja),
  zh: pick(W.zh),
});
const unit = (make: (w: Words, n: string) => string) => (v: unknown, l: Language) =>
  typeof v === 'number' ? make(W[l], formatNumber(v, l)) : '—';

const SPEC: ConfigurationSpec = {
  facts: {},
  collections: {
    groups: {
      item: (g, l) => W[l].group(String(g.name ?? '')),
      fields: {
        name: { label: localised((w) => w.fields.name) },
        updates: {
          label: localised((w) => w.fields.updates),
          format: (v, l) => wordFor(WORDS[l].updates, v),
        },
        maxConcurrentUpdates: { label: localised((w) => w.fields.maxConcurrentUpdates) },
      },
    },
    sites: {
      item: (s, l) => W[l].site(String(s.site ?? '')),
      fields: {
        linkMbps: { label: localised((w) => w.fields.linkMbps), format: unit((w, n) => w.mbps(n)) },
        peakUseMbps: {
          label: localised((w) => w.fields.peakUseMbps),
          format: unit((w, n) => w.mbps(n)),
        },
        updateSharePercent: {
          label: localised((w) => w.fields.updateSharePercent),
          format: unit((w, n) => w.percent(n)),
        },
        packageSizeMb: {
          label: localised((w) => w.fields.packageSizeMb),
          format: unit((w, n) => w.mb(n)),
        },
        downloadMbps: {
          label: localised((w) => w.fields.downloadMbps),
          format: unit((w, n) => w.mbps(n)),
        },
        maxConcurrentDownloads: { label: localised((w) => w.fields.maxConcurrentDownloads) },
      },
    },
  },
};

/** `update_policy`: automatic or manual updates and the concurrency of each group; each site's figures and capacity. */
export const updatePolicySnapshot: SnapshotProvider = {
  title: localised((w) => w.title),

  async take(manager: EntityManager, engagementId: string): Promise<PlanSnapshot> {
    const groups = await manager
      .getRepository(EndpointGroup)
      .find({ where: { engagementId }, order: { priority: 'ASC' } });
    const policies = new Map(
      (await manager.getRepository(GroupPolicy).find({ where: { engagementId } })).map((p) => [
        p.groupId,
        p,
      ]),
    );
    const sites = await sitesOf(manager, engagementId);
    const configuration = {
      groups: groups.map((g): GroupUpdates => {
        const policy = policies.get(g.id) as GroupPolicy;
        return {
          key: g.id,
          name: g.name,
          updates: policy.updates,
          maxConcurrentUpdates: policy.maxConcurrentUpdates,
        };
      }),
      sites: sites.flatMap((s): SiteSizing[] =>
        s.figures && s.capacity
          ? [
              {
                key: textKey(s.site),
                site: s.site,
                linkMbps: s.figures.linkMbps,
                peakUseMbps: s.figures.peakUseMbps,
                updateSharePercent: s.figures.updateSharePercent,
                packageSizeMb: s.figures.packageSizeMb,
                downloadMbps: s.figures.downloadMbps,
                maxConcurrentDownloads: s.capacity.maxConcurrentDownloads,
              },
            ]
          : [],
      ),
    };
    const context: Context = {
      endpointsBySite: Object.fromEntries(sites.map((s) => [textKey(s.site), s.endpoints])),
      sitesWithoutFigures: sites
        .filter((s) => !s.figures && s.endpoints > 0)
        .map((s) => ({ site: s.site, endpoints: s.endpoints })),
    };
    return { configuration, context: { ...context } };
  },

  compare: (before, after, language) => describeChanges(SPEC, before, after, language),

  sections(snapshot: PlanSnapshot, language: Language): DocumentSection[] {
    const w = W[language];
    const common = WORDS[language];
    const groups = (snapshot.configuration.groups ?? []) as GroupUpdates[];
    const sites = (snapshot.configuration.sites ?? []) as SiteSizing[];
    const context = parseStored(contextSchema, snapshot.context, 'update policy context');
    const n = (v: number) => formatNumber(v, language);
    return [
      {
        key: 'groups',
        heading: w.groupsHeading,
        intro: w.groupsIntro,
        table: {
          columns: w.groupColumns,
          empty: w.noGroups,
          rows: groups.map((g) => ({
            key: rowKey('groups', g.key),
            cells: [g.name, wordFor(common.updates, g.updates), n(g.maxConcurrentUpdates)],
          })),
        },
      },
      {
        key: 'sites',
        heading: w.sitesHeading,
        intro: w.sitesIntro,
        warnings: context.sitesWithoutFigures.map((s) => w.withoutFigures(s.site, s.endpoints)),
        table: {
          columns: w.siteColumns,
          empty: w.noSites,
          rows: sites.map((s) => ({
            key: rowKey('sites', s.key),
            cells: [
              s.site,
              common.count(context.endpointsBySite[s.key] ?? 0, language),
              w.mbps(n(s.linkMbps)),
              w.mbps(n(s.peakUseMbps)),
              w.percent(n(s.updateSharePercent)),
              w.mb(n(s.packageSizeMb)),
              w.mbps(n(s.downloadMbps)),
              n(s.maxConcurrentDownloads),
            ],
          })),
        },
      },
    ];
  },
};
