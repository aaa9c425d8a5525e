import { describe, expect, it } from 'vitest';
import type { ApiFailure } from '../api/client';
import { collectProblems, courseDatesProblem, emailProblem, fieldErrorsOf, fullNameProblem, imageUrlProblem, passwordProblem, repeatedPasswordProblem } from './validation';

const failure = (overrides: Partial<ApiFailure>): ApiFailure => ({
  status: 400,
  code: 'VALIDATION_FAILED',
  message: 'Request validation failed',
  details: [],
  correlationId: 'c-1',
  retryAfterSeconds: undefined,
  ...overrides,
});

describe('sign-up fields, checked as the API checks them', () => {
  it.each([
    ['', 'Enter your full name.'],
    ['   ', 'Enter your full name.'],
    ['x'.repeat(101), 'Use at most 100 characters.'],
    ['  Ada Lovelace  ', undefined],
    ['x'.repeat(100), undefined],
  ])('given the full name %j, then %s', (fullName, problem) => {
    expect(fullNameProblem(fullName)).toBe(problem);
  });

  it.each([
    ['', 'Enter your email address.'],
    ['ada', 'Enter an email address like name@example.com.'],
    ['ada@example', 'Enter an email address like name@example.com.'],
    [`${'a'.repeat(310)}@example.com`, 'Use at most 320 characters.'],
    [' ada@example.com ', undefined],
  ])('given the email %j, then %s', (email, problem) => {
    expect(emailProblem(email)).toBe(problem);
  });

  it.each([
    ['1234567', 'Use at least 8 characters.'],
    ['x'.repeat(129), 'Use at most 128 characters.'],
    ['12345678', undefined],
  ])('given a password of %j, then %s (its strength is the API\'s to judge)', (password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
  });

  it('given two different passwords, then says they differ', () => {
    expect(repeatedPasswordProblem('one long passphrase', 'another one')).toMatch(/differ/);
    expect(repeatedPasswordProblem('same', 'same')).toBeUndefined();
  });

  it('given an image address, then only https is accepted, and none at all is fine', () => {
    expect(imageUrlProblem('http://example.com/a.png')).toMatch(/https/);
    expect(imageUrlProblem('not a url')).toMatch(/https/);
    expect(imageUrlProblem('https://example.com/a.png')).toBeUndefined();
    expect(imageUrlProblem('')).toBeUndefined();
  });

  it('given course dates, then the end must come after the start', () => {
    expect(courseDatesProblem('2026-03-01', '2026-02-01')).toEqual({ endsAt: 'The course must end after it starts.' });
    expect(courseDatesProblem('2026-03-01', '2026-03-01')).toEqual({ endsAt: 'The course must end after it starts.' });
    expect(courseDatesProblem('', '2026-03-01')).toEqual({ startsAt: 'Choose the first day.' });
    expect(courseDatesProblem('2026-03-01', '2026-09-01')).toEqual({});
  });

  it('given several checks, then only the failing ones are collected', () => {
    expect(collectProblems({ fullName: undefined, email: 'Enter your email address.' })).toEqual({ email: 'Enter your email address.' });
  });
});

describe("the API's errors, placed at their field", () => {
  it('given the weak-password answer, then its advice is shown at the password field', () => {
    const weak = failure({ code: 'WEAK_PASSWORD', details: ['password is too easy to guess. Add another word or two. Uncommon words are better.'] });

    expect(fieldErrorsOf(weak, ['fullName', 'email', 'password'])).toEqual({
      password: 'Password is too easy to guess. Add another word or two. Uncommon words are better.',
    });
  });

  it('given several validation details, then each lands at the field it names, the first per field', () => {
    const invalid = failure({ details: ['email must be an email', 'fullName must be shorter than or equal to 100 characters', 'email must be shorter than or equal to 320 characters'] });

    expect(fieldErrorsOf(invalid, ['fullName', 'email', 'password'])).toEqual({
      email: 'Email must be an email.',
      fullName: 'FullName must be shorter than or equal to 100 characters.',
    });
  });

  it('given a rule violation about one field, then its message lands there by code', () => {
    const taken = failure({ status: 409, code: 'EMAIL_ALREADY_REGISTERED', message: 'This email address is already registered' });

    expect(fieldErrorsOf(taken, ['email', 'password'], { EMAIL_ALREADY_REGISTERED: 'email' })).toEqual({ email: 'This email address is already registered' });
  });

  it('given a detail about no field of the form, then nothing is placed (the form shows it as a whole)', () => {
    expect(fieldErrorsOf(failure({ details: ['property role should not exist'] }), ['email'])).toEqual({});
  });
});
