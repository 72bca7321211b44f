import { AGREEMENT_STEP_KEYS } from '@app/agreements/workflow-link';
import { ProgressVerification } from '@app/workflow';
import { DataSource } from 'typeorm';

/**
 * Exit code 0 when every onboarding's kept progress equals the aggregate of its steps; 1 listing
 * the onboardings (up to 20) and the figures that differ.
 */
export async function verifyProgressCommand(dataSource: DataSource): Promise<number> {
  const { checked, mismatches } = await ProgressVerification.standalone(
    AGREEMENT_STEP_KEYS,
  ).mismatches(dataSource.manager, 20);
  if (mismatches.length === 0) {
    console.log(
      `onboarding progress consistent: ${checked} onboardings checked against their steps`,
    );
    return 0;
  }
  console.error(
    `onboarding progress DIFFERS from the steps for ${mismatches.length === 20 ? 'at least 20' : mismatches.length} of ${checked} onboardings:`,
  );
  for (const mismatch of mismatches) {
    const columns = Object.entries(mismatch.differences)
      .map(
        ([column, { kept, aggregate }]) =>
          `${column}: kept ${JSON.stringify(kept)}, steps say ${JSON.stringify(aggregate)}`,
      )
      .join('; ');
    console.error(`  ${mismatch.onboardingId}: ${columns}`);
  }
  return 1;
}
