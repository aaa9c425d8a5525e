import { randomBytes } from 'node:crypto';
import type { Unsubscribe } from '../core/event-store';
import { silentLogger, type SdkLogger } from '../core/logger';
import { assertKey, KEY_BYTES, open, seal } from '../personal-data/aes-gcm';
import { SubjectErasedError } from '../personal-data/errors';
import type { SubjectKeyStore } from '../personal-data/subject-key-store';
import { translatingDriverErrors } from './database-errors';
import type { SqlClient, SqlSession } from './sql-client';

/** Each erasure is announced here with the subject as payload, so other processes evict their cached key. */
export const SUBJECT_ERASED_CHANNEL = 'es_subject_erased';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export type PostgresSubjectKeyStoreOptions = Readonly<{
  /** 32 bytes; wraps the stored keys, so a dump of the database alone decrypts nothing. */
  masterKey?: Buffer;
  logger?: SdkLogger;
}>;

/** An erased subject's row has no key. */
type KeyRow = { subject: string; key: Uint8Array | null; wrapped: boolean };

const INSERT_KEY = 'INSERT INTO es_subject_keys (subject, key, wrapped) VALUES ($1, $2, $3) ON CONFLICT (subject) DO NOTHING';
const SELECT_KEY = 'SELECT subject, key, wrapped FROM es_subject_keys WHERE subject = $1';
const SELECT_KEYS = `SELECT subject, key, wrapped FROM es_subject_keys
  WHERE subject IN (SELECT jsonb_array_elements_text($1::jsonb)) AND key IS NOT NULL`;
/** Keeps the row, keyless: a subject never seen before is erased too, so no key is made for it later. */
const ERASE_KEY = `INSERT INTO es_subject_keys (subject, key, wrapped, erased_at) VALUES ($1, NULL, false, now())
  ON CONFLICT (subject) DO UPDATE SET key = NULL, wrapped = false, erased_at = now()`;
/**
 * The erasures a lost session may have missed: those since the last session started listening,
 * with a margin for an erasure whose transaction began before and committed after that moment.
 */
const ERASED_SINCE = "SELECT subject FROM es_subject_keys WHERE erased_at > $1::timestamptz - interval '1 minute'";
/** Delivered at commit, so no process hears of an erasure that rolled back. Erasures are rare: the commit-time lock it takes costs nothing. */
const NOTIFY_ERASED = 'SELECT pg_notify($1, $2)';

/**
 * Subjects' keys in the `es_subject_keys` table (`migrateEventStore` creates it). Erasures reach
 * the other processes' listeners through LISTEN on a session of its own, opened with the first
 * listener; key look-ups wait for that session's first attempt, so no key is read, and cached,
 * before this process can hear of its erasure.
 */
