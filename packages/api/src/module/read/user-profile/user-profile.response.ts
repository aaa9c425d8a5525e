import { ApiProperty } from '@nestjs/swagger';
import { USER_ROLES, type UserRole } from '../../../shared/auth/user-role';

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

export class SignedInUserResponse extends UserProfileResponse {
  @ApiProperty({ enum: USER_ROLES, enumName: 'UserRole', description: 'The role the account holds now: what an app may offer this user' })
  role!: UserRole;
}

export class UserProfilePageItemResponse extends UserProfileResponse {
  @ApiProperty({ enum: USER_ROLES, enumName: 'UserRole', description: 'The role the account holds now' })
  role!: UserRole;
}

export class UserProfilePageResponse {
  @ApiProperty({ type: [UserProfilePageItemResponse] })
  items!: UserProfilePageItemResponse[];

  @ApiProperty({ type: 'integer', format: 'int32', example: 1 })
  page!: number;

  @ApiProperty({ type: 'integer', format: 'int32', example: 20, description: 'The limit applied: the one asked for, capped' })
  limit!: number;

  @ApiProperty({ type: 'integer', format: 'int64', example: 42, description: 'Profiles in total, over all pages' })
  total!: number;
}
