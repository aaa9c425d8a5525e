import type { AbstractApplicationCommand, ApplicationCommandSpec } from '../application/application-command';
import type { DomainCommand } from '../core/events';

/** When every test command was issued: tests that care about time use a `FixedTimeProvider`, not this. */
export const TEST_COMMAND_ISSUED_AT = new Date('2026-01-01T00:00:00.000Z');

export type TestCommandSpec<A extends AbstractApplicationCommand<DomainCommand, unknown>, T extends A['type']> = ApplicationCommandSpec<A, T> &
  Readonly<{
    /** Default `command-1`; give commands of one test distinct ids when their events must tell them apart. */
    id?: string;
  }>;

/**
 * An application command for a test, stating only what the test is about:
 * `testCommand({ class: CompleteTaskApplicationCommand, type: 'CompleteTask', data: { learningMaterialsId, taskId } })`.
 * Without metadata, the command starts a correlation of its own, as a person's would.
 */
export function testCommand<A extends AbstractApplicationCommand<DomainCommand, unknown>, T extends A['type']>(spec: TestCommandSpec<A, T>): A {
  const id = spec.id ?? 'command-1';
  return new spec.class(id, TEST_COMMAND_ISSUED_AT, spec.type, spec.data, { ...spec.metadata, correlationId: spec.metadata?.correlationId ?? id });
}
