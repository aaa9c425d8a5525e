import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/**
 * The request's correlation id (see `registerCorrelationId`). A controller puts it in the
 * metadata of the commands it sends, so every event the request sets in motion carries it.
 */
export const RequestCorrelationId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string => context.switchToHttp().getRequest<FastifyRequest>().correlationId,
);
