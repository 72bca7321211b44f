import type { FieldError } from '@app/platform';
import { DEPLOYMENT_STATUSES, DeploymentStatus } from './endpoint-deployment.entity';

/** One endpoint's deployment as someone reports it. */
export interface DeploymentRecordInput {
  hostname: string;
  status: string;
  reason?: string | null;
}

export interface DeploymentRecord {
  hostname: string;
  status: DeploymentStatus;
  reason: string | null;
}

/** Most records one call (API, CSV or the portal) may carry. */
export const MAX_DEPLOYMENT_RECORDS = 10_000;
export const MAX_DEPLOYMENT_REASON = 2000;
const MIN_EXCUSE_REASON = 3;

/**
 * Checks each record's fields on their own (hostnames against the inventory come later):
 * status one of deployed, failed, excused; an excuse's reason at least 3 characters; a
 * hostname once per call. `field(i, name)` names the place of a bad value for the 400.
 */
export function checkDeploymentRecords(
  inputs: DeploymentRecordInput[],
  field: (i: number, name: string) => string,
): { records: DeploymentRecord[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const records: DeploymentRecord[] = [];
  const seen = new Map<string, number>();
  inputs.forEach((input, i) => {
    const hostname = input.hostname.trim();
    const reason = input.reason?.trim() ? input.reason.trim() : null;
    const status = input.status.trim().toLowerCase();
    const before = errors.length;
    if (hostname === '') errors.push({ field: field(i, 'hostname'), reason: 'is required' });
    else if (seen.has(hostname.toLowerCase()))
      errors.push({
        field: field(i, 'hostname'),
        reason: `"${hostname}" is recorded twice (first at ${field(seen.get(hostname.toLowerCase()) as number, 'hostname')})`,
      });
    else seen.set(hostname.toLowerCase(), i);
    if (!(DEPLOYMENT_STATUSES as readonly string[]).includes(status))
      errors.push({
        field: field(i, 'status'),
        reason: `must be one of ${DEPLOYMENT_STATUSES.join(', ')}`,
      });
    if (status === 'excused' && (reason?.length ?? 0) < MIN_EXCUSE_REASON)
      errors.push({
        field: field(i, 'reason'),
        reason: `an excuse needs a reason of at least ${MIN_EXCUSE_REASON} characters`,
      });
    if (reason && reason.length > MAX_DEPLOYMENT_REASON)
      errors.push({
        field: field(i, 'reason'),
        reason: `must be at most ${MAX_DEPLOYMENT_REASON} characters`,
      });
    if (errors.length === before)
      records.push({ hostname, status: status as DeploymentStatus, reason });
  });
  return { records, errors };
}
