import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, resolve } from 'node:path';

/**
 * Shows stack frames in the bundle at their TypeScript source, as `--enable-source-maps` does for
 * the modules Node loads itself but not for code compiled through `vm`. Only when source maps are
 * enabled. The map, megabytes that take about half a second to parse, is read when the first stack
 * trace needs it, not at start-up.
 */
export function mapStackTracesToSources(bundleFile: string): void {
  if (!process.sourceMapsEnabled) return;
  let sourceMap: SourceMap | null | undefined;
  const bundleDirectory = dirname(bundleFile);

  const sourceLocation = (line: number, column: number): string | null => {
    sourceMap ??= readSourceMap(`${bundleFile}.map`);
    const entry = sourceMap?.findEntry(line - 1, column - 1);
    if (!entry || !('originalSource' in entry)) return null;
    return `${resolve(bundleDirectory, entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  };

  Error.prepareStackTrace = (error: unknown, callSites: NodeJS.CallSite[]) => {
    const frames = callSites.map((site) => {
      const frame = site.toString();
      const [line, column] = [site.getLineNumber(), site.getColumnNumber()];
      if (site.getFileName() !== bundleFile || line === null || column === null) return frame;
      const source = sourceLocation(line, column);
      return source ? frame.replace(`${bundleFile}:${line}:${column}`, source) : frame;
    });
    return [describe(error), ...frames.map((frame) => `    at ${frame}`)].join('\n');
  };
}

function readSourceMap(file: string): SourceMap | null {
  try {
    return new SourceMap(JSON.parse(readFileSync(file, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]);
  } catch {
    return null;
  }
}

/** The first line of a stack trace, as V8 writes it. */
function describe(error: unknown): string {
  try {
    return Error.prototype.toString.call(error);
  } catch {
    return 'Error';
  }
}
