import { AbstractApplicationCommand, type DomainCommand } from '@coderscamp/event-sourcing';

export type RegisterCourseUser = DomainCommand<
  'RegisterCourseUser',
  { userId: string; courseUserId: string; courseId: string }
>;

export class RegisterCourseUserApplicationCommand extends AbstractApplicationCommand<RegisterCourseUser> {}
