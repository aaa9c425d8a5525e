/** A moment as the administrator's locale writes it, to the second. */
export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

/** Whole seconds since `iso`, never negative (the server's clock may run a little ahead). */
export function secondsSince(iso: string, now = Date.now()): number {
  return Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
}
