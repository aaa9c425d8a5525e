import { ApiProperty } from '@nestjs/swagger';

/** The profile as the change left it (the shape of GET /users/me). */
export class ChangedUserProfileResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Jan Nowak' })
  fullName!: string;

  @ApiProperty({ format: 'email', example: 'jan@example.com' })
  email!: string;

  @ApiProperty({ type: String, nullable: true, description: 'Avatar URL; null until the user sets one' })
  image!: string | null;
}
