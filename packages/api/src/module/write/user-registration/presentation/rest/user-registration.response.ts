import { ApiProperty } from '@nestjs/swagger';

export class UserRegistrationResponse {
  @ApiProperty({ format: 'uuid', description: 'Id of the new user; the account works once the email is confirmed' })
  userId!: string;
}
