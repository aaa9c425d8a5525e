import { Controller, Get, Header, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { renderAsyncApiHtml } from '../../../shared/api-docs/render-asyncapi-html';
import { AppConfig } from '../../../shared/config/app-config';
import { userEventFeedAsyncApiDocument } from './user-event-feed.asyncapi';
import { ApiPublic } from '../../../shared/api-docs/api-security.decorators';

/** A host name, IPv4 or bracketed IPv6 address, with an optional port: what a Host header should hold. */
const HOST_AND_PORT = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The WebSocket channel's contract: AsyncAPI JSON for tools, an HTML page for people. Its server
 * is the API as the reader reached it (or PUBLIC_API_URL), which is where the socket is: the web
 * app's APP_URL may be elsewhere.
 */
@ApiTags('docs')
@ApiPublic()
@Controller()
export class UserEventFeedAsyncApiController {
  constructor(private readonly config: AppConfig) {}

  @Get('asyncapi.json')
  @ApiOperation({ summary: 'The AsyncAPI document of the WebSocket channel' })
  @ApiOkResponse({ description: 'The AsyncAPI 3.0 document of the WebSocket channel /api/events', schema: { type: 'object' } })
  asyncApiDocument(@Req() request: FastifyRequest): Record<string, unknown> {
    return userEventFeedAsyncApiDocument(this.apiUrlFor(request));
  }

  @Get('asyncapi')
  @ApiOperation({ summary: 'The AsyncAPI document as a readable page' })
  @Header('content-type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The same document as a readable page', content: { 'text/html': { schema: { type: 'string' } } } })
  asyncApiPage(@Req() request: FastifyRequest): string {
    const document = userEventFeedAsyncApiDocument(this.apiUrlFor(request));
    return renderAsyncApiHtml(document as Parameters<typeof renderAsyncApiHtml>[0], '/api/asyncapi.json');
  }

  private apiUrlFor(request: FastifyRequest): string {
    if (this.config.http.publicApiUrl !== undefined) return this.config.http.publicApiUrl;
    // The client writes the Host header: anything but a host and port names the socket the request came in on.
    if (HOST_AND_PORT.test(request.host)) return `${request.protocol}://${request.host}`;
    const { localAddress = '127.0.0.1', localPort } = request.raw.socket;
    return `${request.protocol}://${localAddress.includes(':') ? `[${localAddress}]` : localAddress}:${localPort}`;
  }
}
