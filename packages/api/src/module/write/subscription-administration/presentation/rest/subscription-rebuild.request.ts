import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** The SDK's rule for subscription ids: anything else names no subscription. */
const SUBSCRIPTION_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/;

export class SubscriptionRebuildRequest {
  @ApiProperty({ pattern: SUBSCRIPTION_ID_PATTERN.source, maxLength: 200, example: 'CourseProgressReadModel_v1', description: 'The subscription to rebuild' })
  @Matches(SUBSCRIPTION_ID_PATTERN)
  subscriptionId!: string;
}
