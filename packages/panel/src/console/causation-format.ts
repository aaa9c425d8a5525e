/** Times in UTC to the millisecond: hops are milliseconds apart, and the log's times are UTC. */
export function clockTime(iso: string): string {
  return iso.slice(11, 23);
}

export function dateTime(iso: string): string {
  return `${iso.slice(0, 10)} ${clockTime(iso)} UTC`;
}

export function duration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

export function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The page's address for one entry point: `?correlationId=`, `?streamName=` or `?userId=`. */
export function causationAddress(entry: CausationEntry): string {
  return `/console/causation?${new URLSearchParams({ [entry.kind]: entry.value })}`;
}

export const ENTRY_KINDS = ['correlationId', 'streamName', 'userId'] as const;
export type CausationEntry = Readonly<{ kind: (typeof ENTRY_KINDS)[number]; value: string }>;

/** The entry point the query string names; the first of them when it names several. */
export function entryOf(query: URLSearchParams): CausationEntry | undefined {
  for (const kind of ENTRY_KINDS) {
    const value = query.get(kind);
    if (value !== null && value !== '') return { kind, value };
  }
  return undefined;
}

export function streamAddress(streamName: string): string {
  return `/console/streams?${new URLSearchParams({ stream: streamName })}`;
}
