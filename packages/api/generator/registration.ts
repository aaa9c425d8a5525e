import { UsageError } from './names';
import type { GeneratedFile, ProjectFiles } from './plan';

export const APP_MODULE_PATH = 'src/app.module.ts';
const SLICE_MODULES_START = 'const SLICE_MODULES: DynamicModule[\'imports\'] = [\n';

/** The one edit outside a slice's folder: its module imported and listed in the app's slice modules. */
export function registerSliceModule(project: ProjectFiles, moduleClass: string, modulePath: string): GeneratedFile {
  const source = project.read(APP_MODULE_PATH);
  const listStart = source.indexOf(SLICE_MODULES_START);
  const listEnd = source.indexOf('];', listStart);
  if (listStart < 0 || listEnd < 0) throw new UsageError(`${APP_MODULE_PATH} has no SLICE_MODULES list to register ${moduleClass} in.`);
  const importLine = `import { ${moduleClass} } from './${modulePath.replace(/^src\//, '').replace(/\.ts$/, '')}';\n`;
  const lastImportEnd = source.lastIndexOf('\nimport ', listStart);
  const afterLastImport = source.indexOf(';\n', lastImportEnd) + 2;
  return {
    path: APP_MODULE_PATH,
    content:
      source.slice(0, afterLastImport) +
      importLine +
      source.slice(afterLastImport, listEnd) +
      `  ${moduleClass},\n` +
      source.slice(listEnd),
  };
}
