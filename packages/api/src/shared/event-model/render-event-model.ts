import type { Endpoint, EventModel, ModelCommand, ModelProblem } from './event-model';

/** Event Modeling's colours: commands blue, events orange, read models green; automations grey (the robot lane). */
const CLASS_DEFINITIONS = [
  'classDef command fill:#9cc8ff,stroke:#2f6fbd,color:#000',
  'classDef event fill:#ffc27a,stroke:#c46d00,color:#000',
  'classDef readModel fill:#a8e6a1,stroke:#2e8b2e,color:#000',
  'classDef automation fill:#e0e0e0,stroke:#6b6b6b,color:#000',
];

const NO_STREAM = 'no stream';

/**
 * A Mermaid flowchart of the model: one subgraph per stream category holding its commands and
 * events, then the read models and the automations; arrows run command → event → read model or
 * automation → command (or → event, for one appending an event itself).
 */
export function eventModelMermaid(model: EventModel): string {
  const lines = ['flowchart LR'];
  for (const [category, commands] of groupedByStream(model)) {
    lines.push(`  subgraph ${nodeId('stream', category)}["${category}"]`);
    for (const command of commands) lines.push(`    ${nodeId('command', command.type)}["${command.type}"]:::command`);
    for (const event of model.events.filter((candidate) => (candidate.streamCategory ?? NO_STREAM) === category)) {
      lines.push(`    ${nodeId('event', event.type)}["${event.type}"]:::event`);
    }
    lines.push('  end');
  }
  lines.push(`  subgraph read_models["Read models"]`);
  for (const readModel of model.readModels) lines.push(`    ${nodeId('readModel', readModel.id)}["${readModel.id}"]:::readModel`);
  lines.push('  end');
  lines.push(`  subgraph automations["Automations"]`);
  for (const automation of model.automations) lines.push(`    ${nodeId('automation', automation.id)}["${automation.id}"]:::automation`);
  lines.push('  end');
  for (const command of model.commands) {
    for (const event of command.emits) lines.push(`  ${nodeId('command', command.type)} --> ${nodeId('event', event)}`);
  }
  for (const readModel of model.readModels) {
    for (const event of readModel.handles) lines.push(`  ${nodeId('event', event)} --> ${nodeId('readModel', readModel.id)}`);
  }
  for (const automation of model.automations) {
    for (const event of automation.on) lines.push(`  ${nodeId('event', event)} --> ${nodeId('automation', automation.id)}`);
    for (const command of automation.sends) lines.push(`  ${nodeId('automation', automation.id)} --> ${nodeId('command', command)}`);
    for (const event of automation.emits) lines.push(`  ${nodeId('automation', automation.id)} --> ${nodeId('event', event)}`);
  }
  lines.push(...CLASS_DEFINITIONS.map((definition) => `  ${definition}`));
  return lines.join('\n');
}

/** `docs/event-model.md`: the flowchart and a table per element kind, problems and allowed exceptions. */
export function eventModelMarkdown(model: EventModel): string {
  const sections = [
    '# Event Model',
    'Generated from the code by `npm run event-model:doc` (the `event-model` CLI command); do not edit.\n' +
      '`packages/api/test/event-model.e2e-spec.ts` fails when this file differs from what the code yields.\n' +
      'The same model, as JSON: `GET /api/admin/event-model` (administrators) or `npm run cli -- event-model --format json`.',
    ['```mermaid', eventModelMermaid(model), '```'].join('\n'),
    '## Story',
    'The steps of `event-model-description.ts`, left to right on the console\'s board; events follow the step of their emitter.',
    table(
      ['step', 'elements'],
      model.steps.map((step) => [step.name, step.elements.map((element) => element.id).join(', ')]),
    ),
    '## Commands',
    table(
      ['command', 'stream', 'emits', 'sent by', 'slice'],
      model.commands.map((command) => [command.type, command.streamCategory ?? '', command.emits.join(', '), sendersOf(command), command.slice]),
    ),
    '## Events',
    table(
      ['event', 'stream', 'emitted by', 'handled by'],
      model.events.map((event) => [event.type, event.streamCategory ?? '', event.emittedBy.join(', '), event.handledBy.join(', ')]),
    ),
    '## Read models',
    table(
      ['read model', 'handles', 'tables', 'read by', 'slice'],
      model.readModels.map((readModel) => [readModel.id, readModel.handles.join(', '), readModel.tables.join(', '), endpoints(readModel.endpoints), readModel.slice ?? '']),
    ),
    '## Automations',
    table(
      ['automation', 'on', 'sends', 'appends', 'waits for'],
      model.automations.map((automation) => [automation.id, automation.on.join(', '), automation.sends.join(', '), automation.emits.join(', '), automation.readsFrom.join(', ')]),
    ),
    '## Allowed exceptions',
    model.allowedExceptions.length === 0
      ? 'None.'
      : table(
          ['problem', 'element', 'reason'],
          model.allowedExceptions.map((exception) => [exception.code, exception.element.id, exception.reason]),
        ),
    '## Problems',
    model.problems.length === 0 ? 'None.' : table(['problem', 'element', 'message'], model.problems.map((problem: ModelProblem) => [problem.code, problem.element.id, problem.message])),
  ];
  return `${sections.join('\n\n')}\n`;
}

function groupedByStream(model: EventModel): Map<string, ModelCommand[]> {
  const groups = new Map<string, ModelCommand[]>();
  const categories = [...model.commands.map((command) => command.streamCategory ?? NO_STREAM), ...model.events.map((event) => event.streamCategory ?? NO_STREAM)];
  for (const category of [...new Set(categories)].sort()) groups.set(category, []);
  for (const command of model.commands) groups.get(command.streamCategory ?? NO_STREAM)!.push(command);
  return groups;
}

function sendersOf(command: ModelCommand): string {
  return [endpoints(command.endpoints), ...command.sentBy.map((sender) => `${sender.kind} ${sender.name}`)].filter((sender) => sender !== '').join('; ');
}

function endpoints(list: readonly Endpoint[]): string {
  return list.map((endpoint) => `\`${endpoint.method} ${endpoint.path}\``).join(', ');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Mermaid ids allow letters, digits and underscores; the prefix keeps a command and an event of one name apart. */
function nodeId(kind: string, name: string): string {
  return `${kind}_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
}
