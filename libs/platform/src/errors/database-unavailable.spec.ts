import { isDatabaseUnavailable } from './database-unavailable';

function withCode(code: string, message = 'x'): Error {
  return Object.assign(new Error(message), { code });
}

describe('isDatabaseUnavailable', () => {
  it.each([
    ['connection refused', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['connection reset', withCode('ECONNRESET')],
    [
      'admin shutdown (57P01)',
      withCode('57P01', 'terminating connection due to administrator command'),
    ],
    ['crash shutdown (57P02)', withCode('57P02')],
    ['starting up (57P03)', withCode('57P03', 'the database system is starting up')],
    ['too many connections (53300)', withCode('53300')],
    ['connection exception class 08', withCode('08006')],
    ['connection does not exist (08003)', withCode('08003')],
    ['terminated unexpectedly', new Error('Connection terminated unexpectedly')],
    ['terminated by timeout', new Error('Connection terminated due to connection timeout')],
    ['pool timeout', new Error('timeout exceeded when trying to connect')],
    [
      'TypeORM QueryFailedError around 57P01',
      Object.assign(new Error('terminating'), { driverError: withCode('57P01') }),
    ],
    [
      'AggregateError of refused addresses',
      new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], ''),
    ],
    ['error with a cause', new Error('wrapped', { cause: withCode('ECONNREFUSED') })],
  ])('%s → unavailable', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    [
      'unique violation (23505)',
      withCode('23505', 'duplicate key value violates unique constraint'),
    ],
    ['syntax error (42601)', withCode('42601')],
    ['serialization failure (40001)', withCode('40001')],
    ['invalid text representation (22P02)', withCode('22P02')],
    ['query canceled (57014)', withCode('57014', 'canceling statement due to statement timeout')],
    ['a plain error', new Error('boom')],
    ['a string', 'ECONNREFUSED'],
    ['null', null],
    ['a code that merely starts with 08 in a longer string', withCode('080000')],
  ])('%s → not unavailable', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('does not recurse without bound through a cyclic cause', () => {
    const error: Error & { cause?: unknown } = new Error('loop');
    error.cause = error;
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
