import { Controller, Get, HttpStatus, Inject, NotFoundException, Param, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { readByCorrelationId, type EventStore } from '@coderscamp/event-sourcing';
import { EVENT_STORE } from '@coderscamp/event-sourcing/nestjs';
import { ApiErrorResponse } from '../../../shared/api-docs/api-error-response.decorator';
import { ApiAccessTokenAuth } from '../../../shared/api-docs/api-security.decorators';
import { JwtAuthGuard } from '../../../shared/auth/jwt-auth.guard';
import { Roles } from '../../../shared/auth/roles.decorator';
import { RolesGuard } from '../../../shared/auth/roles.guard';
import { causationTree, type CausationNode } from './causation-tree';
import { CausationNodeResponse, CausationResponse } from './causation.response';
import { CorrelationIdRequest } from './correlation-id.request';

/** The developer console's causation explorer: what one request set in motion, read from the event store itself. */
@ApiTags('admin')
@ApiAccessTokenAuth()
@Controller('admin/causation')
@UseGuards(JwtAuthGuard, RolesGuard)
@Roles('admin')
export class CausationController {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  @Get(':correlationId')
  @ApiOperation({
    summary: 'The causation tree of a correlation id: commands, their events, the automations they woke and so on, with the time of each hop (admins)',
    description: 'Read from the event store, so complete as soon as the events are stored; automations still at work add to it on the next call.',
  })
  @ApiOkResponse({ type: CausationResponse })
  @ApiErrorResponse(HttpStatus.FORBIDDEN, ['FORBIDDEN'], 'not an admin')
  @ApiErrorResponse(HttpStatus.NOT_FOUND, ['CORRELATION_NOT_FOUND'], 'no stored event carries this correlation id')
  async tree(@Param() { correlationId }: CorrelationIdRequest): Promise<CausationResponse> {
    const events = await readByCorrelationId(this.eventStore, correlationId);
    if (events.length === 0) throw new NotFoundException({ code: 'CORRELATION_NOT_FOUND', message: 'No event carries this correlation id' });
    return { correlationId, commands: causationTree(events).map(toResponse) };
  }
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
