import { describe, expect, it } from 'vitest';
import { parseArguments } from './arguments';
import { UsageError } from './plan';

const refused = (argv: string[]) => expect(() => parseArguments(argv)).toThrow(UsageError);

describe('generator arguments', () => {
  it('given a write slice with its command, event and stream, then all four are taken', () => {
    expect(parseArguments(['write-slice', 'participant-full-name', '--command', 'ChangeFullName', '--event', 'FullNameWasChanged', '--stream', 'Participant'])).toEqual({
      kind: 'write-slice',
      slice: 'participant-full-name',
      command: 'ChangeFullName',
      event: 'FullNameWasChanged',
      stream: 'Participant',
    });
  });

  it('given a read slice, then its events are split on commas, spaces around them ignored', () => {
    expect(parseArguments(['read-slice', 'participant-full-names', '--events', 'FullNameWasChanged, FullNameWasCleared'])).toEqual({
      kind: 'read-slice',
      slice: 'participant-full-names',
      events: ['FullNameWasChanged', 'FullNameWasCleared'],
    });
  });

  it('given an automation, then its event and command; options in any order, --option=value too', () => {
    expect(parseArguments(['automation', '--send=SendEmailMessage', '--on', 'PasswordResetWasRequested'])).toEqual({
      kind: 'automation',
      on: 'PasswordResetWasRequested',
      send: 'SendEmailMessage',
    });
  });

  it('given no generator or an unknown one, then refused', () => {
    refused([]);
    refused(['query-slice', 'x']);
  });

  it('given a missing option, a missing value or a missing slice name, then refused with what is missing', () => {
    expect(() => parseArguments(['write-slice', 'participant-full-name', '--command', 'ChangeFullName'])).toThrow('Missing --event, --stream.');
    refused(['read-slice', 'participant-full-names', '--events']);
    refused(['read-slice', '--events', 'FullNameWasChanged']);
    refused(['automation', '--on', 'FullNameWasChanged']);
  });

  it("given another generator's option, an extra argument or an option twice, then refused", () => {
    refused(['automation', '--on', 'FullNameWasChanged', '--send', 'NotifyParticipant', '--stream', 'Participant']);
    expect(() => parseArguments(['automation', '--on', 'FullNameWasChanged', '--on', 'FullNameWasCleared', '--send', 'NotifyParticipant'])).toThrow('--on is given twice.');
    refused(['automation', 'extra', '--on', 'FullNameWasChanged', '--send', 'NotifyParticipant']);
    refused(['read-slice', 'a', 'b', '--events', 'FullNameWasChanged']);
  });

  it('given names in the wrong case, then refused: slice names are kebab-case, types and categories PascalCase', () => {
    refused(['write-slice', 'ParticipantFullName', '--command', 'ChangeFullName', '--event', 'FullNameWasChanged', '--stream', 'Participant']);
    refused(['write-slice', 'participant-full-name', '--command', 'changeFullName', '--event', 'FullNameWasChanged', '--stream', 'Participant']);
    refused(['write-slice', 'participant-full-name', '--command', 'ChangeFullName', '--event', 'FullNameWasChanged', '--stream', 'Participant_1']);
    refused(['read-slice', 'participant-full-names', '--events', 'FullNameWasChanged,,FullNameWasCleared']);
    refused(['automation', '--on', 'full-name-was-changed', '--send', 'NotifyParticipant']);
  });

  it('given a read slice listing an event twice, then refused', () => {
    refused(['read-slice', 'participant-full-names', '--events', 'FullNameWasChanged,FullNameWasChanged']);
  });
});
