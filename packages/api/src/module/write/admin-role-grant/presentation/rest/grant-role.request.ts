import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

/** Administrator is the one role that can be granted; naming it keeps the route open to others. */
export class GrantRoleRequest {
  @ApiProperty({ enum: ['admin'], description: 'The role to grant' })
  @IsIn(['admin'])
  role!: 'admin';
}
