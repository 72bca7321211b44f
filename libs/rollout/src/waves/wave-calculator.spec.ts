import {
  planSiteWaves,
  siteCapacity,
  SiteFigures,
  WaveMember,
  waveSeconds,
} from './wave-calculator';

const site = (over: Partial<SiteFigures> = {}): SiteFigures => ({
  linkMbps: 100,
  updateSharePercent: 20,
  peakUseMbps: 60,
  packageSizeMb: 150,
  downloadMbps: 2,
  ...over,
});

describe('siteCapacity', () => {
  // free = link − peak; budget = free × share%; concurrent = floor(budget / per-download rate)
  it.each([
    [site(), 40, 8, 4],
    [site({ linkMbps: 1000, peakUseMbps: 400, updateSharePercent: 10 }), 600, 60, 30],
    [site({ downloadMbps: 2.5, linkMbps: 110, peakUseMbps: 60 }), 50, 10, 4],
    [site({ peakUseMbps: 100 }), 0, 0, 0],
    [site({ peakUseMbps: 130 }), 0, 0, 0],
    [site({ updateSharePercent: 100, downloadMbps: 50 }), 40, 40, 0],
    [site({ updateSharePercent: 5, linkMbps: 10, peakUseMbps: 2, downloadMbps: 0.4 }), 8, 0.4, 1],
  ])('%j → free %d, budget %d, concurrent %d', (figures, free, budget, concurrent) => {
    const c = siteCapacity(figures);
    expect(c.freeMbps).toBeCloseTo(free, 9);
    expect(c.budgetMbps).toBeCloseTo(budget, 9);
    expect(c.maxConcurrentDownloads).toBe(concurrent);
  });

  it.each([
    // n × MB × 8 / budget: 4 × 150 × 8 / 8 = 600 s
    [site(), 4, 600],
    [site(), 1, 150],
    [site(), 0, 0],
    [site({ peakUseMbps: 100 }), 3, 0],
  ])('waveSeconds(%j, %d) = %d', (figures, n, seconds) => {
    expect(waveSeconds(figures, n)).toBeCloseTo(seconds, 9);
  });
});

describe('planSiteWaves', () => {
  const member = (hostname: string, group: string, over: Partial<WaveMember> = {}): WaveMember => ({
    endpointId: hostname,
    hostname,
    type: 'client',
    site: 'Tokyo',
    groupId: group,
    groupName: group,
    groupKind: 'production',
    groupPriority: 10,
    maxConcurrentUpdates: 100,
    ...over,
  });

  it('puts evaluation groups first, server groups last, clients before servers, in chunks of the smaller limit', () => {
    const plan = planSiteWaves(site(), [
      member('srv-1', 'core', { type: 'server', groupPriority: 1 }),
      member('pc-3', 'office'),
      member('pc-1', 'office'),
      member('pc-2', 'office'),
      member('pc-4', 'office'),
      member('pc-5', 'office'),
      member('eval-1', 'eval', {
        groupKind: 'evaluation',
        groupPriority: 50,
        maxConcurrentUpdates: 1,
      }),
      member('eval-2', 'eval', {
        groupKind: 'evaluation',
        groupPriority: 50,
        maxConcurrentUpdates: 1,
      }),
    ]);
    expect(plan.maxConcurrentDownloads).toBe(4);
    expect(plan.waves.map((w) => [w.number, w.groupId, w.hostnames])).toEqual([
      [1, 'eval', ['eval-1']],
      [2, 'eval', ['eval-2']],
      [3, 'office', ['pc-1', 'pc-2', 'pc-3', 'pc-4']],
      [4, 'office', ['pc-5']],
      [5, 'core', ['srv-1']],
    ]);
    expect(plan.waves.map((w) => w.seconds)).toEqual([150, 150, 600, 150, 150]);
    expect(plan.totalSeconds).toBe(1200);
  });

  it('plans no waves when the site has no budget', () => {
    const plan = planSiteWaves(site({ peakUseMbps: 99 }), [member('pc-1', 'office')]);
    expect(plan.maxConcurrentDownloads).toBe(0);
    expect(plan.waves).toEqual([]);
    expect(plan.totalSeconds).toBe(0);
  });
});
