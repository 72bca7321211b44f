import type { Language } from '@app/access';
import type { DocumentSection, PlanSnapshot, SnapshotProvider } from '@app/workflow';
import { EntityManager } from 'typeorm';
import { loadPlanningData } from '../planning/planning-data';
import { sitesOf } from '../waves/sites';
import { buildPlan } from '../waves/waves.service';
import type { WaveWarning } from '../waves/waves-plan';
import { ConfigurationSpec, describeChanges, rowKey, textKey } from './snapshot-vocabulary';
import { formatNumber } from './snapshot-words';

export const UPDATE_WAVES_PLAN = 'update_waves_plan';

interface SitePlan {
  key: string;
  site: string;
  maxConcurrentDownloads: number;
  waves: number;
  totalMinutes: number;
}

interface PlannedWave {
  key: string;
  site: string;
  number: number;
  group: string;
  endpoints: number;
  minutes: number;
}

type Words = {
  title: string;
  sitesHeading: string;
  sitesIntro: string;
  siteColumns: string[];
  noSites: string;
  wavesHeading: string;
  wavesIntro: (waves: number, endpoints: number) => string;
  waveColumns: string[];
  noWaves: string;
  site: (name: string) => string;
  wave: (site: string, n: number) => string;
  fields: Record<
    'maxConcurrentDownloads' | 'waves' | 'totalMinutes' | 'group' | 'endpoints' | 'minutes',
    string
  >;
  minutes: (n: string) => string;
  warning: (w: WaveWarning) => string;
};

const W: Record<Language, Words> = {
  en: {
    title: 'Sensor update waves',
    sitesHeading: 'Sites',
    sitesIntro:
      'Evaluation groups update first, then groups without servers, then groups with servers (servers update after office PCs took the same version), each in waves no larger than the site and the group policy allow.',
    siteColumns: ['Site', 'Downloads at once', 'Waves', 'Total time'],
    noSites: 'No site has bandwidth figures yet.',
    wavesHeading: 'Waves',
    wavesIntro: (w, e) => `${w} wave(s) for ${e} endpoint(s).`,
    waveColumns: ['Site', 'Wave', 'Group', 'Endpoints', 'Duration'],
    noWaves: 'No waves are planned.',
    site: (n) => `Site ${n}`,
    wave: (s, n) => `Site ${s}, wave ${n}`,
    fields: {
      maxConcurrentDownloads: 'Downloads at once',
      waves: 'Waves',
      totalMinutes: 'Total time',
      group: 'Group',
      endpoints: 'Endpoints',
      minutes: 'Duration',
    },
    minutes: (n) => `${n} min`,
    warning: (w) => w.message,
  },
  ja: {
    title: 'センサーの配信ウェーブ',
    sitesHeading: '拠点',
    sitesIntro:
      '評価用グループを最初に、次にサーバーを含まないグループ、最後にサーバーを含むグループを更新します（サーバーは事務用PCで同じバージョンが問題なく適用された後）。各ウェーブは拠点とグループのポリシーが許す台数以内です。',
    siteColumns: ['拠点', '同時ダウンロード数', 'ウェーブ数', '所要時間の合計'],
    noSites: '帯域の数値が登録された拠点はまだありません。',
    wavesHeading: 'ウェーブ',
    wavesIntro: (w, e) => `端末 ${e} 台を ${w} ウェーブで更新します。`,
    waveColumns: ['拠点', 'ウェーブ', 'グループ', '端末', '所要時間'],
    noWaves: '計画されたウェーブはありません。',
    site: (n) => `拠点 ${n}`,
    wave: (s, n) => `拠点 ${s} の第${n}ウェーブ`,
    fields: {
      maxConcurrentDownloads: '同時ダウンロード数',
      waves: 'ウェーブ数',
      totalMinutes: '所要時間の合計',
      group: 'グループ',
      endpoints: '端末',
      minutes: '所要時間',
    },
    minutes: (n) => `${n} 分`,
    warning: (w) => {
      switch (w.code) {
        case 'policy_exceeds_site':
          return `グループ「${w.group}」のポリシーは同時更新 ${w.policyMax} 台ですが、拠点 ${w.site} の同時ダウンロードは ${w.siteMax} 台までです。`;
        case 'site_without_figures':
          return `拠点 ${w.site} の帯域が登録されていません。`;
        case 'site_without_budget':
          return `拠点 ${w.site} にはダウンロード1台分の帯域もありません。`;
        case 'endpoints_without_group':
          return `グループが1つに定まらない端末 ${w.count} 台はどのウェーブにも入りません。`;
      }
    },
  },
  zh: {
    title: '传感器分批更新计划',
    sitesHeading: '站点',
    sitesIntro:
      '先更新评估分组，再更新不含服务器的分组，最后更新含服务器的分组（服务器须在办公 PC 顺利更新同一版本之后），每批不超过站点和分组策略允许的台数。',
    siteColumns: ['站点', '同时下载数', '批次数', '总时长'],
    noSites: '尚无站点登记带宽数据。',
    wavesHeading: '更新批次',
    wavesIntro: (w, e) => `共 ${e} 台终端，分 ${w} 批更新。`,
    waveColumns: ['站点', '批次', '分组', '终端', '时长'],
    noWaves: '没有计划的更新批次。',
    site: (n) => `站点 ${n}`,
    wave: (s, n) => `站点 ${s} 第 ${n} 批`,
    fields: {
      maxConcurrentDownloads: '同时下载数',
      waves: '批次数',
      totalMinutes: '总时长',
      group: '分组',
      endpoints: '终端',
      minutes: '时长',
    },
    minutes: (n) => `${n} 分钟`,
    warning: (w) => {
      switch (w.code) {
        case 'policy_exceeds_site':
          return `分组“${w.group}”的策略允许同时更新 ${w.policyMax} 台，但站点 ${w.site} 只允许同时下载 ${w.siteMax} 台。`;
        case 'site_without_figures':
          return `站点 ${w.site} 尚未登记带宽数据。`;
        case 'site_without_budget':
          return `站点 ${w.site} 的带宽连一台下载都不够。`;
        case 'endpoints_without_group':
          return `${w.count} 台终端无法确定唯一分组，不在任何批次中。`;
      }
    },
  },
};

