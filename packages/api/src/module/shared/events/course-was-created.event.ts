import type { DomainEvent } from '@coderscamp/event-sourcing';

/** `startsAt` and `endsAt` are ISO-8601 UTC strings: event data is JSON, and they sort as text. */
export type CourseWasCreated = DomainEvent<
  'CourseWasCreated',
  { courseId: string; name: string; startsAt: string; endsAt: string }
>;
