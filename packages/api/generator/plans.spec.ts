import { describe, expect, it } from 'vitest';
import { planAutomation } from './automation';
import { contractFields } from './contracts';

import { type Plan, type ProjectFiles, UsageError } from './plan';
import { planReadSlice } from './read-slice';
import { planWriteSlice } from './write-slice';

const APP_MODULE = `import { type DynamicModule, Module } from '@nestjs/common';
import { CourseWriteModule } from './module/write/course/course.write-module';

const SLICE_MODULES: DynamicModule['imports'] = [
  CourseWriteModule,
];
`;

const WRITE_SLICES_MODULE = `import { Module, type Type } from '@nestjs/common';
import { CreateCourseCommandHandler } from './course/application/create-course.command-handler';

const WRITE_SLICES: readonly WriteSlice[] = [
  { handlers: [CreateCourseCommandHandler] },
];
`;

/** A project of the given files besides the two slice lists; a folder exists when a file is in it. */
function projectWith(files: Record<string, string> = {}): ProjectFiles {
  const all: Record<string, string> = { 'src/app.module.ts': APP_MODULE, 'src/module/write/write-slices.module.ts': WRITE_SLICES_MODULE, ...files };
  return {
    exists: (path) => Object.keys(all).some((file) => file === path || file.startsWith(`${path}/`)),
    read: (path) => all[path] ?? expect.fail(`read ${path}, which the project does not have`),
  };
}

const changeFullName = { kind: 'write-slice', slice: 'participant-full-name', command: 'ChangeFullName', event: 'FullNameWasChanged', stream: 'Participant' } as const;
const created = (plan: Plan, path: string) => plan.created.find((file) => file.path === path)?.content;
const CHANGE_USER_PROFILE = `import { AbstractApplicationCommand, type DomainCommand } from '@coderscamp/event-sourcing';

export type ChangeUserProfile = DomainCommand<'ChangeUserProfile', { userId: string; fullName?: string; image: string | null }>;

export class ChangeUserProfileApplicationCommand extends AbstractApplicationCommand<ChangeUserProfile> {}
`;

describe('write slice plan', () => {
  it('given new contract types, then they are created with the stream id, five slice files beside them, and one entry among the write slices', () => {
    const plan = planWriteSlice(projectWith(), changeFullName);

    expect(created(plan, 'src/module/shared/commands/change-full-name.command.ts')).toContain("DomainCommand<'ChangeFullName', { participantId: string }>");
    expect(created(plan, 'src/module/shared/events/full-name-was-changed.event.ts')).toContain("DomainEvent<'FullNameWasChanged', { participantId: string }>");
    expect(created(plan, 'src/module/write/participant-full-name/domain/change-full-name.ts')).toContain("StreamName.of('Participant', participantId)");
    expect(plan.created.filter((file) => file.path.startsWith('src/module/write/participant-full-name/'))).toHaveLength(5);
    expect(plan.reused).toEqual([]);
    const handler = "import { ChangeFullNameCommandHandler } from './participant-full-name/application/change-full-name.command-handler';\n";
    const controller = "import { ParticipantFullNameController } from './participant-full-name/presentation/rest/participant-full-name.controller';\n";
    expect(plan.edited).toEqual([
      {
        path: 'src/module/write/write-slices.module.ts',
        content: WRITE_SLICES_MODULE.replace("create-course.command-handler';\n", `create-course.command-handler';\n${handler}${controller}`).replace(
          '  { handlers: [CreateCourseCommandHandler] },\n',
          '  { handlers: [CreateCourseCommandHandler] },\n  { handlers: [ChangeFullNameCommandHandler], controllers: [ParticipantFullNameController] },\n',
        ),
      },
    ]);
  });

  it('given the command exists, then it is reused: the decision copies its fields to the new event, the request takes them', () => {
    const plan = planWriteSlice(projectWith({ 'src/module/shared/commands/change-user-profile.command.ts': CHANGE_USER_PROFILE }), {
      ...changeFullName,
      command: 'ChangeUserProfile',
      stream: 'UserRegistration',
    });

    expect(plan.reused).toEqual(['src/module/shared/commands/change-user-profile.command.ts']);
    expect(created(plan, 'src/module/shared/events/full-name-was-changed.event.ts')).toContain('{ userId: string; fullName?: string; image: string | null }');
    expect(created(plan, 'src/module/write/participant-full-name/domain/change-user-profile.ts')).toContain(
      'data: { userId: command.data.userId, fullName: command.data.fullName, image: command.data.image }',
    );
    const request = created(plan, 'src/module/write/participant-full-name/presentation/rest/change-user-profile.request.ts');
    expect(request).toContain('fullName?: string;');
    expect(request).toContain('image?: string | null;');
  });

  it('given the slice folder exists, then refused', () => {
    expect(() => planWriteSlice(projectWith({ 'src/module/write/participant-full-name/domain/events.ts': '' }), changeFullName)).toThrow(UsageError);
  });

  it('given an existing event with a field the command lacks, then refused: the decision could not fill it', () => {
    const event = "export type FullNameWasChanged = DomainEvent<'FullNameWasChanged', { participantId: string; fullName: string }>;";
    expect(() => planWriteSlice(projectWith({ 'src/module/shared/events/full-name-was-changed.event.ts': event }), changeFullName)).toThrow(
      'FullNameWasChanged.data.fullName has no field of that name in ChangeFullName.data',
    );
  });

  it('given an existing command without an id to name the stream by, then refused', () => {
    const command = "export type ChangeFullName = DomainCommand<'ChangeFullName', { fullName: string }>;";
    expect(() => planWriteSlice(projectWith({ 'src/module/shared/commands/change-full-name.command.ts': command }), changeFullName)).toThrow(UsageError);
  });

  it('given no list of write slices to register in, then refused before anything is written', () => {
    const project = projectWith({ 'src/module/write/write-slices.module.ts': 'export class WriteSlicesModule {}' });
    expect(() => planWriteSlice(project, changeFullName)).toThrow(UsageError);
  });
});