const localised = (pick: (w: Words) => string) => ({
  en: pick(W.en),
  ja: pick(W.ja),
  zh: pick(W.zh),
});
const minutes = (v: unknown, l: Language) =>
  typeof v === 'number' ? W[l].minutes(formatNumber(v, l)) : '—';

const SPEC: ConfigurationSpec = {
  facts: {},
  collections: {
    sites: {
      item: (s, l) => W[l].site(String(s.site ?? '')),
      fields: {
        maxConcurrentDownloads: { label: localised((w) => w.fields.maxConcurrentDownloads) },
        waves: { label: localised((w) => w.fields.waves) },
        totalMinutes: { label: localised((w) => w.fields.totalMinutes), format: minutes },
      },
    },
    waves: {
      item: (w, l) => W[l].wave(String(w.site ?? ''), Number(w.number ?? 0)),
      fields: {
        group: { label: localised((w) => w.fields.group) },
        endpoints: { label: localised((w) => w.fields.endpoints) },
        minutes: { label: localised((w) => w.fields.minutes), format: minutes },
      },
    },
  },
};

/**
 * `update_waves_plan`: the waves each site's endpoints update in, as computed from the groups,
 * their policies and the sites' figures (how many endpoints of which group, how long). The
 * hostnames of each wave are in the waves CSV export; the approval binds to the waves' shape.
 */
export const updateWavesSnapshot: SnapshotProvider = {
  title: localised((w) => w.title),

  async take(manager: EntityManager, engagementId: string): Promise<PlanSnapshot> {
    const plan = buildPlan(
      engagementId,
      await loadPlanningData(manager, engagementId),
      await sitesOf(manager, engagementId),
    );
    const planned = plan.sites.filter((s) => s.capacity !== null);
    const sites: SitePlan[] = planned.map((s) => ({
      key: textKey(s.site),
      site: s.site,
      maxConcurrentDownloads: s.capacity?.maxConcurrentDownloads ?? 0,
      waves: s.waves.length,
      totalMinutes: s.totalMinutes,
    }));
    const waves: PlannedWave[] = planned.flatMap((s) =>
      s.waves.map((w) => ({
        key: `${textKey(s.site)}-${w.number}`,
        site: s.site,
        number: w.number,
        group: w.groupName,
        endpoints: w.hostnames.length,
        minutes: w.minutes,
      })),
    );
    return { configuration: { sites, waves }, context: { warnings: plan.warnings } };
  },

  compare: (before, after, language) => describeChanges(SPEC, before, after, language),

  sections(snapshot: PlanSnapshot, language: Language): DocumentSection[] {
    const w = W[language];
    const sites = (snapshot.configuration.sites ?? []) as SitePlan[];
    const waves = (snapshot.configuration.waves ?? []) as PlannedWave[];
    const warnings = (snapshot.context.warnings ?? []) as WaveWarning[];
    const n = (v: number) => formatNumber(v, language);
    return [
      {
        key: 'sites',
        heading: w.sitesHeading,
        intro: w.sitesIntro,
        warnings: warnings.map((warning) => w.warning(warning)),
        table: {
          columns: w.siteColumns,
          empty: w.noSites,
          rows: sites.map((s) => ({
            key: rowKey('sites', s.key),
            cells: [s.site, n(s.maxConcurrentDownloads), n(s.waves), w.minutes(n(s.totalMinutes))],
          })),
        },
      },
      {
        key: 'waves',
        heading: w.wavesHeading,
        intro: w.wavesIntro(
          waves.length,
          waves.reduce((sum, wave) => sum + wave.endpoints, 0),
        ),
        table: {
          columns: w.waveColumns,
          empty: w.noWaves,
          rows: waves.map((wave) => ({
            key: rowKey('waves', wave.key),
            cells: [
              wave.site,
              n(wave.number),
              wave.group,
              n(wave.endpoints),
              w.minutes(n(wave.minutes)),
            ],
          })),
        },
      },
    ];
  },
};
