/** A read of a list endpoint: its status and, when 200, how many items it listed. */
export type ListRead = { status: number; count: number };

/** Runs `step` again and again, one at a time, until `stop()`, which resolves with what each run returned. */
export function repeatUntilStopped<T>(step: () => Promise<T>): { stop: () => Promise<T[]> } {
  const results: T[] = [];
  let running = true;
  const loop = (async () => {
    while (running) results.push(await step());
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return results;
    },
  };
}

/** What a rebuild must never cause in reads of a list: a failed or empty read, or one listing fewer items than the read before. */
export function readsHurtByRebuild(reads: readonly ListRead[]): { failed: number; wentBackwards: number } {
  return {
    failed: reads.filter((read) => read.status !== 200 || read.count === 0).length,
    wentBackwards: reads.filter((read, index) => index > 0 && read.count < reads[index - 1]!.count).length,
  };
}
