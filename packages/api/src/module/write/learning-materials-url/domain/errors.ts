import { DomainRuleViolation } from '../../../shared/errors/domain-rule-violation';

export class LearningMaterialsAlreadyGenerated extends DomainRuleViolation {
  readonly code = 'LEARNING_MATERIALS_ALREADY_GENERATED';
  readonly kind = 'conflict';

  constructor(readonly courseUserId: string) {
    super(`Learning materials url for course user ${courseUserId} was already generated.`);
  }
}

/** Materials are personal: they are generated for a course user whose registration was completed. */
export class NotARegisteredCourseUser extends DomainRuleViolation {
  readonly code = 'NOT_A_REGISTERED_COURSE_USER';
  readonly kind = 'forbidden';

  constructor(readonly userOrCourseUserId: string) {
    super(`${userOrCourseUserId} is not a course user with a completed registration.`);
  }
}
