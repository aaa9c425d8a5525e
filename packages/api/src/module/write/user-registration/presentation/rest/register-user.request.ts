import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';
import { NewPasswordRules } from '../../../../../shared/auth/strong-password';

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

  @NewPasswordRules()
  password!: string;
}
