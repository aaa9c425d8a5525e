import { Global, Module } from '@nestjs/common';
import { RateLimits } from './rate-limits';

/** `RateLimits` for every controller that limits an action. */
@Global()
@Module({ providers: [RateLimits], exports: [RateLimits] })
export class RateLimitsModule {}
