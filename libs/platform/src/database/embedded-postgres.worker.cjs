// The embedded database's worker thread: PGlite behind a PostgreSQL wire-protocol socket server.
// Started by embedded-postgres.ts, which explains the design; this file runs as plain Node.
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
  const fields = Buffer.from('SFATAL\0VFATAL\0C53300\0Msorry, too many clients already\0\0');
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
