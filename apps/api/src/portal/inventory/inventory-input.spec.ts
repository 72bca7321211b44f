import { doneNotice, listOf, pagingLinks, parseInventoryQuery } from './inventory-input';

describe('parseInventoryQuery', () => {
  it.each<[Record<string, unknown>, object, number]>([
    [{}, {}, 1],
    [
      {
        site: ' Tokyo ',
        country: 'jp',
        type: 'server',
        osFamily: 'linux',
        supportStatus: 'eol',
        q: 'tky-',
        page: '3',
      },
      {
        site: 'Tokyo',
        country: 'JP',
        type: 'server',
        osFamily: 'linux',
        supportStatus: 'eol',
        q: 'tky-',
      },
      3,
    ],
    [
      {
        osFamily: 'solaris',
        supportStatus: '<b>',
        type: ['client', 'server'],
        country: 'J1',
        page: '-2',
      },
      { type: 'client' },
      1,
    ],
    [{ page: '1.5', q: '' }, {}, 1],
    [{ page: '999999999' }, {}, 20000],
  ])('%j', (query, filters, page) => {
    const parsed = parseInventoryQuery(query);
    expect(parsed.filters).toEqual(filters);
    expect(parsed.page).toBe(page);
  });
});

describe('pagingLinks', () => {
  it.each<[number, number, object]>([
    [1, 0, { from: 0, to: 0, previous: null, next: null }],
    [1, 120, { from: 1, to: 50, previous: null, next: '/x?osFamily=linux&page=2' }],
    [3, 120, { from: 101, to: 120, previous: '/x?osFamily=linux&page=2', next: null }],
    [2, 60, { from: 51, to: 60, previous: '/x?osFamily=linux', next: null }],
  ])('page %d of %d', (page, total, expected) => {
    expect(pagingLinks('/x', { osFamily: 'linux', q: '' }, page, total)).toMatchObject(expected);
  });
});

describe('doneNotice and listOf', () => {
  it.each<[Record<string, unknown>, object | null]>([
    [{}, null],
    [{ done: 'evil' }, null],
    [
      { done: 'classified', endpoints: '7', changed: '2' },
      { key: 'inventory.done.classified', params: { endpoints: 7, changed: 2 } },
    ],
    [
      { done: 'planSaved', changed: '-1' },
      { key: 'inventory.done.planSaved', params: { endpoints: 0, changed: 0 } },
    ],
  ])('%j', (query, expected) => {
    expect(doneNotice(query)).toEqual(expected);
  });

  it.each<[unknown, string[]]>([
    [undefined, []],
    ['', []],
    ['a', ['a']],
    [
      ['a', 'b', 3],
      ['a', 'b'],
    ],
  ])('%j', (value, expected) => {
    expect(listOf(value)).toEqual(expected);
  });
});
