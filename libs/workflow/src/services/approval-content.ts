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

/** The newest proposal's version number (0: none yet), without reading its content. */
export async function latestVersion(
  manager: EntityManager,
  onboardingId: string,
  stepKey: string,
): Promise<number> {
  const [row] = (await manager.query(
    'SELECT coalesce(max(version), 0) AS version FROM step_submission WHERE onboarding_id = $1 AND step_key = $2',
    [onboardingId, stepKey],
  )) as { version: number }[];
  return Number(row.version);
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
