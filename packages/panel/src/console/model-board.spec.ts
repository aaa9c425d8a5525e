import { describe, expect, it } from 'vitest';
import { boardOf, figuresOf, figuresSummary, flowsOf, flowsThrough, lanesWith, matchesFilter, notesIn, type EventModel, type EventModelFigures } from './model-board';

const noCode = { files: [], specs: [] };

const model: EventModel = {
  commands: [
    { type: 'RegisterUser', streamCategory: 'UserRegistration', emits: ['UserRegistrationWasStarted'], endpoints: [], sentBy: [], slice: 'write/user-registration', ...noCode },
    { type: 'MoveSeat', streamCategory: null, emits: [], endpoints: [], sentBy: [], slice: 'write/seats', ...noCode },
  ],
  events: [
    {
      type: 'UserRegistrationWasStarted',
      streamCategory: 'UserRegistration',
      emittedBy: ['write/user-registration'],
      handledBy: ['AuthUsersReadModel_v1', 'WhenUserRegistrationWasStartedThenRequestEmailConfirmation_v1', 'NotInThisModel_v1'],
    },
  ],
  readModels: [{ id: 'AuthUsersReadModel_v1', slice: 'read/auth-users', handles: [], tables: [], endpoints: [], ...noCode }],
  automations: [
    { id: 'WhenUserRegistrationWasStartedThenRequestEmailConfirmation_v1', slice: 'automation/when-x', on: [], sends: ['MoveSeat'], emits: [], readsFrom: [], ...noCode },
  ],
  problems: [{ code: 'COMMAND_NOT_SENT', element: { kind: 'command', id: 'MoveSeat' }, message: 'No endpoint sends MoveSeat' }],
  allowedExceptions: [{ code: 'SLICE_WITHOUT_SPECS', element: { kind: 'slice', id: 'automation/when-x' }, message: 'no specs', reason: 'tested end to end' }],
  steps: [
    {
      name: 'Registration',
      described: true,
      elements: [
        { kind: 'command', id: 'RegisterUser' },
        { kind: 'event', id: 'UserRegistrationWasStarted' },
        { kind: 'readModel', id: 'AuthUsersReadModel_v1' },
      ],
    },
    { name: 'Confirmation', described: true, elements: [{ kind: 'automation', id: 'WhenUserRegistrationWasStartedThenRequestEmailConfirmation_v1' }] },
    { name: 'Not in the story', described: false, elements: [{ kind: 'command', id: 'MoveSeat' }] },
  ],
  lanes: [
    { kind: 'automations', name: 'Automations' },
    { kind: 'readModels', name: 'Read models' },
    { kind: 'stream', name: 'UserRegistration' },
    { kind: 'stream', name: 'no stream' },
  ],
};

describe('the Event Model board layout', () => {
  const board = boardOf(model);
  const placeOf = (id: string) => {
    const note = board.notes.find((candidate) => candidate.id === id)!;
    return [board.lanes[note.lane]?.name, board.steps[note.step]?.name];
  };

  it('given the story, then commands and events sit in their stream lane, read models and automations in their own, each in the column of its step', () => {
    expect(placeOf('RegisterUser')).toEqual(['UserRegistration', 'Registration']);
    expect(placeOf('UserRegistrationWasStarted')).toEqual(['UserRegistration', 'Registration']);
    expect(placeOf('AuthUsersReadModel_v1')).toEqual(['Read models', 'Registration']);
    expect(placeOf('WhenUserRegistrationWasStartedThenRequestEmailConfirmation_v1')).toEqual(['Automations', 'Confirmation']);
    expect(placeOf('MoveSeat')).toEqual(['no stream', 'Not in the story']);
  });

  it('given a cell with several notes, then they keep the order of the story', () => {
    expect(notesIn(board, 2, 0).map((note) => note.id)).toEqual(['RegisterUser', 'UserRegistrationWasStarted']);
    expect(notesIn(board, 0, 0)).toEqual([]);
  });

  it('given problems about an element or its slice, then its note carries them; allowed exceptions too', () => {
    const note = (id: string) => board.notes.find((candidate) => candidate.id === id)!;

    expect(note('MoveSeat').problems.map((problem) => problem.code)).toEqual(['COMMAND_NOT_SENT']);
    expect(note('WhenUserRegistrationWasStartedThenRequestEmailConfirmation_v1').allowedExceptions.map((exception) => exception.reason)).toEqual(['tested end to end']);
    expect(note('RegisterUser')).toMatchObject({ problems: [], allowedExceptions: [] });
  });

  it.each([
    ['', true],
    ['registeruser', true],
    ['user   REG', true],
    ['command', true],
    ['event', false],
    ['seat', false],
  ])('given the filter %j, then RegisterUser matches: %s', (filter, matches) => {
    expect(matchesFilter({ kind: 'command', id: 'RegisterUser' }, filter)).toBe(matches);
  });

  it('given filtered notes, then only the lanes holding one remain', () => {
    expect([...lanesWith(board.notes.filter((note) => matchesFilter(note, 'user')))].sort()).toEqual([0, 1, 2]);
  });

  it('given the model, then flows run command → event → read model and automation → command; a subscription the model lacks draws none', () => {
    const automation = 'automation:WhenUserRegistrationWasStartedThenRequestEmailConfirmation_v1';

    expect(flowsOf(model)).toEqual([
      { from: 'command:RegisterUser', to: 'event:UserRegistrationWasStarted' },
      { from: 'event:UserRegistrationWasStarted', to: 'readModel:AuthUsersReadModel_v1' },
      { from: 'event:UserRegistrationWasStarted', to: automation },
      { from: automation, to: 'command:MoveSeat' },
    ]);
    expect(flowsThrough(flowsOf(model), 'command:MoveSeat')).toEqual([{ from: automation, to: 'command:MoveSeat' }]);
  });

  it('given the figures, then a command shows its counts and rejections by code, most frequent first; a subscription its state and lag; an event nothing', () => {
    const figures: EventModelFigures = {
      countedSince: '2026-12-04T10:00:00.000Z',
      commands: [{ type: 'RegisterUser', handled: 4, succeeded: 1, rejected: { CONCURRENCY_CONFLICT: 1, EMAIL_ALREADY_REGISTERED: 2 } }],
      subscriptions: [{ subscriptionId: 'AuthUsersReadModel_v1', state: 'live', lagEvents: 3, lagSeconds: 0.5, parkedEvents: 1 }],
    };

    const command = figuresOf({ kind: 'command', id: 'RegisterUser' }, figures);
    expect(command).toEqual({ kind: 'command', handled: 4, succeeded: 1, rejected: [{ code: 'EMAIL_ALREADY_REGISTERED', count: 2 }, { code: 'CONCURRENCY_CONFLICT', count: 1 }] });
    expect(figuresSummary(command)).toBe('4 handled · 3 rejected');
    expect(figuresSummary(figuresOf({ kind: 'command', id: 'MoveSeat' }, figures))).toBe('0 handled · 0 rejected');
    expect(figuresSummary(figuresOf({ kind: 'readModel', id: 'AuthUsersReadModel_v1' }, figures))).toBe('live · lag 3 · 1 parked');
    expect(figuresOf({ kind: 'event', id: 'UserRegistrationWasStarted' }, figures)).toEqual({ kind: 'none' });
    expect(figuresOf({ kind: 'command', id: 'RegisterUser' }, undefined)).toEqual({ kind: 'none' });
  });
});
