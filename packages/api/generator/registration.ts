import { posix } from 'node:path';

import { type GeneratedFile, type ProjectFiles, UsageError } from './plan';

/** A list of slices in a module file: the one place outside its folder a slice is added to. */
type SliceList = Readonly<{ file: string; opening: string }>;

/** Slice modules: read slices, automations and write slices with ports of their own. */
export const SLICE_MODULES: SliceList = { file: 'src/app.module.ts', opening: "const SLICE_MODULES: DynamicModule['imports'] = [\n" };

/** Write slices that need nothing but the SDK: their handlers and controllers. */
export const WRITE_SLICES: SliceList = { file: 'src/module/write/write-slices.module.ts', opening: 'const WRITE_SLICES: readonly WriteSlice[] = [\n' };

export type Registered = Readonly<{ name: string; file: string }>;

/** The list's file with the names imported after its last import and `entry` added at the end of the list. */
export function register(project: ProjectFiles, list: SliceList, imported: readonly Registered[], entry: string): GeneratedFile {
  const source = project.read(list.file);
  const listStart = source.indexOf(list.opening);
  const listEnd = source.indexOf('];', listStart);
  if (listStart < 0 || listEnd < 0) throw new UsageError(`${list.file} has no list starting \`${list.opening.trim()}\` to register ${entry} in.`);
  const afterLastImport = source.indexOf(';\n', source.lastIndexOf('\nimport ', listStart)) + 2;
  const imports = imported.map(({ name, file }) => `import { ${name} } from '${importPath(list.file, file)}';\n`).join('');
  return {
    path: list.file,
    content: source.slice(0, afterLastImport) + imports + source.slice(afterLastImport, listEnd) + `  ${entry},\n` + source.slice(listEnd),
  };
}

function importPath(from: string, to: string): string {
  const path = posix.relative(posix.dirname(from), to).replace(/\.ts$/, '');
  return path.startsWith('.') ? path : `./${path}`;
}
