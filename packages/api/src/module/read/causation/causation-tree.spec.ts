import type { ApplicationEvent } from '@coderscamp/event-sourcing';
import { describe, expect, it } from 'vitest';
import { causationTree, type CausationNode } from './causation-tree';

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
let position = 0n;

/** A stored event of command `causationId`, `ms` after T0, with the command's trace as the SDK writes it. */
function stored(id: string, causationId: string, ms: number, command: Record<string, unknown> = {}): ApplicationEvent {
  position += 1n;
  return {
    id,
    type: `${id}Happened`,
    data: {},
    metadata: { correlationId: 'request-1', causationId, command },
    occurredAt: new Date(T0 + ms),
    streamName: `Stream_${id}`,
    streamVersion: 1,
    globalPosition: position,
    transactionId: position,
    schemaVersion: 1,
  } as ApplicationEvent;
}

const issued = (ms: number) => new Date(T0 + ms).toISOString();

/** Each node as `kind id (+hop ms)`, its children indented under it. */
function outline(nodes: readonly CausationNode[], depth = 0): string[] {
  return nodes.flatMap((node) => [`${'  '.repeat(depth)}${node.kind} ${node.id} (+${node.hopMs ?? '-'})`, ...outline(node.children, depth + 1)]);
}

describe('causation tree', () => {
  it('given a request command, its events, an automation woken by one of them, its command and events, then each hangs under its cause with the time each hop took', () => {
    const tree = causationTree([
      stored('started', 'register', 5, { type: 'Register', issuedAt: issued(0) }),
      stored('requested', 'request-confirmation', 40, { type: 'RequestConfirmation', issuedAt: issued(30), causationId: 'started', automation: 'WhenStartedThenRequest_v1' }),
      stored('sent', 'send-mail', 90, { type: 'SendMail', issuedAt: issued(60), causationId: 'requested', automation: 'WhenRequestedThenSend_v1' }),
    ]);

    expect(outline(tree)).toEqual([
      'command register (+-)',
      '  event started (+5)',
      '    command request-confirmation (+25)',
      '      event requested (+10)',
      '        command send-mail (+20)',
      '          event sent (+30)',
    ]);
    expect(tree[0]).toMatchObject({ type: 'Register', automation: null, at: new Date(T0) });
    expect(tree[0]!.children[0]!.children[0]).toMatchObject({ type: 'RequestConfirmation', automation: 'WhenStartedThenRequest_v1' });
    expect(tree[0]!.children[0]).toMatchObject({ type: 'startedHappened', streamName: 'Stream_started', position: 1, globalPosition: expect.any(BigInt) });
  });

  it('given a command sent by a command before that one appended, then it hangs under its sender, the children in log order', () => {
    const tree = causationTree([
      stored('reserved', 'reserve', 10, { type: 'Reserve', issuedAt: issued(5), causationId: 'register' }),
      stored('started', 'register', 20, { type: 'Register', issuedAt: issued(0) }),
      stored('noted', 'register', 21, { type: 'Register', issuedAt: issued(0) }),
    ]);

    expect(outline(tree)).toEqual(['command register (+-)', '  command reserve (+5)', '    event reserved (+5)', '  event started (+20)', '  event noted (+21)']);
  });

  it('given events without a command trace (stored before traces), then their commands stand at the top, timed by their first event', () => {
    const tree = causationTree([stored('a', 'command-a', 10, {}), stored('b', 'command-b', 30, {})]);

    expect(outline(tree)).toEqual(['command command-a (+-)', '  event a (+0)', 'command command-b (+-)', '  event b (+0)']);
    expect(tree[0]).toMatchObject({ type: null, automation: null, at: new Date(T0 + 10) });
  });

  it('given a cause outside the correlation, or of the wrong shape, then the command stands at the top', () => {
    const tree = causationTree([
      stored('a', 'command-a', 10, { causationId: 'elsewhere', issuedAt: 'not a time', automation: 42 }),
      stored('b', 'command-b', 20, { causationId: 7 }),
    ]);

    expect(outline(tree)).toEqual(['command command-a (+-)', '  event a (+0)', 'command command-b (+-)', '  event b (+0)']);
    expect(tree[0]).toMatchObject({ type: null, automation: null });
  });

  it('given commands whose causes form a loop, then the loop is cut and every event still appears once', () => {
    const tree = causationTree([stored('a', 'command-a', 10, { causationId: 'b' }), stored('b', 'command-b', 20, { causationId: 'a' })]);

    expect(outline(tree)).toEqual(['command command-a (+-)', '  event a (+0)', '    command command-b (+10)', '      event b (+0)']);
  });

  it('given no events, then the tree is empty', () => {
    expect(causationTree([])).toEqual([]);
  });
});
