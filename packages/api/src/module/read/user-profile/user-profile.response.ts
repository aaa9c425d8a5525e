import { ApiProperty } from '@nestjs/swagger';

export class UserProfileResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Jan Kowalski' })
  fullName!: string;

  @ApiProperty({ format: 'email', example: 'jan@example.com' })
  email!: string;

  @ApiProperty({ type: String, nullable: true, description: 'Avatar URL; null until the user sets one' })
  image!: string | null;
}

export class UserProfilePageResponse {
  @ApiProperty({ type: [UserProfileResponse] })
  items!: UserProfileResponse[];

  @ApiProperty({ example: 1 })
  page!: number;

  @ApiProperty({ example: 20 })
  limit!: number;

  @ApiProperty({ example: 42, description: 'Profiles in total, over all pages' })
  total!: number;
}
