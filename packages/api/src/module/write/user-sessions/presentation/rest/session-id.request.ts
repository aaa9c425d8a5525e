import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class SessionIdRequest {
  @ApiProperty({ format: 'uuid', maxLength: 36, description: 'A session id from GET /api/auth/sessions' })
  @IsUUID()
  id!: string;
}
