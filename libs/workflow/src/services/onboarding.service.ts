import { Injectable } from '@nestjs/common';
import {
  AccessScope,
  can,
  Engagement,
  engagementScopeCondition,
  EngagementService,
  Organisation,
  Page,
  Paging,
} from '@app/identity';
import { Clock, ForbiddenException, TransactionRunner, ValidationException } from '@app/platform';
import { OnboardingEvent } from '../entities/onboarding-event.entity';
import { OnboardingStep } from '../entities/onboarding-step.entity';
import { Onboarding, OnboardingKind, OnboardingStatus } from '../entities/onboarding.entity';
import { isSettled } from '../gate/step-state';
import { WorkflowNotifier } from '../notifications/workflow-notifier';
import { derivePhase } from '../phases/derive-phase';
import type { Phase } from '../templates/template.types';
import { StepTransitions } from './step-transitions';
import { TemplateRegistry } from './template-registry';
import { WorkflowError } from '../workflow-errors';

export interface CreateOnboardingInput {
  engagementId: string;
  templateKey: string;
  plannedStartDate: string;
  /**
   * An engagement whose service has started gets another onboarding only when asked for
   * explicitly (e.g. a new EDR product); the started one and its approvals stay as they are.
   */
  reonboarding?: boolean;
}

export interface OnboardingFilter {
  phase?: Phase;
  status?: OnboardingStatus;
  overdue?: boolean;
  /** The customer organisation's id, or part of its name (case-insensitive). */
  customer?: string;
}

export interface OnboardingSummary {
  id: string;
  engagementId: string;
  customerName: string;
  templateKey: string;
  templateVersion: number;
  /** The engagement's nth onboarding; a later one after the start is a re-onboarding. */
  sequence: number;
  kind: OnboardingKind;
  plannedStartDate: string;
  status: OnboardingStatus;
  currentPhase: Phase;
  requiredSteps: number;
  requiredDone: number;
  overdueSteps: number;
  serviceStartedAt: Date | null;
}

const DAY_MS = 24 * 3600 * 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Due dates count from the planned start day (UTC midnight). */
export function dueDate(plannedStartDate: string, offsetDays: number): Date {
  return new Date(Date.parse(`${plannedStartDate}T00:00:00Z`) + offsetDays * DAY_MS);
}

