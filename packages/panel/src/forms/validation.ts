import type { ApiFailure } from '../api/client';

/** Field name → the message shown under it; a field without a problem is absent. */
export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/**
 * The API's own limits (packages/api request DTOs), checked before sending so a person learns of
 * a mistake at once; the API checks them again and has the last word, e.g. on password strength.
 */
export const LIMITS = {
  fullName: { min: 1, max: 100 },
  email: { max: 320 },
  password: { min: 8, max: 128 },
  courseName: { min: 1, max: 200 },
} as const;

// Deliberately loose: one @, something on both sides, a dot in the domain. The API decides the rest.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function fullNameProblem(fullName: string): string | undefined {
  const length = fullName.trim().length;
  if (length < LIMITS.fullName.min) return 'Enter your full name.';
  if (length > LIMITS.fullName.max) return `Use at most ${LIMITS.fullName.max} characters.`;
  return undefined;
}

export function emailProblem(email: string): string | undefined {
  const trimmed = email.trim();
  if (trimmed === '') return 'Enter your email address.';
  if (trimmed.length > LIMITS.email.max) return `Use at most ${LIMITS.email.max} characters.`;
  if (!EMAIL_SHAPE.test(trimmed)) return 'Enter an email address like name@example.com.';
  return undefined;
}

export function passwordProblem(password: string): string | undefined {
  if (password.length < LIMITS.password.min) return `Use at least ${LIMITS.password.min} characters.`;
  if (password.length > LIMITS.password.max) return `Use at most ${LIMITS.password.max} characters.`;
  return undefined;
}

export function repeatedPasswordProblem(password: string, repeated: string): string | undefined {
  return password === repeated ? undefined : 'The two passwords differ: type the same password twice.';
}

export function imageUrlProblem(image: string): string | undefined {
  if (image === '') return undefined;
  if (!URL.canParse(image) || new URL(image).protocol !== 'https:') return 'Use an https:// address of an image.';
  return undefined;
}

export function courseDatesProblem(startsAt: string, endsAt: string): FieldErrors<'startsAt' | 'endsAt'> {
  if (startsAt === '') return { startsAt: 'Choose the first day.' };
  if (endsAt === '') return { endsAt: 'Choose the last day.' };
  return endsAt > startsAt ? {} : { endsAt: 'The course must end after it starts.' };
}

/** The problems found, keyed by field; empty when the form may be sent. */
export function collectProblems<F extends string>(checks: Readonly<Record<F, string | undefined>>): FieldErrors<F> {
  return Object.fromEntries(Object.entries(checks).filter(([, problem]) => problem !== undefined)) as FieldErrors<F>;
}

export function hasProblems(errors: FieldErrors<string>): boolean {
  return Object.keys(errors).length > 0;
}

/**
 * The API's answer placed at the fields it concerns. Validation details start with the property
 * name (`password is too easy to guess. …`); rule violations about one field are named by code.
 * What concerns no field is left for the form's own alert.
 */
export function fieldErrorsOf<F extends string>(failure: ApiFailure, fields: readonly F[], fieldOfCode: Readonly<Record<string, F>> = {}): FieldErrors<F> {
  const errors: FieldErrors<F> = {};
  for (const detail of failure.details) {
    const field = fields.find((name) => detail === name || detail.startsWith(`${name} `));
    if (field !== undefined && errors[field] === undefined) errors[field] = sentence(detail);
  }
  const codeField = fieldOfCode[failure.code];
  if (codeField !== undefined && errors[codeField] === undefined) errors[codeField] = failure.message;
  return errors;
}

function sentence(text: string): string {
  const capitalised = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}
