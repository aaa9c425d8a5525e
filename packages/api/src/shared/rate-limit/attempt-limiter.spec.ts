import { describe, expect, it } from 'vitest';
import { AttemptLimiter } from './attempt-limiter';

describe('attempt limiter', () => {
  const at = { time: 0 };
  const limiter = () => new AttemptLimiter({ maxAttempts: 3, windowMs: 1_000, maxKeys: 2 }, () => at.time);

  it('given fewer attempts than the limit, then it is not exceeded; at the limit it is', () => {
    at.time = 0;
    const attempts = limiter();
    attempts.record('a');
    attempts.record('a');
    expect(attempts.exceeded('a')).toBe(false);
    attempts.record('a');
    expect(attempts.exceeded('a')).toBe(true);
    expect(attempts.exceeded('b')).toBe(false);
  });

  it('given attempts older than the window, then they no longer count', () => {
    at.time = 0;
    const attempts = limiter();
    attempts.record('a');
    attempts.record('a');
    at.time = 1_001;
    attempts.record('a');
    expect(attempts.exceeded('a')).toBe(false);
  });

  it('given a reset, then the key starts over', () => {
    at.time = 0;
    const attempts = limiter();
    ['a', 'a', 'a'].forEach((key) => attempts.record(key));
    attempts.reset('a');
    expect(attempts.exceeded('a')).toBe(false);
  });

  it('given more keys than it may track, then the stalest are forgotten', () => {
    at.time = 0;
    const attempts = limiter();
    ['a', 'a', 'a', 'b', 'c'].forEach((key) => attempts.record(key));
    expect(attempts.exceeded('a')).toBe(false);
  });
});
