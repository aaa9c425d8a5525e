/**
 * Names the generator derives from its arguments. One type name (`FullNameWasChanged`) or slice
 * name (`participant-full-names`) yields every file, class, function and id of a slice, so the
 * generated code follows the house naming without the author spelling each form.
 */

const PASCAL_CASE = /^(?:[A-Z][a-z0-9]+)+$/;
const KEBAB_CASE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

export function isPascalCase(name: string): boolean {
  return PASCAL_CASE.test(name);
}

export function isKebabCase(name: string): boolean {
  return KEBAB_CASE.test(name);
}

/** `FullNameWasChanged` → `['full', 'name', 'was', 'changed']`. */
function wordsOfPascal(name: string): string[] {
  return (name.match(/[A-Z][a-z0-9]+/g) ?? []).map((word) => word.toLowerCase());
}

/** `participantId` or `ParticipantId` → `['participant', 'id']`. */
function wordsOfCamel(name: string): string[] {
  return wordsOfPascal(name.charAt(0).toUpperCase() + name.slice(1));
}

const capitalized = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

export function kebabFromPascal(name: string): string {
  return wordsOfPascal(name).join('-');
}

export function pascalFromKebab(name: string): string {
  return name.split('-').map(capitalized).join('');
}

export function camelFromPascal(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

export function camelFromKebab(name: string): string {
  return camelFromPascal(pascalFromKebab(name));
}

export function snakeFromKebab(name: string): string {
  return name.replaceAll('-', '_');
}

export function snakeFromCamel(name: string): string {
  return wordsOfCamel(name).join('_');
}

/** `participant-full-names` → `PARTICIPANT_FULL_NAMES`, for rule and error codes. */
export function constantFromKebab(name: string): string {
  return snakeFromKebab(name).toUpperCase();
}

/** `FullNameWasChanged` → `full name was changed`, for test names and summaries. */
export function sentenceFromPascal(name: string): string {
  return wordsOfPascal(name).join(' ');
}

/** `fullName` → `full-name-1`: an example value that says which field it fills. */
export function exampleTextFor(field: string): string {
  return `${wordsOfCamel(field).join('-')}-1`;
}

/** The id field of a stream category: `Participant` → `participantId`. */
export function idFieldOf(category: string): string {
  return `${camelFromPascal(category)}Id`;
}

/** The stream category a key field names: `participantId` → `Participant`; a bare `id` names no category. */
export function categoryOfIdField(field: string): string {
  const words = wordsOfCamel(field);
  const subject = words.at(-1) === 'id' ? words.slice(0, -1) : words;
  return subject.length > 0 ? subject.map(capitalized).join('') : 'Subject';
}

export function automationFolderName(eventType: string, commandType: string): string {
  return `when-${kebabFromPascal(eventType)}-then-${kebabFromPascal(commandType)}`;
}
