import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class SessionIdParams {
  @ApiProperty({ format: 'uuid', description: 'A session id from GET /api/auth/sessions' })
  @IsUUID()
  id!: string;
}
