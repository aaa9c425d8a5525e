import type { WriteSliceRequest } from './arguments';
import { type Contract, requiredText, resolveContract } from './contracts';
import { copiedFields, type CopiedField } from './field-mapping';
import { camelFromPascal, idFieldOf, kebabFromPascal, pascalFromKebab } from './names';
import { type Plan, type ProjectFiles, UsageError } from './plan';
import { register, WRITE_SLICES } from './registration';
import * as template from './templates/write-slice';

/** The names and contracts of one write slice, as every template of it sees them. */
export type WriteSlice = Readonly<{
  slice: string;
  folder: string;
  category: string;
  streamIdField: string;
  command: Contract;
  event: Contract;
  eventData: readonly CopiedField[];
  decide: string;
  decideFile: string;
  handlerClass: string;
  handlerFile: string;
  controllerClass: string;
  controllerFile: string;
  requestClass: string;
  domainEventType: string;
  streamFunction: string;
}>;

export function planWriteSlice(project: ProjectFiles, request: WriteSliceRequest): Plan {
  const folder = `src/module/write/${request.slice}`;
  if (project.exists(folder)) throw new UsageError(`${folder} exists already; pick another slice name or add to that slice by hand.`);
  const slice = writeSlice(project, request, folder);
  const files = template.writeSliceFiles(slice);
  const contracts = [slice.command, slice.event];
  return {
    summary: `write slice ${request.slice}: ${request.command} → ${request.event} on ${request.stream}_<${slice.streamIdField}>`,
    created: [...contracts.flatMap((contract) => contract.created ?? []), ...files],
    edited: [registration(project, slice)],
    reused: contracts.filter((contract) => contract.created === undefined).map((contract) => contract.path),
    needsReadModelMigration: false,
    folder,
  };
}

function writeSlice(project: ProjectFiles, request: WriteSliceRequest, folder: string): WriteSlice {
  const idField = idFieldOf(request.stream);
  const command = resolveContract(project, 'command', request.command, [requiredText(idField)]);
  const event = resolveContract(project, 'event', request.event, command.fields);
  const pascal = pascalFromKebab(request.slice);
  const decideFile = kebabFromPascal(request.command);
  return {
    slice: request.slice,
    folder,
    category: request.stream,
    streamIdField: streamIdField(command, idField),
    command,
    event,
    eventData: copiedFields(command, event),
    decide: camelFromPascal(request.command),
    decideFile,
    handlerClass: `${request.command}CommandHandler`,
    handlerFile: `${folder}/application/${decideFile}.command-handler.ts`,
    controllerClass: `${pascal}Controller`,
    controllerFile: `${folder}/presentation/rest/${request.slice}.controller.ts`,
    requestClass: `${request.command}Request`,
    domainEventType: `${pascal}DomainEvent`,
    streamFunction: `${camelFromPascal(request.stream)}Stream`,
  };
}

/** A write slice without ports needs no module: its handler and controller are one entry among the write slices. */
function registration(project: ProjectFiles, slice: WriteSlice) {
  const imported = [
    { name: slice.handlerClass, file: slice.handlerFile },
    { name: slice.controllerClass, file: slice.controllerFile },
  ];
  return register(project, WRITE_SLICES, imported, `{ handlers: [${slice.handlerClass}], controllers: [${slice.controllerClass}] }`);
}

/** The command names its stream: by the category's id field, else by its first required text id. */
function streamIdField(command: Contract, preferred: string): string {
  const ids = command.fields.filter((field) => field.type === 'string' && !field.nullable && !field.optional);
  const chosen = ids.find((field) => field.name === preferred) ?? ids.find((field) => field.name.endsWith('Id'));
  if (chosen === undefined) throw new UsageError(`${command.type}.data has no ${preferred} (nor another required text id) to name the stream by (${command.path}).`);
  return chosen.name;
}
