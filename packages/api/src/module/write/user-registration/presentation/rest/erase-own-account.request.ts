import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { MAX_PASSWORD_LENGTH } from '../../../../../shared/auth/strong-password';

export class EraseOwnAccountRequest {
  @ApiProperty({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH, description: 'Your current password: a session alone cannot erase the account' })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_PASSWORD_LENGTH)
  password!: string;
}
