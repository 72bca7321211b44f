import { loadConfig } from '../config/app-config';
import { Clock } from './clock';

describe('Clock', () => {
  it('reads the real time without CLOCK_AT', () => {
    const before = performance.timeOrigin + performance.now();
    const read = new Clock(loadConfig({})).nowMs();
    expect(read).toBeGreaterThanOrEqual(Math.floor(before));
    expect(read).toBeLessThan(before + 1000);
  });

  it('reads CLOCK_AT as of the process start and runs on from it', () => {
    const config = loadConfig({ CLOCK_AT: '2026-11-02T09:00:00+09:00' });
    expect(config.clockAt?.toISOString()).toBe('2026-11-02T00:00:00.000Z');
    const sinceStart = performance.now();
    const read = new Clock(config).nowMs();
    const expected = Date.parse('2026-11-02T00:00:00Z') + sinceStart;
    expect(Math.abs(read - expected)).toBeLessThan(1000);
  });

  it('travels, and comes back to the real time', () => {
    const clock = new Clock();
    clock.travelTo(new Date('2030-01-01T00:00:00Z'));
    expect(clock.now().toISOString().slice(0, 10)).toBe('2030-01-01');
    clock.reset();
    expect(Math.abs(clock.nowMs() - clock.realNowMs())).toBeLessThan(5);
  });
});
