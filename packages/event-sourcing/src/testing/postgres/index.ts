export { createTestDatabase, databaseUrl, testServerUrl, withServerClient } from './test-database';
export type { TestDatabase } from './test-database';
