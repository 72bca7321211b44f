import type { EndpointRow } from '../inventory/csv/endpoint-row';
import { Classification, classifyEndpoint } from './classify-endpoint';
import type { SupportMatrix } from './support-matrix';

const MEMO_LIMIT = 10_000;

type Classifiable = Pick<EndpointRow, 'type' | 'osFamily' | 'osVersion' | 'kernel'>;

/**
 * `classifyEndpoint` for one matrix and day, remembered by (type, family, version, kernel):
 * an estate has few distinct OS builds, so most rows cost a few Map lookups. The memo is nested
 * by field rather than keyed by the fields joined: joining made and hashed a new string per row.
 */
export function memoisedClassifier(
  matrix: SupportMatrix,
  today: string,
  eolSoonDays: number,
): (row: Classifiable) => Classification {
  let memo = new Map<string, Map<string, Map<string, Map<string, Classification>>>>();
  let size = 0;
  return (row) => {
    const kernel = row.kernel ?? '';
    const found = memo.get(row.type)?.get(row.osFamily)?.get(row.osVersion)?.get(kernel);
    if (found) return found;
    const classification = classifyEndpoint(matrix, row, today, eolSoonDays);
    if (size >= MEMO_LIMIT) {
      memo = new Map();
      size = 0;
    }
    const byFamily = child(memo, row.type);
    const byVersion = child(byFamily, row.osFamily);
    child(byVersion, row.osVersion).set(kernel, classification);
    size += 1;
    return classification;
  };
}

function child<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let found = map.get(key);
  if (!found) {
    found = new Map();
    map.set(key, found);
  }
  return found;
}
