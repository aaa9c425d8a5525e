import { StreamName, type EventStore } from '@coderscamp/event-sourcing';
import { EVENT_STORE } from '@coderscamp/event-sourcing/nestjs';
import type { CliCommand } from '../cli-command';

export const streamCommand: CliCommand = {
  name: 'stream',
  usage: 'stream <Category_id>',
  description: "Print a stream's events, oldest first, one JSON object per line",
  async run(app, args, output) {
    const [name] = args;
    if (!name) {
      output.err('Usage: stream <Category_id>\n');
      return 2;
    }
    const { events, currentVersion } = await app.get<EventStore>(EVENT_STORE).readStream(StreamName.parse(name));
    for (const event of events) {
      output.out(
        JSON.stringify({
          version: event.streamVersion,
          position: event.globalPosition.toString(),
          type: event.type,
          occurredAt: event.occurredAt.toISOString(),
          data: event.data,
          metadata: event.metadata,
        }),
      );
    }
    output.err(`${name}: ${events.length} events, version ${currentVersion}\n`);
    return 0;
  },
};
