import { ValidationException } from '@app/platform';
import { parseDeploymentCsv } from './deployment-csv';
import { checkDeploymentRecords } from './deployment-records';

const field = (i: number, name: string): string => `records[${i}].${name}`;

describe('checkDeploymentRecords', () => {
  it('normalises status and reason and keeps each valid record', () => {
    expect(
      checkDeploymentRecords(
        [
          { hostname: ' pc-1 ', status: 'Deployed', reason: '  ' },
          { hostname: 'pc-2', status: 'excused', reason: 'sold' },
        ],
        field,
      ),
    ).toEqual({
      records: [
        { hostname: 'pc-1', status: 'deployed', reason: null },
        { hostname: 'pc-2', status: 'excused', reason: 'sold' },
      ],
      errors: [],
    });
  });

  it('names every bad value: empty or repeated host names, unknown statuses, an excuse without a reason', () => {
    const { records, errors } = checkDeploymentRecords(
      [
        { hostname: '', status: 'deployed' },
        { hostname: 'pc-1', status: 'installed' },
        { hostname: 'PC-1', status: 'failed' },
        { hostname: 'pc-3', status: 'excused', reason: 'no' },
      ],
      field,
    );
    expect(records).toEqual([]);
    expect(errors).toEqual([
      { field: 'records[0].hostname', reason: 'is required' },
      { field: 'records[1].status', reason: 'must be one of deployed, failed, excused' },
      {
        field: 'records[2].hostname',
        reason: '"PC-1" is recorded twice (first at records[1].hostname)',
      },
      { field: 'records[3].reason', reason: 'an excuse needs a reason of at least 3 characters' },
    ]);
  });
});

describe('parseDeploymentCsv', () => {
  it('reads the columns in any order, with a BOM and CRLF, the reason optional', () => {
    expect(
      parseDeploymentCsv('\uFEFFstatus,hostname\r\ndeployed,pc-1\r\n\r\nfailed,"pc-2"\r\n'),
    ).toEqual({
      inputs: [
        { hostname: 'pc-1', status: 'deployed', reason: null },
        { hostname: 'pc-2', status: 'failed', reason: null },
      ],
      lines: [2, 4],
    });
  });

  it.each([
    ['', 'file'],
    ['hostname,state\npc-1,deployed\n', 'line 1'],
    ['hostname,status,hostname\n', 'line 1'],
    ['hostname,status\npc-1,deployed,extra\n', 'line 2'],
  ])('refuses %j naming %s', (text, named) => {
    let error: unknown;
    try {
      parseDeploymentCsv(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as ValidationException).fields[0].field).toBe(named);
  });
});
