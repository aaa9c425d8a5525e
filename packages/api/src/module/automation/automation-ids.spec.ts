import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * An automation's subscription id is where its checkpoint is kept: if it changed, the automation
 * would start again from the beginning of the log and send every command (every mail) again.
 * The id comes from the folder name the automation passes as a literal; this checks each literal.
 */
const pascalCase = (kebabCase: string) =>
  kebabCase
    .split('-')
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');

async function automationFolders(): Promise<string[]> {
  const entries = await readdir(__dirname, { withFileTypes: true });
  return entries.filter((entry) => entry.isDirectory() && entry.name.startsWith('when-')).map((entry) => entry.name);
}

describe('automation ids', () => {
  it('given every automation folder, then its automation is exported under the folder name in PascalCase and its subscription id is that name and _v1', async () => {
    const folders = await automationFolders();
    expect(folders.length).toBeGreaterThan(0);

    for (const folder of folders) {
      const exported: Record<string, { subscriptionId?: string }> = await import(join(__dirname, folder, `${folder}.automation.ts`));
      expect(exported[pascalCase(folder)]?.subscriptionId, folder).toBe(`${pascalCase(folder)}_v1`);
    }
  });
});
