import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { renderAsyncApiHtml } from '../../../shared/api-docs/render-asyncapi-html';
import { AppConfig } from '../../../shared/config/app-config';
import { userEventFeedAsyncApiDocument } from './user-event-feed.asyncapi';

/** The WebSocket channel's contract: AsyncAPI JSON for tools, an HTML page for people. */
@ApiTags('docs')
@Controller()
export class UserEventFeedAsyncApiController {
  private readonly document: ReturnType<typeof userEventFeedAsyncApiDocument>;
  private readonly page: string;

  constructor(config: AppConfig) {
    this.document = userEventFeedAsyncApiDocument(config.http.appUrl);
    this.page = renderAsyncApiHtml(this.document as Parameters<typeof renderAsyncApiHtml>[0], '/api/asyncapi.json');
  }

  @Get('asyncapi.json')
  @ApiOkResponse({ description: 'The AsyncAPI 3.0 document of the WebSocket channel /api/events', schema: { type: 'object' } })
  asyncApiDocument(): Record<string, unknown> {
    return this.document;
  }

  @Get('asyncapi')
  @Header('content-type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The same document as a readable page', content: { 'text/html': { schema: { type: 'string' } } } })
  asyncApiPage(): string {
    return this.page;
  }
}
