import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { renderAsyncApiHtml } from '../../../shared/api-docs/render-asyncapi-html';
import { AppConfig } from '../../../shared/config/app-config';
import { userEventFeedAsyncApiDocument } from './user-event-feed.asyncapi';
import { ApiPublic } from '../../../shared/api-docs/api-security.decorators';

/** The WebSocket channel's contract: AsyncAPI JSON for tools, an HTML page for people. */
@ApiTags('docs')
@ApiPublic()
@Controller()
export class UserEventFeedAsyncApiController {
  private readonly document: ReturnType<typeof userEventFeedAsyncApiDocument>;
  private readonly page: string;

  constructor(config: AppConfig) {
    this.document = userEventFeedAsyncApiDocument(config.http.appUrl);
    this.page = renderAsyncApiHtml(this.document as Parameters<typeof renderAsyncApiHtml>[0], '/api/asyncapi.json');
  }

  @Get('asyncapi.json')
  @ApiOperation({ summary: 'The AsyncAPI document of the WebSocket channel' })
  @ApiOkResponse({ description: 'The AsyncAPI 3.0 document of the WebSocket channel /api/events', schema: { type: 'object' } })
  asyncApiDocument(): Record<string, unknown> {
    return this.document;
  }

  @Get('asyncapi')
  @ApiOperation({ summary: 'The AsyncAPI document as a readable page' })
  @Header('content-type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The same document as a readable page', content: { 'text/html': { schema: { type: 'string' } } } })
  asyncApiPage(): string {
    return this.page;
  }
}
