import { parseArgs } from 'node:util';
import { isKebabCase, isPascalCase } from './names';
import { UsageError } from './plan';

export type WriteSliceRequest = Readonly<{ kind: 'write-slice'; slice: string; command: string; event: string; stream: string }>;
export type ReadSliceRequest = Readonly<{ kind: 'read-slice'; slice: string; events: readonly string[] }>;
export type AutomationRequest = Readonly<{ kind: 'automation'; on: string; send: string }>;
export type GenerateRequest = WriteSliceRequest | ReadSliceRequest | AutomationRequest;

export const USAGE = [
  'Usage:',
  '  npm run generate -- write-slice <slice-name> --command <CommandType> --event <EventType> --stream <Category>',
  '  npm run generate -- read-slice <slice-name> --events <EventType,...>',
  '  npm run generate -- automation --on <EventType> --send <CommandType>',
].join('\n');

/** Reads the CLI arguments (after `npm run generate --`) into one request, or says what is wrong with them. */
export function parseArguments(argv: readonly string[]): GenerateRequest {
  const [kind, ...rest] = argv;
  switch (kind) {
    case 'write-slice':
      return parseWriteSlice(rest);
    case 'read-slice':
      return parseReadSlice(rest);
    case 'automation':
      return parseAutomation(rest);
    default:
      throw new UsageError(kind === undefined ? 'Say what to generate.' : `Unknown generator "${kind}".`);
  }
}

function parseWriteSlice(argv: readonly string[]): WriteSliceRequest {
  const { slice, values } = parse(argv, ['command', 'event', 'stream'], 1);
  return {
    kind: 'write-slice',
    slice: sliceName(slice),
    command: typeName(values.command, '--command'),
    event: typeName(values.event, '--event'),
    stream: typeName(values.stream, '--stream'),
  };
}

function parseReadSlice(argv: readonly string[]): ReadSliceRequest {
  const { slice, values } = parse(argv, ['events'], 1);
  const events = values.events.split(',').map((event) => typeName(event.trim(), '--events'));
  if (new Set(events).size !== events.length) throw new UsageError('--events lists an event type twice.');
  return { kind: 'read-slice', slice: sliceName(slice), events };
}

function parseAutomation(argv: readonly string[]): AutomationRequest {
  const { values } = parse(argv, ['on', 'send'], 0);
  return { kind: 'automation', on: typeName(values.on, '--on'), send: typeName(values.send, '--send') };
}

type Parsed<O extends string> = Readonly<{ slice: string; values: Record<O, string> }>;

/** Every listed option is required and taken once; nothing else is accepted. */
function parse<O extends string>(argv: readonly string[], options: readonly O[], positionals: 0 | 1): Parsed<O> {
  const parsed = parseStrictly(argv, options);
  if (parsed.positionals.length !== positionals) {
    throw new UsageError(positionals === 1 ? 'Name the slice once, in kebab-case: e.g. participant-full-name.' : `Unexpected argument "${parsed.positionals[0]}".`);
  }
  const missing = options.filter((option) => parsed.values[option] === undefined);
  if (missing.length > 0) throw new UsageError(`Missing ${missing.map((option) => `--${option}`).join(', ')}.`);
  const repeated = options.find((option) => parsed.values[option]!.length > 1);
  if (repeated !== undefined) throw new UsageError(`--${repeated} is given twice.`);
  const values = Object.fromEntries(options.map((option) => [option, parsed.values[option]![0]!]));
  return { slice: parsed.positionals[0] ?? '', values: values as Record<O, string> };
}

function parseStrictly(argv: readonly string[], options: readonly string[]): { positionals: string[]; values: Partial<Record<string, string[]>> } {
  try {
    // Collected rather than last-one-wins, so an option given twice is refused instead of half ignored.
    const config = Object.fromEntries(options.map((option) => [option, { type: 'string' as const, multiple: true }]));
    const { positionals, values } = parseArgs({ args: [...argv], options: config, allowPositionals: true, strict: true });
    return { positionals, values: values as Partial<Record<string, string[]>> };
  } catch (error) {
    // parseArgs explains unknown options and options without a value well; keep its words, drop its stack.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function sliceName(name: string): string {
  if (!isKebabCase(name)) throw new UsageError(`Slice name "${name}" must be kebab-case: e.g. participant-full-name.`);
  return name;
}

function typeName(name: string, option: string): string {
  if (!isPascalCase(name)) {
    throw new UsageError(`${option} "${name}" must be a PascalCase type name, each word capitalised once: e.g. FullNameWasChanged, not fullNameWasChanged or URLWasSet.`);
  }
  return name;
}
