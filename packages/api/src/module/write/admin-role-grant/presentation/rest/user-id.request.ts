import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class UserIdRequest {
  @ApiProperty({ format: 'uuid', maxLength: 36, description: 'The user to grant the role to' })
  @IsUUID()
  userId!: string;
}
