import { AppConfig } from '../config/app-config';

/** Where the process writes its log lines; process.stdout, or a test's stand-in. */
export interface ConsoleStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * Embedded mode on a person's terminal (`npm start`): human-readable lines and no start-up
 * chatter. Server mode, and any output that is not a terminal (a pipe, a file, a log collector),
 * keeps the JSON lines as they are.
 */
export function usesQuietConsole(config: Pick<AppConfig, 'mode'>, stdout: ConsoleStream): boolean {
  return config.mode === 'embedded' && stdout.isTTY === true;
}

/**
 * Nest's start-up listing (every module, controller and route: some three hundred lines) is
 * debug on the quiet console; the banner says what a person needs.
 */
const START_UP_CHATTER = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
]);

export function quietLevel<L extends string>(level: L, context: string | undefined): L | 'debug' {
  return level === 'info' && context !== undefined && START_UP_CHATTER.has(context)
    ? 'debug'
    : level;
}
