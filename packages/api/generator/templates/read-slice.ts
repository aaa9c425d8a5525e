import { type Contract, type ContractField, exampleValue } from '../contracts';
import { categoryOfIdField, exampleTextFor, kebabFromPascal, sentenceFromPascal, snakeFromCamel } from '../names';
import type { GeneratedFile } from '../plan';
import type { ReadSlice } from '../read-slice';

export function readSliceFiles(slice: ReadSlice): GeneratedFile[] {
  const at = (suffix: string, content: string): GeneratedFile => ({ path: `${slice.folder}/${slice.slice}.${suffix}`, content });
  return [
    at('table.ts', table(slice)),
    at('projection.ts', projection(slice)),
    at('projection.int-spec.ts', projectionSpec(slice)),
    at('response.ts', response(slice)),
    at('controller.ts', controller(slice)),
    at('read-module.ts', readModule(slice)),
  ];
}

const COLUMN_BUILDERS: Record<ContractField['type'], string> = { string: 'text', number: 'integer', boolean: 'boolean' };

function table(slice: ReadSlice): string {
  const builders = [...new Set(['integer', 'text', ...slice.columns.map((column) => COLUMN_BUILDERS[column.type])])].sort();
  const columns = slice.columns.map((column) => `  ${column.name}: ${COLUMN_BUILDERS[column.type]}('${snakeFromCamel(column.name)}'),`);
  return `import { ${[...builders, 'pgTable'].sort().join(', ')} } from 'drizzle-orm/pg-core';

// TODO: the columns the reads need; after a change, npm run db:generate --workspace packages/api -- --name <what>.
export const ${slice.table} = pgTable('${slice.tableName}', {
  ${slice.keyField}: text('${snakeFromCamel(slice.keyField)}').primaryKey(),
${columns.join('\n')}${columns.length > 0 ? '\n' : ''}  /** Stream version of the last event applied: an older or redelivered event changes nothing. */
  version: integer('version').notNull(),
});
`;
}

const eventImport = (event: Contract) => `../../shared/events/${kebabFromPascal(event.type)}.event`;

function projection(slice: ReadSlice): string {
  const imports = slice.events.map((event) => `import type { ${event.type} } from '${eventImport(event)}';`);
  const handlers = slice.events.map((event) => {
    const fields = event.fields.map((field) => field.name);
    return `      .onEvent<${event.type}>('${event.type}', async (event, tx) => {
        const { ${fields.join(', ')} } = event.data;
        await upsert(tx, { ${fields.join(', ')}, version: event.streamVersion });
      })`;
  });
  return `import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventsSubscriptionsFactory } from '@coderscamp/event-sourcing';
import type { SqlExecutor } from '@coderscamp/event-sourcing/postgres';
import { lt } from 'drizzle-orm';
${imports.join('\n')}
import { readModelDatabaseOver } from '../../../shared/database/read-model-database';
import { ${slice.table} } from './${slice.slice}.table';

@Injectable()
export class ${slice.projectionClass} implements OnModuleInit {
  constructor(private readonly subscriptions: EventsSubscriptionsFactory<SqlExecutor>) {}

  onModuleInit(): void {
    this.subscriptions
      .subscription('${slice.subscriptionId}')
      .onInitialPosition(async (tx) => {
        await readModelDatabaseOver(tx).delete(${slice.table});
      })
${handlers.join('\n')}
      .build();
  }
}

// TODO: when events about one ${slice.keyField} come from several streams, keep a version per field instead of one per row.
/** Creates the subject's row or changes the fields the event carries, unless the row already reflects a later event of its stream. */
async function upsert(tx: SqlExecutor, row: typeof ${slice.table}.$inferInsert): Promise<void> {
  await readModelDatabaseOver(tx)
    .insert(${slice.table})
    .values(row)
    .onConflictDoUpdate({ target: ${slice.table}.${slice.keyField}, set: row, setWhere: lt(${slice.table}.version, row.version) });
}
`;
}

