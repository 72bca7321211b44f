import { KeyedSerializer } from './keyed-serializer';

describe('KeyedSerializer', () => {
  it('runs work of one key one at a time, in order, and other keys alongside', async () => {
    const serializer = new KeyedSerializer();
    const events: string[] = [];
    const step = (name: string, ms: number) => async (): Promise<string> => {
      events.push(`${name} start`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      events.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([
      serializer.run('a', step('a1', 20)),
      serializer.run('a', step('a2', 1)),
      serializer.run('b', step('b1', 5)),
    ]);
    expect(results).toEqual(['a1', 'a2', 'b1']);
    expect(events.indexOf('a2 start')).toBeGreaterThan(events.indexOf('a1 end'));
    expect(events.indexOf('b1 start')).toBeLessThan(events.indexOf('a1 end'));
    expect(serializer.size).toBe(0);
  });

  it('goes on with the next work of a key after one fails', async () => {
    const serializer = new KeyedSerializer();
    const failed = serializer.run('a', () => Promise.reject(new Error('boom')));
    const next = serializer.run('a', () => Promise.resolve('ok'));
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
    expect(serializer.size).toBe(0);
  });
});
