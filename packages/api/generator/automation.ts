import type { AutomationRequest } from './arguments';
import { type Contract, contractPath, requiredText, resolveContract } from './contracts';
import { copiedFields, type CopiedField } from './field-mapping';
import { automationFolderName, pascalFromKebab, UsageError } from './names';
import type { Plan, ProjectFiles } from './plan';
import { registerSliceModule } from './registration';
import * as template from './templates/automation';

/** The names and contracts of one automation, as its templates see them. */
export type Automation = Readonly<{
  name: string;
  folder: string;
  event: Contract;
  command: Contract;
  commandData: readonly CopiedField[];
  automationClass: string;
  moduleClass: string;
  moduleFile: string;
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
    edited: [registerSliceModule(project, automation.moduleClass, automation.moduleFile)],
    reused: contracts.filter((contract) => contract.created === undefined).map((contract) => contract.path),
    needsReadModelMigration: false,
    folder,
  };
}

/** A new contract copies the other one's fields, so the command can always be built from the event. */
function automationOf(project: ProjectFiles, request: AutomationRequest, name: string, folder: string): Automation {
  const eventExists = project.exists(contractPath('event', request.on));
  const command = eventExists
    ? resolveContract(project, 'command', request.send, resolveContract(project, 'event', request.on, []).fields)
    : resolveContract(project, 'command', request.send, DEFAULT_FIELDS);
  const event = resolveContract(project, 'event', request.on, command.fields);
  const pascal = pascalFromKebab(name);
  return {
    name,
    folder,
    event,
    command,
    commandData: copiedFields(event, command),
    automationClass: pascal,
    moduleClass: `${pascal}AutomationModule`,
    moduleFile: `${folder}/${name}.automation-module.ts`,
  };
}
