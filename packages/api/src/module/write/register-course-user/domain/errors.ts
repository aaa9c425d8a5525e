import { DomainRuleViolation } from '../../../shared/errors/domain-rule-violation';

export class CourseUserAlreadyRegistered extends DomainRuleViolation {
  readonly code = 'COURSE_USER_ALREADY_REGISTERED';
  readonly kind = 'conflict';

  constructor(
    readonly courseId: string,
    readonly userId: string,
  ) {
    super(`User ${userId} is already registered for course ${courseId}.`);
  }
}
