import { SQL_CLIENT } from '../../shared/database/database-connection';
import type { SqlClient } from '@coderscamp/event-sourcing/postgres';
import type { CliCommand } from '../cli-command';

/** Migrations run whenever the application context opens the database; this reports where the schema stands. */
export const migrateCommand: CliCommand = {
  name: 'migrate',
  usage: 'migrate',
  description: 'Apply pending event-store and read-model migrations, then list the applied ones',
  async run(app, _args, output) {
    const sqlClient = app.get<SqlClient>(SQL_CLIENT);
    const { rows: eventStore } = await sqlClient.query<{ version: number; name: string }>(
      'SELECT version, name FROM es_schema_migrations ORDER BY version',
    );
    const { rows: readModels } = await sqlClient.query<{ name: string }>('SELECT name FROM read_model_migrations ORDER BY name');
    output.out(`Event store schema: ${eventStore.map((row) => `${row.version} ${row.name}`).join(', ')}`);
    output.out(`Read-model migrations: ${readModels.length === 0 ? 'none' : readModels.map((row) => row.name).join(', ')}`);
    return 0;
  },
};
