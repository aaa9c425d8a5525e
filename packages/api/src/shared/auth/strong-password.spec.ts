import { IsString } from 'class-validator';
import { validate } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { IsStrongPassword, passwordStrength, WEAK_PASSWORD } from './strong-password';

class PasswordForm {
  @IsString()
  email!: string;

  @IsStrongPassword()
  password!: string;
}

const form = (password: string, email = 'jan@example.com') => Object.assign(new PasswordForm(), { email, password });

describe('strong passwords', () => {
  it.each(['12345678', 'password', 'qwertyuiop', 'Password1', 'iloveyou'])('given the common password %s, then it is weak with advice', async (password) => {
    const strength = await passwordStrength(password);
    expect(strength.strong).toBe(false);
    expect(strength.advice).toMatch(/password/i);
  });

  it.each(['correct horse battery staple', 'violet ocean tractor 42'])('given the passphrase "%s", then it is strong', async (password) => {
    expect((await passwordStrength(password)).strong).toBe(true);
  });

  it('given a password built from the other fields of the request, then it is weak', async () => {
    const [error] = await validate(form('kowalskijan1', 'kowalskijan1@example.com'));
    expect(error?.constraints?.isStrongPassword).toContain('password is too easy to guess');
  });

  it('given a weak password, then the failed rule carries the WEAK_PASSWORD code and zxcvbn advice', async () => {
    const [error] = await validate(form('12345678'));
    expect(error?.contexts?.isStrongPassword).toEqual({ code: WEAK_PASSWORD });
    expect(error?.constraints?.isStrongPassword).toBe('password is too easy to guess. This is a heavily used password. Add more words that are less common.');
  });

  it('given a length outside 8–128, then the strength is not estimated (the length rule speaks)', async () => {
    expect(await validate(form('abc'))).toEqual([]);
    expect(await validate(form('a'.repeat(129)))).toEqual([]);
  });
});
