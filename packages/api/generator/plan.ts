/** Raised for arguments the generator cannot use, before anything is written; the CLI prints it and exits with 1. */
export class UsageError extends Error {}

/** Paths are relative to packages/api. */
export type GeneratedFile = Readonly<{ path: string; content: string }>;

/** What the generators read of the project: whether a file exists, and its text. */
export type ProjectFiles = Readonly<{ exists(path: string): boolean; read(path: string): string }>;

/**
 * Everything one generator run will do, decided before anything is written, so bad arguments
 * leave the project untouched.
 */
export type Plan = Readonly<{
  summary: string;
  created: readonly GeneratedFile[];
  edited: readonly GeneratedFile[];
  reused: readonly string[];
  /** A read slice adds a table: its migration is generated once the table file exists. */
  needsReadModelMigration: boolean;
  /** The generated folder, for the specs to run. */
  folder: string;
}>;
