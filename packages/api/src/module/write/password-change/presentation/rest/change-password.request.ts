import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { MAX_PASSWORD_LENGTH, NewPasswordRules } from '../../../../../shared/auth/strong-password';

export class ChangePasswordRequest {
  @ApiProperty({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_PASSWORD_LENGTH)
  currentPassword!: string;

  @NewPasswordRules()
  newPassword!: string;
}
