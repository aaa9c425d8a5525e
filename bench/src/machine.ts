import os from 'node:os';

export type Machine = Readonly<{ cpus: number; cpuModel: string; memoryGb: number; node: string; postgres: string; platform: string }>;

export function describeMachine(postgresVersion: string): Machine {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    postgres: postgresVersion,
    platform: `${os.type()} ${os.release()}`,
  };
}
