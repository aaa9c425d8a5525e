const WIDTH = 30;

export type Progress = Readonly<{ done: number; total: number; elapsedMs: number }>;

/** `[##########--------------------]  33% 33,000/100,000 events  11,000/s  ETA 7s` */
export function renderProgress({ done, total, elapsedMs }: Progress): string {
  const ratio = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(ratio * WIDTH);
  const perSecond = elapsedMs > 0 ? (done / elapsedMs) * 1000 : 0;
  const remaining = Math.max(0, total - done);
  const eta = perSecond > 0 ? `ETA ${formatDuration((remaining / perSecond) * 1000)}` : 'ETA –';
  return (
    `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(Math.floor(ratio * 100)).padStart(3)}% ` +
    `${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} events  ${Math.round(perSecond).toLocaleString('en-US')}/s  ${eta}`
  );
}

export function formatDuration(milliseconds: number): string {
  const seconds = Math.ceil(milliseconds / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
}
