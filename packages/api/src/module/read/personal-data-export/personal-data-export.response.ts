import { ApiProperty } from '@nestjs/swagger';
import { USER_ROLES, type UserRole } from '../../../shared/auth/user-role';

export class ExportedProfileResponse {
  @ApiProperty({ type: String, nullable: true, example: 'Jan Kowalski' })
  fullName!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'email', example: 'jan@example.com' })
  email!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Avatar URL; null until set' })
  image!: string | null;
}

export class ExportedAccountResponse {
  @ApiProperty({ enum: USER_ROLES, enumName: 'UserRole' })
  role!: UserRole;

  @ApiProperty()
  emailConfirmed!: boolean;

  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'When the registration completed; null before' })
  registeredAt!: string | null;
}

export class ExportedEventResponse {
  @ApiProperty({ type: 'integer', format: 'int64', minimum: 1, description: 'Position of the event in the platform\'s log' })
  globalPosition!: number;

  @ApiProperty({ example: 'UserRegistration_0b1c…', description: 'The stream the event belongs to' })
  stream!: string;

  @ApiProperty({ example: 'UserRegistrationWasStarted' })
  type!: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The event\'s data, decrypted, in its newest shape' })
  data!: unknown;
}

export class PersonalDataExportResponse {
  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty({ format: 'date-time' })
  exportedAt!: string;

  @ApiProperty({ type: ExportedProfileResponse })
  profile!: ExportedProfileResponse;

  @ApiProperty({ type: ExportedAccountResponse })
  account!: ExportedAccountResponse;

  @ApiProperty({ type: [ExportedEventResponse], maxItems: 10_000, description: 'Every event about you, by global position' })
  events!: ExportedEventResponse[];

  @ApiProperty({ description: 'True when your history holds more events than one export (10,000): the latest are left out' })
  truncated!: boolean;
}
