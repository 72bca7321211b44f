import { Inject, Injectable } from '@nestjs/common';
import { EngagementDocumentVersion } from '@app/agreements';
import { AccessScope, Engagement, engagementScopeCondition, Organisation } from '@app/identity';
import { PeacetimeTask } from '@app/incidents';
import {
  APP_CONFIG,
  AppConfig,
  formatMoment,
  isCalendarDay,
  isTimeZone,
  TransactionRunner,
} from '@app/platform';
import { GroupPolicy, tuningPeriod } from '@app/rollout';
import {
  actsAs,
  localise,
  Onboarding,
  OnboardingStep,
  TemplateRegistry,
  WAITING_STATES,
} from '@app/workflow';
import { EntityManager, In } from 'typeorm';
import { calendarWords, CalendarWords } from './calendar-labels';
import { dayIn, nextPeriodStart } from './calendar-dates';
import type { AllDay, Timed } from './ics-writer';

const DAY_MS = 86_400_000;

/** One dated thing a person should see in their calendar, before its revision is known. */
export interface CalendarItem {
  /** Stable across plan changes: the same step, start or task keeps its UID. */
  uid: string;
  kind: 'step_due' | 'service_start' | 'tuning_end' | 'peacetime_task';
  when: AllDay | Timed;
  summary: string;
  description: string;
  url?: string;
  /** What the SEQUENCE follows: the item's dates and state, in no language. */
  fingerprint: string;
}

interface Seen {
  engagement: Engagement;
  customerName: string;
}

const uidOf = (...parts: string[]): string => `${parts.join('-')}@mdr-portal`;

function whenOfDue(dueAt: Date): AllDay | Timed {
  // Due dates are calendar days (UTC midnight); a due moment would be shown as one.
  return isCalendarDay(dueAt)
    ? { kind: 'day', start: dueAt.toISOString().slice(0, 10) }
    : { kind: 'moment', start: dueAt };
}

function fingerprintOf(when: AllDay | Timed, ...rest: string[]): string {
  const dates =
    when.kind === 'day'
      ? `${when.start}/${when.end ?? ''}`
      : `${when.start.toISOString()}/${when.end?.toISOString() ?? ''}`;
  return [when.kind, dates, ...rest].join('|');
}

/**
 * What a person's calendar feed lists, read through their scope: the due dates of steps waiting
 * on them (their party and role), the planned service start of each onboarding in progress, the
 * end of the tuning period in detect mode, and the open peacetime tasks they own. Engagements
 * outside their scope contribute nothing.
 */
