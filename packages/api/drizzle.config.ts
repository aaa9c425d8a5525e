import { defineConfig } from 'drizzle-kit';

// Read-model tables (and the few tables automations and the platform keep their memory in) only: the event
// store's schema belongs to the SDK and has its own migrations.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/module/read/**/*.table.ts', './src/module/automation/**/*.table.ts', './src/shared/**/*.table.ts'],
  out: './drizzle',
});
