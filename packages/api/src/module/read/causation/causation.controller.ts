import { Controller, Get, HttpStatus, Inject, NotFoundException, Param, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { readByCorrelationId, StreamName, type ApplicationEvent, type EventStore } from '@coderscamp/event-sourcing';
import { EVENT_STORE } from '@coderscamp/event-sourcing/nestjs';
import { ApiErrorResponse } from '../../../shared/api-docs/api-error-response.decorator';
import { ApiAccessTokenAuth } from '../../../shared/api-docs/api-security.decorators';
import { JwtAuthGuard } from '../../../shared/auth/jwt-auth.guard';
import { Roles } from '../../../shared/auth/roles.decorator';
import { RolesGuard } from '../../../shared/auth/roles.guard';
import { EventsAboutUser } from '../shared/events-about-user';
import { flowSummary, latestCorrelationIds, type FlowSummary } from './causation-flows';
import { CausationFlowsRequest } from './causation-flows.request';
import { causationTree, type CausationNode } from './causation-tree';
import { CausationFlowResponse, CausationNodeResponse, CausationResponse } from './causation.response';
import { CorrelationIdRequest } from './correlation-id.request';

/**
 * The most streams read to find a user's flows, as for their data export: a user's streams are
 * their registration, confirmations, sessions, mails and course, far fewer.
 */
const MAX_USER_STREAMS = 10_000;

/** The developer console's causation explorer: what one request set in motion, read from the event store itself. */
@ApiTags('admin')
@ApiAccessTokenAuth()
@Controller('admin/causation')
@UseGuards(JwtAuthGuard, RolesGuard)
@Roles('admin')
export class CausationController {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly eventsAboutUser: EventsAboutUser,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The flows that touched a stream, or that are about a user, newest first, each in a line (admins)',
    description:
      'Give exactly one of streamName and userId. A flow is everything one request set in motion (one correlation id); by stream, the flows that appended to it; ' +
      'by user, those that appended an event about them (registration, confirmation, enrolment, sessions and later ones). Newest first: by the flow\'s first event ' +
      'in that stream (or among the events about the user), latest in the log first. An unknown stream or user has no flows: 200 with an empty list.',
  })
  @ApiOkResponse({ type: [CausationFlowResponse] })
  @ApiErrorResponse(HttpStatus.BAD_REQUEST, ['VALIDATION_FAILED'], 'neither or both of streamName and userId, a stream name other than <Category>_<id>, a userId not a UUID, or limit outside 1–100')
  @ApiErrorResponse(HttpStatus.FORBIDDEN, ['FORBIDDEN'], 'not an admin')
  async flows(@Query() { streamName, userId, limit }: CausationFlowsRequest): Promise<CausationFlowResponse[]> {
    const touched = streamName === undefined ? await this.eventsAboutUser.of(userId!, MAX_USER_STREAMS) : (await this.eventStore.readStream(StreamName.parse(streamName))).events;
    const summaries: FlowSummary[] = [];
    // One correlation after another, each through its index: a console look-up must not take the pool from requests.
    for (const correlationId of latestCorrelationIds(touched, limit)) summaries.push(flowSummary(correlationId, await this.flowEvents(correlationId)));
    return summaries.map(toFlowResponse);
  }

  @Get(':correlationId')
  @ApiOperation({
    summary: 'The causation tree of a correlation id: commands, their events, the automations they woke and so on, with the time of each hop (admins)',
    description: 'Read from the event store, so complete as soon as the events are stored; automations still at work add to it on the next call.',
  })
  @ApiOkResponse({ type: CausationResponse })
  @ApiErrorResponse(HttpStatus.FORBIDDEN, ['FORBIDDEN'], 'not an admin')
  @ApiErrorResponse(HttpStatus.NOT_FOUND, ['CORRELATION_NOT_FOUND'], 'no stored event carries this correlation id')
  async tree(@Param() { correlationId }: CorrelationIdRequest): Promise<CausationResponse> {
    const events = await this.flowEvents(correlationId);
    if (events.length === 0) throw new NotFoundException({ code: 'CORRELATION_NOT_FOUND', message: 'No event carries this correlation id' });
    const tree = causationTree(events);
    return { ...toFlowResponse(flowSummary(correlationId, events, tree)), commands: tree.map(toResponse) };
  }

  private flowEvents(correlationId: string): Promise<ApplicationEvent[]> {
    return readByCorrelationId(this.eventStore, correlationId);
  }
}

function toFlowResponse(summary: FlowSummary): CausationFlowResponse {
  return { ...summary, startedAt: summary.startedAt.toISOString() };
}

function toResponse(node: CausationNode): CausationNodeResponse {
  const isEvent = node.kind === 'event';
  return {
    kind: node.kind,
    id: node.id,
    type: node.type,
    automation: isEvent ? null : node.automation,
    streamName: isEvent ? node.streamName : null,
    position: isEvent ? node.position : null,
    globalPosition: isEvent ? node.globalPosition.toString() : null,
    at: node.at.toISOString(),
    hopMs: node.hopMs,
    children: node.children.map(toResponse),
  };
}
