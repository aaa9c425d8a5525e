import { DomainRuleViolation } from '../../../shared/errors/domain-rule-violation';

export class LearningMaterialsAlreadyGenerated extends DomainRuleViolation {
  readonly code = 'LEARNING_MATERIALS_ALREADY_GENERATED';
  readonly kind = 'conflict';

  constructor(readonly courseUserId: string) {
    super(`Learning materials url for course user ${courseUserId} was already generated.`);
  }
}
