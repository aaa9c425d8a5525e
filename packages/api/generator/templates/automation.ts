import type { Automation } from '../automation';
import { type ContractField, exampleValue } from '../contracts';
import { categoryOfIdField, exampleTextFor, kebabFromPascal, sentenceFromPascal } from '../names';
import type { GeneratedFile } from '../plan';

export function automationFiles(automation: Automation): GeneratedFile[] {
  return [
    { path: automation.automationFile, content: automationSource(automation) },
    { path: automation.automationFile.replace(/\.ts$/, '.spec.ts'), content: automationSpec(automation) },
  ];
}

function commandData(automation: Automation, value: (field: ContractField) => string): string {
  return `{ ${automation.commandData.map(({ target, source }) => `${target.name}: ${value(source)}`).join(', ')} }`;
}

function automationSource(automation: Automation): string {
  const { event, command } = automation;
  return `import { automation } from '@coderscamp/event-sourcing/nestjs';
import { ${command.type}ApplicationCommand } from '../../shared/commands/${kebabFromPascal(command.type)}.command';
import type { ${event.type} } from '../../shared/events/${kebabFromPascal(event.type)}.event';

// TODO: ids the command needs that the event does not carry are derived from event.id (../shared/derived-id), so a redelivery sends the same command.
// TODO: .tolerating(RuleCode.…) before .build() for each refusal of ${command.type} that means it already happened.
export const ${automation.automationName} = automation('${automation.name}')
  .on<${event.type}>('${event.type}', async (event, { send }) => {
    await send({
      class: ${command.type}ApplicationCommand,
      type: '${command.type}',
      data: ${commandData(automation, (field) => `event.data.${field.name}`)},
    });
  })
  .build();
`;
}

function automationSpec(automation: Automation): string {
  const { event, command } = automation;
  const keyField = event.fields[0]!.name;
  const stream = `${categoryOfIdField(keyField)}_${exampleTextFor(keyField)}`;
  const eventData = `{ ${event.fields.map((field) => `${field.name}: ${exampleValue(field)}`).join(', ')} }`;
  return `import { StreamName } from '@coderscamp/event-sourcing';
import { AutomationSpecification } from '@coderscamp/event-sourcing/testing/nestjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ${automation.automationName} } from './${automation.name}.automation';

describe('${automation.name.replaceAll('-', ' ')}', () => {
  let spec: AutomationSpecification;
  beforeEach(async () => {
    spec = await AutomationSpecification.for({ imports: [${automation.automationName}] });
  });
  afterEach(() => spec.close());

  // TODO: a case for each tolerated refusal, and for events this automation must leave alone.
  it('when ${sentenceFromPascal(event.type)}, then it asks once to ${sentenceFromPascal(command.type)}, caused by the event', async () => {
    await spec.whenEventsOccurred('${stream}', [{ type: '${event.type}', data: ${eventData} }]);

    const [event] = (await spec.eventStore.readStream(StreamName.parse('${stream}'))).events;
    spec.thenCommandsExecuted([{ type: '${command.type}', data: ${commandData(automation, exampleValue)} }]);
    // The command names the automation that sent it: the causation view shows it.
    expect(spec.executedCommands[0]!.metadata).toEqual({
      correlationId: event!.metadata.correlationId,
      causationId: event!.id,
      automation: ${automation.automationName}.subscriptionId,
    });
  });
});
`;
}
