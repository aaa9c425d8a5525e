import type { Contract, ContractField } from './contracts';
import { UsageError } from './plan';

/**
 * Which fields of the target (an event a decision records, a command an automation sends) are
 * copied from the same-named field of the source. A field cannot be copied from a field that may
 * be missing or null when it may not, or from one of another type.
 */
export type CopiedField = Readonly<{ target: ContractField; source: ContractField }>;

export function copiedFields(source: Contract, target: Contract): CopiedField[] {
  return target.fields.flatMap((field) => {
    const counterpart = source.fields.find((candidate) => candidate.name === field.name);
    if (counterpart === undefined) {
      if (field.optional) return [];
      throw new UsageError(`${target.type}.data.${field.name} has no field of that name in ${source.type}.data to take it from (${source.path}); add it there, or generate with a new type and adapt by hand.`);
    }
    if (!copyable(counterpart, field)) {
      throw new UsageError(`${target.type}.data.${field.name} cannot take ${source.type}.data.${field.name}: their types differ (optional or null on one side only, or another type).`);
    }
    return [{ target: field, source: counterpart }];
  });
}

function copyable(from: ContractField, to: ContractField): boolean {
  return from.type === to.type && (to.nullable || !from.nullable) && (to.optional || !from.optional);
}
