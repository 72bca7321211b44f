import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ensurePrivateDataDir, makePrivate } from './private-data-dir';

export interface EmbeddedPostgresOptions {
  /** The portal's data folder; the database lives in `${dataDir}/pgdata`. */
  dataDir: string;
  /**
   * Concurrent client connections the socket server accepts (more are refused). Give at least
   * the TypeORM pool size plus what the queues open: each BullMQ Queue or Worker on the
   * PostgreSQL backend holds its own small pool and one LISTEN connection.
   */
  maxConnections: number;
  /** Loopback port; 0 (the default) lets the OS pick a free one. */
  port?: number;
}

export interface EmbeddedPostgres {
  /** `postgres://postgres@127.0.0.1:PORT/postgres`, for `pg` and TypeORM. */
  url: string;
  port: number;
  /** Closes the socket server, then the database, so the next start finds the same data. */
  stop(): Promise<void>;
}

/**
 * The session search_path of the embedded database. PGlite is ONE backend session shared by
 * every socket connection, and it ignores the startup `options` through which BullMQ pins
 * `-c search_path=bullmq` on its pooled connections. BullMQ's commands call its functions by
 * unqualified name, so its schema must be on the shared path. `public` stays first so that
 * the app's unqualified CREATE TABLE and queries keep landing in `public`.
 */
const EMBEDDED_SEARCH_PATH = ['public', 'bullmq'] as const;

const STOP_TIMEOUT_MS = 15000;

interface WorkerInput {
  pglitePath: string;
  socketPath: string;
  pgdata: string;
  port: number;
  maxConnections: number;
  searchPathSql: string;
}

type WorkerMessage =
  { type: 'ready'; port: number } | { type: 'stopped' } | { type: 'error'; message: string };

/*
 * PGlite runs in a worker thread, for two reasons:
 * - its CommonJS build still loads Node built-ins with dynamic `import()`, which jest's module
 *   sandbox refuses without --experimental-vm-modules; a worker thread is plain Node;
 * - its WASM executes each statement synchronously, which would stall the app's event loop.
 * Plain JavaScript (embedded-postgres.worker.cjs, linted like the rest; the build copies it into
 * dist) because a worker cannot load TypeScript under jest; the packages' CommonJS entries are
 * required by the absolute paths the parent resolved.
 *
 * The TCP server and the message queue are our own; only PGLiteSocketHandler (wire framing,
 * SSL refusal, per-connection bookkeeping) comes from pglite-socket. Its PGLiteSocketServer
 * interleaves connections message by message outside explicit transactions, so two clients'
 * extended-protocol sequences (Parse/Bind/Execute/Sync, which `pg` uses for every
 * parameterised query) clobber each other's unnamed statement and portal ('portal ""
 * does not exist'), and an execution error wedges its queue for good. SessionQueue instead
 * lets one connection own PGlite's single session from its first message until its Sync (or
 * simple Query) and for as long as it has a transaction open.
 */
const WORKER_FILE = join(__dirname, 'embedded-postgres.worker.cjs');

/**
 * Starts PGlite persisted under `${dataDir}/pgdata` and serves it on 127.0.0.1 with the
 * PostgreSQL wire protocol, so the ordinary `pg` driver and TypeORM use it like a server.
 *
 * Isolation: the socket server runs one message at a time and, while a connection has a
 * transaction open, runs only that connection's messages. Transactions are therefore
 * serialised (never interleaved), so one connection's ROLLBACK cannot undo another's commit.
 * The price: code that holds a transaction open while awaiting a query on ANOTHER connection
 * deadlocks here (it would not on a real server). Keep transactions short and self-contained.
 * Only one process may open a given dataDir at a time, and it must be private to its owner
 * (see ensurePrivateDataDir): the database has no password of its own.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  return (await spawnEmbeddedPostgres(options)).ready;
}

/**
 * startEmbeddedPostgres in two halves: resolves as soon as the worker thread is running, with
 * `ready` for the database. The portal's start loads its modules in between (main.ts), so
 * PGlite's start and the module loading overlap on two cores.
 */
export async function spawnEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<{ ready: Promise<EmbeddedPostgres> }> {
  if (!Number.isInteger(options.maxConnections) || options.maxConnections < 1) {
    throw new Error(`maxConnections must be a positive integer, got ${options.maxConnections}`);
  }
  // Refuses a DATA_DIR open to other users before anything reads or writes the database in it.
  await ensurePrivateDataDir(options.dataDir);
  const pgdata = join(resolve(options.dataDir), 'pgdata');
  await mkdir(pgdata, { recursive: true, mode: 0o700 });

  const input: WorkerInput = {
    pglitePath: require.resolve('@electric-sql/pglite'),
    socketPath: require.resolve('@electric-sql/pglite-socket'),
    pgdata,
    port: options.port ?? 0,
    maxConnections: options.maxConnections,
    searchPathSql: `SET search_path TO ${EMBEDDED_SEARCH_PATH.map((s) => `"${s}"`).join(', ')}`,
  };
  const worker = new Worker(WORKER_FILE, { workerData: input });
  let exited = false;
  let stopRequested = false;
  let lastMessage: WorkerMessage | undefined;
  worker.on('message', (message: WorkerMessage) => {
    lastMessage = message;
  });
  worker.on('error', (error: Error) => {
    // Before 'ready' the start promise reports it; afterwards the database is gone.
    if (lastMessage?.type === 'ready') console.error('Embedded PostgreSQL worker failed:', error);
  });
  const exit = new Promise<number>((resolveExit) => {
    worker.once('exit', (code: number) => {
      exited = true;
      if (lastMessage?.type === 'ready' && !stopRequested) {
        console.error(`Embedded PostgreSQL worker exited unexpectedly (${code})`);
      }
      resolveExit(code);
    });
  });

  const portReady = new Promise<number>((resolvePort, reject) => {
    worker.once('message', (message: WorkerMessage) => {
      if (message.type === 'ready') resolvePort(message.port);
      else reject(new Error(`Embedded PostgreSQL failed to start: ${messageText(message)}`));
    });
    worker.once('error', reject);
    void exit.then((code) => reject(new Error(`Embedded PostgreSQL worker exited (${code})`)));
  });
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      stopRequested = true;
      if (exited) return;
      worker.postMessage({ type: 'stop' });
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolveTimeout) => {
        timer = setTimeout(() => resolveTimeout('timeout'), STOP_TIMEOUT_MS);
      });
      const outcome = await Promise.race([exit, timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        await worker.terminate();
        throw new Error(`Embedded PostgreSQL did not stop within ${STOP_TIMEOUT_MS} ms`);
      }
      if (lastMessage?.type === 'error') {
        throw new Error(`Embedded PostgreSQL stop failed: ${lastMessage.message}`);
      }
    })();
    return stopping;
  };

  const ready = portReady.then(async (port): Promise<EmbeddedPostgres> => {
    // A first start has just written the initial database files, world-writable (see makePrivate).
    await makePrivate(pgdata);
    return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, stop };
  });
  return { ready };
}

function messageText(message: WorkerMessage): string {
  return message.type === 'error' ? message.message : `unexpected message ${message.type}`;
}
