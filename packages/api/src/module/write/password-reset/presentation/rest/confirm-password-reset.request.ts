import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { NewPasswordRules } from '../../../../../shared/auth/strong-password';

export class ConfirmPasswordResetRequest {
  @ApiProperty({ maxLength: 256, description: 'The token from the reset link (`token` query parameter)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  token!: string;

  @NewPasswordRules()
  newPassword!: string;
}
