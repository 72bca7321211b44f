import { Injectable } from '@nestjs/common';
import { AccessScope, can, Engagement, Language } from '@app/identity';
import { OutboxService } from '@app/notify';
import { CheckpointService } from '@app/proof/checkpoint.service';
import { Clock, ForbiddenException, TransactionRunner } from '@app/platform';
import { EntityManager } from 'typeorm';
import { OnboardingStep } from '../entities/onboarding-step.entity';
import { Onboarding } from '../entities/onboarding.entity';
import { StepEvidenceRegistry } from '../evidence/step-evidence.registry';
import { evaluateGate, GateStep, GateUser, GateVerdict } from '../gate/evaluate-gate';
import { localise } from '../templates/localise';
import { AssigneeResolver } from './assignees';
import { OnboardingAccess } from './onboarding-access';
import { StepTransitions } from './step-transitions';
import { TemplateRegistry } from './template-registry';
import { WorkflowError } from '../workflow-errors';

export interface ServiceStart {
  onboardingId: string;
  status: 'active';
  serviceStartedAt: Date;
  serviceStartedBy: string | null;
}

class GateNotReadyException extends WorkflowError {
  constructor(verdict: GateVerdict) {
    const count = verdict.blockers.length;
    super(
      'GATE_NOT_READY',
      `The service cannot start: ${count} required step${count === 1 ? ' is' : 's are'} not complete`,
      verdict,
    );
  }
}

/** The service-start gate and the start itself, re-evaluated inside the transaction that records it. */
@Injectable()
export class GateService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: OnboardingAccess,
    private readonly templates: TemplateRegistry,
    private readonly assignees: AssigneeResolver,
    private readonly transitions: StepTransitions,
    private readonly evidence: StepEvidenceRegistry,
    private readonly checkpoints: CheckpointService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async gate(
    scope: AccessScope,
    id: string,
    language: Language = scope.language,
  ): Promise<GateVerdict> {
    const { onboarding, engagement } = await this.access.load(scope, this.tx.manager, id);
    const steps = await this.access.steps(this.tx.manager, onboarding.id);
    return this.evaluate(this.tx.manager, onboarding, engagement, steps, language);
  }

  async evaluate(
    manager: EntityManager,
    onboarding: Onboarding,
    engagement: Engagement,
    steps: OnboardingStep[],
    language: Language,
    /** Assignees by `party:role` when the caller has read them already (the onboarding view). */
    known?: Map<string, GateUser[]>,
  ): Promise<GateVerdict> {
    const required = steps.filter(
      (s) => s.requiredForStart && s.state !== 'done' && s.state !== 'waived',
    );
    const users = known ?? (await this.assignees.forSteps(manager, engagement, required));
    const template = this.templates.get(onboarding.templateKey, onboarding.templateVersion);
    const titles = new Map(template.steps.map((s) => [s.key, localise(s.title, language)]));
    const failures = new Map<string, string[]>();
    // Only an open check is evaluated; a blocked one waits for its dependencies first.
    for (const step of required.filter((s) => s.type === 'automatic_check' && s.state === 'open')) {
      const check = this.evidence.checkFor(step.key);
      if (check) failures.set(step.key, await check(manager, onboarding, language));
    }
    const gateSteps: GateStep[] = steps.map((s) => ({
      key: s.key,
      title: titles.get(s.key) ?? s.key,
      type: s.type,
      party: s.party,
      role: s.role,
      state: s.state,
      requiredForStart: s.requiredForStart,
      dueAt: s.dueAt,
      dependsOn: s.dependsOn,
      assignees: users.get(`${s.party}:${s.role}`) ?? [],
      reason: s.reason,
      checkFailures: failures.get(s.key),
    }));
    return evaluateGate(gateSteps, this.clock.now());
  }

  /**
   * Starts the service once. The onboarding row is locked, so of many concurrent calls exactly one
   * records the start; the others find it started and get the same record (created: false).
   */
  async start(scope: AccessScope, id: string): Promise<{ created: boolean; start: ServiceStart }> {
    type Outcome =
      | { created: boolean; start: ServiceStart }
      | { refused: GateVerdict; onboarding: Onboarding; engagement: Engagement };
    const outcome = await this.tx.run(async (manager): Promise<Outcome> => {
      const { onboarding, engagement } = await this.access.load(scope, manager, id, { lock: true });
      if (!can(scope, 'onboarding.start_service', engagement)) {
        throw new ForbiddenException(
          'Only the provider lead or an assigned account manager starts the service',
        );
      }
      if (onboarding.status === 'active')
        return { created: false, start: this.startOf(onboarding) };
      const steps = await this.access.steps(manager, onboarding.id);
      const verdict = await this.evaluate(manager, onboarding, engagement, steps, scope.language);
      if (!verdict.ready) return { refused: verdict, onboarding, engagement };
      onboarding.status = 'active';
      onboarding.serviceStartedAt = this.clock.now();
      onboarding.serviceStartedBy = scope.userId;
      await manager.getRepository(Onboarding).save(onboarding);
      await manager.getRepository(Engagement).update({ id: engagement.id }, { status: 'active' });
      const ctx = { manager, actor: scope.actor, onboarding, engagement, steps };
      await this.transitions.keepProgress(ctx);
      await this.transitions.recordOnboardingEvent(ctx, 'service_started', {
        status: { from: 'in_progress', to: 'active' },
        serviceStartedAt: onboarding.serviceStartedAt.toISOString(),
      });
      // A signed checkpoint of every chain with this start as the engagement's head; its
      // statement goes to the customer's security leads.
      await this.checkpoints.issue(manager, 'service_start', engagement.id);
      // The running service's peacetime activities get their schedulers (the worker registers them).
      await this.outbox.add(
        manager,
        'peacetime-sync',
        { engagementId: engagement.id },
        { dedupeKey: `peacetime-sync:${onboarding.id}` },
      );
      return { created: true, start: this.startOf(onboarding) };
    });
    if ('refused' in outcome) {
      await this.recordRefusal(scope, outcome.onboarding, outcome.engagement, outcome.refused);
      throw new GateNotReadyException(outcome.refused);
    }
    return outcome;
  }

  /** A refused start is audited in its own transaction, since the refusal itself changes nothing. */
  private async recordRefusal(
    scope: AccessScope,
    onboarding: Onboarding,
    engagement: Engagement,
    verdict: GateVerdict,
  ): Promise<void> {
    await this.tx.run((manager) =>
      this.transitions.recordOnboardingEvent(
        { manager, actor: scope.actor, onboarding, engagement, steps: [] },
        'start_refused',
        {
          blockers: verdict.blockers.map((b) => b.stepKey),
        },
      ),
    );
  }

  private startOf(onboarding: Onboarding): ServiceStart {
    return {
      onboardingId: onboarding.id,
      status: 'active',
      serviceStartedAt: onboarding.serviceStartedAt as Date,
      serviceStartedBy: onboarding.serviceStartedBy,
    };
  }
}
