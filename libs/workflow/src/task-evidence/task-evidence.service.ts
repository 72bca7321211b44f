import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import { AccessScope, Engagement } from '@app/identity';
import {
  APP_CONFIG,
  AppConfig,
  Clock,
  ForbiddenException,
  NotFoundException,
  TransactionRunner,
} from '@app/platform';
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
import { EvidenceFile, StepCompletion } from './step-completion.entity';

export interface EvidenceFileView {
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
  files: EvidenceFileView[];
}

export interface EvidenceDownload {
  fileName: string;
  contentType: string;
  sha256: string;
  content: Buffer;
}

/** Only the two parties of the engagement (its customer's and its provider's people) read the files. */
function isParty(scope: AccessScope, engagement: Engagement): boolean {
  return (
    scope.organisationId === engagement.customerOrganisationId ||
    scope.organisationId === engagement.providerOrganisationId
  );
}

/**
 * Evidence of completed tasks: the note and files a completion carries (checked against the
 * template's flag and the configured limits), kept in PostgreSQL with their SHA-256, listed with
 * the onboarding and downloaded by the engagement's parties only; uploads and downloads are audited.
 */
@Injectable()
export class TaskEvidenceService {
  readonly limits: EvidenceLimits;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: OnboardingAccess,
    private readonly templates: TemplateRegistry,
    private readonly audit: AuditService,
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

  /** Writes the note and files in the completion's transaction (nothing when there are none). */
  async record(
    ctx: TransitionContext,
    step: OnboardingStep,
    evidence: AcceptedEvidence,
  ): Promise<void> {
    if (evidence.note === null && evidence.files.length === 0) return;
    const by = ctx.actor.userId;
    if (!by) throw new Error('A completion with evidence is recorded by a person');
    const now = this.clock.now();
    const completion = await ctx.manager.getRepository(StepCompletion).save(
      ctx.manager.getRepository(StepCompletion).create({
        onboardingId: ctx.onboarding.id,
        engagementId: ctx.engagement.id,
        stepKey: step.key,
        note: evidence.note,
        completedBy: by,
        completedAt: now,
      }),
    );
    const files = [];
    for (const [position, file] of evidence.files.entries()) {
      const saved = await ctx.manager.getRepository(EvidenceFile).save(
        ctx.manager.getRepository(EvidenceFile).create({
          completionId: completion.id,
          onboardingId: ctx.onboarding.id,
          engagementId: ctx.engagement.id,
          stepKey: step.key,
          position,
          fileName: file.fileName,
          contentType: file.contentType,
          sizeBytes: file.bytes.length,
          sha256: file.sha256,
          content: file.bytes,
          uploadedBy: by,
          uploadedAt: now,
        }),
      );
      files.push({
        id: saved.id,
        fileName: file.fileName,
        contentType: file.contentType,
        sizeBytes: file.bytes.length,
        sha256: file.sha256,
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
    return isParty(scope, engagement);
  }

  /**
   * One evidence file, for a person of either party of the engagement (others who see the
   * onboarding: 403; anyone else, or another onboarding's file: 404). The download is audited.
   */
  download(scope: AccessScope, onboardingId: string, fileId: string): Promise<EvidenceDownload> {
    return this.tx.run(async (manager) => {
      const { onboarding, engagement } = await this.access.load(scope, manager, onboardingId);
      const file = await manager
        .getRepository(EvidenceFile)
        .createQueryBuilder('f')
        .addSelect('f.content')
        .where('f.id = :fileId AND f.onboarding_id = :onboardingId', {
          fileId,
          onboardingId: onboarding.id,
        })
        .getOne();
      if (!file) throw new NotFoundException('Evidence file');
      if (!isParty(scope, engagement)) {
        throw new ForbiddenException(
          "Evidence files are for the engagement's customer and provider only",
        );
      }
      await this.audit.record(manager, scope.actor, {
        action: 'onboarding.step.evidence_downloaded',
        subjectType: 'evidence_file',
        subjectId: file.id,
        organisationId: engagement.customerOrganisationId,
        engagementId: engagement.id,
        changes: {
          onboardingId: onboarding.id,
          stepKey: file.stepKey,
          fileName: file.fileName,
          sha256: file.sha256,
        },
      });
      return {
        fileName: file.fileName,
        contentType: file.contentType,
        sha256: file.sha256,
        content: file.content,
      };
    });
  }
}
