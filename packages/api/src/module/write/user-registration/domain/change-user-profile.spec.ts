import { DeciderSpecification } from '@coderscamp/event-sourcing/testing';
import { describe, expect, it } from 'vitest';
import type { ChangeUserProfile } from '../../../shared/commands/change-user-profile.command';
import type { UserProfileWasChanged } from '../../../shared/events/user-profile-was-changed.event';
import type { UserRegistrationWasCompleted } from '../../../shared/events/user-registration-was-completed.event';
import type { UserRegistrationWasStarted } from '../../../shared/events/user-registration-was-started.event';
import { changeUserProfile, userProfileOf } from './change-user-profile';
import { UserProfileChangeEmpty, UserProfileNotFound } from './errors';

const given = DeciderSpecification.for(changeUserProfile);

const registration = { userId: 'user-1', fullName: 'Jan Kowalski', emailAddress: 'jan@example.com', hashedPassword: 'scrypt$hash' };
const started: UserRegistrationWasStarted = { type: 'UserRegistrationWasStarted', data: registration };
const completed: UserRegistrationWasCompleted = { type: 'UserRegistrationWasCompleted', data: registration };
const change = (data: Omit<ChangeUserProfile['data'], 'userId'>): ChangeUserProfile => ({ type: 'ChangeUserProfile', data: { userId: 'user-1', ...data } });
const changed = (data: Omit<UserProfileWasChanged['data'], 'userId'>): UserProfileWasChanged => ({ type: 'UserProfileWasChanged', data: { userId: 'user-1', ...data } });
const IMAGE = 'https://example.com/jan.png';

describe('change user profile', () => {
  it('given a completed registration, when changing the name and the image, then the profile was changed with both', () => {
    given([started, completed])
      .when(change({ fullName: 'Jan Nowak', image: IMAGE }))
      .then([changed({ fullName: 'Jan Nowak', image: IMAGE })]);
  });

  it('given a completed registration, when changing the name to the same name and setting an image, then only the image was changed', () => {
    given([started, completed])
      .when(change({ fullName: 'Jan Kowalski', image: IMAGE }))
      .then([changed({ image: IMAGE })]);
  });

  it('given the image was changed already, when changing it to the same image again, then nothing happens', () => {
    given([started, completed, changed({ image: IMAGE })])
      .when(change({ image: IMAGE }))
      .then([]);
  });

  it('given only a started registration, when changing the profile, then it is refused as not found', () => {
    given([started])
      .when(change({ fullName: 'Jan Nowak' }))
      .thenThrows(UserProfileNotFound, (error) => expect(error.code).toBe('USER_PROFILE_NOT_FOUND'));
  });

  it('given a completed registration, when changing no field, then it is refused as empty', () => {
    given([started, completed])
      .when(change({}))
      .thenThrows(UserProfileChangeEmpty, (error) => expect(error.code).toBe('USER_PROFILE_CHANGE_EMPTY'));
  });

  it('given a registration and two changes, when folding, then the profile holds the latest name and image', () => {
    expect(userProfileOf([started, completed, changed({ fullName: 'Jan Nowak' }), changed({ image: IMAGE })])).toEqual({
      userId: 'user-1',
      fullName: 'Jan Nowak',
      emailAddress: 'jan@example.com',
      image: IMAGE,
    });
  });
});
