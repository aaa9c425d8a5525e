import ts from 'typescript';
import { exampleTextFor, kebabFromPascal } from './names';
import { type GeneratedFile, type ProjectFiles, UsageError } from './plan';

export type ScalarType = 'string' | 'number' | 'boolean';

/** One field of a command's or event's data, in the forms the generator can map and validate. */
export type ContractField = Readonly<{ name: string; type: ScalarType; nullable: boolean; optional: boolean }>;

export type ContractKind = 'command' | 'event';

/** A contract type in module/shared: its fields, and the file to create when it does not exist yet. */
export type Contract = Readonly<{ type: string; kind: ContractKind; path: string; fields: readonly ContractField[]; created?: GeneratedFile }>;

export const requiredText = (name: string): ContractField => ({ name, type: 'string', nullable: false, optional: false });

export function contractPath(kind: ContractKind, type: string): string {
  return `src/module/shared/${kind}s/${kebabFromPascal(type)}.${kind}.ts`;
}

/** Reuses the contract when its file exists; otherwise plans it with the given fields. */
export function resolveContract(project: ProjectFiles, kind: ContractKind, type: string, fieldsIfNew: readonly ContractField[]): Contract {
  const path = contractPath(kind, type);
  if (project.exists(path)) return { type, kind, path, fields: contractFields(project.read(path), kind, type, path) };
  return { type, kind, path, fields: fieldsIfNew, created: { path, content: contractSource(kind, type, fieldsIfNew) } };
}

/** The fields of `type X = DomainEvent<'X', { … }>` (or `DomainCommand`) in a contract file. */
export function contractFields(source: string, kind: ContractKind, type: string, path: string): ContractField[] {
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.ES2022, true);
  const alias = file.statements.find((statement): statement is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(statement) && statement.name.text === type);
  const wrapper = kind === 'event' ? 'DomainEvent' : 'DomainCommand';
  const data = alias && ts.isTypeReferenceNode(alias.type) && alias.type.typeName.getText(file) === wrapper ? alias.type.typeArguments?.[1] : undefined;
  if (data === undefined || !ts.isTypeLiteralNode(data)) {
    throw new UsageError(`${path} exists but does not declare \`type ${type} = ${wrapper}<'${type}', { … }>\`; the generator reuses contracts only in that form.`);
  }
  return data.members.map((member) => contractField(member, file, `${type}.data`));
}

function contractField(member: ts.TypeElement, file: ts.SourceFile, owner: string): ContractField {
  if (!ts.isPropertySignature(member) || member.type === undefined || !ts.isIdentifier(member.name)) {
    throw new UsageError(`${owner} has a member the generator cannot map: ${member.getText(file)}`);
  }
  const name = member.name.text;
  const parts = ts.isUnionTypeNode(member.type) ? member.type.types.map((part) => part.getText(file)) : [member.type.getText(file)];
  const nullable = parts.includes('null');
  const [type, ...others] = parts.filter((part) => part !== 'null');
  if (others.length > 0 || (type !== 'string' && type !== 'number' && type !== 'boolean')) {
    throw new UsageError(`${owner}.${name} is ${member.type.getText(file)}; the generator maps string, number and boolean fields (optionally | null). Generate with a simpler contract and refine by hand.`);
  }
  return { name, type, nullable, optional: member.questionToken !== undefined };
}

export function fieldTypeText(field: ContractField): string {
  return field.nullable ? `${field.type} | null` : field.type;
}

function dataTypeText(fields: readonly ContractField[]): string {
  return `{ ${fields.map((field) => `${field.name}${field.optional ? '?' : ''}: ${fieldTypeText(field)}`).join('; ')} }`;
}

function contractSource(kind: ContractKind, type: string, fields: readonly ContractField[]): string {
  if (kind === 'event') {
    return `import type { DomainEvent } from '@coderscamp/event-sourcing';

// TODO: the facts ${type} records; the generator gave it only the fields it could derive.
export type ${type} = DomainEvent<'${type}', ${dataTypeText(fields)}>;
`;
  }
  return `import { AbstractApplicationCommand, type DomainCommand } from '@coderscamp/event-sourcing';

// TODO: what ${type} asks for; the generator gave it only the fields it could derive.
export type ${type} = DomainCommand<'${type}', ${dataTypeText(fields)}>;

export class ${type}ApplicationCommand extends AbstractApplicationCommand<${type}> {}
`;
}

/** An example value of a field as TypeScript source: the same field gets the same value everywhere. */
export function exampleValue(field: ContractField): string {
  switch (field.type) {
    case 'string':
      return `'${exampleTextFor(field.name)}'`;
    case 'number':
      return '1';
    case 'boolean':
      return 'true';
  }
}