export class PostgresSubjectKeyStore implements SubjectKeyStore {
  private readonly masterKey: Buffer | undefined;
  private readonly logger: SdkLogger;
  private readonly listeners = new Set<(subject: string) => void>();
  private session: SqlSession | null = null;
  /** The database's time when the current or last session started listening; null before the first. */
  private listeningSince: string | null = null;
  /** Settles after the first attempt to listen, whether or not it succeeded. */
  private firstListenAttempt: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly client: SqlClient,
    options: PostgresSubjectKeyStoreOptions = {},
  ) {
    if (options.masterKey) assertKey(options.masterKey, 'The master key');
    this.masterKey = options.masterKey;
    this.logger = options.logger ?? silentLogger;
  }

  /**
   * INSERT … ON CONFLICT DO NOTHING, then SELECT: concurrent first uses all insert, one row wins,
   * and the losers read the winner's key once its insert committed. Rows are never deleted, so
   * the SELECT always finds one.
   */
  async keyFor(subject: string): Promise<Buffer> {
    await this.firstListenAttempt;
    const created = randomBytes(KEY_BYTES);
    const inserted = await translatingDriverErrors(() => this.client.query(INSERT_KEY, [subject, this.stored(subject, created), this.isWrapping]));
    if (inserted.rowCount === 1) return created;
    const { rows } = await translatingDriverErrors(() => this.client.query<KeyRow>(SELECT_KEY, [subject]));
    const existing = this.keyOf(rows[0]!);
    if (!existing) throw new SubjectErasedError(subject);
    return existing;
  }

  async existingKeys(subjects: readonly string[]): Promise<ReadonlyMap<string, Buffer>> {
    if (subjects.length === 0) return new Map();
    await this.firstListenAttempt;
    const { rows } = await translatingDriverErrors(() => this.client.query<KeyRow>(SELECT_KEYS, [JSON.stringify(subjects)]));
    return new Map(rows.map((row) => [row.subject, this.keyOf(row)!]));
  }

  async erase(subject: string): Promise<void> {
    await translatingDriverErrors(() =>
      this.client.transaction(async (tx) => {
        await tx.query(ERASE_KEY, [subject]);
        await tx.query(NOTIFY_ERASED, [SUBJECT_ERASED_CHANNEL, subject]);
      }),
    );
    // This process's listeners hear of it at once; the echo from the channel evicts once more, harmlessly.
    this.tellListeners(subject);
  }

  /** Also tells of erasures by other processes, through LISTEN on a session of its own. */
  onErased(listener: (subject: string) => void): Unsubscribe {
    this.listeners.add(listener);
    this.firstListenAttempt ??= this.listen();
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    const session = this.session;
    this.session = null;
    await session?.release();
  }

  private get isWrapping(): boolean {
    return this.masterKey !== undefined;
  }

  private tellListeners(subject: string): void {
    this.listeners.forEach((listener) => listener(subject));
  }

  /** Tries once; on failure, keeps retrying in the background so reads are not held up meanwhile. */
  private async listen(): Promise<void> {
    if (!(await this.tryListen())) void this.keepListening(2);
  }

  private async keepListening(firstAttempt: number): Promise<void> {
    for (let attempt = firstAttempt; !this.closed; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 100 * 2 ** attempt)));
      if (await this.tryListen()) return;
    }
  }

  private async tryListen(): Promise<boolean> {
    if (this.closed) return true;
    let session: SqlSession | undefined;
    try {
      session = await this.client.openSession();
      const opened = session;
      opened.onLost((error) => {
        // Lost while being set up, the attempt itself fails and is retried.
        if (this.session !== opened) return;
        this.logger.warn('Lost the subject erasure session; reconnecting', { error: error.message });
        this.session = null;
        void this.keepListening(1);
      });
      await opened.listen(SUBJECT_ERASED_CHANNEL, (subject) => this.tellListeners(subject));
      const listeningSince = (await opened.query<{ now: string }>('SELECT now()::text AS now')).rows[0]!.now;
      // Erasures announced while no session listened are told now, from the rows that record them.
      if (this.listeningSince !== null) await this.tellErasedSince(opened, this.listeningSince);
      this.listeningSince = listeningSince;
    } catch (error) {
      this.logger.warn('Cannot listen for subject erasures yet', { error: (error as Error).message });
      await session?.release().catch(() => undefined);
      return false;
    }
    if (this.closed) await session.release();
    else this.session = session;
    return true;
  }

  /** Tells the listeners, again, of erasures a lost session may have missed: evicting twice is harmless. */
  private async tellErasedSince(session: SqlSession, since: string): Promise<void> {
    const { rows } = await session.query<{ subject: string }>(ERASED_SINCE, [since]);
    rows.forEach((row) => this.tellListeners(row.subject));
  }

  /** What the table holds for a new key: the key itself, or it wrapped under the master key and bound to its subject. */
  private stored(subject: string, key: Buffer): Buffer {
    if (!this.masterKey) return key;
    const sealed = seal(this.masterKey, key, wrappingAad(subject));
    return Buffer.concat([sealed.iv, sealed.tag, sealed.ciphertext]);
  }

  /** The row's key, unwrapped; undefined when the subject is erased. */
  private keyOf(row: KeyRow): Buffer | undefined {
    if (row.key === null) return undefined;
    const stored = Buffer.from(row.key);
    if (!row.wrapped) {
      if (this.masterKey) throw new Error(`The key of subject "${row.subject}" is stored unwrapped, but a master key is configured`);
      return stored;
    }
    if (!this.masterKey) throw new Error(`The key of subject "${row.subject}" is wrapped with a master key, but none is configured`);
    const sealed = { iv: stored.subarray(0, IV_BYTES), tag: stored.subarray(IV_BYTES, IV_BYTES + TAG_BYTES), ciphertext: stored.subarray(IV_BYTES + TAG_BYTES) };
    const key = open(this.masterKey, sealed, wrappingAad(row.subject));
    if (!key) throw new Error(`The key of subject "${row.subject}" does not unwrap with the configured master key`);
    return key;
  }
}

/** Binds a wrapped key to its row: a wrapped key copied to another subject does not unwrap. */
function wrappingAad(subject: string): Buffer {
  return Buffer.from(JSON.stringify(['subject-key/1', subject]), 'utf8');
}
