/** Least recently used keys of subjects, at most `capacity` of them. */
export class KeyCache {
  private readonly keys = new Map<string, Buffer>();

  constructor(private readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 0) throw new Error(`Key cache size must be a non-negative integer, got ${capacity}`);
  }

  get(subject: string): Buffer | undefined {
    const key = this.keys.get(subject);
    if (key === undefined) return undefined;
    // A Map iterates in insertion order: re-inserting makes it the most recently used.
    this.keys.delete(subject);
    this.keys.set(subject, key);
    return key;
  }

  set(subject: string, key: Buffer): void {
    if (this.capacity === 0) return;
    this.keys.delete(subject);
    this.keys.set(subject, key);
    if (this.keys.size > this.capacity) this.keys.delete(this.keys.keys().next().value!);
  }

  delete(subject: string): void {
    this.keys.delete(subject);
  }
}
