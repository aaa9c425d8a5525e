export type SqlRow = Record<string, unknown>;

export type SqlResult<R extends object = SqlRow> = Readonly<{ rows: R[]; rowCount: number }>;

export type QueryOptions = Readonly<{
  /**
   * Prepares the statement under this name once per connection and reuses it, sparing the server
   * the parse and plan of each execution. Only for a fixed text whose best plan does not depend on
   * the parameters; one name, one text. Adapters without named statements ignore it.
   */
  preparedAs?: string;
}>;

/** Runs statements: a pool, a pooled connection inside a transaction, or PGlite. */
export interface SqlExecutor {
  query<R extends object = SqlRow>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<SqlResult<R>>;
  /** Rows as arrays of column values, in column order (what query builders such as Drizzle map from). */
  queryArrays(text: string, params?: readonly unknown[]): Promise<SqlResult<unknown[]>>;
  /** Several statements, no parameters (migrations). */
  executeScript(sql: string): Promise<void>;
}

/** A connection of its own, for session state the pool must not share: advisory locks, LISTEN. */
export interface SqlSession extends SqlExecutor {
  listen(channel: string, onNotification: (payload: string) => void): Promise<void>;
  /** Called once if the connection breaks; the session is unusable afterwards. */
  onLost(listener: (error: Error) => void): void;
  release(): Promise<void>;
}

/**
 * A statement the work of a transaction depends on, such as a checkpoint's compare-and-set: it
 * runs right after BEGIN, before any of the work's statements, and `check` throws when its result
 * means the transaction must not commit.
 */
export type OpeningStatement = Readonly<{
  text: string;
  params?: readonly unknown[];
  options?: QueryOptions;
  check?: (result: SqlResult) => void;
}>;

/** Runs an opening statement and its check: the same for every adapter, pipelined or not. */
export async function runOpeningStatement(executor: SqlExecutor, { text, params, options, check }: OpeningStatement): Promise<void> {
  const result = await executor.query(text, params, options);
  check?.(result);
}

export type TransactionOptions = Readonly<{
  /**
   * Settings that hold for this transaction only (`SET LOCAL name = 'value'`), sent together with
   * its BEGIN so they cost no round trip of their own. Names are setting names, not user input.
   */
  localSettings?: Readonly<Record<string, string>>;
  /**
   * Statements run in order before the work. Over a pipelining connection they leave with BEGIN
   * and the work's first statement, and their results are checked once the work is done: the work
   * may then have run against a failed opening, but never commits. An opening's failure is the
   * one reported, since the work's own error is then only its consequence.
   */
  opening?: readonly OpeningStatement[];
}>;

export interface SqlClient extends SqlExecutor {
  readonly dialect: 'postgres' | 'pglite';
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>, options?: TransactionOptions): Promise<T>;
  openSession(): Promise<SqlSession>;
}

const SETTING_NAME = /^[a-z_][a-z0-9_.]*$/i;

/** `SET LOCAL` statements for `settings`, one after another in a script; '' for none. */
export function setLocalStatements(settings: Readonly<Record<string, string>> = {}): string {
  return Object.entries(settings)
    .map(([name, value]) => {
      if (!SETTING_NAME.test(name)) throw new Error(`Not a setting name: ${JSON.stringify(name)}`);
      return `SET LOCAL ${name} = '${value.replaceAll("'", "''")}';`;
    })
    .join(' ');
}
