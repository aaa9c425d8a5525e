import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toHttpErrorBody } from './to-http-error-body';

/** The single place where errors become HTTP responses. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    // WebSocket gateways answer errors their own way.
    if (host.getType() !== 'http') throw exception;

    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const body = toHttpErrorBody(exception);
    if (body.statusCode >= HttpStatus.INTERNAL_SERVER_ERROR) {
      this.logger.error({ msg: 'Request failed', err: exception, method: request.method, url: request.url, correlationId: request.correlationId });
    }
    void http.getResponse<FastifyReply>().status(body.statusCode).send(body);
  }
}
