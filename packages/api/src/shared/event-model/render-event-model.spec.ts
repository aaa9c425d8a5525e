import { describe, expect, it } from 'vitest';
import type { EventModel } from './event-model';
import { eventModelMarkdown, eventModelMermaid } from './render-event-model';

const noCode = { files: [], specs: [] };

const model: EventModel = {
  commands: [
    {
      type: 'CreateCourse',
      streamCategory: 'Course',
      emits: ['CourseWasCreated'],
      endpoints: [{ method: 'POST', path: '/api/courses' }],
      sentBy: [],
      slice: 'write/course',
      ...noCode,
    },
    { type: 'MoveSeat', streamCategory: 'Seat | Room', emits: [], endpoints: [], sentBy: [{ kind: 'process', name: 'Seating' }], slice: 'write/seats', ...noCode },
  ],
  events: [
    { type: 'CourseWasCreated', streamCategory: 'Course', emittedBy: ['write/course'], handledBy: ['CoursesReadModel_v1', 'WhenCourseWasCreatedThenGreet_v1'] },
    { type: 'CourseWasArchived', streamCategory: null, emittedBy: [], handledBy: [] },
  ],
  readModels: [{ id: 'CoursesReadModel_v1', slice: 'read/courses', handles: ['CourseWasCreated'], tables: ['courses'], endpoints: [{ method: 'GET', path: '/api/courses' }], ...noCode }],
  automations: [{ id: 'WhenCourseWasCreatedThenGreet_v1', slice: 'automation/when-course-was-created-then-greet', on: ['CourseWasCreated'], sends: ['MoveSeat'], emits: [], readsFrom: [], ...noCode }],
  problems: [{ code: 'EVENT_NOT_EMITTED', element: { kind: 'event', id: 'CourseWasArchived' }, message: "No command handler's decision emits CourseWasArchived" }],
  allowedExceptions: [],
  steps: [
    { name: 'Courses', described: true, elements: [{ kind: 'command', id: 'CreateCourse' }, { kind: 'event', id: 'CourseWasCreated' }, { kind: 'readModel', id: 'CoursesReadModel_v1' }] },
    { name: 'Not in the story', described: false, elements: [{ kind: 'command', id: 'MoveSeat' }] },
  ],
  lanes: [],
};

describe('Event Model rendering', () => {
  it('given a model, then the flowchart colours commands blue, events orange, read models green and automations grey', () => {
    const mermaid = eventModelMermaid(model);

    expect(mermaid).toContain('    command_CreateCourse["CreateCourse"]:::command');
    expect(mermaid).toContain('    event_CourseWasCreated["CourseWasCreated"]:::event');
    expect(mermaid).toContain('    readModel_CoursesReadModel_v1["CoursesReadModel_v1"]:::readModel');
    expect(mermaid).toContain('    automation_WhenCourseWasCreatedThenGreet_v1["WhenCourseWasCreatedThenGreet_v1"]:::automation');
    expect(mermaid).toContain('classDef command fill:#9cc8ff');
    expect(mermaid).toContain('classDef event fill:#ffc27a');
    expect(mermaid).toContain('classDef readModel fill:#a8e6a1');
  });

  it('given commands and events of a stream, then they share its subgraph; an event of no stream gets one of its own', () => {
    const mermaid = eventModelMermaid(model);

    expect(mermaid).toContain('  subgraph stream_Course["Course"]\n    command_CreateCourse["CreateCourse"]:::command\n    event_CourseWasCreated["CourseWasCreated"]:::event\n  end');
    expect(mermaid).toContain('  subgraph stream_no_stream["no stream"]\n    event_CourseWasArchived["CourseWasArchived"]:::event\n  end');
    expect(mermaid).toContain('  subgraph stream_Seat___Room["Seat | Room"]\n    command_MoveSeat["MoveSeat"]:::command\n  end');
  });

  it('given the relations, then arrows run command → event → read model and automation → command', () => {
    const mermaid = eventModelMermaid(model);

    expect(mermaid).toContain('  command_CreateCourse --> event_CourseWasCreated');
    expect(mermaid).toContain('  event_CourseWasCreated --> readModel_CoursesReadModel_v1');
    expect(mermaid).toContain('  event_CourseWasCreated --> automation_WhenCourseWasCreatedThenGreet_v1');
    expect(mermaid).toContain('  automation_WhenCourseWasCreatedThenGreet_v1 --> command_MoveSeat');
  });

  it('given a cell holding a pipe, then the table escapes it; endpoints and senders share the sent-by column', () => {
    const markdown = eventModelMarkdown(model);

    expect(markdown).toContain('| MoveSeat | Seat \\| Room |  | process Seating | write/seats |');
    expect(markdown).toContain('| CreateCourse | Course | CourseWasCreated | `POST /api/courses` | write/course |');
    expect(markdown).toContain('| CoursesReadModel_v1 | CourseWasCreated | courses | `GET /api/courses` | read/courses |');
  });

  it('given story steps, then the document lists each step with its elements, the trailing one included', () => {
    const markdown = eventModelMarkdown(model);

    expect(markdown).toContain('| step | elements |\n| --- | --- |\n| Courses | CreateCourse, CourseWasCreated, CoursesReadModel_v1 |\n| Not in the story | MoveSeat |\n');
  });

  it('given problems and no allowed exception, then the document lists the problems and says there are no exceptions', () => {
    const markdown = eventModelMarkdown(model);

    expect(markdown).toContain("## Allowed exceptions\n\nNone.\n\n## Problems\n\n| problem | element | message |\n| --- | --- | --- |\n| EVENT_NOT_EMITTED | CourseWasArchived | No command handler's decision emits CourseWasArchived |\n");
  });
});
