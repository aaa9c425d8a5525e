import { DeciderSpecification } from '@coderscamp/event-sourcing/testing';
import { describe, it } from 'vitest';
import type { GrantAdminRole } from '../../../shared/commands/grant-admin-role.command';
import { grantAdminRole } from './grant-admin-role';

const given = DeciderSpecification.for(grantAdminRole);

const grant: GrantAdminRole = { type: 'GrantAdminRole', data: { userId: 'user-1' } };

describe('grant admin role', () => {
  it('given the user is no admin, when granting the admin role, then the user was granted it', () => {
    given([]).when(grant).then([{ type: 'UserWasGrantedAdminRole', data: { userId: 'user-1' } }]);
  });

  it('given the user is an admin, when granting the admin role again, then nothing happens', () => {
    given([{ type: 'UserWasGrantedAdminRole', data: { userId: 'user-1' } }]).when(grant).thenNothingHappened();
  });
});
