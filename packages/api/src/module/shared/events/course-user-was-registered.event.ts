import type { DomainEvent } from '@coderscamp/event-sourcing';

export type CourseUserWasRegistered = DomainEvent<
  'CourseUserWasRegistered',
  { userId: string; courseUserId: string; courseId: string }
>;
