import { describe, expect, it } from 'vitest';
import { formatDuration, renderProgress } from './progress-bar';

describe('progress bar', () => {
  it('shows the share done, the rate and the time left', () => {
    expect(renderProgress({ done: 33_000, total: 100_000, elapsedMs: 3_000 })).toBe(
      '[##########--------------------]  33% 33,000/100,000 events  11,000/s  ETA 7s',
    );
  });

  it('is full and done when there was nothing to do', () => {
    expect(renderProgress({ done: 0, total: 0, elapsedMs: 0 })).toBe('[##############################] 100% 0/0 events  0/s  ETA –');
  });

  it('never passes 100% when more events arrive than were counted', () => {
    expect(renderProgress({ done: 120, total: 100, elapsedMs: 1_000 })).toContain('100% 120/100');
  });

  it('formats durations in seconds, then minutes', () => {
    expect(formatDuration(1_200)).toBe('2s');
    expect(formatDuration(125_000)).toBe('2m05s');
  });
});
