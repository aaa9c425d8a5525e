import path from 'node:path';
import { BenchDatabase } from './bench-database';
import { describeMachine } from './machine';
import { parseOptions } from './options';
import { hasCorrectnessErrors, missesTargets, renderMarkdown, writeJson, type BenchReport } from './report';
import { measureMemoryGrowth, measureWorkload, type MemoryResult, type WorkloadResult } from './runner';
import { MEMORY_CHECKS, WORKLOADS } from './workloads';

/** Compiled to bench/dist; results go to bench/results. */
const RESULTS_DIRECTORY = path.resolve(__dirname, '..', 'results');

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2), process.env);
  const startedAt = new Date().toISOString();
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  const database = await BenchDatabase.create(options.serverUrl);
  progress(`Bench database ${database.name} (${options.quick ? 'quick' : 'full'} mode)`);
  dropOnInterrupt(database);
  let report: BenchReport;
  try {
    const machine = describeMachine(await database.serverVersion());
    const workloads: WorkloadResult[] = [];
    const selected = (id: string) => options.only === null || options.only.some((prefix) => id.startsWith(prefix));
    for (const workload of WORKLOADS.filter((candidate) => selected(candidate.id))) {
      workloads.push(await measureWorkload(database, workload, options.sizes, options.runsPerContender, progress));
    }
    const memory: MemoryResult[] = [];
    for (const check of MEMORY_CHECKS.filter((candidate) => selected(candidate.id))) {
      const result = await measureMemoryGrowth(database, check, options.sizes);
      progress(describeMemoryResult(result));
      memory.push(result);
    }
    report = {
      startedAt,
      mode: options.quick ? 'quick' : 'full',
      machine,
      runsPerContender: options.runsPerContender,
      workloads,
      memory,
    };
  } finally {
    await database.drop();
  }
  process.stdout.write(`${renderMarkdown(report)}\n`);
  progress(`\nWrote ${await writeJson(report, RESULTS_DIRECTORY)}`);

  // Quick mode runs in CI on shared machines: it reports speed but fails only on wrong results.
  if (hasCorrectnessErrors(report)) return 1;
  return !options.quick && missesTargets(report) ? 2 : 0;
}

function describeMemoryResult(result: MemoryResult): string {
  const pace =
    result.pace?.percent == null
      ? ''
      : `, ${result.pace.percent.toFixed(0)}% of ${result.pace.ofWorkloadId}'s pace (runs of its size right before and after: ${result.pace.referenceEventsPerSecond.map(Math.round).join(' and ')} events/s)`;
  const outcome = result.errors.length > 0 ? ` — FAILED: ${result.errors.join('; ')}` : '';
  return `${result.id}: +${result.growthMb.toFixed(0)} MB over ${result.events} events, ${Math.round(result.eventsPerSecond)} events/s${pace}${outcome}`;
}

/** An interrupted bench still drops its database, whatever its connections are doing. */
function dropOnInterrupt(database: BenchDatabase): void {
  const interrupt = (signal: NodeJS.Signals) => {
    process.stderr.write(`\n${signal}: dropping ${database.name}\n`);
    database.drop().then(
      () => process.exit(130),
      () => process.exit(130),
    );
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
