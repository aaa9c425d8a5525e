import { defineConfig } from 'drizzle-kit';

// Read-model tables only: the event store's schema belongs to the SDK and has its own migrations.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/module/read/**/*.table.ts',
  out: './drizzle',
});
