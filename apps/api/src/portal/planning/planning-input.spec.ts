import { ValidationException } from '@app/platform';
import {
  groupFromForm,
  parseList,
  policyFromForm,
  ruleFromForm,
  siteFiguresFromForm,
} from './planning-input';
import { planningStepLink } from './planning-paths';
import { ruleFields, ruleSummary } from './rule-summary';
import { translate } from '../i18n/translate';

const fieldsOf = (work: () => unknown): string[] => {
  try {
    work();
  } catch (error: unknown) {
    if (error instanceof ValidationException) return error.fields.map((f) => f.field);
    throw error;
  }
  return [];
};

describe('parseList', () => {
  it.each<[string | undefined, string[]]>([
    [undefined, []],
    ['', []],
    [' Tokyo , Osaka;;Tokyo\nNagoya ', ['Tokyo', 'Osaka', 'Nagoya']],
    ['pc-1\r\npc-2', ['pc-1', 'pc-2']],
  ])('%j → %j', (text, list) => expect(parseList(text)).toEqual(list));
});

describe('ruleFromForm', () => {
  it.each<[Record<string, string>, object]>([
    [{}, {}],
    [
      { typeServer: 'on', sites: 'Tokyo', tags: 'pci' },
      { type: ['server'], site: ['Tokyo'], tags: ['pci'] },
    ],
    [
      { typeClient: 'on', typeServer: 'on', osLinux: 'on', countries: 'jp, cn' },
      { type: ['client', 'server'], osFamily: ['linux'], country: ['JP', 'CN'] },
    ],
    [{ typeServer: 'off' }, {}],
  ])('%j → %j', (values, rule) => expect(ruleFromForm(values)).toEqual(rule));
});

describe('groupFromForm and policyFromForm', () => {
  it('reads a rule group and an explicit list', () => {
    expect(
      groupFromForm({
        name: ' Servers ',
        kind: 'production',
        priority: '10',
        definition: 'rule',
        typeServer: 'on',
      }),
    ).toEqual({ name: 'Servers', kind: 'production', priority: 10, rule: { type: ['server'] } });
    expect(
      groupFromForm({
        name: 'Pilot',
        kind: 'evaluation',
        priority: '0',
        definition: 'explicit',
        hostnames: 'a\nb',
        typeServer: 'on',
      }),
    ).toEqual({ name: 'Pilot', kind: 'evaluation', priority: 0, hostnames: ['a', 'b'] });
    expect(
      policyFromForm({
        mode: 'block',
        quarantine: 'on',
        updates: 'automatic',
        maxConcurrentUpdates: '5',
      }),
    ).toEqual({ mode: 'block', quarantine: true, updates: 'automatic', maxConcurrentUpdates: 5 });
  });

  it.each<[Record<string, string>, string[]]>([
    [{ name: '', kind: 'production', priority: '1', definition: 'rule' }, ['name']],
    [{ name: 'x', kind: 'pilot', priority: '1.5', definition: 'rule' }, ['kind', 'priority']],
    [
      { name: 'x', kind: 'production', priority: '-1', definition: 'both' },
      ['priority', 'definition'],
    ],
    [
      { name: 'x', kind: 'production', priority: '1', definition: 'explicit', hostnames: ' , ' },
      ['hostnames'],
    ],
  ])('group %j refused on %j', (values, fields) =>
    expect(fieldsOf(() => groupFromForm(values))).toEqual(fields),
  );

  it.each<[Record<string, string>, string[]]>([
    [{ mode: 'stop', updates: 'manual', maxConcurrentUpdates: '1' }, ['mode']],
    [
      { mode: 'detect', updates: 'weekly', maxConcurrentUpdates: '0' },
      ['updates', 'maxConcurrentUpdates'],
    ],
  ])('policy %j refused on %j', (values, fields) =>
    expect(fieldsOf(() => policyFromForm(values))).toEqual(fields),
  );
});

describe('siteFiguresFromForm', () => {
  it('reads decimals and refuses out-of-range or missing figures', () => {
    expect(
      siteFiguresFromForm({
        linkMbps: '100.5',
        updateSharePercent: '20',
        peakUseMbps: '0',
        packageSizeMb: '150',
        downloadMbps: '2.5',
      }),
    ).toEqual({
      linkMbps: 100.5,
      updateSharePercent: 20,
      peakUseMbps: 0,
      packageSizeMb: 150,
      downloadMbps: 2.5,
    });
    expect(
      fieldsOf(() =>
        siteFiguresFromForm({
          linkMbps: '0',
          updateSharePercent: '101',
          peakUseMbps: 'x',
          packageSizeMb: '',
          downloadMbps: '1',
        }),
      ),
    ).toEqual(['linkMbps', 'updateSharePercent', 'peakUseMbps', 'packageSizeMb']);
  });
});

describe('ruleSummary', () => {
  it.each<['en' | 'ja' | 'zh', object, string]>([
    ['en', {}, 'every endpoint'],
    ['en', { type: ['server'], site: ['Tokyo'], tags: ['pci'] }, 'servers, at Tokyo, tagged pci'],
    [
      'en',
      { type: ['client', 'server'], osFamily: ['windows', 'linux'], country: ['JP', 'CN'] },
      'clients or servers, Windows or Linux, in JP or CN',
    ],
    [
      'ja',
      { type: ['server'], site: ['Tokyo'], tags: ['pci'] },
      'サーバー／拠点：Tokyo／タグ：pci',
    ],
    ['zh', { type: ['server'], country: ['CN'] }, '服务器，国家：CN'],
  ])('%s %j → %s', (language, rule, text) => {
    expect(ruleSummary(rule, (key, params) => translate(language, key, params))).toBe(text);
  });

  it('fills the edit form from a rule', () => {
    expect(ruleFields({ type: ['server'], osFamily: ['macos'], site: ['Tokyo', 'Osaka'] })).toEqual(
      {
        typeClient: false,
        typeServer: true,
        osWindows: false,
        osLinux: false,
        osMacos: true,
        sites: 'Tokyo, Osaka',
        countries: '',
        tags: '',
      },
    );
  });
});

describe('planningStepLink', () => {
  it.each<[string, string | null]>([
    ['group_policy_design', '/engagements/e1/groups'],
    ['group_coverage_check', '/engagements/e1/groups'],
    ['server_detect_mode_check', '/engagements/e1/groups'],
    ['av_quarantine_conflict_check', '/engagements/e1/groups'],
    ['update_waves_plan', '/engagements/e1/waves'],
    ['update_policy', '/engagements/e1/waves'],
    ['tuning_period_completed', '/engagements/e1/tuning-log'],
    ['switch_to_block_mode', '/engagements/e1/mode-switches'],
    ['static_block_list', null],
  ])('%s → %s', (step, href) => expect(planningStepLink('e1', step)?.href ?? null).toBe(href));
});
