import { RoutingCandidates, RoutingDecision, RoutingMode, routeDetection } from './route-detection';

const candidates: RoutingCandidates = {
  countryIt: [
    { userId: 'jp-1', countryCode: 'JP' },
    { userId: 'jp-2', countryCode: 'JP' },
    { userId: 'cn-1', countryCode: 'CN' },
    { userId: 'it-nowhere', countryCode: null },
  ],
  headquarters: ['sec-1', 'sec-2'],
};

describe('routeDetection', () => {
  it.each<[RoutingMode, string | null, RoutingDecision]>([
    ['per_country', 'JP', { reason: 'country', userIds: ['jp-1', 'jp-2'] }],
    ['per_country', 'CN', { reason: 'country', userIds: ['cn-1'] }],
    ['per_country', 'DE', { reason: 'fallback', userIds: ['sec-1', 'sec-2'] }],
    ['per_country', null, { reason: 'fallback', userIds: ['sec-1', 'sec-2'] }],
    ['headquarters_first', 'JP', { reason: 'headquarters', userIds: ['sec-1', 'sec-2'] }],
    ['headquarters_first', null, { reason: 'headquarters', userIds: ['sec-1', 'sec-2'] }],
  ])('%s, endpoint in %s', (mode, country, expected) => {
    expect(routeDetection(mode, country, candidates)).toEqual(expected);
  });

  it('falls back to nobody when there is no headquarters either', () => {
    expect(routeDetection('per_country', 'DE', { countryIt: [], headquarters: [] })).toEqual({
      reason: 'fallback',
      userIds: [],
    });
  });
});
