import { groupDesignSnapshot } from './group-design.snapshot';
import { describeChanges, textKey } from './snapshot-vocabulary';

const group = (over: Record<string, unknown> = {}) => ({
  key: 'g1',
  name: 'Office PCs',
  kind: 'production',
  priority: 10,
  rule: { type: ['client'] },
  hostnames: [],
  policy: { mode: 'detect', quarantine: false },
  ...over,
});

describe('describeChanges', () => {
  it('names each changed field of a keyed item once, in the reader’s words', () => {
    const before = { groups: [group()] };
    const after = {
      groups: [
        group({
          name: 'Office',
          rule: { type: ['client', 'server'], site: ['Tokyo'] },
          policy: { mode: 'block', quarantine: false },
        }),
      ],
    };
    expect(groupDesignSnapshot.compare(before, after, 'en')).toEqual([
      {
        kind: 'changed',
        key: 'groups:g1',
        item: 'Group “Office”',
        field: 'Name',
        before: 'Office PCs',
        after: 'Office',
      },
      // Two criteria changed: the rule is reported once, whole, before and after.
      {
        kind: 'changed',
        key: 'groups:g1',
        item: 'Group “Office”',
        field: 'Rule',
        before: 'type: Client',
        after: 'type: Client, Server; site: Tokyo',
      },
      {
        kind: 'changed',
        key: 'groups:g1',
        item: 'Group “Office”',
        field: 'Starts in',
        before: 'Detect',
        after: 'Block',
      },
    ]);
    expect(groupDesignSnapshot.compare(before, after, 'ja')[2]).toMatchObject({
      item: 'グループ「Office」',
      field: '開始時のモード',
      before: '検知',
      after: 'ブロック',
    });
  });

  it('reports added and removed items by their key, and a reordering', () => {
    const spec = {
      facts: {},
      collections: { groups: { item: (g: Record<string, unknown>) => String(g.name), fields: {} } },
    };
    expect(
      describeChanges(
        spec,
        { groups: [group()] },
        { groups: [group(), group({ key: 'g2', name: 'Servers' })] },
        'en',
      ),
    ).toEqual([
      { kind: 'added', key: 'groups:g2', item: 'Servers', field: null, before: null, after: null },
    ]);
    expect(describeChanges(spec, { groups: [group()] }, { groups: [] }, 'en')).toEqual([
      {
        kind: 'removed',
        key: 'groups:g1',
        item: 'Office PCs',
        field: null,
        before: null,
        after: null,
      },
    ]);
    const two = [group(), group({ key: 'g2', name: 'Servers' })];
    expect(describeChanges(spec, { groups: two }, { groups: [...two].reverse() }, 'en')).toEqual([
      { kind: 'changed', key: 'groups', item: 'Order', field: null, before: null, after: null },
    ]);
  });

  it('makes keys of free text that cannot break a comparison path', () => {
    expect(textKey(' Osaka [Plant 2].B ')).toBe('osaka%20%5Bplant%202%5D.b');
  });
});
