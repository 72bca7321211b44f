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
  { type: 'ready'; port: number } | { type: 'stopped' } | { type: 'error'; message: string };

/*
 * PGlite runs in a worker thread, for two reasons:
 * - its CommonJS build still loads Node built-ins with dynamic `import()`, which jest's module
 *   sandbox refuses without --experimental-vm-modules; a worker thread is plain Node;
 * - its WASM executes each statement synchronously, which would stall the app's event loop.
 * Plain JavaScript because a worker cannot load TypeScript; the packages' CommonJS entries
 * are required by the absolute paths the parent resolved.
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
const WORKER_SOURCE = `
'use strict';
const net = require('node:net');
const { parentPort, workerData: input } = require('node:worker_threads');
const { PGlite } = require(input.pglitePath);
const { PGLiteSocketHandler } = require(input.socketPath);

const PROTOCOL_V3 = 196608;
const SYNC = Uint8Array.of(0x53, 0, 0, 0, 4);

function isStartup(message) {
  return message.length >= 8 && Buffer.from(message).readInt32BE(4) === PROTOCOL_V3;
}

// Runs wire-protocol messages one at a time against the single PGlite session.
class SessionQueue {
  constructor(db) {
    this.db = db;
    this.items = [];
    this.owner = null; // handler id that owns the session until its unit of work ends
    this.running = false;
  }

  enqueue(handlerId, message, onData) {
    return new Promise((resolve, reject) => {
      this.items.push({ handlerId, message, onData, resolve, reject });
      this.drain();
    });
  }

  async drain() {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const index =
          this.owner === null ? 0 : this.items.findIndex((i) => i.handlerId === this.owner);
        if (index < 0 || index >= this.items.length) return;
        const [item] = this.items.splice(index, 1);
        try {
          const bytes = item.reset ? await this.reset() : await this.execute(item);
          this.owner = !item.reset && this.keepsSession(item.message) ? item.handlerId : null;
          item.resolve(bytes);
        } catch (error) {
          // A failure of PGlite itself, not an SQL error (those come back as ErrorResponse).
          this.owner = null;
          item.reject(error);
        }
      }
    } finally {
      this.running = false;
    }
  }

  async execute(item) {
    let bytes = 0;
    await this.db.runExclusive(() =>
      this.db.execProtocolRawStream(item.message, {
        onRawData: (data) => {
          bytes += data.length;
          item.onData(data);
        },
      }),
    );
    return bytes;
  }

  // Ends whatever a vanished connection left behind: an extended sequence, a transaction.
  async reset() {
    await this.db.runExclusive(() =>
      this.db.execProtocolRawStream(SYNC, { onRawData: () => undefined }),
    );
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    return 0;
  }

  keepsSession(message) {
    if (this.db.isInTransaction()) return true;
    if (isStartup(message)) return false;
    // Simple Query, Sync and Terminate end a unit of work; Parse, Bind, Describe, Execute,
    // Close, Flush and copy data continue one.
    const type = String.fromCharCode(message[0]);
    return type !== 'Q' && type !== 'S' && type !== 'X';
  }

  getQueueLength() {
    return this.items.length;
  }

  clearQueueForHandler(handlerId) {
    this.items = this.items.filter((item) => {
      if (item.handlerId !== handlerId || item.reset) return true;
      item.reject(new Error('Handler disconnected'));
      return false;
    });
  }

  clearTransactionIfNeeded(handlerId) {
    if (this.owner !== handlerId) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.items.unshift({ handlerId, reset: true, resolve, reject });
      this.drain();
    });
  }
}

function tooManyConnections() {
  const fields = Buffer.from('SFATAL\\0VFATAL\\0C53300\\0Msorry, too many clients already\\0\\0');
  const head = Buffer.alloc(5);
  head.write('E', 0);
  head.writeInt32BE(fields.length + 4, 1);
  return Buffer.concat([head, fields]);
}

let db;
let server;
let queue;
let stopping = false;
const handlers = new Set();
const sockets = new Set();
const send = (message) => parentPort.postMessage(message);
const describe = (error) => (error && error.stack) || String(error);

async function start() {
  db = await PGlite.create({ dataDir: input.pgdata });
  // Session-level, so it is set again on every start.
  await db.exec(input.searchPathSql);
  queue = new SessionQueue(db);
  server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    if (stopping) return void socket.destroy();
    if (handlers.size >= input.maxConnections) {
      return void socket.end(tooManyConnections(), () => socket.destroy());
    }
    const handler = new PGLiteSocketHandler({ queryQueue: queue, closeOnDetach: true });
    const forget = () => handlers.delete(handler);
    handlers.add(handler);
    handler.addEventListener('close', forget);
    handler.addEventListener('error', forget);
    handler.attach(socket).catch(() => {
      forget();
      socket.destroy();
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(input.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server.address().port;
}

async function stop() {
  stopping = true;
  if (server) {
    const closed = new Promise((resolve) => server.close(() => resolve()));
    // detach() drops queued messages and resets the session if the connection owned it.
    await Promise.all([...handlers].map((handler) => handler.detach(true).catch(() => undefined)));
    handlers.clear();
    // Refused or half-closed sockets would keep server.close() waiting.
    for (const socket of sockets) socket.destroy();
    await closed;
  }
  if (db && !db.closed) {
    if (db.isInTransaction()) await db.exec('ROLLBACK').catch(() => undefined);
    await db.close();
  }
}

parentPort.on('message', (message) => {
  if (message && message.type === 'stop') {
    stop().then(
      () => {
        send({ type: 'stopped' });
        parentPort.close();
      },
      (error) => {
        send({ type: 'error', message: describe(error) });
        parentPort.close();
      },
    );
  }
});

start().then(
  (port) => send({ type: 'ready', port }),
  (error) =>
    stop()
      .catch(() => undefined)
      .finally(() => {
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
 * Only one process may open a given dataDir at a time, and it must be private to its owner
 * (see ensurePrivateDataDir): the database has no password of its own.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
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
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: input });
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

  const port = await new Promise<number>((resolvePort, reject) => {
    worker.once('message', (message: WorkerMessage) => {
      if (message.type === 'ready') resolvePort(message.port);
      else reject(new Error(`Embedded PostgreSQL failed to start: ${messageText(message)}`));
    });
    worker.once('error', reject);
    void exit.then((code) => reject(new Error(`Embedded PostgreSQL worker exited (${code})`)));
  });
  // A first start has just written the initial database files, world-writable (see makePrivate).
  await makePrivate(pgdata);

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

  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, stop };
}

function messageText(message: WorkerMessage): string {
  return message.type === 'error' ? message.message : `unexpected message ${message.type}`;
}