describe('contract fields', () => {
  it('given a contract, then its fields with their optional and null markers', () => {
    expect(contractFields(CHANGE_USER_PROFILE, 'command', 'ChangeUserProfile', 'change-user-profile.command.ts')).toEqual([
      { name: 'userId', type: 'string', nullable: false, optional: false },
      { name: 'fullName', type: 'string', nullable: false, optional: true },
      { name: 'image', type: 'string', nullable: true, optional: false },
    ]);
  });

  it('given a field of a type the generator cannot map, or a file that declares the type otherwise, then refused', () => {
    const nested = "export type X = DomainEvent<'X', { id: string; tags: string[] }>;";
    expect(() => contractFields(nested, 'event', 'X', 'x.event.ts')).toThrow('X.data.tags is string[]');
    expect(() => contractFields('export interface X { type: "X" }', 'event', 'X', 'x.event.ts')).toThrow(UsageError);
  });
});

describe('read slice plan', () => {
  const changed = "export type FullNameWasChanged = DomainEvent<'FullNameWasChanged', { participantId: string; fullName: string }>;";

  it('given an existing event and an unknown one, then the unknown one is created with the key of the known one', () => {
    const plan = planReadSlice(projectWith({ 'src/module/shared/events/full-name-was-changed.event.ts': changed }), {
      kind: 'read-slice',
      slice: 'participant-full-names',
      events: ['FullNameWasChanged', 'FullNameWasCleared'],
    });

    expect(plan.reused).toEqual(['src/module/shared/events/full-name-was-changed.event.ts']);
    expect(created(plan, 'src/module/shared/events/full-name-was-cleared.event.ts')).toContain("DomainEvent<'FullNameWasCleared', { participantId: string }>");
    const table = created(plan, 'src/module/read/participant-full-names/participant-full-names.table.ts');
    expect(table).toContain("participantId: text('participant_id').primaryKey(),");
    expect(table).toContain("fullName: text('full_name'),");
    expect(created(plan, 'src/module/read/participant-full-names/participant-full-names.projection.ts')).toContain(".subscription('ParticipantFullNamesReadModel_v1')");
    expect(plan.needsReadModelMigration).toBe(true);
    expect(plan.edited[0]!.content).toContain("import { ParticipantFullNamesReadModule } from './module/read/participant-full-names/participant-full-names.read-module';\n");
    expect(plan.edited[0]!.content).toContain('  CourseWriteModule,\n  ParticipantFullNamesReadModule,\n];');
  });

  it('given events that share no required text field, then refused: rows would have no key', () => {
    const cleared = "export type FullNameWasCleared = DomainEvent<'FullNameWasCleared', { userId: string }>;";
    const project = projectWith({ 'src/module/shared/events/full-name-was-changed.event.ts': changed, 'src/module/shared/events/full-name-was-cleared.event.ts': cleared });
    expect(() => planReadSlice(project, { kind: 'read-slice', slice: 'participant-full-names', events: ['FullNameWasChanged', 'FullNameWasCleared'] })).toThrow(UsageError);
  });

  it('given the slice folder exists, then refused', () => {
    const project = projectWith({ 'src/module/read/participant-full-names/participant-full-names.table.ts': '' });
    expect(() => planReadSlice(project, { kind: 'read-slice', slice: 'participant-full-names', events: ['FullNameWasChanged'] })).toThrow(UsageError);
  });
});

describe('automation plan', () => {
  it('given an existing event and a new command, then the command gets the event fields and the automation copies them', () => {
    const event = "export type FullNameWasChanged = DomainEvent<'FullNameWasChanged', { participantId: string; fullName: string }>;";
    const plan = planAutomation(projectWith({ 'src/module/shared/events/full-name-was-changed.event.ts': event }), {
      kind: 'automation',
      on: 'FullNameWasChanged',
      send: 'NotifyParticipant',
    });

    const folder = 'src/module/automation/when-full-name-was-changed-then-notify-participant';
    expect(created(plan, 'src/module/shared/commands/notify-participant.command.ts')).toContain('{ participantId: string; fullName: string }');
    const automation = created(plan, `${folder}/when-full-name-was-changed-then-notify-participant.automation.ts`);
    expect(automation).toContain("export const WhenFullNameWasChangedThenNotifyParticipant = automation('when-full-name-was-changed-then-notify-participant')");
    expect(automation).toContain('data: { participantId: event.data.participantId, fullName: event.data.fullName }');
    expect(plan.edited[0]!.content).toContain('  WhenFullNameWasChangedThenNotifyParticipant,\n];');
    expect(plan.summary).toContain('no write slice handles NotifyParticipant yet');
  });

  it('given the automation folder exists, then refused', () => {
    const project = projectWith({ 'src/module/automation/when-full-name-was-changed-then-notify-participant/x.ts': '' });
    expect(() => planAutomation(project, { kind: 'automation', on: 'FullNameWasChanged', send: 'NotifyParticipant' })).toThrow(UsageError);
  });
});
