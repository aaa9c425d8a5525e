import { Controller, Get, HttpStatus, Inject, NotFoundException, Param, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StreamName, streamCatalogOf, type ApplicationEvent, type EventStore, type StreamCatalog } from '@coderscamp/event-sourcing';
import { EVENT_STORE } from '@coderscamp/event-sourcing/nestjs';
import { ApiErrorResponse } from '../../../shared/api-docs/api-error-response.decorator';
import { ApiAccessTokenAuth } from '../../../shared/api-docs/api-security.decorators';
import { JwtAuthGuard } from '../../../shared/auth/jwt-auth.guard';
import { Roles } from '../../../shared/auth/roles.decorator';
import { RolesGuard } from '../../../shared/auth/roles.guard';
import { RequestValidationError } from '../../../shared/errors/request-validation.error';
import { withoutSecrets } from '../../shared/secrets';
import { StreamEventsRequest, StreamListRequest, StreamNameRequest } from './stream-browser.requests';
import { StreamCategoryResponse, StreamEventResponse, StreamEventsResponse, StreamListResponse } from './stream-browser.response';

/**
 * The developer console's stream browser: categories, their streams and a stream's events, read from
 * the event store through the application's decorated store, so events read as every other reader
 * sees them (decrypted or erased, upcast).
 */
@ApiTags('admin')
@ApiAccessTokenAuth()
@Controller('admin/streams')
@UseGuards(JwtAuthGuard, RolesGuard)
@Roles('admin')
export class StreamBrowserController {
  private readonly catalog: StreamCatalog;

  constructor(@Inject(EVENT_STORE) eventStore: EventStore) {
    this.catalog = streamCatalogOf(eventStore);
  }

  @Get('categories')
  @ApiOperation({ summary: 'Every stream category with its streams and events, by name (admins)' })
  @ApiOkResponse({ type: [StreamCategoryResponse] })
  @ApiErrorResponse(HttpStatus.FORBIDDEN, ['FORBIDDEN'], 'not an admin')
  async categories(): Promise<StreamCategoryResponse[]> {
    return this.catalog.listCategories();
  }

  @Get()
  @ApiOperation({ summary: 'A page of the streams of a category, by name, optionally only those whose id contains `search` in any case (admins)' })
  @ApiOkResponse({ type: StreamListResponse })
  @ApiErrorResponse(
    HttpStatus.BAD_REQUEST,
    ['VALIDATION_FAILED'],
    'no category or one that is not letters and digits from a letter, limit not 1–100, search over 100 characters, after not a stream of the category',
  )
  @ApiErrorResponse(HttpStatus.FORBIDDEN, ['FORBIDDEN'], 'not an admin')
  async streams(@Query() { category, search, limit, after }: StreamListRequest): Promise<StreamListResponse> {
    if (after !== undefined && !after.startsWith(`${category}_`)) throw new RequestValidationError([`after must be a stream of category ${category}`]);
    // One more than asked says whether a next page exists, so the last page offers none.
    const streams = await this.catalog.listStreams({ category, limit: limit + 1, ...(search ? { search } : {}), ...(after === undefined ? {} : { after }) });
    const items = streams.slice(0, limit).map((stream) => ({ streamName: stream.streamName, events: stream.version, lastEventAt: stream.lastEventAt.toISOString() }));
    return { items, next: streams.length > limit ? items.at(-1)!.streamName : null };
  }

  @Get(':streamName/events')
  @ApiOperation({ summary: 'A page of a stream\'s events in stream order, with data and metadata as the application reads them (admins)' })
  @ApiOkResponse({ type: StreamEventsResponse })
  @ApiErrorResponse(HttpStatus.BAD_REQUEST, ['VALIDATION_FAILED'], 'a stream name that is not <Category>_<id> or over 512 characters, after not an integer ≥ 0, limit not 1–100')
  @ApiErrorResponse(HttpStatus.FORBIDDEN, ['FORBIDDEN'], 'not an admin')
  @ApiErrorResponse(HttpStatus.NOT_FOUND, ['STREAM_NOT_FOUND'], 'the stream has no events')
  async events(@Param() { streamName }: StreamNameRequest, @Query() { after, limit }: StreamEventsRequest): Promise<StreamEventsResponse> {
    const stream = StreamName.parse(streamName);
    const page = await this.catalog.readStreamPage(stream, { afterVersion: after, limit });
    if (page.currentVersion === 0) throw new NotFoundException({ code: 'STREAM_NOT_FOUND', message: 'No event is stored in this stream' });
    const last = page.events.at(-1);
    return {
      streamName: stream.toString(),
      category: stream.category,
      version: page.currentVersion,
      items: page.events.map(toEventResponse),
      next: last !== undefined && last.streamVersion < page.currentVersion ? last.streamVersion : null,
    };
  }
}

function toEventResponse(event: ApplicationEvent): StreamEventResponse {
  return {
    id: event.id,
    type: event.type,
    version: event.streamVersion,
    globalPosition: event.globalPosition.toString(),
    occurredAt: event.occurredAt.toISOString(),
    schemaVersion: event.schemaVersion,
    // Access-granting values (password hashes, tokens) stay in the log, not on an admin's screen.
    data: withoutSecrets(event.type, event.data),
    metadata: event.metadata,
  };
}
