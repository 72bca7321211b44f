import { Injectable } from '@nestjs/common';
import { AccessScope, can, Language, roleLabel, User } from '@app/identity';
import {
  Clock,
  ForbiddenException,
  formatDay,
  formatMoment,
  Reader,
  TransactionRunner,
} from '@app/platform';
import {
  forecastStart,
  isSettled,
  OnboardingAccess,
  OnboardingViewService,
  WAITING_STATES,
} from '@app/workflow';
import { In } from 'typeorm';
import { readinessWords } from './readiness-labels';

/** A required step not settled yet, and who it waits on. */
export interface ReadinessWait {
  stepKey: string;
  title: string;
  state: string;
  stateName: string;
  party: string;
  partyName: string;
  roleName: string;
  people: string[];
  /** The due day in the reader's language, or null. */
  due: string | null;
  overdue: boolean;
}

/** A settled step (done or waived). */
export interface ReadinessDone {
  stepKey: string;
  title: string;
  state: string;
  stateName: string;
  settledAt: string | null;
  by: string | null;
}

/** One onboarding's readiness, worded and timed for one reader. */
export interface ReadinessSummary {
  onboardingId: string;
  engagementId: string;
  customerName: string;
  providerName: string;
  engagementName: string;
  sequence: number;
  status: string;
  language: Language;
  asOf: string;
  plannedStartDate: string;
  plannedStart: string;
  forecastStartDate: string;
  forecastStart: string;
  slippageDays: number;
  serviceStartedAt: string | null;
  requiredDone: number;
  requiredTotal: number;
  percentDone: number;
  /** Required steps waiting on a person (open, to approve again, rejected). */
  waiting: ReadinessWait[];
  /** Required steps still blocked by earlier ones: they wait on no one yet. */
  blockedCount: number;
  done: ReadinessDone[];
}

/**
 * The one-page readiness summary of an onboarding: what is done, what waits on whom (required
 * steps open to a person: party and role, the people, due day, overdue; the steps still blocked
 * by earlier ones only counted) and the forecast service start, computed as the
 * overview computes it (the planned day pushed back by how late the earliest waiting required
 * step is). For the customer's security lead, the provider's staff and assigned account
 * managers (`readiness.read`); outside the caller's scope it answers 404.
 */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: OnboardingAccess,
    private readonly views: OnboardingViewService,
    private readonly clock: Clock,
  ) {}

  async summary(
    scope: AccessScope,
    onboardingId: string,
    reader: Reader,
  ): Promise<ReadinessSummary> {
    const manager = this.tx.manager;
    const { onboarding, engagement } = await this.access.load(scope, manager, onboardingId);
    if (!can(scope, 'readiness.read', engagement))
      throw new ForbiddenException(
        "The readiness summary is for the customer's security lead, the provider's staff and account managers",
      );
    const detail = await this.views.detail(scope, onboarding.id, reader.language, {
      historyLimit: 0,
    });
    const words = readinessWords(reader.language);
    const now = this.clock.now();
    const required = detail.steps.filter((s) => s.requiredForStart);
    const requiredDone = required.filter((s) => isSettled(s.state)).length;
    const nextDue = required
      .filter((s) => WAITING_STATES.includes(s.state))
      .map((s) => s.dueAt)
      .sort((a, b) => a.getTime() - b.getTime())[0];
    const forecast = forecastStart(
      onboarding.plannedStartDate,
      onboarding.status === 'active' ? null : (nextDue ?? null),
      now,
    );
    const names = await this.names(detail.steps.flatMap((s) => (s.actedBy ? [s.actedBy] : [])));
    const seenWaits = new Set<string>();
    const blocked = new Set<string>();
    const waiting: ReadinessWait[] = [];
    for (const blocker of detail.gate.blockers) {
      if (!WAITING_STATES.includes(blocker.state)) {
        blocked.add(blocker.stepKey);
        continue;
      }
      // An automatic check lists one blocker per reason; the summary lists the step once.
      if (seenWaits.has(blocker.stepKey)) continue;
      seenWaits.add(blocker.stepKey);
      waiting.push({
        stepKey: blocker.stepKey,
        title: blocker.title,
        state: blocker.state,
        stateName: words.stateName[blocker.state] ?? blocker.state,
        party: blocker.waitingOn.party,
        partyName: words.party[blocker.waitingOn.party] ?? blocker.waitingOn.party,
        roleName: roleLabel(blocker.waitingOn.role, reader.language),
        people: blocker.waitingOn.users.map((u) => u.displayName),
        due: blocker.dueAt ? formatDay(blocker.dueAt, reader.language) : null,
        overdue: blocker.overdue,
      });
    }
    const done: ReadinessDone[] = detail.steps
      .filter((s) => isSettled(s.state))
      .map((s) => ({
        stepKey: s.key,
        title: s.title,
        state: s.state,
        stateName: words.stateName[s.state] ?? s.state,
        settledAt: s.actedAt ? formatMoment(s.actedAt, reader) : null,
        by: s.actedBy ? (names.get(s.actedBy) ?? null) : null,
      }));
    return {
      onboardingId: onboarding.id,
      engagementId: engagement.id,
      customerName: detail.customerName,
      providerName: detail.providerName,
      engagementName: engagement.name,
      sequence: onboarding.sequence,
      status: onboarding.status,
      language: reader.language,
      asOf: formatMoment(now, reader),
      plannedStartDate: onboarding.plannedStartDate,
      plannedStart: formatDay(onboarding.plannedStartDate, reader.language, 'long'),
      forecastStartDate: forecast.date,
      forecastStart: formatDay(forecast.date, reader.language, 'long'),
      slippageDays: forecast.slippageDays,
      serviceStartedAt: onboarding.serviceStartedAt
        ? formatMoment(onboarding.serviceStartedAt, reader, 'long')
        : null,
      requiredDone,
      requiredTotal: required.length,
      percentDone: required.length === 0 ? 100 : Math.floor((requiredDone * 100) / required.length),
      waiting,
      blockedCount: blocked.size,
      done,
    };
  }

  private async names(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const users = await this.tx.manager.getRepository(User).findBy({ id: In([...new Set(ids)]) });
    return new Map(users.map((u) => [u.id, u.displayName]));
  }
}
