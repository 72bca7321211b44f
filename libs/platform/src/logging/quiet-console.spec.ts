import { createRootLogger, fastifyLogging, PinoNestLogger } from './pino-logging';
import { formatLogRecord } from './console-format';
import { quietLevel, usesQuietConsole } from './quiet-console';

/** A stand-in for process.stdout that keeps what is written. */
function terminal(isTTY: boolean): {
  isTTY: boolean;
  lines: string[];
  write(text: string): boolean;
} {
  const lines: string[] = [];
  return {
    isTTY,
    lines,
    write: (text: string) => lines.push(...text.split('\n').filter(Boolean)) > 0,
  };
}

describe('the quiet console', () => {
  it('is chosen for embedded mode on a terminal only', () => {
    expect(usesQuietConsole({ mode: 'embedded' }, { isTTY: true, write: () => true })).toBe(true);
    expect(usesQuietConsole({ mode: 'embedded' }, { isTTY: false, write: () => true })).toBe(false);
    expect(usesQuietConsole({ mode: 'embedded' }, { write: () => true })).toBe(false);
    expect(usesQuietConsole({ mode: 'server' }, { isTTY: true, write: () => true })).toBe(false);
  });

  it("moves Nest's start-up listing to debug and leaves everything else at its level", () => {
    expect(quietLevel('info', 'RouterExplorer')).toBe('debug');
    expect(quietLevel('info', 'RoutesResolver')).toBe('debug');
    expect(quietLevel('info', 'InstanceLoader')).toBe('debug');
    expect(quietLevel('info', 'SigningKeys')).toBe('info');
    expect(quietLevel('info', undefined)).toBe('info');
    expect(quietLevel('warn', 'RouterExplorer')).toBe('warn');
    expect(quietLevel('error', 'NestApplication')).toBe('error');
  });

  it('formats a record as time, level, context and message, then its other fields and the stack', () => {
    const time = new Date(2026, 11, 3, 9, 5, 7, 42).getTime(); // local time: the reader's zone
    expect(
      formatLogRecord({
        level: 30,
        time,
        pid: 1,
        hostname: 'h',
        context: 'SigningKeys',
        msg: 'signed',
      }),
    ).toBe('09:05:07.042 INFO  [SigningKeys] signed');
    expect(
      formatLogRecord({ level: 40, time, msg: 'slow', reqId: 'r1', res: { statusCode: 200 } }),
    ).toBe('09:05:07.042 WARN  slow reqId=r1 res={"statusCode":200}');
    const withError = formatLogRecord({
      level: 50,
      time,
      context: 'Errors',
      msg: 'boom',
      err: { type: 'Error', message: 'boom', stack: 'Error: boom\n    at here' },
    });
    expect(withError.split('\n')).toEqual([
      '09:05:07.042 ERROR [Errors] boom',
      '    Error: boom',
      '        at here',
    ]);
  });

  it('on a terminal writes human lines and keeps the route listing out at info, in at debug', () => {
    const out = terminal(true);
    const nest = new PinoNestLogger(createRootLogger({ logLevel: 'info', mode: 'embedded' }, out));
    nest.log('Mapped {/api/ping, GET} route', 'RouterExplorer');
    nest.log('Checkpoints are signed', 'SigningKeys');
    nest.warn('Careful', 'Outbox');
    expect(out.lines).toHaveLength(2);
    expect(out.lines[0]).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} INFO {2}\[SigningKeys\] Checkpoints are signed$/,
    );
    expect(out.lines[1]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} WARN {2}\[Outbox\] Careful$/);

    const debug = terminal(true);
    new PinoNestLogger(createRootLogger({ logLevel: 'debug', mode: 'embedded' }, debug)).log(
      'Mapped {/api/ping, GET} route',
      'RouterExplorer',
    );
    expect(debug.lines).toEqual([
      expect.stringMatching(/ DEBUG \[RouterExplorer\] Mapped \{\/api\/ping, GET\} route$/),
    ]);
  });

  it("on a terminal keeps fastify's per-request lines out unless debug was asked for", () => {
    const quiet = fastifyLogging(
      createRootLogger({ logLevel: 'info', mode: 'embedded' }, terminal(true)),
    ).loggerInstance;
    expect(quiet.isLevelEnabled('info')).toBe(false);
    expect(quiet.isLevelEnabled('warn')).toBe(true);
    const debug = fastifyLogging(
      createRootLogger({ logLevel: 'debug', mode: 'embedded' }, terminal(true)),
    ).loggerInstance;
    expect(debug.isLevelEnabled('info')).toBe(true);
    const server = fastifyLogging(
      createRootLogger({ logLevel: 'info', mode: 'server' }, terminal(true)),
    ).loggerInstance;
    expect(server.isLevelEnabled('info')).toBe(true);
  });
});
