import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventModel, ModelCommand } from '../src/shared/event-model/event-model';
import { eventModelMarkdown } from '../src/shared/event-model/render-event-model';
import { driftOf, EVENT_MODEL_DOC, writeSourceFactsOfTheSources } from './support/event-model';
import { startAnotherInstance, startTestApp, type TestApp } from './support/test-app';
import type { EventModelFigures } from '../src/shared/event-model/event-model-figures';
import { adminAccessToken, postRegistration, registerConfirmedUser, TEST_ADMIN_ENV, uniqueEmail } from './support/users';

/**
 * The Event Model of the real application: served to administrators at GET /api/admin/event-model,
 * from the registered handlers and subscriptions, the served OpenAPI document and the facts the
 * build reads from these sources. The expectations name the real elements, so a slice added,
 * removed or rewired fails here until the model (and docs/event-model.md) say so.
 */
describe('Event Model of the running code', () => {
  let app: TestApp;
  let sourceFacts: Awaited<ReturnType<typeof writeSourceFactsOfTheSources>>;
  let model: EventModel;

  beforeAll(async () => {
    sourceFacts = await writeSourceFactsOfTheSources();
    app = await startTestApp({ ...TEST_ADMIN_ENV, EVENT_MODEL_SOURCES_FILE: sourceFacts.file });
    const response = await app.http('/api/admin/event-model', { token: await adminAccessToken(app) });
    expect(response.status).toBe(200);
    model = (await response.json()) as EventModel;
  });

  afterAll(async () => {
    await app?.close();
    await sourceFacts?.remove();
  });

  const command = (type: string): ModelCommand => {
    const found = model.commands.find((candidate) => candidate.type === type);
    if (!found) throw new Error(`The model has no command ${type}`);
    return found;
  };

  describe('GET /api/admin/event-model', () => {
    it('given no access token, then 401 UNAUTHORIZED', async () => {
      const response = await app.http('/api/admin/event-model');

      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
    });

    it('given a participant who is not an admin, then 403 FORBIDDEN', async () => {
      const participant = await registerConfirmedUser(app);

      const response = await app.http('/api/admin/event-model', { token: participant.accessToken });

      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    });

    it('given an admin, then 200 with the model as JSON', () => {
      expect(Object.keys(model).sort()).toEqual(['allowedExceptions', 'automations', 'commands', 'events', 'lanes', 'problems', 'readModels', 'steps']);
    });

    it('given a server whose build wrote no source facts, then 503 EVENT_MODEL_UNAVAILABLE naming the file', async () => {
      const missing = join(sourceFacts.file, '..', 'missing.json');
      const instance = await startAnotherInstance(app, { EVENT_MODEL_SOURCES_FILE: missing });
      try {
        const response = await fetch(`${instance.url}/api/admin/event-model`, { headers: { authorization: `Bearer ${await adminAccessToken(app)}` } });

        expect(response.status).toBe(503);
        expect(await response.json()).toMatchObject({ statusCode: 503, code: 'EVENT_MODEL_UNAVAILABLE', message: expect.stringContaining(missing) });
      } finally {
        await instance.app.close();
      }
    });
  });

  it('traces the registration: endpoint → RegisterUser → UserRegistrationWasStarted → automation → RequestEmailConfirmation → mail, approval → completion → course enrolment', () => {
    expect(command('RegisterUser')).toEqual({
      type: 'RegisterUser',
      streamCategory: 'UserRegistration',
      emits: ['UserRegistrationWasStarted'],
      endpoints: [{ method: 'POST', path: '/api/user-registration' }],
      sentBy: [{ kind: 'process', name: 'AdminAccounts' }],
      slice: 'write/user-registration',
      files: ['module/write/user-registration/application/register-user.command-handler.ts', 'module/write/user-registration/domain/register-user.ts'],
      specs: [{ file: 'module/write/user-registration/domain/register-user.spec.ts', tests: expect.arrayContaining([expect.stringMatching(/^given .*, then /)]) }],
    });
    expect(model.events.find((event) => event.type === 'UserRegistrationWasStarted')).toEqual({
      type: 'UserRegistrationWasStarted',
      streamCategory: 'UserRegistration',
      emittedBy: ['write/user-registration'],
      handledBy: ['AuthUsersReadModel_v1', 'WhenUserRegistrationWasStartedThenRequestEmailConfirmation_v1'],
    });
    expect(command('RequestEmailConfirmation')).toMatchObject({ streamCategory: 'EmailConfirmation', emits: ['EmailConfirmationWasRequested'] });
    expect(command('ApproveEmailConfirmation')).toMatchObject({ endpoints: [{ method: 'POST', path: '/api/email-confirmation/approval' }] });
    expect(command('CompleteUserRegistration').sentBy).toEqual([
      { kind: 'automation', name: 'WhenEmailConfirmationWasApprovedThenCompleteUserRegistration_v1' },
      { kind: 'process', name: 'AdminAccounts' },
    ]);
    // Registering reserves the address first, and gives it back when the registration fails.
    expect(command('ReserveEmailAddress')).toMatchObject({ streamCategory: 'EmailAddressReservation', endpoints: [], sentBy: [{ kind: 'command', name: 'RegisterUser' }] });
    expect(command('ReleaseEmailAddressReservation').sentBy).toEqual([
      { kind: 'automation', name: 'WhenUserWasErasedThenErasePersonalData_v1' },
      { kind: 'command', name: 'RegisterUser' },
    ]);
  });

  it("lists every automation with the events that trigger it and the commands it sends", () => {
    expect(model.automations.map(({ id, on, sends }) => ({ id, on, sends }))).toEqual([
      { id: 'WhenEmailConfirmationWasApprovedThenCompleteUserRegistration_v1', on: ['EmailConfirmationWasApproved'], sends: ['CompleteUserRegistration'] },
      { id: 'WhenEmailConfirmationWasRequestedThenSendEmailMessage_v1', on: ['EmailConfirmationWasRequested'], sends: ['SendEmailMessage'] },
      { id: 'WhenLearningMaterialsUrlWasGeneratedThenSendEmail_v1', on: ['LearningMaterialsUrlWasGenerated'], sends: ['SendEmailMessage'] },
      { id: 'WhenPasswordResetWasRequestedThenSendEmailMessage_v1', on: ['PasswordResetWasRequested'], sends: ['SendEmailMessage'] },
      {
        id: 'WhenUserRegistrationWasCompletedThenRegisterCourseUser_v1',
        on: ['CourseWasCreated', 'UserRegistrationWasCompleted', 'UserWasErased'],
        sends: ['RegisterCourseUser'],
      },
      { id: 'WhenUserRegistrationWasStartedThenRequestEmailConfirmation_v1', on: ['UserRegistrationWasStarted'], sends: ['RequestEmailConfirmation'] },
      { id: 'WhenUserWasErasedThenErasePersonalData_v1', on: ['UserWasErased'], sends: ['ReleaseEmailAddressReservation'] },
    ]);
    expect(model.automations.find((automation) => automation.id === 'WhenLearningMaterialsUrlWasGeneratedThenSendEmail_v1')?.readsFrom).toEqual([
      'CourseParticipantsReadModel_v1',
    ]);
  });

  it('shows an event an automation appends itself, not through a command, on the stream it names', () => {
    expect(model.automations.find((automation) => automation.id === 'WhenUserWasErasedThenErasePersonalData_v1')?.emits).toEqual(['PlaintextPersonalDataWasErased']);
    expect(model.events.find((event) => event.type === 'PlaintextPersonalDataWasErased')).toEqual({
      type: 'PlaintextPersonalDataWasErased',
      streamCategory: 'PersonalDataErasure',
      emittedBy: ['automation/when-user-was-erased-then-erase-personal-data'],
      handledBy: [],
    });
  });

  it('lists every command with the events its decision emits and the endpoints that send it', () => {
    const endpoints = (...list: string[]) => list.map((endpoint) => ({ method: endpoint.split(' ')[0], path: endpoint.split(' ')[1] }));
    expect(model.commands.map(({ type, emits, endpoints: sentFrom }) => ({ type, emits, endpoints: sentFrom }))).toEqual([
      { type: 'ApproveEmailConfirmation', emits: ['EmailConfirmationWasApproved'], endpoints: endpoints('POST /api/email-confirmation/approval') },
      { type: 'ChangePassword', emits: ['PasswordWasChanged'], endpoints: endpoints('PUT /api/users/me/password') },
      { type: 'ChangeUserProfile', emits: ['UserProfileWasChanged'], endpoints: endpoints('PATCH /api/users/me') },
      { type: 'CompleteTask', emits: ['TaskWasCompleted'], endpoints: endpoints('POST /api/process-st/events/task-checked-unchecked') },
      { type: 'CompleteUserRegistration', emits: ['UserRegistrationWasCompleted'], endpoints: [] },
      { type: 'ConfirmPasswordReset', emits: ['PasswordWasReset'], endpoints: endpoints('POST /api/auth/password-reset/confirmation') },
      { type: 'CreateCourse', emits: ['CourseWasCreated'], endpoints: endpoints('POST /api/courses') },
      { type: 'EndUserSession', emits: ['SessionWasEnded'], endpoints: endpoints('POST /api/auth/logout', 'DELETE /api/auth/sessions/{id}') },
      { type: 'EraseUser', emits: ['UserWasErased'], endpoints: endpoints('DELETE /api/admin/users/{userId}', 'DELETE /api/users/me') },
      { type: 'GenerateLearningMaterialsUrl', emits: ['LearningMaterialsUrlWasGenerated'], endpoints: endpoints('POST /api/learning-materials') },
      { type: 'GrantAdminRole', emits: ['UserWasGrantedAdminRole'], endpoints: endpoints('POST /api/users/{userId}/role-grants') },
      { type: 'RegisterCourseUser', emits: ['CourseUserWasRegistered'], endpoints: [] },
      { type: 'RegisterUser', emits: ['UserRegistrationWasStarted'], endpoints: endpoints('POST /api/user-registration') },
      { type: 'ReleaseEmailAddressReservation', emits: ['EmailAddressReservationWasReleased'], endpoints: [] },
      { type: 'ReplayParkedEvent', emits: ['ParkedEventWasReplayed'], endpoints: endpoints('POST /api/admin/subscriptions/{subscriptionId}/parked/{eventId}/replay') },
      { type: 'RequestEmailConfirmation', emits: ['EmailConfirmationWasRequested'], endpoints: endpoints('POST /api/email-confirmation/resend') },
      { type: 'RequestPasswordReset', emits: ['PasswordResetWasRequested'], endpoints: endpoints('POST /api/auth/password-reset') },
      { type: 'RequestSubscriptionRebuild', emits: ['SubscriptionRebuildWasRequested'], endpoints: endpoints('POST /api/admin/subscriptions/{subscriptionId}/rebuilds') },
      { type: 'ReserveEmailAddress', emits: ['EmailAddressWasReserved'], endpoints: [] },
      { type: 'SendEmailMessage', emits: ['EmailMessageWasSent'], endpoints: [] },
      { type: 'SkipParkedEvent', emits: ['ParkedEventWasSkipped'], endpoints: endpoints('POST /api/admin/subscriptions/{subscriptionId}/parked/{eventId}/skip') },
      { type: 'StartUserSession', emits: ['SessionWasStarted'], endpoints: endpoints('POST /api/auth/login') },
      { type: 'UncompleteTask', emits: ['TaskWasUncompleted'], endpoints: endpoints('POST /api/process-st/events/task-checked-unchecked') },
    ]);
  });

  it('gives each read model the tables its projection writes and the endpoints that read them', () => {
    expect(model.readModels.find((readModel) => readModel.id === 'CourseProgressReadModel_v1')).toEqual({
      id: 'CourseProgressReadModel_v1',
      slice: 'read/course-progress',
      handles: ['CourseUserWasRegistered', 'LearningMaterialsUrlWasGenerated', 'TaskWasCompleted', 'TaskWasUncompleted', 'UserWasErased'],
      tables: ['course_progress', 'course_progress_course_users'],
      // The participant's own progress, and each participant's in the administrators' list.
      endpoints: [
        { method: 'GET', path: '/api/course-progress' },
        { method: 'GET', path: '/api/users' },
      ],
      files: ['module/read/course-progress/course-progress.projection.ts'],
      specs: [{ file: 'module/read/course-progress/course-progress.projection.int-spec.ts', tests: expect.any(Array) }],
    });
    expect(model.readModels.find((readModel) => readModel.id === 'UserSessionsReadModel_v1')).toMatchObject({
      tables: ['user_sessions'],
      endpoints: [{ method: 'GET', path: '/api/auth/sessions' }],
    });
  });

  it("names each element's code and the tests of its specs, read from the sources", () => {
    const automation = model.automations.find((candidate) => candidate.id === 'WhenUserRegistrationWasStartedThenRequestEmailConfirmation_v1')!;
    expect(automation.files).toEqual([
      'module/automation/when-user-registration-was-started-then-request-email-confirmation/when-user-registration-was-started-then-request-email-confirmation.automation.ts',
    ]);
    expect(automation.specs.length).toBeGreaterThan(0);
    expect(automation.specs.every((spec) => spec.tests.length > 0)).toBe(true);
    const readModel = model.readModels.find((candidate) => candidate.id === 'CourseProgressReadModel_v1')!;
    expect(readModel.files).toEqual(['module/read/course-progress/course-progress.projection.ts']);
    expect(readModel.specs.map((spec) => spec.file)).toContain('module/read/course-progress/course-progress.projection.int-spec.ts');
  });

  it('lays the story out as the description says: registration first, every element in exactly one step, the lanes led by automations and read models', () => {
    expect(model.steps.map((step) => step.name)).toEqual(['Registration', 'Confirmation', 'Sign-in', 'Enrolment', 'Learning materials', 'Progress', 'Account', 'Administration']);
    expect(model.steps[0]?.elements.slice(0, 2)).toEqual([
      { kind: 'command', id: 'RegisterUser' },
      { kind: 'event', id: 'UserRegistrationWasStarted' },
    ]);
    const placed = model.steps.flatMap((step) => step.elements.map((element) => element.id)).sort();
    const elements = [...model.commands.map((c) => c.type), ...model.events.map((e) => e.type), ...model.readModels.map((r) => r.id), ...model.automations.map((a) => a.id)].sort();
    expect(placed).toEqual(elements);
    expect(model.lanes.slice(0, 3)).toEqual([
      { kind: 'automations', name: 'Automations' },
      { kind: 'readModels', name: 'Read models' },
      { kind: 'stream', name: 'UserRegistration' },
    ]);
  });

  describe('GET /api/admin/event-model/figures', () => {
    it('given no access token, then 401 UNAUTHORIZED', async () => {
      const response = await app.http('/api/admin/event-model/figures');

      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
    });

    it('given a participant who is not an admin, then 403 FORBIDDEN', async () => {
      const participant = await registerConfirmedUser(app);

      const response = await app.http('/api/admin/event-model/figures', { token: participant.accessToken });

      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    });

    it('given a registration and a duplicate of it, then RegisterUser counts both as handled and the duplicate as rejected under EMAIL_ALREADY_REGISTERED', async () => {
      const token = await adminAccessToken(app);
      const figuresNow = async () => {
        const response = await app.http('/api/admin/event-model/figures', { token });
        expect(response.status).toBe(200);
        return (await response.json()) as EventModelFigures;
      };
      const registerUser = (figures: EventModelFigures) => figures.commands.find((command) => command.type === 'RegisterUser') ?? { handled: 0, succeeded: 0, rejected: {} as Record<string, number> };
      const before = registerUser(await figuresNow());
      const email = uniqueEmail('figures');

      expect((await postRegistration(app, { email })).status).toBe(201);
      expect((await postRegistration(app, { email })).status).toBe(409);

      const after = await figuresNow();
      expect(registerUser(after).handled - before.handled).toBe(2);
      expect(registerUser(after).succeeded - before.succeeded).toBe(1);
      expect((registerUser(after).rejected.EMAIL_ALREADY_REGISTERED ?? 0) - (before.rejected.EMAIL_ALREADY_REGISTERED ?? 0)).toBe(1);
      // The address is reserved by a command of its own, refused the same way.
      expect(after.commands.find((command) => command.type === 'ReserveEmailAddress')?.rejected.EMAIL_ALREADY_REGISTERED).toBeGreaterThanOrEqual(1);
      expect(Date.parse(after.countedSince)).toBeLessThanOrEqual(Date.now());
    });

    it('given the running subscriptions, then each read model and automation of the model has its state, lag and parked events', async () => {
      const response = await app.http('/api/admin/event-model/figures', { token: await adminAccessToken(app) });
      const figures = (await response.json()) as EventModelFigures;

      expect(figures.subscriptions.map((subscription) => subscription.subscriptionId)).toEqual(expect.arrayContaining([...model.readModels, ...model.automations].map((element) => element.id)));
      expect(figures.subscriptions.find((subscription) => subscription.subscriptionId === 'CourseProgressReadModel_v1')).toEqual({
        subscriptionId: 'CourseProgressReadModel_v1',
        state: expect.any(String),
        lagEvents: expect.any(Number),
        lagSeconds: expect.any(Number),
        parkedEvents: 0,
      });
    });
  });

  it('has no problems; the slices without given/when/then specs are allowed, each with its reason', () => {
    expect(model.problems).toEqual([]);
    expect(model.allowedExceptions.map(({ code, element }) => `${code} ${element.id}`)).toEqual([
      'SLICE_WITHOUT_SPECS write/admin-accounts',
      'SLICE_WITHOUT_SPECS write/admin-role-grant',
      'SLICE_WITHOUT_SPECS write/email-confirmation-resend',
      'SLICE_WITHOUT_SPECS read/causation',
      'SLICE_WITHOUT_SPECS read/personal-data-export',
      'SLICE_WITHOUT_SPECS read/stream-browser',
      'SLICE_WITHOUT_SPECS read/subscription-administration',
      'SLICE_WITHOUT_SPECS automation/when-user-was-erased-then-erase-personal-data',
    ]);
    expect(model.allowedExceptions.every((exception) => exception.reason.length > 0)).toBe(true);
  });

  describe('docs/event-model.md', () => {
    it('is what the code yields (regenerate with `npm run event-model:doc`)', async () => {
      expect(driftOf(await readFile(EVENT_MODEL_DOC, 'utf8'), eventModelMarkdown(model))).toBeUndefined();
    });

    it('given a copy that lost a command row, then the drift check reports the line and how to regenerate', async () => {
      const checkedIn = await readFile(EVENT_MODEL_DOC, 'utf8');
      const stale = checkedIn.replace(/^\| RegisterUser \|.*\n/m, '');
      expect(stale).not.toBe(checkedIn);

      const drift = driftOf(stale, eventModelMarkdown(model));

      expect(drift).toMatch(/^docs\/event-model\.md differs from the code's Event Model at line \d+:/);
      expect(drift).toContain('generated:  | RegisterUser |');
      expect(drift).toContain('npm run event-model:doc');
    });

    it('given a copy with an edited arrow in the flowchart, then the drift check reports it', async () => {
      const checkedIn = await readFile(EVENT_MODEL_DOC, 'utf8');
      const stale = checkedIn.replace('command_RegisterUser --> event_UserRegistrationWasStarted', 'command_RegisterUser --> event_UserRegistrationWasCompleted');
      expect(stale).not.toBe(checkedIn);

      expect(driftOf(stale, eventModelMarkdown(model))).toContain('checked in:   command_RegisterUser --> event_UserRegistrationWasCompleted');
    });
  });
});
