import { StringDecoder } from 'node:string_decoder';
import type { Classification } from '../../support/classify-endpoint';
import { CsvParser, CsvRecord } from '../csv/csv-parser';
import { EndpointRow, rowValidatorFor, RowValidator } from '../csv/endpoint-row';
import { SUPPORT_STATUSES } from '../endpoint.entity';
import { HostnameIndex } from './hostname-index';
import { ImportCounts, ImportProgress, MAX_LISTED_PROBLEMS, RowProblem } from './import-report';

/** Where validated, classified rows go (the COPY stream in the service; an array in tests). */
export interface RowSink {
  /** Called for each good row, in file order. */
  row(row: EndpointRow, classification: Classification, line: number): void;
  /** Called after each input chunk: the sink may flush and make the reader wait. */
  flush(): Promise<void>;
}

export interface RowStreamResult extends ImportCounts {
  problems: RowProblem[];
  problemsTruncated: boolean;
  /** Set when the header is unusable: nothing else was read. */
  headerProblems: string[];
}

/**
 * Reads an inventory CSV from a byte stream: parses (RFC 4180), validates each row, rejects
 * repeated hostnames (case-insensitive; the repeat is the bad row), classifies each good row
 * and hands it to the sink. Only the hostnames seen are kept, never the rows.
 */
export async function readEndpointRows(
  source: AsyncIterable<Buffer | string>,
  classify: (row: EndpointRow) => Classification,
  sink: RowSink,
  onProgress?: (progress: ImportProgress) => void,
): Promise<RowStreamResult> {
  const result: RowStreamResult = {
    rows: 0,
    valid: 0,
    invalid: 0,
    bytes: 0,
    bySupportStatus: Object.fromEntries(
      SUPPORT_STATUSES.map((s) => [s, 0]),
    ) as RowStreamResult['bySupportStatus'],
    problems: [],
    problemsTruncated: false,
    headerProblems: [],
  };
  const seen = new HostnameIndex();
  let validate: RowValidator | null = null;
  let headerRead = false;
  const problem = (line: number, reason: string): void => {
    result.invalid += 1;
    if (result.problems.length < MAX_LISTED_PROBLEMS) result.problems.push({ line, reason });
    else result.problemsTruncated = true;
  };
  const onRecord = (record: CsvRecord): void => {
    if (!headerRead) {
      headerRead = true;
      const header = rowValidatorFor(record.fields);
      if ('problems' in header) result.headerProblems = header.problems;
      else validate = header.validate;
      return;
    }
    if (!validate) return;
    result.rows += 1;
    if (record.error) return problem(record.line, record.error);
    const checked = validate(record.fields);
    if ('reason' in checked) return problem(record.line, checked.reason);
    const first = seen.add(checked.row.hostname, record.line);
    if (first !== undefined)
      return problem(
        record.line,
        `duplicate hostname "${checked.row.hostname}" (first at line ${first})`,
      );
    const classification = classify(checked.row);
    result.valid += 1;
    result.bySupportStatus[classification.status] += 1;
    sink.row(checked.row, classification, record.line);
  };
  const parser = new CsvParser(onRecord);
  const decoder = new StringDecoder('utf8');
  for await (const chunk of source) {
    if (typeof chunk === 'string') {
      result.bytes += Buffer.byteLength(chunk);
      parser.write(chunk);
    } else {
      result.bytes += chunk.length;
      parser.write(decoder.write(chunk));
    }
    if (result.headerProblems.length) break;
    await sink.flush();
    onProgress?.({ rows: result.rows, bytes: result.bytes });
  }
  if (!result.headerProblems.length) {
    parser.write(decoder.end());
    parser.end();
    if (!headerRead) result.headerProblems = ['the file is empty (no header line)'];
    await sink.flush();
    onProgress?.({ rows: result.rows, bytes: result.bytes });
  }
  return result;
}
