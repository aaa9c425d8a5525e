import { describe, expect, it } from 'vitest';
import { describeEventModel, NO_STREAM, UNDESCRIBED_STEP } from './describe-event-model';
import type { EventModel } from './event-model';
import { EVENT_MODEL_DESCRIPTION } from './event-model-description';

const noCode = { files: [], specs: [] };

const model: Pick<EventModel, 'commands' | 'events' | 'readModels' | 'automations'> = {
  commands: [
    { type: 'CreateCourse', streamCategory: 'Course', emits: ['CourseWasCreated'], endpoints: [], sentBy: [], slice: 'write/course', ...noCode },
    { type: 'EnrolStudent', streamCategory: 'Enrolment', emits: ['StudentWasEnrolled'], endpoints: [], sentBy: [], slice: 'write/enrolment', ...noCode },
  ],
  events: [
    { type: 'CourseWasCreated', streamCategory: 'Course', emittedBy: ['write/course'], handledBy: [] },
    { type: 'CourseWasArchived', streamCategory: null, emittedBy: [], handledBy: [] },
    { type: 'StudentWasEnrolled', streamCategory: 'Enrolment', emittedBy: ['write/enrolment'], handledBy: [] },
    { type: 'WelcomeWasRecorded', streamCategory: 'Enrolment', emittedBy: ['automation/when-student-was-enrolled-then-welcome'], handledBy: [] },
  ],
  readModels: [{ id: 'CoursesReadModel_v1', slice: 'read/courses', handles: ['CourseWasCreated'], tables: [], endpoints: [], ...noCode }],
  automations: [
    { id: 'WhenStudentWasEnrolledThenWelcome_v1', slice: 'automation/when-student-was-enrolled-then-welcome', on: ['StudentWasEnrolled'], sends: [], emits: ['WelcomeWasRecorded'], readsFrom: [], ...noCode },
  ],
};

describe('the declared description of the Event Model', () => {
  it('given steps naming commands, a read model and an automation, then each step holds them in order, with the events its commands and automations emit', () => {
    const described = describeEventModel(model, {
      steps: [
        { name: 'Courses', elements: ['CreateCourse', 'CoursesReadModel_v1'] },
        { name: 'Enrolment', elements: ['EnrolStudent', 'WhenStudentWasEnrolledThenWelcome_v1'] },
      ],
      lanes: ['Enrolment'],
    });

    expect(described.problems).toEqual([]);
    expect(described.steps.map(({ name, described: isDescribed, elements }) => [name, isDescribed, elements.map((element) => `${element.kind} ${element.id}`)])).toEqual([
      ['Courses', true, ['command CreateCourse', 'event CourseWasCreated', 'readModel CoursesReadModel_v1']],
      ['Enrolment', true, ['command EnrolStudent', 'event StudentWasEnrolled', 'automation WhenStudentWasEnrolledThenWelcome_v1', 'event WelcomeWasRecorded']],
      [UNDESCRIBED_STEP, false, ['event CourseWasArchived']],
    ]);
  });

  it('given an event named in a later step, then it stays where the description puts it rather than with its command', () => {
    const described = describeEventModel(model, { steps: [{ name: 'Courses', elements: ['CreateCourse'] }, { name: 'Later', elements: ['CourseWasCreated'] }], lanes: [] });

    expect(described.steps[1]?.elements).toEqual([{ kind: 'event', id: 'CourseWasCreated' }]);
    expect(described.steps[0]?.elements).toEqual([{ kind: 'command', id: 'CreateCourse' }]);
  });

  it('given a step naming an element the model does not have, then it is a DESCRIPTION_NAMES_UNKNOWN_ELEMENT problem and invents no note', () => {
    const described = describeEventModel(model, { steps: [{ name: 'Courses', elements: ['CreateCourse', 'PublishCourse'] }], lanes: [] });

    expect(described.problems).toEqual([
      {
        code: 'DESCRIPTION_NAMES_UNKNOWN_ELEMENT',
        element: { kind: 'description', id: 'PublishCourse' },
        message: 'Step "Courses" of the description names PublishCourse, which the model does not have',
      },
    ]);
    expect(described.steps.flatMap((step) => step.elements.map((element) => element.id))).not.toContain('PublishCourse');
  });

  it('given an element named in two steps, then it is a DESCRIPTION_NAMES_ELEMENT_TWICE problem and stays in the first', () => {
    const described = describeEventModel(model, { steps: [{ name: 'A', elements: ['CreateCourse'] }, { name: 'B', elements: ['CreateCourse'] }], lanes: [] });

    expect(described.problems.map((problem) => `${problem.code} ${problem.element.id}`)).toEqual(['DESCRIPTION_NAMES_ELEMENT_TWICE CreateCourse']);
    expect(described.steps[1]?.elements).toEqual([]);
  });

  it('given no steps, then every element is in the trailing step, once', () => {
    const described = describeEventModel(model, { steps: [], lanes: [] });

    expect(described.steps).toHaveLength(1);
    expect(described.steps[0]).toMatchObject({ name: UNDESCRIBED_STEP, described: false });
    expect(described.steps[0]?.elements).toHaveLength(8);
  });

  it('given lanes in an order, then automations and read models come first, the ordered categories next and the rest alphabetically, `no stream` among them', () => {
    const described = describeEventModel(model, { steps: [], lanes: ['Enrolment'] });

    expect(described.lanes).toEqual([
      { kind: 'automations', name: 'Automations' },
      { kind: 'readModels', name: 'Read models' },
      { kind: 'stream', name: 'Enrolment' },
      { kind: 'stream', name: 'Course' },
      { kind: 'stream', name: NO_STREAM },
    ]);
  });

  it('given a lane order naming an unknown or a repeated category, then each is a problem and the lanes stay those of the model', () => {
    const described = describeEventModel(model, { steps: [], lanes: ['Course', 'Payments', 'Course'] });

    expect(described.problems.map((problem) => `${problem.code} ${problem.element.id}`)).toEqual([
      'DESCRIPTION_NAMES_UNKNOWN_ELEMENT Payments',
      'DESCRIPTION_NAMES_ELEMENT_TWICE Course',
    ]);
    expect(described.lanes.map((lane) => lane.name)).toEqual(['Automations', 'Read models', 'Course', 'Enrolment', NO_STREAM]);
  });

  it("the platform's description names no element twice, and starts with registration and confirmation", () => {
    const names = EVENT_MODEL_DESCRIPTION.steps.flatMap((step) => step.elements);

    expect(new Set(names).size).toBe(names.length);
    expect(EVENT_MODEL_DESCRIPTION.steps.slice(0, 2).map((step) => step.name)).toEqual(['Registration', 'Confirmation']);
  });
});
