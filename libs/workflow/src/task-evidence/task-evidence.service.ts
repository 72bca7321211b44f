import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import { downloadsEvidence, EvidenceDownload, EvidenceStore, EvidenceSubject } from '@app/evidence';
import { AccessScope, Engagement } from '@app/identity';
import { APP_CONFIG, AppConfig, Clock, NotFoundException, TransactionRunner } from '@app/platform';
import type { OnboardingStep } from '../entities/onboarding-step.entity';
import { OnboardingAccess } from '../services/onboarding-access';
import { assertActor } from '../services/step-permissions';
import type { TransitionContext } from '../services/step-transitions';
import { TemplateRegistry } from '../services/template-registry';
import type { EvidenceRequirement } from '../templates/template.types';
import {
  AcceptedEvidence,
  acceptCompletionInput,
  CompletionInput,
  EvidenceLimits,
} from './completion-input';
import { StepCompletion } from './step-completion.entity';

/** A completion's file as the onboarding lists it. */
export interface CompletionFileView {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: Date;
}

/** The note and files recorded with a task's latest completion. */
export interface CompletionView {
  note: string | null;
  completedBy: string;
  completedByName: string | null;
  completedAt: Date;
  files: CompletionFileView[];
}

/**
 * Evidence of completed tasks: the note and files a completion carries (checked against the
 * template's flag and the configured limits, each file's kind by the evidence store's rules).
 * The note is the completion's own row; the files are kept by the evidence store with the
 * completion as their subject (shared, SHA-256, bytea chunks, audited), listed with the
 * onboarding and downloaded by the engagement's parties only.
 */
@Injectable()
export class TaskEvidenceService {
  readonly limits: EvidenceLimits;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: OnboardingAccess,
    private readonly templates: TemplateRegistry,
    private readonly audit: AuditService,
    private readonly store: EvidenceStore,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limits = {
      maxFileBytes: config.evidenceMaxFileBytes,
      maxFiles: config.evidenceMaxFiles,
      types: config.evidenceTypes,
    };
  }

  /**
   * Before an upload is read: 404 for an onboarding or step the caller cannot see, 403 when the
   * step is not theirs to complete. Says what evidence the step takes.
   */
  async completionTarget(
    scope: AccessScope,
    onboardingId: string,
    key: string,
  ): Promise<{ evidence: EvidenceRequirement | null }> {
    const manager = this.tx.manager;
    const { onboarding, engagement } = await this.access.load(scope, manager, onboardingId);
    const step = (await this.access.steps(manager, onboarding.id)).find((s) => s.key === key);
    if (!step) throw new NotFoundException(`Step ${key}`);
    assertActor(scope, engagement, step);
    return {
      evidence: this.requirementOf(onboarding.templateKey, onboarding.templateVersion, key),
    };
  }

  requirementOf(
    templateKey: string,
    templateVersion: number,
    stepKey: string,
  ): EvidenceRequirement | null {
    return this.templates.step(templateKey, templateVersion, stepKey)?.evidence ?? null;
  }

  /** The completion's note and files as the step takes them, or a 400 naming each bad field. */
  accept(ctx: TransitionContext, step: OnboardingStep, input: CompletionInput): AcceptedEvidence {
    const requirement = this.requirementOf(
      ctx.onboarding.templateKey,
      ctx.onboarding.templateVersion,
      step.key,
    );
    return acceptCompletionInput(input, requirement ?? undefined, this.limits);
  }

  /**
   * Writes the note, and the files through the evidence store (each with its `evidence.uploaded`
   * record), in the completion's transaction; nothing when there are none.
   */
  async record(
    ctx: TransitionContext,
    step: OnboardingStep,
    evidence: AcceptedEvidence,
  ): Promise<void> {
    if (evidence.note === null && evidence.files.length === 0) return;
    const by = ctx.actor.userId;
    if (!by) throw new Error('A completion with evidence is recorded by a person');
    const completion = await ctx.manager.getRepository(StepCompletion).save(
      ctx.manager.getRepository(StepCompletion).create({
        onboardingId: ctx.onboarding.id,
        engagementId: ctx.engagement.id,
        stepKey: step.key,
        note: evidence.note,
        completedBy: by,
        completedAt: this.clock.now(),
      }),
    );
    const subject: EvidenceSubject = {
      kind: 'step_completion',
      id: completion.id,
      engagementId: ctx.engagement.id,
      customerOrganisationId: ctx.engagement.customerOrganisationId,
      providerOrganisationId: ctx.engagement.providerOrganisationId,
      visibility: 'shared',
    };
    const files = [];
    for (const file of evidence.files) {
      const kept = await this.store.keep(ctx.manager, ctx.actor, subject, file);
      files.push({
        id: kept.id,
        fileName: kept.fileName,
        contentType: kept.contentType,
        sizeBytes: kept.sizeBytes,
        sha256: kept.sha256,
      });
    }
    await this.audit.record(ctx.manager, ctx.actor, {
      action: 'onboarding.step.evidence_recorded',
      subjectType: 'onboarding_step',
      subjectId: step.id,
      organisationId: ctx.engagement.customerOrganisationId,
      engagementId: ctx.engagement.id,
      changes: {
        onboardingId: ctx.onboarding.id,
        stepKey: step.key,
        completionId: completion.id,
        note: evidence.note,
        files,
      },
    });
  }

  /** Whether the caller may download the onboarding's evidence (one of the engagement's parties). */
  mayDownload(scope: AccessScope, engagement: Engagement): boolean {
    return downloadsEvidence(scope, engagement, 'step_completion');
  }

  /**
   * One evidence file of this onboarding's completions, through the evidence store: for a person
   * of either party of the engagement (others who see the onboarding: 403; anyone else, or
   * another onboarding's file: 404). The store audits the download.
   */
  async download(
    scope: AccessScope,
    onboardingId: string,
    fileId: string,
  ): Promise<EvidenceDownload> {
    const manager = this.tx.manager;
    const { onboarding } = await this.access.load(scope, manager, onboardingId);
    const subject = await this.store.subjectOf(fileId, manager);
    const ofThisOnboarding =
      subject?.kind === 'step_completion' &&
      (await manager
        .getRepository(StepCompletion)
        .existsBy({ id: subject.id, onboardingId: onboarding.id }));
    if (!ofThisOnboarding) throw new NotFoundException('Evidence file');
    return this.store.download(scope, fileId);
  }
}
