import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class ApproveEmailConfirmationRequest {
  @ApiProperty({ maxLength: 256, description: 'The token from the confirmation link (`token` query parameter)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  confirmationToken!: string;
}
