import type { ReadSliceRequest } from './arguments';
import { type Contract, type ContractField, contractPath, requiredText, resolveContract } from './contracts';
import { camelFromKebab, constantFromKebab, pascalFromKebab, snakeFromKebab } from './names';
import { type Plan, type ProjectFiles, UsageError } from './plan';
import { register, SLICE_MODULES } from './registration';
import * as template from './templates/read-slice';

/** The names, events and table of one read slice, as every template of it sees them. */
export type ReadSlice = Readonly<{
  slice: string;
  folder: string;
  events: readonly Contract[];
  /** The field every event carries and the table's primary key: one row per subject. */
  keyField: string;
  /** Every other field of the events, once: nullable columns, since events about a subject may come in any order. */
  columns: readonly ContractField[];
  table: string;
  tableName: string;
  subscriptionId: string;
  projectionClass: string;
  controllerClass: string;
  responseClass: string;
  moduleClass: string;
  moduleFile: string;
  notFoundCode: string;
}>;

/** The key a read model of only new events is given, for the author to rename. */
const DEFAULT_KEY = 'id';

export function planReadSlice(project: ProjectFiles, request: ReadSliceRequest): Plan {
  const folder = `src/module/read/${request.slice}`;
  if (project.exists(folder)) throw new UsageError(`${folder} exists already; pick another slice name or add to that slice by hand.`);
  const slice = readSlice(project, request, folder);
  return {
    summary: `read slice ${request.slice}: ${request.events.join(', ')} → table ${slice.tableName}, one row per ${slice.keyField}`,
    created: [...slice.events.flatMap((event) => event.created ?? []), ...template.readSliceFiles(slice)],
    edited: [register(project, SLICE_MODULES, [{ name: slice.moduleClass, file: slice.moduleFile }], slice.moduleClass)],
    reused: slice.events.filter((event) => event.created === undefined).map((event) => event.path),
    needsReadModelMigration: true,
    folder,
  };
}

function readSlice(project: ProjectFiles, request: ReadSliceRequest, folder: string): ReadSlice {
  const existing = request.events.filter((type) => project.exists(contractPath('event', type))).map((type) => resolveContract(project, 'event', type, []));
  const keyField = commonKey(existing);
  const events = request.events.map((type) => existing.find((event) => event.type === type) ?? resolveContract(project, 'event', type, [requiredText(keyField)]));
  const pascal = pascalFromKebab(request.slice);
  return {
    slice: request.slice,
    folder,
    events,
    keyField,
    columns: columnsOf(events, keyField),
    table: camelFromKebab(request.slice),
    tableName: snakeFromKebab(request.slice),
    subscriptionId: `${pascal}ReadModel_v1`,
    projectionClass: `${pascal}Projection`,
    controllerClass: `${pascal}Controller`,
    responseClass: `${pascal}Response`,
    moduleClass: `${pascal}ReadModule`,
    moduleFile: `${folder}/${request.slice}.read-module.ts`,
    notFoundCode: `${constantFromKebab(request.slice)}_NOT_FOUND`,
  };
}

/** A required text field all the existing events carry, ids first; new events are given it. */
function commonKey(existing: readonly Contract[]): string {
  const [first, ...others] = existing;
  if (first === undefined) return DEFAULT_KEY;
  const isKey = (field: ContractField) => field.type === 'string' && !field.nullable && !field.optional;
  const shared = first.fields.filter((field) => isKey(field) && others.every((event) => event.fields.some((other) => other.name === field.name && isKey(other))));
  const key = shared.find((field) => field.name.endsWith('Id')) ?? shared[0];
  if (key === undefined) throw new UsageError(`${existing.map((event) => event.type).join(', ')} share no required text field to key the read model's rows by.`);
  return key.name;
}

function columnsOf(events: readonly Contract[], keyField: string): ContractField[] {
  const columns = new Map<string, ContractField>();
  for (const field of events.flatMap((event) => event.fields)) {
    if (field.name === keyField) continue;
    const known = columns.get(field.name);
    if (known !== undefined && known.type !== field.type) throw new UsageError(`Field ${field.name} is ${known.type} in one event and ${field.type} in another; one column cannot hold both.`);
    columns.set(field.name, known ?? field);
  }
  return [...columns.values()];
}
