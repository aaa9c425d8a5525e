import { DomainRuleViolation } from '../../../shared/errors/domain-rule-violation';

export class CourseAlreadyCreated extends DomainRuleViolation {
  readonly code = 'COURSE_ALREADY_CREATED';
  readonly kind = 'conflict';

  constructor(readonly courseId: string) {
    super(`Course ${courseId} was already created.`);
  }
}

export class CourseDateInvalid extends DomainRuleViolation {
  readonly code = 'COURSE_DATE_INVALID';
  readonly kind = 'invalid';

  constructor(readonly value: string) {
    super(`"${value}" is not a date-time.`);
  }
}

export class CourseEndsBeforeItStarts extends DomainRuleViolation {
  readonly code = 'COURSE_ENDS_BEFORE_IT_STARTS';
  readonly kind = 'invalid';

  constructor(readonly startsAt: string, readonly endsAt: string) {
    super(`A course must end after it starts (starts ${startsAt}, ends ${endsAt}).`);
  }
}
