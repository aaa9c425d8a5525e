import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength } from 'class-validator';

export class ResendEmailConfirmationRequest {
  @ApiProperty({ format: 'email', maxLength: 320, example: 'jan@example.com' })
  @IsString()
  @MaxLength(320)
  @IsEmail()
  email!: string;
}
