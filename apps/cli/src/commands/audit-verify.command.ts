import { verifyAuditChains } from '@app/audit';
import { DataSource } from 'typeorm';

/**
 * Exit code 0 when every chain (each engagement's and the platform's) is whole; 1 naming the
 * first record altered, inserted or deleted, or a chain cut short of its head.
 */
export async function auditVerifyCommand(dataSource: DataSource): Promise<number> {
  const result = await verifyAuditChains(dataSource);
  if (result.ok) {
    console.log(
      `audit chain intact: ${result.checked} records verified in ${result.chains} chains`,
    );
    return 0;
  }
  console.error(
    `audit chain BROKEN after ${result.checked} good records: ${result.problem?.message}`,
  );
  return 1;
}
