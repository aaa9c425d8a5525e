import type { Automation } from '../automation';
import { type ContractField, exampleValue } from '../contracts';
import { categoryOfIdField, exampleTextFor, kebabFromPascal, sentenceFromPascal } from '../names';
import type { GeneratedFile } from '../plan';

export function automationFiles(automation: Automation): GeneratedFile[] {
  const at = (suffix: string, content: string): GeneratedFile => ({ path: `${automation.folder}/${automation.name}.${suffix}`, content });
  return [
    at('automation.ts', automationSource(automation)),
    at('automation-module.ts', automationModule(automation)),
    at('automation.spec.ts', automationSpec(automation)),
  ];
}

function commandData(automation: Automation, value: (field: ContractField) => string): string {
  return `{ ${automation.commandData.map(({ target, source }) => `${target.name}: ${value(source)}`).join(', ')} }`;
}

function automationSource(automation: Automation): string {
  const { event, command } = automation;
  return `import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type ApplicationEvent, ApplicationCommandFactory, EventsSubscriptionsFactory } from '@coderscamp/event-sourcing';
import { ${command.type}ApplicationCommand } from '../../shared/commands/${kebabFromPascal(command.type)}.command';
import type { ${event.type} } from '../../shared/events/${kebabFromPascal(event.type)}.event';
import { executeUnlessAlreadyDone } from '../shared/execute-unless-already-done';

// TODO: the codes of ${command.type}'s rule violations that mean it already happened (a redelivered event, or someone got there first).
const ALREADY_DONE: readonly string[] = [];

@Injectable()
export class ${automation.automationClass} implements OnModuleInit {
  constructor(
    private readonly subscriptions: EventsSubscriptionsFactory<unknown>,
    private readonly commandBus: CommandBus,
    private readonly commandFactory: ApplicationCommandFactory,
  ) {}

  onModuleInit(): void {
    this.subscriptions
      .subscription('${automation.automationClass}_v1')
      // Commands append in transactions of their own: run before the checkpoint moves (at least once; they are idempotent).
      .withOptions({ transactionalHandlers: false })
      .onEvent<${event.type}>('${event.type}', (event) => this.send(event))
      .build();
  }

  private async send(event: ApplicationEvent<${event.type}>): Promise<void> {
    // TODO: ids the command needs that the event does not carry are derived from event.id (../shared/derived-id), so a redelivery sends the same command.
    const command = this.commandFactory.applicationCommand(() => ({
      class: ${command.type}ApplicationCommand,
      type: '${command.type}',
      data: ${commandData(automation, (field) => `event.data.${field.name}`)},
      metadata: { correlationId: event.metadata.correlationId, causationId: event.id },
    }));
    await executeUnlessAlreadyDone(this.commandBus, command, ALREADY_DONE);
  }
}
`;
}

function automationModule(automation: Automation): string {
  return `import { Module } from '@nestjs/common';
import { ${automation.automationClass} } from './${automation.name}.automation';

@Module({ providers: [${automation.automationClass}] })
export class ${automation.moduleClass} {}
`;
}

function automationSpec(automation: Automation): string {
  const { event, command } = automation;
  const keyField = event.fields[0]!.name;
  const stream = `${categoryOfIdField(keyField)}_${exampleTextFor(keyField)}`;
  const eventData = `{ ${event.fields.map((field) => `${field.name}: ${exampleValue(field)}`).join(', ')} }`;
  return `import { StreamName } from '@coderscamp/event-sourcing';
import { AutomationSpecification } from '@coderscamp/event-sourcing/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ${automation.moduleClass} } from './${automation.name}.automation-module';

describe('${automation.name.replaceAll('-', ' ')}', () => {
  let spec: AutomationSpecification;
  beforeEach(async () => {
    spec = await AutomationSpecification.for({ imports: [${automation.moduleClass}] });
  });
  afterEach(() => spec.close());

  // TODO: a case for each rule violation in ALREADY_DONE, and for events this automation must leave alone.
  it('when ${sentenceFromPascal(event.type)}, then ${sentenceFromPascal(command.type)} is sent once, caused by the event', async () => {
    await spec.whenEventsOccurred('${stream}', [{ type: '${event.type}', data: ${eventData} }]);

    const [event] = (await spec.eventStore.readStream(StreamName.parse('${stream}'))).events;
    spec.thenCommandsExecuted([{ type: '${command.type}', data: ${commandData(automation, exampleValue)} }]);
    expect(spec.executedCommands[0]!.metadata).toMatchObject({ correlationId: event!.metadata.correlationId, causationId: event!.id });
  });
});
`;
}
