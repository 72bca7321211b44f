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
import { NewestProposal, waitedOn } from '../gate/waited-on';
import { newestProposalStatuses } from '../proposals/newest-proposal-status';
import { localise } from '../templates/localise';
import type { TemplateDefinition } from '../templates/template.types';
import { AssigneeResolver } from './assignees';
import { GateReader } from './gate-reader';
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
    private readonly reader: GateReader,
  ) {}

  /**
   * The verdict as the caller sees it now. The hot read (polled by the portal and by integrations):
   * one plain SQL round trip (GateReader) instead of the onboarding, its steps and the assignees
   * through TypeORM; the same steps, users and checks as `evaluate`, so the same verdict.
   */
  async gate(
    scope: AccessScope,
    id: string,
    language: Language = scope.language,
  ): Promise<GateVerdict> {
    const read = await this.reader.read(scope, id);
    const template = this.templates.get(read.templateKey, read.templateVersion);
    const failures = new Map<string, string[]>();
    const checked = read.steps.filter(
      (s) => s.requiredForStart && s.type === 'automatic_check' && s.state === 'open',
    );
    if (checked.some((s) => this.evidence.checkFor(s.key))) {
      // Only an open check needs the onboarding itself (rare on a polled gate): read it then.
      const manager = this.tx.manager;
      const onboarding = await manager
        .getRepository(Onboarding)
        .findOneByOrFail({ id: read.onboardingId });
      for (const step of checked) {
        const check = this.evidence.checkFor(step.key);
        if (check) failures.set(step.key, await check(manager, onboarding, language));
      }
    }
    const titles = titlesOf(template, language);
    const gateSteps: GateStep[] = read.steps.map((s) => ({
      key: s.key,
      title: titles.get(s.key) ?? s.key,
      type: s.type,
      party: s.party,
      role: s.role,
      state: s.state,
      requiredForStart: s.requiredForStart,
      dueAt: s.dueAt,
      dependsOn: s.dependsOn,
      assignees: s.assignees,
      reason: s.reason,
      checkFailures: failures.get(s.key),
    }));
    return evaluateGate(gateSteps, this.clock.now());
  }

  async evaluate(
    manager: EntityManager,
    onboarding: Onboarding,
    engagement: Engagement,
    steps: OnboardingStep[],
    language: Language,
    /**
     * Assignees by `party:role` when the caller has read them already (the onboarding view), with
     * the newest proposals' statuses; both must cover the proposers' roles too.
     */
    known?: { users: Map<string, GateUser[]>; proposals: Map<string, NewestProposal> },
  ): Promise<GateVerdict> {
    const template = this.templates.get(onboarding.templateKey, onboarding.templateVersion);
    const proposals = known?.proposals ?? (await newestProposalStatuses(manager, onboarding.id));
    const definitions = new Map(template.steps.map((s) => [s.key, s]));
    // Who each step waits on: its own party and role, or its proposer's (see waitedOn).
    const waited = new Map(
      steps.map((s) => [
        s.key,
        waitedOn(
          s,
          this.evidence.decidedIn(s.key) ? null : definitions.get(s.key)?.proposer,
          proposals.get(s.key) ?? 'none',
        ),
      ]),
    );
    const required = steps.filter(
      (s) => s.requiredForStart && s.state !== 'done' && s.state !== 'waived',
    );
    const users =
      known?.users ??
      (await this.assignees.forSteps(
        manager,
        engagement,
        required.map((s) => waited.get(s.key) ?? s),
      ));
    const titles = titlesOf(template, language);
    const failures = new Map<string, string[]>();
    // Only an open check is evaluated; a blocked one waits for its dependencies first.
    for (const step of required.filter((s) => s.type === 'automatic_check' && s.state === 'open')) {
      const check = this.evidence.checkFor(step.key);
      if (check) failures.set(step.key, await check(manager, onboarding, language));
    }
    const gateSteps: GateStep[] = steps.map((s) => {
      const { party, role } = waited.get(s.key) ?? s;
      return {
        key: s.key,
        title: titles.get(s.key) ?? s.key,
        type: s.type,
        party,
        role,
        state: s.state,
        requiredForStart: s.requiredForStart,
        dueAt: s.dueAt,
        dependsOn: s.dependsOn,
        assignees: users.get(`${party}:${role}`) ?? [],
        reason: s.reason,
        checkFailures: failures.get(s.key),
      };
    });
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

/** Templates are immutable code: their localised step titles are worked out once per language. */
const TITLES = new WeakMap<TemplateDefinition, Map<Language, Map<string, string>>>();

function titlesOf(template: TemplateDefinition, language: Language): ReadonlyMap<string, string> {
  let byLanguage = TITLES.get(template);
  if (!byLanguage) {
    byLanguage = new Map();
    TITLES.set(template, byLanguage);
  }
  let titles = byLanguage.get(language);
  if (!titles) {
    titles = new Map(template.steps.map((s) => [s.key, localise(s.title, language)]));
    byLanguage.set(language, titles);
  }
  return titles;
}
