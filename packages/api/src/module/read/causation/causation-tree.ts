import type { ApplicationEvent } from '@coderscamp/event-sourcing';

export type CommandNode = Readonly<{
  kind: 'command';
  id: string;
  /** Null for commands whose events predate command traces. */
  type: string | null;
  /** The automation that sent it; null when a request (or a command of its own) did. */
  automation: string | null;
  /** When it was issued; its first event's time when its events do not say. */
  at: Date;
  /** Milliseconds from its parent's time; null at the top. */
  hopMs: number | null;
  children: CausationNode[];
}>;

export type EventNode = Readonly<{
  kind: 'event';
  id: string;
  type: string;
  streamName: string;
  position: number;
  globalPosition: bigint;
  at: Date;
  hopMs: number;
  children: CausationNode[];
}>;

export type CausationNode = CommandNode | EventNode;

/** A command as its events tell it: they carry its id as causation id and its trace under `metadata.command`. */
type Command = Readonly<{ id: string; type: string | null; automation: string | null; causationId: string | null; at: Date; events: ApplicationEvent[] }>;

/**
 * The tree of what one request set in motion, from its events in global position order: commands
 * at the top that the request sent, under each command the events it produced, under each event
 * the commands automations sent when it woke them. Children come in log order.
 */
export function causationTree(events: readonly ApplicationEvent[]): CommandNode[] {
  const commands = commandsOf(events);
  const parents = parentsOf(commands, new Set(events.map((event) => event.id)));
  const sentBy = new Map<string | null, Command[]>();
  for (const command of commands.values()) {
    const parentId = parents.get(command.id) ?? null;
    sentBy.set(parentId, [...(sentBy.get(parentId) ?? []), command]);
  }

  const commandNode = (command: Command, parentAt: Date | null): CommandNode => ({
    kind: 'command',
    id: command.id,
    type: command.type,
    automation: command.automation,
    at: command.at,
    hopMs: parentAt === null ? null : command.at.getTime() - parentAt.getTime(),
    children: inLogOrder([...command.events.map((event) => eventNode(event, command.at)), ...commandNodesSentBy(command.id, command.at)]),
  });
  const eventNode = (event: ApplicationEvent, parentAt: Date): EventNode => ({
    kind: 'event',
    id: event.id,
    type: event.type,
    streamName: event.streamName,
    position: event.streamVersion,
    globalPosition: event.globalPosition,
    at: event.occurredAt,
    hopMs: event.occurredAt.getTime() - parentAt.getTime(),
    children: commandNodesSentBy(event.id, event.occurredAt),
  });
  const commandNodesSentBy = (parentId: string | null, parentAt: Date | null): CommandNode[] =>
    (sentBy.get(parentId) ?? []).map((command) => commandNode(command, parentAt));

  return commandNodesSentBy(null, null);
}

/** The commands behind the events, in the order of their first event. */
function commandsOf(events: readonly ApplicationEvent[]): Map<string, Command> {
  const commands = new Map<string, Command>();
  for (const event of events) {
    const known = commands.get(event.metadata.causationId);
    if (known) {
      known.events.push(event);
      continue;
    }
    const trace = traceOf(event.metadata.command);
    commands.set(event.metadata.causationId, {
      id: event.metadata.causationId,
      type: trace.type,
      automation: trace.automation,
      causationId: trace.causationId,
      at: trace.issuedAt ?? event.occurredAt,
      events: [event],
    });
  }
  return commands;
}

type Trace = Readonly<{ type: string | null; automation: string | null; causationId: string | null; issuedAt: Date | null }>;

/** The command trace as stored; a field of another shape counts as absent (the metadata is anyone's JSON). */
function traceOf(stored: unknown): Trace {
  const trace = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  const issuedAt = text(trace.issuedAt) === null ? null : new Date(trace.issuedAt as string);
  return {
    type: text(trace.type),
    automation: text(trace.automation),
    causationId: text(trace.causationId),
    issuedAt: issuedAt === null || Number.isNaN(issuedAt.getTime()) ? null : issuedAt,
  };
}

/**
 * The node each command hangs under: its cause when that is an event or command of this correlation,
 * else the top. A cause that would put a command under itself (metadata no code of ours writes)
 * is ignored, so the tree stays a tree.
 */
function parentsOf(commands: ReadonlyMap<string, Command>, eventIds: ReadonlySet<string>): Map<string, string | null> {
  const commandOfEvent = new Map([...commands.values()].flatMap((command) => command.events.map((event) => [event.id, command.id] as const)));
  const parents = new Map<string, string | null>();
  for (const command of commands.values()) {
    const cause = command.causationId;
    parents.set(command.id, cause !== null && (eventIds.has(cause) || commands.has(cause)) ? cause : null);
  }
  // A node's command: itself for a command, the one that produced it for an event.
  const commandOf = (nodeId: string): string => commandOfEvent.get(nodeId) ?? nodeId;
  for (const command of commands.values()) {
    const seen = new Set<string>();
    for (let ancestor = parents.get(command.id) ?? null; ancestor !== null && !seen.has(ancestor); ancestor = parents.get(commandOf(ancestor)) ?? null) {
      if (commandOf(ancestor) === command.id) {
        parents.set(command.id, null);
        break;
      }
      seen.add(ancestor);
    }
  }
  return parents;
}

/** Events by global position; a command where its first event is. */
function inLogOrder(nodes: CausationNode[]): CausationNode[] {
  return nodes.sort((a, b) => compare(firstPositionOf(a), firstPositionOf(b)));
}

function firstPositionOf(node: CausationNode): bigint {
  if (node.kind === 'event') return node.globalPosition;
  // Every command has an event (it is known only through them), and its children are in log order.
  return (node.children.find((child) => child.kind === 'event') as EventNode).globalPosition;
}

function compare(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
