import { overviewHref, sortLink, withoutEmpty } from './overview-links';

describe('overview links', () => {
  it('keeps filters in a stable order and leaves out empty ones', () => {
    expect(
      overviewHref('/overview', { phase: 'introduction', q: 'Sak ura', overdue: true, status: '' }),
    ).toBe('/overview?q=Sak+ura&phase=introduction&overdue=true');
    expect(overviewHref('/overview', {})).toBe('/overview');
    expect(withoutEmpty({ phase: '', q: 'x', sort: undefined })).toEqual({ q: 'x' });
  });

  it.each([
    // current sort, its direction, the column, expected link direction, expected aria-sort
    ['customer', 'asc', 'customer', 'desc', 'ascending'],
    ['customer', 'desc', 'customer', 'asc', 'descending'],
    ['next_due', 'asc', 'customer', 'asc', 'none'],
    ['days_in_phase', 'asc', 'days_in_phase', 'desc', 'descending'],
    ['days_in_phase', 'desc', 'days_in_phase', 'asc', 'ascending'],
  ] as const)(
    'sorted by %s %s, the %s header links to %s and says %s',
    (sort, direction, column, next, aria) => {
      const link = sortLink(
        '/overview',
        { phase: 'introduction', offset: 50 },
        { sort, direction },
        column,
      );
      expect(link.href).toBe(`/overview?phase=introduction&sort=${column}&direction=${next}`);
      expect(link.ariaSort).toBe(aria);
    },
  );
});
