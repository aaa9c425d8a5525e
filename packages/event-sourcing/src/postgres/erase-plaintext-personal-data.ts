import { ANY } from '../core/expected-version';
import type { EventToAppend } from '../core/events';
import type { StreamName } from '../core/stream-name';
import { isEncryptedField } from '../personal-data/encrypted-field';
import { ERASED, isErased } from '../personal-data/erased';
import { declarationsByType, type PersonalDataDeclaration } from '../personal-data/personal-data-declaration';
import { translatingDriverErrors } from './database-errors';
import { insertEvents } from './insert-events';
import { APPEND_CHANNEL } from './postgres-event-store';
import type { SqlClient, SqlExecutor } from './sql-client';

export type ErasePlaintextPersonalDataOptions = Readonly<{
  declarations: readonly PersonalDataDeclaration[];
  subject: string;
  /** Records the rewrite in the log. Appended as given: it must hold no personal data itself. */
  erasureEvent: EventToAppend;
  erasureStream: StreamName;
}>;

/** Rows of the declared types are scanned in pages of this many, so memory stays flat on a long log. */
const PAGE_SIZE = 1_000;

type DeclaredRow = { global_position: string; type: string; stream_name: string; data: unknown; metadata: unknown };

const SELECT_DECLARED_PAGE = `SELECT e.global_position::text AS global_position, e.type, e.stream_name, e.data, e.metadata FROM es_events e
  WHERE e.type IN (SELECT jsonb_array_elements_text($1::jsonb)) AND e.global_position > $2::bigint
  -- Qualified: the output column of the same name is text, and would page in text order.
  ORDER BY e.global_position LIMIT $3`;

/** `||` on jsonb replaces the top-level keys given and keeps every other key as it was. */
const REWRITE_FIELDS = 'UPDATE es_events SET data = data || $2::jsonb WHERE global_position = $1::bigint';

const NOTIFY_APPENDED = 'SELECT pg_notify($1, $2)';

/**
 * The one sanctioned rewrite of stored events. Events appended before their fields were declared
 * personal hold those fields in plaintext, out of reach of crypto-shredding: for the subject, this
 * replaces each such field with `ERASED`, changing nothing else, and appends `erasureEvent` to
 * `erasureStream`, all in one transaction, so the log records that it happened. Why it exists and
 * why it is the only one: ADR 0019.
 */
export async function erasePlaintextPersonalData(client: SqlClient, options: ErasePlaintextPersonalDataOptions): Promise<{ rewrittenEvents: number }> {
  const declarations = declarationsByType(options.declarations);
  const types = JSON.stringify([...declarations.keys()]);
  return translatingDriverErrors(() =>
    client.transaction(async (tx) => {
      let rewrittenEvents = 0;
      for (let after = '0'; ; ) {
        const { rows } = await tx.query<DeclaredRow>(SELECT_DECLARED_PAGE, [types, after, PAGE_SIZE]);
        for (const row of rows) {
          const fields = plaintextFieldsOfSubject(row, declarations.get(row.type)!, options.subject);
          if (fields.length === 0) continue;
          await tx.query(REWRITE_FIELDS, [row.global_position, JSON.stringify(Object.fromEntries(fields.map((field) => [field, ERASED])))]);
          rewrittenEvents += 1;
        }
        if (rows.length < PAGE_SIZE) break;
        after = rows[rows.length - 1]!.global_position;
      }
      await appendErasureEvent(tx, options);
      return { rewrittenEvents };
    }),
  );
}

/** The declared fields of the row still in plaintext, when the row is the subject's; none otherwise. */
function plaintextFieldsOfSubject(row: DeclaredRow, declaration: PersonalDataDeclaration, subject: string): string[] {
  const data = row.data as Record<string, unknown> | null;
  if (typeof data !== 'object' || data === null) return [];
  const fields = declaration.fields.filter((field) => field in data && !isEncryptedField(data[field]) && !isErased(data[field]));
  if (fields.length === 0) return [];
  const metadata = row.metadata as EventToAppend['metadata'];
  return declaration.subjectOf({ type: row.type, data, streamName: row.stream_name, metadata }) === subject ? fields : [];
}

/** The same append statement the event store runs, on the transaction; the NOTIFY goes out at its commit. */
async function appendErasureEvent(tx: SqlExecutor, options: ErasePlaintextPersonalDataOptions): Promise<void> {
  const rows = await insertEvents(tx, options.erasureStream, [options.erasureEvent], ANY);
  await tx.query(NOTIFY_APPENDED, [APPEND_CHANNEL, rows[rows.length - 1]!.global_position]);
}
