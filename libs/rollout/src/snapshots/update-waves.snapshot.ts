import type { Language } from '@app/access';
import type { DocumentSection, PlanSnapshot, SnapshotProvider } from '@app/workflow';
import { EntityManager } from 'typeorm';
import { loadPlanningData } from '../planning/planning-data';
import { sitesOf } from '../waves/sites';
import { buildPlan } from '../waves/waves.service';
import type { WaveWarning } from '../waves/waves-plan';
import { ConfigurationSpec, describeChanges, rowKey, textKey } from './snapshot-vocabulary';
import { formatNumber } from './snapshot-words';
import { interpolate } from '@app/platform';
import { ROLLOUT_MESSAGE_FILES } from '../messages/rollout-messages';

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

/** The document's words (`snapshotDocument.updateWaves` in the roll-out catalog), typed. */
const W: Readonly<Record<Language, Words>> = {
  ja: wordsIn('ja'),
  en: wordsIn('en'),
  zh: wordsIn('zh'),
};

function wordsIn(language: Language): Words {
  const words = ROLLOUT_MESSAGE_FILES[language].snapshotDocument.updateWaves;
  return {
    ...words,
    wavesIntro: (waves, endpoints) => interpolate(words.wavesIntro, { waves, endpoints }),
    site: (name) => interpolate(words.site, { name }),
    wave: (site, number) => interpolate(words.wave, { site, number }),
    minutes: (value) => interpolate(words.minutes, { value }),
    // English prints the plan's own sentence, as it was stored with the snapshot.
    warning: (warning) =>
      language === 'en' ? warning.message : interpolate(words.warning[warning.code], warning),
  };
}

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
