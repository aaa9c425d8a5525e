/**
 * A stored time as developers compare it with logs: UTC, to the millisecond, machine-readable in
 * `dateTime`.
 */
export function eventTime(iso: string) {
  return <time dateTime={iso}>{iso.replace('T', ' ').replace('Z', ' UTC')}</time>;
}