@Injectable()
export class OnboardingService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly engagements: EngagementService,
    private readonly templates: TemplateRegistry,
    private readonly transitions: StepTransitions,
    private readonly notifier: WorkflowNotifier,
    private readonly clock: Clock,
  ) {}

  async create(scope: AccessScope, input: CreateOnboardingInput): Promise<Onboarding> {
    const engagement = await this.engagements.get(scope, input.engagementId);
    if (!can(scope, 'onboarding.create', engagement))
      throw new ForbiddenException(
        'Only the provider lead or an assigned account manager starts an onboarding',
      );
    const template = this.templates.latest(input.templateKey);
    if (Number.isNaN(Date.parse(`${input.plannedStartDate}T00:00:00Z`))) {
      throw new ValidationException([
        { field: 'plannedStartDate', reason: 'must be a calendar date (YYYY-MM-DD)' },
      ]);
    }
    return this.tx.run(async (manager) => {
      await manager
        .getRepository(Engagement)
        .createQueryBuilder('e')
        .setLock('pessimistic_write')
        .where('e.id = :id', { id: engagement.id })
        .getOne();
      const earlier = await manager
        .getRepository(Onboarding)
        .find({ where: { engagementId: engagement.id }, order: { sequence: 'DESC' } });
      const kind = this.kindOfNext(earlier, input.reonboarding === true);
      const steps = template.steps.map((definition, position) =>
        manager.getRepository(OnboardingStep).create({
          key: definition.key,
          position,
          type: definition.type,
          party: definition.party,
          role: definition.role,
          phase: definition.phase,
          area: definition.area,
          dependsOn: definition.dependsOn,
          requiredForStart: definition.requiredForStart,
          waivable: definition.waivable,
          dueAt: dueDate(input.plannedStartDate, definition.dueOffsetDays),
          state: definition.dependsOn.length === 0 ? 'open' : 'blocked',
          openedAt: definition.dependsOn.length === 0 ? this.clock.now() : null,
        }),
      );
      const onboarding = await manager.getRepository(Onboarding).save(
        manager.getRepository(Onboarding).create({
          engagementId: engagement.id,
          templateKey: template.key,
          templateVersion: template.version,
          plannedStartDate: input.plannedStartDate,
          sequence: (earlier[0]?.sequence ?? 0) + 1,
          kind,
          status: 'in_progress',
          currentPhase: derivePhase(steps),
          createdBy: scope.userId,
        }),
      );
      for (const step of steps) step.onboardingId = onboarding.id;
      await manager.getRepository(OnboardingStep).save(steps);
      const ctx = { manager, actor: scope.actor, onboarding, engagement, steps };
      await this.transitions.keepProgress(ctx);
      await this.transitions.recordOnboardingEvent(ctx, 'created', {
        templateKey: template.key,
        templateVersion: template.version,
        plannedStartDate: input.plannedStartDate,
        steps: steps.length,
      });
      for (const step of steps.filter((s) => s.state === 'open'))
        await this.notifier.stepOpened(manager, onboarding, step);
      // An automatic check open from the start decides itself now, like one that opens later.
      for (const step of steps.filter((s) => s.state === 'open' && s.type === 'automatic_check'))
        await this.transitions.evaluateCheck(ctx, step);
      return onboarding;
    });
  }

  /**
   * One onboarding per engagement at a time: another while one is in progress is refused; after
   * the service started, only an explicit re-onboarding is made (and never touches the started
   * one); a re-onboarding asked for where nothing started is refused too.
   */
  private kindOfNext(earlier: Onboarding[], reonboarding: boolean): OnboardingKind {
    const running = earlier.find((o) => o.status === 'in_progress');
    if (running) {
      throw new WorkflowError(
        'ONBOARDING_IN_PROGRESS',
        `This engagement already has an onboarding in progress (#${running.sequence}, ${running.id}); finish it first`,
        {
          onboardingId: running.id,
        },
      );
    }
    const started = earlier.find((o) => o.status === 'active');
    if (started && !reonboarding) {
      throw new WorkflowError(
        'REONBOARDING_REQUIRED',
        `The service of this engagement started on ${started.serviceStartedAt?.toISOString().slice(0, 10) ?? '?'} (onboarding #${started.sequence}); to onboard it again, ask for a re-onboarding explicitly (reonboarding: true)`,
        { onboardingId: started.id },
      );
    }
    if (!started && reonboarding) {
      throw new WorkflowError(
        'SERVICE_NOT_STARTED',
        "A re-onboarding follows a started service; this engagement's service has not started",
      );
    }
    return started ? 'reonboarding' : 'initial';
  }

  async list(
    scope: AccessScope,
    filter: OnboardingFilter,
    paging: Paging,
  ): Promise<Page<OnboardingSummary>> {
    const condition = engagementScopeCondition(scope, 'e');
    const qb = this.tx.manager
      .getRepository(Onboarding)
      .createQueryBuilder('o')
      .innerJoin(Engagement, 'e', 'e.id = o.engagement_id')
      .innerJoin(Organisation, 'c', 'c.id = e.customer_organisation_id')
      .where(condition.sql, condition.params);
    if (filter.phase) qb.andWhere('o.current_phase = :phase', { phase: filter.phase });
    if (filter.status) qb.andWhere('o.status = :status', { status: filter.status });
    const customer = filter.customer?.trim();
    if (customer && UUID.test(customer))
      qb.andWhere('e.customer_organisation_id = :customer', { customer });
    else if (customer)
      qb.andWhere(`c.name ILIKE :customerName ESCAPE '\\'`, {
        customerName: `%${customer.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`,
      });
    const overdue = `EXISTS (SELECT 1 FROM onboarding_step os WHERE os.onboarding_id = o.id AND os.state IN ('open','stale','rejected') AND os.due_at < :now)`;
    const now = this.clock.now();
    if (filter.overdue === true) qb.andWhere(overdue, { now });
    if (filter.overdue === false) qb.andWhere(`NOT ${overdue}`, { now });
    const total = await qb.getCount();
    const rows = await qb
      .select([
        'o.id AS id',
        'o.engagement_id AS "engagementId"',
        'c.name AS "customerName"',
        'o.template_key AS "templateKey"',
        'o.template_version AS "templateVersion"',
        'o.sequence AS sequence',
        'o.kind AS kind',
        `to_char(o.planned_start_date, 'YYYY-MM-DD') AS "plannedStartDate"`,
        'o.status AS status',
        'o.current_phase AS "currentPhase"',
        'o.service_started_at AS "serviceStartedAt"',
        `(SELECT count(*)::int FROM onboarding_step s WHERE s.onboarding_id = o.id AND s.required_for_start) AS "requiredSteps"`,
        `(SELECT count(*)::int FROM onboarding_step s WHERE s.onboarding_id = o.id AND s.required_for_start AND s.state IN ('done','waived')) AS "requiredDone"`,
        `(SELECT count(*)::int FROM onboarding_step s WHERE s.onboarding_id = o.id AND s.state IN ('open','stale','rejected') AND s.due_at < :now) AS "overdueSteps"`,
      ])
      .setParameter('now', now)
      .orderBy('o.planned_start_date', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .limit(paging.limit)
      .offset(paging.offset)
      .getRawMany<OnboardingSummary>();
    return { items: rows, total, ...paging };
  }

  async history(onboardingId: string, limit = 500): Promise<OnboardingEvent[]> {
    return this.tx.manager
      .getRepository(OnboardingEvent)
      .find({ where: { onboardingId }, order: { id: 'DESC' }, take: limit });
  }

  static requiredProgress(steps: OnboardingStep[]): { required: number; done: number } {
    const required = steps.filter((s) => s.requiredForStart);
    return { required: required.length, done: required.filter((s) => isSettled(s.state)).length };
  }
}
