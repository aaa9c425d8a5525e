import { ApiProperty } from '@nestjs/swagger';

export class UserSessionResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'date-time', description: 'When the session was started (the login)' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time', description: 'Last authenticated request, to the minute' })
  lastSeenAt!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Mozilla/5.0 (X11; Linux x86_64)', description: 'As the client sent it at login' })
  userAgent!: string | null;

  @ApiProperty({ description: 'True for the session of the token this request was made with' })
  current!: boolean;
}

export class UserSessionsResponse {
  @ApiProperty({ type: [UserSessionResponse], description: 'Open sessions, most recent first' })
  items!: UserSessionResponse[];
}
