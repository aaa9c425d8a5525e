import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { REPOSITORY_ROOT } from './support/app-process';
import { createCluster, destroyCluster, publishCluster } from './support/postgres-cluster';
import { SCENARIO_RESULTS_DIRECTORY } from './support/scenario-report';
import { readScenarioResults, renderMarkdown, summarize, writeSummary } from './support/summary';

/**
 * Builds the app the scenarios run as child processes, starts the suite's own PostgreSQL cluster,
 * and at the end removes it and prints the run's table.
 */
export default async function setup(): Promise<() => Promise<void>> {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: REPOSITORY_ROOT, stdio: 'inherit' });
  rmSync(SCENARIO_RESULTS_DIRECTORY, { recursive: true, force: true });
  const cluster = await createCluster();
  publishCluster(cluster);
  return async () => {
    destroyCluster(cluster);
    const summary = summarize(readScenarioResults());
    writeSummary(summary);
    process.stdout.write(`\n## Reliability run\n\n${renderMarkdown(summary)}\n`);
  };
}
