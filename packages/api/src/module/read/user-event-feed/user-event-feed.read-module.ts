import { Module } from '@nestjs/common';
import { UserEventFeedAsyncApiController } from './user-event-feed-asyncapi.controller';
import { UserEventFeedGateway } from './user-event-feed.gateway';
import { UserEventFeedNotifications } from './user-event-feed.notifications';
import { UserEventFeedProjection } from './user-event-feed.projection';
import { UserEventFeedReader } from './user-event-feed.reader';

/** Pushes each user the events about them over a WebSocket, from a durable per-user feed. */
@Module({
  controllers: [UserEventFeedAsyncApiController],
  providers: [UserEventFeedProjection, UserEventFeedReader, UserEventFeedNotifications, UserEventFeedGateway],
})
export class UserEventFeedReadModule {}
