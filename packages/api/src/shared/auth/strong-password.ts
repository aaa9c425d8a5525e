import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/** zxcvbn's scale runs 0–4; 3 means "safely unguessable: moderate protection from offline slow-hash attacks". */
export const MIN_PASSWORD_SCORE = 3;
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;

/** The code a request answers with when the password's strength is its only problem. */
export const WEAK_PASSWORD = 'WEAK_PASSWORD';

const GENERAL_ADVICE = 'Add another word or two. Uncommon words are better.';

let estimator: Promise<ZxcvbnFactory> | undefined;

/**
 * The dictionaries weigh megabytes and take a few hundred milliseconds to load, so they are
 * imported on the first check, once, rather than when the server starts.
 */
function passwordEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-en')]).then(
    ([core, common, english]) =>
      new core.ZxcvbnFactory({
        translations: english.translations,
        graphs: common.adjacencyGraphs,
        dictionary: { ...common.dictionary, ...english.dictionary },
      }),
  );
  return estimator;
}

export type PasswordStrength = Readonly<{ strong: boolean; advice: string }>;

/**
 * Estimates how guessable a password is. `userInputs` are other words the attacker may know
 * (the address, the name), so a password built from them counts as weak.
 */
export async function passwordStrength(password: string, userInputs: readonly string[] = []): Promise<PasswordStrength> {
  const result = (await passwordEstimator()).check(password, [...userInputs]);
  const { warning, suggestions } = result.feedback;
  const advice = [warning, ...suggestions].filter((part): part is string => Boolean(part)).join(' ');
  return { strong: result.score >= MIN_PASSWORD_SCORE, advice: advice || GENERAL_ADVICE };
}

/** The advice of a failed check, per validated object and property, for the message that follows it. */
const adviceOfFailedChecks = new WeakMap<object, Map<string, string>>();

/** The other string fields of the request (e.g. email, fullName): a password made of them is easy to guess. */
function otherStringFields(args: ValidationArguments): string[] {
  return Object.entries(args.object)
    .filter(([name, value]) => name !== args.property && typeof value === 'string')
    .map(([, value]) => value as string);
}

/**
 * Refuses passwords zxcvbn scores below 3, with its advice as the message. Lengths outside
 * 8–128 are left to `@Length`: checking them here would only repeat that message, and the
 * estimate's cost grows faster than the length.
 */
export function IsStrongPassword(options: ValidationOptions = {}): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'isStrongPassword',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { context: { code: WEAK_PASSWORD }, ...options },
      validator: {
        async validate(value: unknown, args: ValidationArguments) {
          if (typeof value !== 'string' || value.length < MIN_PASSWORD_LENGTH || value.length > MAX_PASSWORD_LENGTH) return true;
          const { strong, advice } = await passwordStrength(value, otherStringFields(args));
          if (!strong) adviceOfFailedChecks.set(args.object, (adviceOfFailedChecks.get(args.object) ?? new Map()).set(args.property, advice));
          return strong;
        },
        defaultMessage(args: ValidationArguments) {
          return `${args.property} is too easy to guess. ${adviceOfFailedChecks.get(args.object)?.get(args.property) ?? GENERAL_ADVICE}`;
        },
      },
    });
  };
}

/** A password a user chooses (registration, change, reset): documented and checked the same everywhere. */
export function NewPasswordRules(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      minLength: MIN_PASSWORD_LENGTH,
      maxLength: MAX_PASSWORD_LENGTH,
      example: 'violet ocean tractor 42',
      description: `Must be hard to guess (zxcvbn score ${MIN_PASSWORD_SCORE} or more); a common or short-pattern password is refused with ${WEAK_PASSWORD}`,
    }),
    IsString(),
    Length(MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH),
    IsStrongPassword(),
  );
}
