import type { AutomationRequest } from './arguments';
import { type Contract, contractPath, requiredText, resolveContract } from './contracts';
import { copiedFields, type CopiedField } from './field-mapping';
import { automationFolderName, pascalFromKebab } from './names';
import { type Plan, type ProjectFiles, UsageError } from './plan';
import { register, SLICE_MODULES } from './registration';
import * as template from './templates/automation';

/** The names and contracts of one automation, as its templates see them. */
export type Automation = Readonly<{
  name: string;
  folder: string;
  event: Contract;
  command: Contract;
  commandData: readonly CopiedField[];
  /** The automation is its own module, exported under the folder name in PascalCase. */
  automationName: string;
  automationFile: string;
}>;

/** Contracts that are both new get one field to start from, for the author to rename. */
const DEFAULT_FIELDS = [requiredText('id')];

export function planAutomation(project: ProjectFiles, request: AutomationRequest): Plan {
  const name = automationFolderName(request.on, request.send);
  const folder = `src/module/automation/${name}`;
  if (project.exists(folder)) throw new UsageError(`${folder} exists already.`);
  const automation = automationOf(project, request, name, folder);
  const contracts = [automation.event, automation.command];
  const handled = project.exists(contractPath('command', request.send));
  return {
    summary: `automation ${name}: on ${request.on}, send ${request.send}${handled ? '' : ` (no write slice handles ${request.send} yet: npm run generate -- write-slice …)`}`,
    created: [...contracts.flatMap((contract) => contract.created ?? []), ...template.automationFiles(automation)],
    edited: [register(project, SLICE_MODULES, [{ name: automation.automationName, file: automation.automationFile }], automation.automationName)],
    reused: contracts.filter((contract) => contract.created === undefined).map((contract) => contract.path),
    needsReadModelMigration: false,
    folder,
  };
}

/** A new contract copies the other one's fields, so the command can always be built from the event. */
function automationOf(project: ProjectFiles, request: AutomationRequest, name: string, folder: string): Automation {
  const existingEvent = project.exists(contractPath('event', request.on)) ? resolveContract(project, 'event', request.on, []) : undefined;
  const command = resolveContract(project, 'command', request.send, existingEvent?.fields ?? DEFAULT_FIELDS);
  const event = existingEvent ?? resolveContract(project, 'event', request.on, command.fields);
  return {
    name,
    folder,
    event,
    command,
    commandData: copiedFields(event, command),
    automationName: pascalFromKebab(name),
    automationFile: `${folder}/${name}.automation.ts`,
  };
}
