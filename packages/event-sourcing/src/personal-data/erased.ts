/**
 * What every read path yields in place of a personal field whose subject was erased. A string, so
 * that a field typed as text still holds text: views render it, string functions accept it, and a
 * projection that copies the field copies the marker instead of crashing on `null`.
 */
export const ERASED = '[erased]' as const;
export type Erased = typeof ERASED;

export function isErased(value: unknown): value is Erased {
  return value === ERASED;
}
