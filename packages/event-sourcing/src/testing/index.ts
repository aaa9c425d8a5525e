export { DeciderSpecification } from './decider-specification';
export type { DeciderThen } from './decider-specification';
export { GIVEN_CORRELATION_ID } from './given-events';
export { subscriptionStatus } from './subscription-status';
export { TEST_COMMAND_ISSUED_AT, testCommand } from './test-command';
export type { TestCommandSpec } from './test-command';
export { FixedTimeProvider } from '../core/time-provider';
export { SequentialIdGenerator } from '../core/id-generator';