function projectionSpec(slice: ReadSlice): string {
  const stream = `${categoryOfIdField(slice.keyField)}_${exampleTextFor(slice.keyField)}`;
  const given = slice.events.map((event) => `{ type: '${event.type}', data: { ${event.fields.map((field) => `${field.name}: ${exampleValue(field)}`).join(', ')} } }`);
  const row = [
    `${snakeFromCamel(slice.keyField)}: '${exampleTextFor(slice.keyField)}'`,
    ...slice.columns.map((column) => `${snakeFromCamel(column.name)}: ${exampleValue(column)}`),
    `version: ${slice.events.length}`,
  ];
  return `import { ProjectionSpecification } from '@coderscamp/event-sourcing/testing/nestjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadModelTestDatabase, type ReadModelTestDatabase } from '../../../../test/support/read-model-test-database';
import { ${slice.moduleClass} } from './${slice.slice}.read-module';

const rows = (spec: ProjectionSpecification) => spec.thenRows('SELECT * FROM ${slice.tableName} ORDER BY ${snakeFromCamel(slice.keyField)}');

describe('${slice.slice.replaceAll('-', ' ')} projection', () => {
  let db: ReadModelTestDatabase;
  let spec: ProjectionSpecification;
  beforeAll(async () => {
    db = await createReadModelTestDatabase();
    spec = await ProjectionSpecification.for({ imports: [db.platformModule(), ${slice.moduleClass}], sqlClient: db.sqlClient });
  });
  afterAll(async () => {
    await spec.close();
    await db.drop();
  });

  // TODO: a case for each event arriving about a subject the read model has not seen yet, and one per rule of what a row shows.
  it('given ${slice.events.map((event) => sentenceFromPascal(event.type)).join(', then ')}, then one row shows it; redelivery and rebuild change nothing', async () => {
    await spec.givenEvents('${stream}', [
      ${given.join(',\n      ')},
    ]);

    const expected = [{ ${row.join(', ')} }];
    expect(await rows(spec)).toEqual(expected);
    await spec.redeliverLastGiven();
    expect(await rows(spec)).toEqual(expected);
    await spec.rebuild();
    expect(await rows(spec)).toEqual(expected);
  });
});
`;
}

const SCHEMA_TYPES: Record<ContractField['type'], string> = { string: 'String', number: 'Number', boolean: 'Boolean' };

function response(slice: ReadSlice): string {
  const fields = slice.columns.map((column) => `  @ApiProperty({ type: ${SCHEMA_TYPES[column.type]}, nullable: true })\n  ${column.name}!: ${column.type} | null;`);
  return `import { ApiProperty } from '@nestjs/swagger';

export class ${slice.responseClass} {
  @ApiProperty()
  ${slice.keyField}!: string;
${fields.map((field) => `\n${field}`).join('\n')}
}
`;
}

function controller(slice: ReadSlice): string {
  const fields = [slice.keyField, ...slice.columns.map((column) => column.name)];
  return `import { Controller, Get, Inject, NotFoundException, Param, UseGuards } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { eq } from 'drizzle-orm';
import { ApiAccessTokenAuth } from '../../../shared/api-docs/api-security.decorators';
import { JwtAuthGuard } from '../../../shared/auth/jwt-auth.guard';
import { READ_MODEL_DATABASE, type ReadModelDatabase } from '../../../shared/database/read-model-database';
import { HttpErrorResponse } from '../../../shared/errors/http-error.response';
import { ${slice.responseClass} } from './${slice.slice}.response';
import { ${slice.table} } from './${slice.slice}.table';

// TODO: the route and who may read it (the signed-in user's own row: @JwtUserId); declare the tag in shared/api-docs/setup-api-docs.ts.
@ApiTags('${slice.slice}')
@ApiAccessTokenAuth()
@Controller('${slice.slice}')
@UseGuards(JwtAuthGuard)
export class ${slice.controllerClass} {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly database: ReadModelDatabase) {}

  @Get(':${slice.keyField}')
  @ApiOperation({ summary: 'One ${slice.keyField.replace(/Id$/, '')} of ${slice.slice.replaceAll('-', ' ')}' })
  @ApiOkResponse({ type: ${slice.responseClass} })
  @ApiNotFoundResponse({ type: HttpErrorResponse, description: '${slice.notFoundCode}' })
  async get(@Param('${slice.keyField}') ${slice.keyField}: string): Promise<${slice.responseClass}> {
    const [row] = await this.database.select().from(${slice.table}).where(eq(${slice.table}.${slice.keyField}, ${slice.keyField})).limit(1);
    if (row === undefined) throw new NotFoundException({ code: '${slice.notFoundCode}', message: 'Nothing recorded about this ${slice.keyField.replace(/Id$/, '')} yet' });
    return { ${fields.map((field) => `${field}: row.${field}`).join(', ')} };
  }
}
`;
}

function readModule(slice: ReadSlice): string {
  return `import { Module } from '@nestjs/common';
import { ${slice.projectionClass} } from './${slice.slice}.projection';
import { ${slice.controllerClass} } from './${slice.slice}.controller';

@Module({ controllers: [${slice.controllerClass}], providers: [${slice.projectionClass}] })
export class ${slice.moduleClass} {}
`;
}
