import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class ErasedUserIdRequest {
  @ApiProperty({ format: 'uuid', maxLength: 36, description: 'The user to erase' })
  @IsUUID()
  userId!: string;
}
