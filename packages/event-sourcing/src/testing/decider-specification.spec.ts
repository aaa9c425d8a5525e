import { AssertionError } from 'node:assert';
import { describe, expect, it } from 'vitest';
import type { Decider } from '../application/decider';
import type { DomainCommand, DomainEvent } from '../core/events';
import { DeciderSpecification } from './decider-specification';

type Tagged = DomainEvent<'Tagged', { tag: string }>;
type Tag = DomainCommand<'Tag', { tag: string }>;
class AlreadyTagged extends Error {}

const tag = (value: string): Tag => ({ type: 'Tag', data: { tag: value } });
const tagged = (value: string): Tagged => ({ type: 'Tagged', data: { tag: value } });

const tagsAsArray: Decider<readonly string[], Tagged> = {
  initialState: () => [],
  evolve: (tags, event) => [...tags, event.data.tag],
  snapshots: { name: 'Tags', schemaVersion: 1, everyEvents: 100 },
};
const decideOnArray = (tags: readonly string[], command: Tag): Tagged[] => {
  if (tags.includes(command.data.tag)) throw new AlreadyTagged();
  return [tagged(command.data.tag)];
};

// A Set does not survive JSON: a snapshot of it reads back as {}.
const tagsAsSet = (snapshots?: Decider<ReadonlySet<string>, Tagged>['snapshots']): Decider<ReadonlySet<string>, Tagged> => ({
  initialState: () => new Set(),
  evolve: (tags, event) => new Set([...tags, event.data.tag]),
  ...(snapshots && { snapshots }),
});
const decideOnSet = (tags: ReadonlySet<string>, command: Tag): Tagged[] => {
  if (tags.has(command.data.tag)) throw new AlreadyTagged();
  return [tagged(command.data.tag)];
};

describe('decider specification on a decider\'s state', () => {
  it('given events, then the decision is made on the state folded from them', () => {
    const given = DeciderSpecification.onState(tagsAsArray, decideOnArray);
    given([tagged('a')]).when(tag('b')).then([tagged('b')]);
    given([tagged('a'), tagged('b')]).when(tag('b')).thenThrows(AlreadyTagged);
    expect(() => given([tagged('a')]).when(tag('b')).then([tagged('c')])).toThrow(AssertionError);
  });

  it('given a snapshotting decider whose state does not survive JSON, then its expectations fail', () => {
    expect(() => DeciderSpecification.onState(tagsAsSet({ name: 'Tags', schemaVersion: 1, everyEvents: 100 }), decideOnSet)([tagged('a')]).when(tag('a')).thenThrows(AlreadyTagged)).toThrow(
      AssertionError,
    );
    DeciderSpecification.onState(tagsAsSet(), decideOnSet)([tagged('a')]).when(tag('a')).thenThrows(AlreadyTagged);
  });

  it('given an evolve that changes the state it is given, then the specification fails as the application service would', () => {
    const mutating: Decider<string[], Tagged> = {
      initialState: () => [],
      evolve: (tags, event) => {
        tags.push(event.data.tag);
        return tags;
      },
    };
    expect(() => DeciderSpecification.onState(mutating, decideOnArray)([tagged('a')]).when(tag('b')).then([tagged('b')])).toThrow(TypeError);
  });
});
