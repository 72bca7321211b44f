import { createPostgresBackend, PostgresQueueBackend } from 'bullmq';
import { boundedWaitPostgresBackend } from './embedded-queue-backend';

// Nothing connects until a backend is used; the address is never dialled.
const connection = { connectionString: 'postgres://127.0.0.1:1/unused' };

describe('boundedWaitPostgresBackend', () => {
  it('builds BullMQ PostgreSQL backends whose blocking wait is capped at the bound', async () => {
    const backend = boundedWaitPostgresBackend(0.5)(
      'mail',
      { connection },
      { withBlockingConnection: true },
    );
    const stock = createPostgresBackend('mail', { connection }, { withBlockingConnection: true });
    try {
      expect(backend).toBeInstanceOf(PostgresQueueBackend);
      expect(backend.maximumBlockTimeout).toBe(0.5);
      // What the cap replaces: an hour, waited out when no NOTIFY arrives.
      expect(stock.maximumBlockTimeout).toBe(3600);
    } finally {
      await Promise.all([backend.close(), stock.close()]);
    }
  });

  it('refuses a bound that is not a positive number of seconds', () => {
    expect(() => boundedWaitPostgresBackend(0)).toThrow(/positive/);
    expect(() => boundedWaitPostgresBackend(Number.NaN)).toThrow(/positive/);
  });
});
