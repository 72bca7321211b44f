import { verifyAuditChain } from '@app/audit';
import { DataSource } from 'typeorm';

/** Exit code 0 when the chain is whole; 1 naming the first record altered, inserted or deleted. */
export async function auditVerifyCommand(dataSource: DataSource): Promise<number> {
  const result = await verifyAuditChain(dataSource);
  if (result.ok) {
    console.log(`audit chain intact: ${result.checked} records verified`);
    return 0;
  }
  console.error(`audit chain BROKEN after ${result.checked} good records: ${result.problem?.message}`);
  return 1;
}
