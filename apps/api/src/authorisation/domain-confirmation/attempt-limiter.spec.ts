import { AttemptLimiter } from './attempt-limiter';

describe('AttemptLimiter', () => {
  it.each([
    { limit: 1, attempts: 1, refused: 0 },
    { limit: 1, attempts: 2, refused: 1 },
    { limit: 3, attempts: 5, refused: 2 },
  ])('allows $limit of $attempts attempts in one window', ({ limit, attempts, refused }) => {
    const limiter = new AttemptLimiter(limit);
    const answers = Array.from({ length: attempts }, () => limiter.attempt('1.2.3.4', 1000));
    expect(answers.filter((a) => a !== null)).toHaveLength(refused);
  });

  it('counts each key apart and starts again in the next window', () => {
    const limiter = new AttemptLimiter(1, 60_000);
    expect(limiter.attempt('a', 0)).toBeNull();
    expect(limiter.attempt('b', 0)).toBeNull();
    expect(limiter.attempt('a', 30_000)).toBe(30);
    expect(limiter.attempt('a', 60_000)).toBeNull();
  });
});
