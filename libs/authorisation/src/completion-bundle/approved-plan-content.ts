import { StepSubmission } from '@app/workflow/entities/step-submission.entity';
import { EntityManager } from 'typeorm';

/** One approved proposal as the bundle carries it. */
export interface ApprovedPlanContent {
  stepKey: string;
  version: number;
  contentHash: string;
  content: Record<string, unknown>;
  submittedBy: string;
  submittedAt: string;
}

/**
 * What was approved of the roll-out configuration: every proposal (step_submission) whose hash
 * a settled step of the onboarding is bound to. The one place the bundle asks, so that server-
 * taken plan snapshots can be added here when they exist.
 */
export async function approvedPlanContent(
  manager: EntityManager,
  onboardingId: string,
): Promise<ApprovedPlanContent[]> {
  const rows = await manager
    .getRepository(StepSubmission)
    .createQueryBuilder('s')
    .innerJoin(
      'onboarding_step',
      'st',
      'st.onboarding_id = s.onboarding_id AND st.key = s.step_key AND st.content_hash = s.content_hash',
    )
    .where('s.onboarding_id = :onboardingId', { onboardingId })
    .andWhere(`st.state IN ('done', 'waived')`)
    .orderBy('s.step_key', 'ASC')
    .addOrderBy('s.version', 'ASC')
    .getMany();
  return rows.map((s) => ({
    stepKey: s.stepKey,
    version: s.version,
    contentHash: s.contentHash,
    content: s.content,
    submittedBy: s.submittedBy,
    submittedAt: s.submittedAt.toISOString(),
  }));
}
