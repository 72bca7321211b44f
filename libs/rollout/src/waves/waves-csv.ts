import { csvLine } from '@app/platform/csv/csv-line';
import type { WavesPlan } from './waves-plan';

/**
 * One row per endpoint and wave, in wave order per site; then the endpoints set apart from the
 * roll-out (no wave), each with its reason and detail.
 */
export function wavesCsv(plan: WavesPlan): string {
  const rows: (string | number)[][] = [
    [
      'site',
      'wave',
      'group',
      'hostname',
      'wave_minutes',
      'site_max_concurrent_downloads',
      'set_apart',
      'set_apart_detail',
    ],
  ];
  for (const site of plan.sites) {
    for (const wave of site.waves) {
      for (const hostname of wave.hostnames) {
        rows.push([
          site.site,
          wave.number,
          wave.groupName,
          hostname,
          wave.minutes,
          site.capacity?.maxConcurrentDownloads ?? 0,
          '',
          '',
        ]);
      }
    }
  }
  for (const endpoint of plan.setApart)
    rows.push([
      endpoint.site,
      '',
      '',
      endpoint.hostname,
      '',
      '',
      endpoint.reason,
      endpoint.detail ?? '',
    ]);
  return rows.map((row) => csvLine(row)).join('');
}
