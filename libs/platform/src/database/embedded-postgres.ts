import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

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
export const EMBEDDED_SEARCH_PATH = ['public', 'bullmq'] as const;

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
  | { type: 'ready'; port: number }
  | { type: 'stopped' }
  | { type: 'error'; message: string };

/*
 * PGlite runs in a worker thread, for two reasons:
 * - its CommonJS build still loads Node built-ins with dynamic `import()`, which jest's module
 *   sandbox refuses without --experimental-vm-modules; a worker thread is plain Node;
 * - its WASM executes each statement synchronously, which would stall the app's event loop.
 * Plain JavaScript because a worker cannot load TypeScript; the packages' CommonJS entries
 * are required by the absolute paths the parent resolved.
 */
const WORKER_SOURCE = `
'use strict';
const { parentPort, workerData: input } = require('node:worker_threads');
const { PGlite } = require(input.pglitePath);
const { PGLiteSocketServer } = require(input.socketPath);
let db;
let server;
const send = (message) => parentPort.postMessage(message);
const describe = (error) => (error && error.stack) || String(error);
async function start() {
  db = await PGlite.create({ dataDir: input.pgdata });
  // Session-level, so it is set again on every start.
  await db.exec(input.searchPathSql);
  server = new PGLiteSocketServer({
    db, host: '127.0.0.1', port: input.port, maxConnections: input.maxConnections,
  });
  await server.start();
  return Number(server.getServerConn().split(':').pop());
}
async function stop() {
  if (server) await server.stop();
  // server.stop() detaches handlers without awaiting them; a detach may still be rolling back
  // a dropped client's open transaction. Let it run, then make sure none is left open.
  await new Promise((done) => setImmediate(done));
  if (db && !db.closed) {
    if (db.isInTransaction()) await db.exec('ROLLBACK').catch(() => undefined);
    await db.close();
  }
}
parentPort.on('message', (message) => {
  if (message && message.type === 'stop') {
    stop().then(
      () => { send({ type: 'stopped' }); parentPort.close(); },
      (error) => { send({ type: 'error', message: describe(error) }); parentPort.close(); },
    );
  }
});
start().then(
  (port) => send({ type: 'ready', port }),
  (error) => stop().catch(() => undefined).finally(() => {
    send({ type: 'error', message: describe(error) });
    parentPort.close();
  }),
);
`;

/**
 * Starts PGlite persisted under `${dataDir}/pgdata` and serves it on 127.0.0.1 with the
 * PostgreSQL wire protocol, so the ordinary `pg` driver and TypeORM use it like a server.
 *
 * Isolation: the socket server runs one message at a time and, while a connection has a
 * transaction open, runs only that connection's messages. Transactions are therefore
 * serialised (never interleaved), so one connection's ROLLBACK cannot undo another's commit.
 * The price: code that holds a transaction open while awaiting a query on ANOTHER connection
 * deadlocks here (it would not on a real server). Keep transactions short and self-contained.
 * Only one process may open a given dataDir at a time.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  if (!Number.isInteger(options.maxConnections) || options.maxConnections < 1) {
    throw new Error(`maxConnections must be a positive integer, got ${options.maxConnections}`);
  }
  const pgdata = join(resolve(options.dataDir), 'pgdata');
  await mkdir(pgdata, { recursive: true });

  const input: WorkerInput = {
    pglitePath: require.resolve('@electric-sql/pglite'),
    socketPath: require.resolve('@electric-sql/pglite-socket'),
    pgdata,
    port: options.port ?? 0,
    maxConnections: options.maxConnections,
    searchPathSql: `SET search_path TO ${EMBEDDED_SEARCH_PATH.map((s) => `"${s}"`).join(', ')}`,
  };
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: input });

  let stopped = false;
  const port = await new Promise<number>((resolvePort, reject) => {
    const onMessage = (message: WorkerMessage): void => {
      worker.off('exit', onExit);
      worker.off('error', onError);
      worker.off('message', onMessage);
      if (message.type === 'ready') resolvePort(message.port);
      else reject(new Error(`Embedded PostgreSQL failed to start: ${describe(message)}`));
    };
    const onError = (error: Error): void => {
      worker.off('exit', onExit);
      reject(error);
    };
    const onExit = (code: number): void => {
      worker.off('error', onError);
      reject(new Error(`Embedded PostgreSQL worker exited (${code}) before it was ready`));
    };
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
  });

  // After a successful start, an unplanned exit means the database is gone: say so loudly.
  worker.on('error', (error: Error) => {
    console.error('Embedded PostgreSQL worker failed:', error);
  });
  worker.on('exit', (code: number) => {
    if (!stopped) console.error(`Embedded PostgreSQL worker exited unexpectedly (${code})`);
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= new Promise<void>((done, fail) => {
      const timer = setTimeout(() => {
        void worker.terminate();
        fail(new Error(`Embedded PostgreSQL did not stop within ${STOP_TIMEOUT_MS} ms`));
      }, STOP_TIMEOUT_MS);
      let outcome: WorkerMessage | undefined;
      worker.on('message', (message: WorkerMessage) => {
        outcome = message;
      });
      worker.once('exit', () => {
        clearTimeout(timer);
        stopped = true;
        if (outcome?.type === 'error') fail(new Error(`Embedded PostgreSQL stop: ${outcome.message}`));
        else done();
      });
      stopped = true;
      worker.postMessage({ type: 'stop' });
    });
    return stopping;
  };

  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, stop };
}

function describe(message: WorkerMessage): string {
  return message.type === 'error' ? message.message : `unexpected message ${message.type}`;
}
