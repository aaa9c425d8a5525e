import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Machine } from './machine';
import type { ContenderSummary, MemoryResult, WorkloadResult } from './runner';
import type { Target } from './workloads/workload';

export type BenchReport = Readonly<{
  startedAt: string;
  mode: 'full' | 'quick';
  machine: Machine;
  runsPerContender: number;
  workloads: WorkloadResult[];
  /** The memory checks that ran (`--only` may leave them out). */
  memory: MemoryResult[];
}>;

export type Verdict = 'pass' | 'miss' | 'failed';

export function workloadVerdict(result: WorkloadResult): Verdict {
  if (result.failed) return 'failed';
  const { target } = result;
  if (target.kind === 'percentOfCeiling') {
    if (result.percentOfCeiling === null) return 'failed';
    return result.percentOfCeiling >= target.percent ? 'pass' : 'miss';
  }
  if (result.ours === null) return 'failed';
  const measured = target.percentile === 50 ? result.ours.p50Ms : result.ours.p99Ms;
  return measured < target.ms ? 'pass' : 'miss';
}

function describeTarget(target: Target): string {
  return target.kind === 'percentOfCeiling' ? `≥ ${target.percent}%` : `p${target.percentile} < ${target.ms.toLocaleString('en')} ms`;
}

export function memoryVerdict(memory: MemoryResult): Verdict {
  if (memory.errors.length > 0) return 'failed';
  const keptPace = memory.pace?.percent == null || memory.pace.percent >= memory.pace.minPercent;
  return memory.growthMb <= memory.limitMb && keptPace ? 'pass' : 'miss';
}

/** Correctness errors anywhere: the only reason quick mode fails. */
export function hasCorrectnessErrors(report: BenchReport): boolean {
  return report.workloads.some((workload) => workload.failed) || report.memory.some((memory) => memory.errors.length > 0);
}

export function missesTargets(report: BenchReport): boolean {
  return report.workloads.some((workload) => workloadVerdict(workload) !== 'pass') || report.memory.some((memory) => memoryVerdict(memory) !== 'pass');
}

const VERDICT_LABEL: Record<Verdict, string> = { pass: '✅ pass', miss: '❌ miss', failed: '💥 failed' };

export function renderMarkdown(report: BenchReport): string {
  const { machine } = report;
  const lines = [
    `### ${report.mode === 'quick' ? 'Quick' : 'Full'} run, ${report.startedAt}`,
    '',
    `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB RAM, PostgreSQL ${machine.postgres}, Node ${machine.node}, ${machine.platform}. ` +
      `Medians of ${report.runsPerContender} runs per contender, ours and ceiling alternating.`,
    '',
    '| id | workload | ours | ceiling | ours / ceiling | target | result | ours p50 / p99 ms | ceiling p50 / p99 ms | peak RSS ours / ceiling MB | latency of |',
    '|---|---|---:|---:|---:|---:|---|---:|---:|---:|---|',
    ...report.workloads.map(renderWorkloadRow),
    ...report.memory.map(renderMemoryRow),
  ];
  const failures = report.workloads.flatMap((workload) =>
    workload.runs.filter((run) => run.errors.length > 0).map((run) => `- ${workload.id} ${run.contender} #${run.round}: ${run.errors.join('; ')}`),
  );
  for (const memory of report.memory.filter((result) => result.errors.length > 0)) failures.push(`- ${memory.id}: ${memory.errors.join('; ')}`);
  if (failures.length > 0) lines.push('', 'Failed runs (not counted in the medians):', '', ...failures);
  return lines.join('\n');
}

function renderWorkloadRow(result: WorkloadResult): string {
  const hasCeiling = result.runs.some((run) => run.contender === 'ceiling');
  const cells = [
    result.id,
    result.title,
    throughput(result.ours, result.unit),
    hasCeiling ? throughput(result.ceiling, result.unit) : '—',
    result.percentOfCeiling === null ? '—' : `${result.percentOfCeiling.toFixed(0)}%`,
    describeTarget(result.target),
    VERDICT_LABEL[workloadVerdict(result)],
    latency(result.ours),
    hasCeiling ? latency(result.ceiling) : '—',
    hasCeiling ? `${rss(result.ours)} / ${rss(result.ceiling)}` : rss(result.ours),
    result.latencyOf,
  ];
  return `| ${cells.join(' | ')} |`;
}

function renderMemoryRow(memory: MemoryResult): string {
  const { pace } = memory;
  const paceShare = pace === null ? '—' : pace.percent === null ? 'reference run failed' : `${pace.percent.toFixed(0)}% of ${pace.ofWorkloadId}`;
  const paceTarget = pace === null ? '' : `, pace ≥ ${pace.minPercent}% of ${pace.ofWorkloadId}`;
  return (
    `| ${memory.id} | RSS growth while our subscription catches up ${memory.events.toLocaleString('en')} events ` +
    `(${Math.round(memory.eventsPerSecond).toLocaleString('en')} events/s) | ${memory.growthMb.toFixed(0)} MB | — | ${paceShare} | ` +
    `≤ ${memory.limitMb} MB${paceTarget} | ${VERDICT_LABEL[memoryVerdict(memory)]} | — | — | — | — |`
  );
}

function throughput(summary: ContenderSummary | null, unit: WorkloadResult['unit']): string {
  if (!summary) return 'no valid run';
  return unit === null ? '—' : `${Math.round(summary.throughput).toLocaleString('en')} ${unit}`;
}

function latency(summary: ContenderSummary | null): string {
  return summary ? `${summary.p50Ms.toFixed(2)} / ${summary.p99Ms.toFixed(2)}` : '—';
}

function rss(summary: ContenderSummary | null): string {
  return summary ? summary.peakRssMb.toFixed(0) : '—';
}

/** Writes `<resultsDirectory>/<timestamp>.json`. */
export async function writeJson(report: BenchReport, resultsDirectory: string): Promise<string> {
  await mkdir(resultsDirectory, { recursive: true });
  const file = path.join(resultsDirectory, `${report.startedAt.replaceAll(':', '-')}.json`);
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
