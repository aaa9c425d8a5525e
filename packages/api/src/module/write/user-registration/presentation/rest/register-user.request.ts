import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';
import { IsStrongPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../../../../shared/auth/strong-password';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A full name, at registration and when changing the profile: 1–100 characters once trimmed. */
export function FullNameRules(): PropertyDecorator {
  return applyDecorators(Transform(trimmed), IsString(), Length(1, 100));
}

export class RegisterUserRequest {
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'Jan Kowalski', description: 'Surrounding spaces are dropped' })
  @FullNameRules()
  fullName!: string;

  @ApiProperty({ format: 'email', maxLength: 320, example: 'jan@example.com', description: 'Unique, compared case-insensitively' })
  @Transform(trimmed)
  @IsString()
  @MaxLength(320)
  @IsEmail()
  email!: string;

  @ApiProperty({
    minLength: MIN_PASSWORD_LENGTH,
    maxLength: MAX_PASSWORD_LENGTH,
    example: 'correct horse battery staple',
    description: 'Must be hard to guess (zxcvbn score 3 or more); a common or short-pattern password is refused with WEAK_PASSWORD',
  })
  @IsString()
  @Length(MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH)
  @IsStrongPassword()
  password!: string;
}
