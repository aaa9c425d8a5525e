import { DomainRuleViolation } from '../../../shared/errors/domain-rule-violation';

export class TaskAlreadyCompleted extends DomainRuleViolation {
  readonly code = 'TASK_ALREADY_COMPLETED';
  readonly kind = 'conflict';

  constructor(
    readonly learningMaterialsId: string,
    readonly taskId: string,
  ) {
    super(`Task ${taskId} of learning materials ${learningMaterialsId} is already completed.`);
  }
}

export class TaskNotCompleted extends DomainRuleViolation {
  readonly code = 'TASK_NOT_COMPLETED';
  readonly kind = 'conflict';

  constructor(
    readonly learningMaterialsId: string,
    readonly taskId: string,
  ) {
    super(`Task ${taskId} of learning materials ${learningMaterialsId} is not completed.`);
  }
}
