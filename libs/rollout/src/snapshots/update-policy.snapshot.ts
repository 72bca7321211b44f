import type { Language } from '@app/access';
import type { DocumentSection, PlanSnapshot, SnapshotProvider } from '@app/workflow';
import { parseStored, interpolate } from '@app/platform';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { sitesOf } from '../waves/sites';
import { ConfigurationSpec, describeChanges, rowKey, textKey } from './snapshot-vocabulary';
import { formatNumber, WORDS, wordFor } from './snapshot-words';
import { ROLLOUT_MESSAGE_FILES } from '../messages/rollout-messages';

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

/** The document's words (`snapshotDocument.updatePolicy` in the roll-out catalog), typed. */
const W: Readonly<Record<Language, Words>> = {
  ja: wordsIn('ja'),
  en: wordsIn('en'),
  zh: wordsIn('zh'),
};

function wordsIn(language: Language): Words {
  const words = ROLLOUT_MESSAGE_FILES[language].snapshotDocument.updatePolicy;
  return {
    ...words,
    withoutFigures: (site, endpoints) => interpolate(words.withoutFigures, { site, endpoints }),
    group: (name) => interpolate(words.group, { name }),
    site: (name) => interpolate(words.site, { name }),
    mbps: (value) => interpolate(words.mbps, { value }),
    mb: (value) => interpolate(words.mb, { value }),
    percent: (value) => interpolate(words.percent, { value }),
  };
}

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
    // Each group with its policy, in one statement.
    const groups = (await manager.query(
      `SELECT g.id, g.name, p.updates, p.max_concurrent_updates AS "maxConcurrentUpdates"
         FROM endpoint_group g JOIN group_policy p ON p.group_id = g.id
        WHERE g.engagement_id = $1 ORDER BY g.priority`,
      [engagementId],
    )) as {
      id: string;
      name: string;
      updates: GroupUpdates['updates'];
      maxConcurrentUpdates: number;
    }[];
    const sites = await sitesOf(manager, engagementId);
    const configuration = {
      groups: groups.map((g): GroupUpdates => ({
        key: g.id,
        name: g.name,
        updates: g.updates,
        maxConcurrentUpdates: g.maxConcurrentUpdates,
      })),
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
