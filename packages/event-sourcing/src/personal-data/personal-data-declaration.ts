import type { DomainEvent, EventMetadata } from '../core/events';

/**
 * An event as appended or as stored, as far as finding its subject needs it. `data` is `any`: a
 * stored event may have any older shape, and `personalData` checks the typed callback it wraps.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SubjectSource = Readonly<{ type: string; data: any; streamName: string; metadata: EventMetadata }>;

export type PersonalDataDeclaration = Readonly<{
  eventType: string;
  /** Whose data it is: e.g. the user id. Receives the event as appended or as stored (old shapes too). */
  subjectOf: (event: SubjectSource) => string | undefined;
  /** Top-level fields of `data` holding personal data. */
  fields: readonly string[];
}>;

/** Declares which fields of an event type hold whose personal data, checked against the event's type. */
export function personalData<E extends DomainEvent>(
  eventType: E['type'],
  declaration: {
    subjectOf: (event: { data: E['data']; streamName: string; metadata: EventMetadata }) => string | undefined;
    fields: readonly (keyof E['data'] & string)[];
  },
): PersonalDataDeclaration {
  return { eventType, subjectOf: declaration.subjectOf, fields: [...declaration.fields] };
}

/** The declarations by event type; one declaration per type, so no field list is silently ignored. */
export function declarationsByType(declarations: readonly PersonalDataDeclaration[]): ReadonlyMap<string, PersonalDataDeclaration> {
  const byType = new Map<string, PersonalDataDeclaration>();
  for (const declaration of declarations) {
    if (byType.has(declaration.eventType)) throw new Error(`Personal data of "${declaration.eventType}" is declared twice`);
    if (declaration.fields.length === 0) throw new Error(`Personal data of "${declaration.eventType}" declares no fields`);
    byType.set(declaration.eventType, declaration);
  }
  return byType;
}