@Injectable()
export class CalendarItemsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly templates: TemplateRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async items(
    scope: AccessScope,
    manager: EntityManager = this.tx.manager,
  ): Promise<CalendarItem[]> {
    const words = calendarWords(scope.language);
    const seen = await this.engagements(scope, manager);
    if (seen.size === 0) return [];
    const ids = [...seen.keys()];
    return [
      ...(await this.onboardingItems(scope, manager, seen, ids, words)),
      ...(await this.tuningItems(scope, manager, seen, ids, words)),
      ...(await this.peacetimeItems(scope, manager, seen, ids, words)),
    ];
  }

  private async engagements(
    scope: AccessScope,
    manager: EntityManager,
  ): Promise<Map<string, Seen>> {
    const condition = engagementScopeCondition(scope, 'e');
    const engagements = await manager
      .getRepository(Engagement)
      .createQueryBuilder('e')
      .where(condition.sql, condition.params)
      .orderBy('e.created_at', 'ASC')
      .getMany();
    const customers = engagements.length
      ? await manager.getRepository(Organisation).findBy({
          id: In([...new Set(engagements.map((e) => e.customerOrganisationId))]),
        })
      : [];
    const names = new Map(customers.map((c) => [c.id, c.name]));
    return new Map(
      engagements.map((engagement) => [
        engagement.id,
        { engagement, customerName: names.get(engagement.customerOrganisationId) ?? '' },
      ]),
    );
  }

  private async onboardingItems(
    scope: AccessScope,
    manager: EntityManager,
    seen: Map<string, Seen>,
    engagementIds: string[],
    words: CalendarWords,
  ): Promise<CalendarItem[]> {
    const onboardings = await manager.getRepository(Onboarding).find({
      where: { engagementId: In(engagementIds), status: 'in_progress' },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    if (onboardings.length === 0) return [];
    const steps = await manager.getRepository(OnboardingStep).find({
      where: { onboardingId: In(onboardings.map((o) => o.id)), state: In([...WAITING_STATES]) },
      order: { position: 'ASC' },
    });
    const items: CalendarItem[] = [];
    for (const onboarding of onboardings) {
      const { engagement, customerName } = seen.get(onboarding.engagementId) as Seen;
      const url = `${this.config.publicUrl}/onboardings/${onboarding.id}`;
      const start: AllDay = { kind: 'day', start: onboarding.plannedStartDate };
      items.push({
        uid: uidOf('service-start', onboarding.id),
        kind: 'service_start',
        when: start,
        summary: words.serviceStart(customerName),
        description: words.serviceStartDescription(engagement.name, onboarding.sequence),
        url,
        fingerprint: fingerprintOf(start),
      });
      const template = this.templates.get(onboarding.templateKey, onboarding.templateVersion);
      const titles = new Map(template.steps.map((s) => [s.key, s.title]));
      for (const step of steps.filter((s) => s.onboardingId === onboarding.id)) {
        if (!actsAs(scope, engagement, step.party, step.role)) continue;
        const localised = titles.get(step.key);
        const title = localised ? localise(localised, scope.language) : step.key;
        const when = whenOfDue(step.dueAt);
        items.push({
          uid: uidOf('step', onboarding.id, step.key),
          kind: 'step_due',
          when,
          summary: words.stepDue(title, customerName),
          description: words.stepDueDescription(
            title,
            engagement.name,
            words.state[step.state] ?? step.state,
          ),
          url: `${url}#step-${step.key}`,
          fingerprint: fingerprintOf(when, step.state),
        });
      }
    }
    return items;
  }

  /** The end of the tuning period: the last group in detect mode to finish its minimum days. */
  private async tuningItems(
    scope: AccessScope,
    manager: EntityManager,
    seen: Map<string, Seen>,
    engagementIds: string[],
    words: CalendarWords,
  ): Promise<CalendarItem[]> {
    const policies = await manager
      .getRepository(GroupPolicy)
      .find({ where: { engagementId: In(engagementIds), mode: 'detect' } });
    const items: CalendarItem[] = [];
    for (const engagementId of new Set(policies.map((p) => p.engagementId))) {
      const { engagement, customerName } = seen.get(engagementId) as Seen;
      const period = await tuningPeriod(manager, engagementId);
      const since = Math.max(
        ...policies
          .filter((p) => p.engagementId === engagementId)
          .map((p) => p.modeSince.getTime()),
      );
      const endsAt = new Date(since + period.days * DAY_MS);
      const when: Timed = { kind: 'moment', start: endsAt };
      items.push({
        uid: uidOf('tuning-end', engagementId),
        kind: 'tuning_end',
        when,
        summary: words.tuningEnd(customerName),
        description: words.tuningEndDescription(
          engagement.name,
          period.days,
          formatMoment(endsAt, { language: scope.language, timeZone: scope.timeZone }),
        ),
        fingerprint: fingerprintOf(when),
      });
    }
    return items;
  }

  /** Open peacetime tasks the person owns (their party and role), over the days of their period. */
  private async peacetimeItems(
    scope: AccessScope,
    manager: EntityManager,
    seen: Map<string, Seen>,
    engagementIds: string[],
    words: CalendarWords,
  ): Promise<CalendarItem[]> {
    const tasks = await manager.getRepository(PeacetimeTask).find({
      where: { engagementId: In(engagementIds), status: 'open' },
      order: { periodStart: 'ASC', stepKey: 'ASC' },
    });
    const zones = new Map<string, string>();
    const items: CalendarItem[] = [];
    for (const task of tasks) {
      const { engagement, customerName } = seen.get(task.engagementId) as Seen;
      if (!actsAs(scope, engagement, task.ownerParty, task.ownerRole)) continue;
      let zone = zones.get(task.engagementId);
      if (!zone) {
        zone = await serviceTimeZone(manager, task.engagementId);
        zones.set(task.engagementId, zone);
      }
      const when: AllDay = {
        kind: 'day',
        start: dayIn(task.periodStart, zone),
        end: dayIn(nextPeriodStart(task.frequency, task.periodStart, zone), zone),
      };
      items.push({
        uid: uidOf('peacetime', task.id),
        kind: 'peacetime_task',
        when,
        summary: words.peacetime(task.title, customerName),
        description: words.peacetimeDescription(
          engagement.name,
          words.frequency[task.frequency] ?? task.frequency,
        ),
        fingerprint: fingerprintOf(when, task.status),
      });
    }
    return items;
  }
}

/** The service's zone from the approved agreement (the peacetime schedule's), else UTC. */
async function serviceTimeZone(manager: EntityManager, engagementId: string): Promise<string> {
  const approved = await manager.getRepository(EngagementDocumentVersion).findOne({
    where: { engagementId, kind: 'service_agreement', status: 'approved' },
    order: { version: 'DESC' },
  });
  const zone = (approved?.content as { serviceHours?: { timeZone?: unknown } } | undefined)
    ?.serviceHours?.timeZone;
  return isTimeZone(zone) ? zone : 'UTC';
}
