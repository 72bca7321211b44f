import { LoggerService } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';
import pino, { Bindings, ChildLoggerOptions, Logger } from 'pino';
import { AppConfig } from '../config/app-config';
import { formatLogRecord } from './console-format';
import { ConsoleStream, quietLevel, usesQuietConsole } from './quiet-console';

/** Loggers that write to a person's terminal (see usesQuietConsole). */
const quietLoggers = new WeakSet<Logger>();

/**
 * The process's one pino logger, secrets never logged: JSON lines, or on the quiet console
 * (embedded mode on a terminal) the same records as human-readable lines.
 */
export function createRootLogger(
  config: Pick<AppConfig, 'logLevel' | 'mode'>,
  stdout: ConsoleStream = process.stdout,
): Logger {
  const options = {
    level: config.logLevel,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
  };
  if (!usesQuietConsole(config, stdout)) return pino(options);
  // Written synchronously like pino's own stdout destination, so lines keep their order with console.log.
  const logger = pino(options, {
    write: (line: string) => stdout.write(`${formatLogRecord(JSON.parse(line))}\n`),
  });
  quietLoggers.add(logger);
  return logger;
}

/**
 * Fresh request ids: this process's random prefix and a counter, unique across processes and
 * restarts like a UUID, without drawing random bytes for every request.
 */
const processPrefix = randomBytes(9).toString('base64url');
let requestCounter = 0;

/** A caller's X-Request-Id when it is sane, otherwise a fresh one. */
function requestId(request: Pick<IncomingMessage, 'headers'>): string {
  const given = request.headers['x-request-id'];
  if (typeof given === 'string' && /^[\w.-]{1,100}$/.test(given)) return given;
  requestCounter += 1;
  return `${processPrefix}-${requestCounter.toString(36)}`;
}

export interface FastifyLogging {
  loggerInstance: Logger;
  genReqId: (request: Pick<IncomingMessage, 'headers'>) => string;
  childLoggerFactory: NonNullable<FastifyServerOptions['childLoggerFactory']>;
}

/**
 * A request's child logger. Fastify passes `{ level: route's level or '' }` (and a route's own
 * serializers) every time, and pino given a level other than its own rebuilds every level method
 * of the child (`''` included): most of the cost of a request's logger, a twentieth of a constant
 * endpoint's CPU (bench/http). Without options the child inherits them from its parent.
 */
function requestLogger(
  logger: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  for (const option in options) {
    const inherited =
      option === 'level' && (options.level === '' || options.level === logger.level);
    if (!inherited) return logger.child(bindings, options);
  }
  return logger.child(bindings);
}

export function fastifyLogging(logger: Logger): FastifyLogging {
  // Fastify labels the id `reqId` in every request's log lines by default. On the quiet console
  // its info lines (two per request, every page asset included) are noise unless debug was asked
  // for; its warnings and errors still show.
  const quietRequests = quietLoggers.has(logger) && !logger.isLevelEnabled('debug');
  return {
    loggerInstance: quietRequests ? logger.child({}, { level: 'warn' }) : logger,
    genReqId: requestId,
    childLoggerFactory: requestLogger,
  };
}

type Level = 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal';

/** Nest's logger interface over pino, so framework and application logs share one stream. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /**
   * Nest passes the context (a class name) last. A message may be an object of fields (then the
   * next argument, if any, is the text) or an Error.
   */
  private write(requested: Level, message: unknown, rest: unknown[]): void {
    const last = rest[rest.length - 1];
    const context = typeof last === 'string' ? last : undefined;
    const level = quietLoggers.has(this.logger) ? quietLevel(requested, context) : requested;
    if (!this.logger.isLevelEnabled(level)) return;
    const text = rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined;
    if (message instanceof Error) {
      this.logger[level]({ context, err: message }, message.message);
    } else if (message && typeof message === 'object') {
      this.logger[level]({ context, ...(message as Record<string, unknown>) }, text);
    } else {
      this.logger[level]({ context, ...(text ? { stack: text } : {}) }, String(message));
    }
  }
}
