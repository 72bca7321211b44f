import {
  compareFreeForm,
  freeFormSchema,
  freeFormSections,
  readFreeForm,
} from './free-form-schemas';
import { markChanges, summariseChanges } from './proposal-document';

const goLive = freeFormSchema('go_live_readiness_review')?.fields ?? [];

describe('written proposals', () => {
  it('has a schema for exactly the approvals without configuration behind them', () => {
    expect(freeFormSchema('go_live_readiness_review')?.fields.map((f) => f.name)).toEqual([
      'goLiveDate',
      'summary',
      'openItems',
    ]);
    expect(freeFormSchema('server_block_mode_review')?.fields.map((f) => f.name)).toEqual([
      'summary',
      'moveToBlock',
      'stayInDetect',
      'closerMonitoring',
    ]);
    expect(freeFormSchema('group_policy_design')).toBeNull();
  });

  it('reads content as stored (text trimmed), or names every field that is missing, unknown or malformed', () => {
    expect(
      readFreeForm(goLive, { goLiveDate: '2027-06-01', summary: '  Ready  ', openItems: [' a '] }),
    ).toEqual({
      content: { goLiveDate: '2027-06-01', summary: 'Ready', openItems: ['a'] },
    });
    const read = readFreeForm(goLive, {
      goLiveDate: '2027-02-30',
      summary: '',
      openItems: 'x',
      other: true,
    });
    expect('errors' in read && read.errors.map((e) => e.field)).toEqual([
      'content.other',
      'content.goLiveDate',
      'content.summary',
      'content.openItems',
    ]);
    expect(readFreeForm(goLive, [])).toEqual({
      errors: [
        {
          field: 'content',
          reason: 'must be an object with the fields goLiveDate, summary, openItems',
        },
      ],
    });
  });

  it('shows the fields as facts in the reader’s language, dates and lists written for them', () => {
    const [section] = freeFormSections(
      goLive,
      { goLiveDate: '2027-06-01', summary: 'Ready', openItems: ['Tuning of ERP', 'Briefing'] },
      'ja',
    );
    expect(section.facts).toEqual([
      { key: 'goLiveDate', label: '本番運用の開始予定日', value: '2027年6月1日' },
      { key: 'summary', label: '準備状況のまとめ', value: 'Ready' },
      { key: 'openItems', label: '残課題と対応方針', value: 'Tuning of ERP、Briefing' },
    ]);
  });

  it('compares field by field and marks the changed facts', () => {
    const changes = compareFreeForm(
      goLive,
      { goLiveDate: '2027-06-01', summary: 'Ready' },
      { goLiveDate: '2027-07-01', summary: 'Ready', openItems: ['x'] },
      'en',
    );
    expect(changes).toEqual([
      {
        kind: 'changed',
        key: 'goLiveDate',
        item: 'Planned start of production operation',
        field: null,
        before: '1 June 2027',
        after: '1 July 2027',
      },
      {
        kind: 'added',
        key: 'openItems',
        item: 'Open items and how they are handled',
        field: null,
        before: null,
        after: 'x',
      },
    ]);
    const marked = markChanges(
      freeFormSections(goLive, { goLiveDate: '2027-07-01', summary: 'Ready' }, 'en'),
      changes,
    );
    expect(marked[0].facts?.map((f) => [f.key, f.changed])).toEqual([
      ['goLiveDate', true],
      ['summary', false],
      ['openItems', true],
    ]);
    expect(summariseChanges(changes, 'en')).toBe(
      'Planned start of production operation (1 June 2027 → 1 July 2027); Open items and how they are handled (added)',
    );
    // Japanese punctuation around the (here English) words of the changes, and the rest counted.
    expect(summariseChanges([...changes, ...changes], 'ja', 3)).toBe(
      'Planned start of production operation（1 June 2027 → 1 July 2027）、Open items and how they are handled（追加）、Planned start of production operation（1 June 2027 → 1 July 2027）、ほか1件',
    );
  });
});
