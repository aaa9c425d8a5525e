import { randomBytes } from 'node:crypto';
import type { Unsubscribe } from '../core/event-store';
import { KEY_BYTES } from './aes-gcm';
import { SubjectErasedError } from './errors';

/**
 * Where each subject's data key lives; deleting it is what erases the subject's personal data.
 * Erasure is final: ciphertexts name their subject, not their key, so a second key for the same
 * subject would make the first key's ciphertexts look forged instead of erased.
 */
export interface SubjectKeyStore {
  /**
   * The subject's key, created on first use (safe under concurrent first uses: one key wins).
   * Throws `SubjectErasedError` once the subject is erased.
   */
  keyFor(subject: string): Promise<Buffer>;
  /** Existing keys of these subjects; an erased (or unknown) subject is absent. */
  existingKeys(subjects: readonly string[]): Promise<ReadonlyMap<string, Buffer>>;
  /** Deletes the key. */
  erase(subject: string): Promise<void>;
  /** Called when a subject is erased by this or (where the store can) another process. */
  onErased(listener: (subject: string) => void): Unsubscribe;
}

/** Keys in process memory: for tests and single-process tools; they die with the process. */
export class InMemorySubjectKeyStore implements SubjectKeyStore {
  private readonly keys = new Map<string, Buffer>();
  private readonly erased = new Set<string>();
  private readonly listeners = new Set<(subject: string) => void>();

  async keyFor(subject: string): Promise<Buffer> {
    if (this.erased.has(subject)) throw new SubjectErasedError(subject);
    let key = this.keys.get(subject);
    if (key === undefined) {
      key = randomBytes(KEY_BYTES);
      this.keys.set(subject, key);
    }
    return key;
  }

  async existingKeys(subjects: readonly string[]): Promise<ReadonlyMap<string, Buffer>> {
    const found = new Map<string, Buffer>();
    for (const subject of subjects) {
      const key = this.keys.get(subject);
      if (key !== undefined) found.set(subject, key);
    }
    return found;
  }

  async erase(subject: string): Promise<void> {
    this.keys.delete(subject);
    this.erased.add(subject);
    this.listeners.forEach((listener) => listener(subject));
  }

  onErased(listener: (subject: string) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
