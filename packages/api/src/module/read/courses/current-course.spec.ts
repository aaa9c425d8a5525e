import { describe, expect, it } from 'vitest';
import { currentCourseId } from './current-course';

const NOW = new Date('2026-06-01T00:00:00Z');
const course = (courseId: string, startsAt: string) => ({ courseId, startsAt: new Date(startsAt) });
const EDITIONS = [course('c2025', '2025-03-01T00:00:00Z'), course('c2026', '2026-03-01T00:00:00Z'), course('c2027', '2027-03-01T00:00:00Z')];

describe('the current course', () => {
  it('given no configured course, then the latest course started by now, not one yet to start', () => {
    expect(currentCourseId(EDITIONS, undefined, NOW)).toBe('c2026');
  });

  it('given a course starting at this very moment, then it has started', () => {
    expect(currentCourseId([...EDITIONS, course('starting', NOW.toISOString())], undefined, NOW)).toBe('starting');
  });

  it('given two courses started at the same moment, then the greater id, as the enrolment chooses', () => {
    expect(currentCourseId([course('b', '2026-01-01T00:00:00Z'), course('a', '2026-01-01T00:00:00Z')], undefined, NOW)).toBe('b');
  });

  it('given only courses yet to start, then none', () => {
    expect(currentCourseId([course('c2027', '2027-03-01T00:00:00Z')], undefined, NOW)).toBeUndefined();
  });

  it('given a configured course among them, then that one, even one yet to start', () => {
    expect(currentCourseId(EDITIONS, 'c2027', NOW)).toBe('c2027');
  });

  it('given a configured course not created yet, then none of the others', () => {
    expect(currentCourseId(EDITIONS, 'not-created', NOW)).toBeUndefined();
  });
});
