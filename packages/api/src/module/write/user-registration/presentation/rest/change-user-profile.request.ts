import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUrl, MaxLength, ValidateIf } from 'class-validator';
import { FullNameRules } from './register-user.request';

export const MAX_IMAGE_URL_LENGTH = 2048;

/** Fields left out stay as they are; `null` is refused rather than read as "left out". */
export class ChangeUserProfileRequest {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100, example: 'Jan Nowak', description: 'The same rules as at registration; surrounding spaces are dropped' })
  @ValidateIf((request: ChangeUserProfileRequest) => request.fullName !== undefined)
  @FullNameRules()
  fullName?: string;

  @ApiPropertyOptional({ format: 'uri', maxLength: MAX_IMAGE_URL_LENGTH, example: 'https://example.com/jan.png', description: 'Avatar: an https URL' })
  @ValidateIf((request: ChangeUserProfileRequest) => request.image !== undefined)
  @IsString()
  @MaxLength(MAX_IMAGE_URL_LENGTH)
  @IsUrl({ protocols: ['https'], require_protocol: true, require_tld: true }, { message: 'image must be an https URL' })
  image?: string;
}
