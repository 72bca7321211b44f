import { canonicalJson } from '@app/audit/canonical-json';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { OnboardingStep } from '../entities/onboarding-step.entity';
import { StepSubmission } from '../entities/step-submission.entity';
import type { StepDefinition } from '../templates/template.types';

export function contentHash(content: unknown): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

export interface ApprovalSubject {
  /** What the approval binds to, for the record. */
  description: string;
  hash: string;
  version: number | null;
  /** The newest proposal it binds to (null: the step's own definition). */
  submission: StepSubmission | null;
}

export async function latestSubmission(
  manager: EntityManager,
  onboardingId: string,
  stepKey: string,
): Promise<StepSubmission | null> {
  return manager.getRepository(StepSubmission).findOne({
    where: { onboardingId, stepKey },
    order: { version: 'DESC' },
  });
}

/** The newest proposal of each of `stepKeys` (absent: none yet), in one statement. */
export async function latestSubmissions(
  manager: EntityManager,
  onboardingId: string,
  stepKeys: readonly string[],
): Promise<Map<string, StepSubmission>> {
  const rows = await manager
    .getRepository(StepSubmission)
    .createQueryBuilder('s')
    .distinctOn(['s.step_key'])
    .where('s.onboarding_id = :onboardingId AND s.step_key IN (:...stepKeys)', {
      onboardingId,
      stepKeys,
    })
    .orderBy('s.step_key')
    .addOrderBy('s.version', 'DESC')
    .getMany();
  return new Map(rows.map((row) => [row.stepKey, row]));
}

/**
 * The content an approval binds to: the newest proposal for steps that have a proposer (null
 * when nothing was proposed yet); otherwise the step's own definition for this onboarding.
 */
export async function approvalSubject(
  manager: EntityManager,
  step: OnboardingStep,
  definition: StepDefinition,
): Promise<ApprovalSubject | null> {
  if (definition.proposer) {
    const submission = await latestSubmission(manager, step.onboardingId, step.key);
    if (!submission) return null;
    return {
      description: `proposal v${submission.version}`,
      hash: submission.contentHash,
      version: submission.version,
      submission,
    };
  }
  const hash = contentHash({
    onboardingId: step.onboardingId,
    stepKey: step.key,
    title: definition.title,
    description: definition.description,
  });
  return { description: 'step definition', hash, version: null, submission: null };
}
