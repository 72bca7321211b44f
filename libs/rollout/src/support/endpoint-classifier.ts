import type { EndpointRow } from '../inventory/csv/endpoint-row';
import { Classification, classifyEndpoint } from './classify-endpoint';
import type { SupportMatrix } from './support-matrix';

const MEMO_LIMIT = 10_000;

/**
 * `classifyEndpoint` for one matrix and day, remembered by (type, family, version, kernel):
 * an estate has few distinct OS builds, so most rows cost one Map lookup.
 */
export function memoisedClassifier(matrix: SupportMatrix, today: string, eolSoonDays: number): (row: Pick<EndpointRow, 'type' | 'osFamily' | 'osVersion' | 'kernel'>) => Classification {
  const memo = new Map<string, Classification>();
  return (row) => {
    const key = `${row.type}\u0000${row.osFamily}\u0000${row.osVersion}\u0000${row.kernel ?? ''}`;
    let found = memo.get(key);
    if (!found) {
      found = classifyEndpoint(matrix, row, today, eolSoonDays);
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(key, found);
    }
    return found;
  };
}
