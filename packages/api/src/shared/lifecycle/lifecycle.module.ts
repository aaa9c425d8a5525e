import { Module } from '@nestjs/common';
import { HttpDrain } from './http-drain';

@Module({ providers: [HttpDrain] })
export class LifecycleModule {}
