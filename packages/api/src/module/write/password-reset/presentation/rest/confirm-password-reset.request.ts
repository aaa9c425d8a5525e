import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Length, MaxLength } from 'class-validator';
import { IsStrongPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../../../../shared/auth/strong-password';

export class ConfirmPasswordResetRequest {
  @ApiProperty({ maxLength: 256, description: 'The token from the reset link (`token` query parameter)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  token!: string;

  @ApiProperty({
    minLength: MIN_PASSWORD_LENGTH,
    maxLength: MAX_PASSWORD_LENGTH,
    example: 'violet ocean tractor 42',
    description: 'Must be hard to guess (zxcvbn score 3 or more); a common or short-pattern password is refused with WEAK_PASSWORD',
  })
  @IsString()
  @Length(MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH)
  @IsStrongPassword()
  newPassword!: string;
}
