import { testCommand } from '@coderscamp/event-sourcing/testing';
import { WriteModuleSpecification } from '@coderscamp/event-sourcing/testing/nestjs';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { GrantAdminRoleApplicationCommand } from '../../shared/commands/grant-admin-role.command';
import { GrantAdminRoleCommandHandler } from './application/grant-admin-role.command-handler';

const grant = () => testCommand({ class: GrantAdminRoleApplicationCommand, type: 'GrantAdminRole', data: { userId: 'user-1' } });

describe('user roles write slice', () => {
  let spec: WriteModuleSpecification;
  beforeEach(async () => {
    spec = await WriteModuleSpecification.for({ imports: [], providers: [GrantAdminRoleCommandHandler] });
  });
  afterEach(() => spec.close());

  it('given a user, when granting admin, then granted', async () => {
    await spec.whenCommandExecuted(grant());

    await spec.thenEventsPublished('UserRoles_user-1', [{ type: 'UserWasGrantedAdminRole', data: { userId: 'user-1' } }]);
  });

  it('given an admin, when granting again (every start-up does), then nothing changes and nothing fails', async () => {
    await spec.givenEventsOccurred('UserRoles_user-1', [{ type: 'UserWasGrantedAdminRole', data: { userId: 'user-1' } }]);

    await spec.whenCommandExecuted(grant());

    await spec.thenNothingPublished('UserRoles_user-1');
  });
});
