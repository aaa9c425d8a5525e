import { ApiProperty } from '@nestjs/swagger';

export class AccessTokenResponse {
  @ApiProperty({ description: 'JWT (HS256); also set as the httpOnly access_token cookie' })
  accessToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ type: 'integer', format: 'int32', example: 3600, description: 'Seconds until the token expires' })
  expiresIn!: number;
}
