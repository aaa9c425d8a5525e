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

  // Inline: OpenAPI 3.0 has no nullable reference to a schema (`nullable` needs a `type` beside it).
  @ApiProperty({
    type: 'object',
    nullable: true,
    selfRequired: true,
    required: ['id', 'name'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      name: { type: 'string', nullable: true, example: 'CodersCamp 2026', description: 'Null while the course is not created yet (CURRENT_COURSE_ID may name one created later)' },
    },
    description: 'The course the user is enrolled in: the latest they were registered for; null before any',
  })
  course!: { id: string; name: string | null } | null;

  @ApiProperty({
    type: 'integer',
    format: 'int32',
    minimum: 0,
    example: 2,
    description: "Tasks of the learning materials of that course completed now; 0 before the materials are generated or without a course",
  })
  completedTasks!: number;
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
