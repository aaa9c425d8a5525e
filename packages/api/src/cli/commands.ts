import type { CliCommand } from './cli-command';
import { eventModelCommand } from './commands/event-model.command';
import { grantAdminCommand } from './commands/grant-admin.command';
import { migrateCommand } from './commands/migrate.command';
import { rebuildCommand } from './commands/rebuild.command';
import { streamCommand } from './commands/stream.command';
import { subscriptionsCommand } from './commands/subscriptions.command';

export const CLI_COMMANDS: readonly CliCommand[] = [migrateCommand, subscriptionsCommand, rebuildCommand, streamCommand, grantAdminCommand, eventModelCommand];
