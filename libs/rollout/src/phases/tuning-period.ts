import { EngagementDocumentVersion } from '@app/agreements';
import { EntityManager } from 'typeorm';

/** Used while no service agreement is approved: the agreement's field is the source otherwise. */
const DEFAULT_TUNING_PERIOD_DAYS = 30;

export interface TuningPeriod {
  days: number;
  /** `agreement`: the approved service agreement's minimumTuningPeriodDays; `default`: none approved. */
  source: 'agreement' | 'default';
  agreementVersion: number | null;
}

/** The minimum tuning period in detect mode, from the newest approved service agreement. */
export async function tuningPeriod(
  manager: EntityManager,
  engagementId: string,
): Promise<TuningPeriod> {
  const approved = await manager.getRepository(EngagementDocumentVersion).findOne({
    where: { engagementId, kind: 'service_agreement', status: 'approved' },
    order: { version: 'DESC' },
  });
  const days = approved?.content.minimumTuningPeriodDays;
  if (approved && typeof days === 'number' && Number.isInteger(days) && days >= 0) {
    return { days, source: 'agreement', agreementVersion: approved.version };
  }
  return { days: DEFAULT_TUNING_PERIOD_DAYS, source: 'default', agreementVersion: null };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days still to run, 0 when the period is over; counted from when detect mode began. */
export function daysRemaining(detectSince: Date, now: Date, periodDays: number): number {
  const endsAt = detectSince.getTime() + periodDays * DAY_MS;
  return Math.max(0, Math.ceil((endsAt - now.getTime()) / DAY_MS));
}
