import { readFileSync } from 'node:fs';

/** Linux counts process and machine CPU time in ticks of 10 ms (USER_HZ = 100). */
const MS_PER_TICK = 10;

export type CpuReading = Readonly<{ workerProcessId: number | undefined; workerMs: number; machineBusyMs: number }>;

/**
 * CPU time spent by the process doing the work (the server under test, or the bench itself for
 * in-process workloads) and by the whole machine (its database, its clients, everything but idle).
 * Per unit of work, these stay put while throughput swings with the machine's spells.
 */
export function readCpu(workerProcessId: number | undefined): CpuReading {
  return {
    workerProcessId,
    workerMs: workerProcessId === undefined ? ownCpuMs() : processCpuMs(workerProcessId),
    machineBusyMs: machineBusyMs(),
  };
}

/**
 * CPU time between two readings, in microseconds per unit of work. The worker's is unknown (NaN)
 * when it is not one process throughout, as for a workload that starts its server while timed.
 */
export function cpuPerUnit(before: CpuReading, after: CpuReading, units: number): { workerUs: number; machineUs: number } {
  const perUnit = (ms: number) => (units > 0 ? (1000 * ms) / units : Number.NaN);
  const sameWorker = before.workerProcessId === after.workerProcessId;
  return {
    workerUs: sameWorker ? perUnit(after.workerMs - before.workerMs) : Number.NaN,
    machineUs: perUnit(after.machineBusyMs - before.machineBusyMs),
  };
}

function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** utime + stime of /proc/<pid>/stat (fields 14 and 15; the command name before them may hold spaces). */
function processCpuMs(processId: number): number {
  try {
    const fields = readFileSync(`/proc/${processId}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  } catch {
    return Number.NaN;
  }
}

/** All CPU time of the machine but idle and I/O wait, from the first line of /proc/stat. */
function machineBusyMs(): number {
  const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [, , , idle = 0, ioWait = 0] = ticks;
  return (ticks.reduce((sum, tick) => sum + tick, 0) - idle - ioWait) * MS_PER_TICK;
}
