import { ACCESS_TOKEN_COOKIE } from '../../../shared/auth/access-token';
import { FEED_POSITION_BEYOND_END, TOKEN_EXPIRED_CLOSE_CODE, USER_ERASED_CLOSE_CODE, USER_EVENT_FEED_PATH } from './user-event-feed.gateway';
import {
  USER_EVENT_FEED_MESSAGE_TYPES,
  USER_EVENT_FEED_MESSAGES,
  USER_EVENT_FEED_QUERY,
  userEventFeedMessageJsonSchema,
} from './user-event-feed.messages';
import { z } from 'zod';

const CHANNEL = 'userEvents';
const SERVER = 'api';

/** The AsyncAPI 3.0 document of the WebSocket channel, built from the message schemas the gateway sends with. */
export function userEventFeedAsyncApiDocument(apiUrl: string): Record<string, unknown> {
  const url = new URL(apiUrl);
  const messageRefs = (base: string) =>
    Object.fromEntries(USER_EVENT_FEED_MESSAGE_TYPES.map((type) => [type, { $ref: `${base}/${type}` }]));
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'CodersCamp API events',
      version: '1.0.0',
      description:
        'Live updates about the signed-in user, pushed over a plain WebSocket. Each message carries a `position`; ' +
        'reconnect with `?after=<the last position you saw>` to receive what you missed, then live messages. ' +
        'GET /api/users/me, /api/course-progress and /api/learning-materials answer an `X-Feed-Position` header: read the state, then ' +
        'connect with `?after=<that value>`, and no later change is missed. ' +
        `The socket is closed with code ${TOKEN_EXPIRED_CLOSE_CODE} when the access token expires, ${USER_ERASED_CLOSE_CODE} when the user is erased, ` +
          'and 1001 when the instance shuts down.',
    },
    defaultContentType: 'application/json',
    servers: {
      [SERVER]: {
        host: url.host,
        protocol: url.protocol === 'https:' ? 'wss' : 'ws',
        description: 'The API itself: the WebSocket shares its port.',
        security: [
          { $ref: '#/components/securitySchemes/accessTokenQuery' },
          { $ref: '#/components/securitySchemes/bearer' },
          { $ref: '#/components/securitySchemes/cookie' },
        ],
      },
    },
    channels: {
      [CHANNEL]: {
        address: USER_EVENT_FEED_PATH,
        title: 'Events about you',
        description:
          'Only events about the user the access token belongs to. A handshake without a valid token is refused with 401; ' +
          'one whose Origin header names a page outside the web app (APP_URL, CORS_ORIGINS) with 403 ORIGIN_NOT_ALLOWED; ' +
          `one with an \`after\` beyond the end of the feed with 400 ${FEED_POSITION_BEYOND_END}.`,
        servers: [{ $ref: `#/servers/${SERVER}` }],
        messages: messageRefs('#/components/messages'),
        bindings: {
          ws: { method: 'GET', query: queryJsonSchema(), bindingVersion: '0.1.0' },
        },
      },
    },
    operations: {
      receiveUserEvents: {
        action: 'receive',
        title: 'Receive events about you',
        channel: { $ref: `#/channels/${CHANNEL}` },
        messages: USER_EVENT_FEED_MESSAGE_TYPES.map((type) => ({ $ref: `#/channels/${CHANNEL}/messages/${type}` })),
      },
    },
    components: {
      messages: Object.fromEntries(
        USER_EVENT_FEED_MESSAGE_TYPES.map((type) => [
          type,
          { name: type, title: type, summary: USER_EVENT_FEED_MESSAGES[type].summary, contentType: 'application/json', payload: userEventFeedMessageJsonSchema(type) },
        ]),
      ),
      securitySchemes: {
        accessTokenQuery: { type: 'httpApiKey', name: ACCESS_TOKEN_COOKIE, in: 'query', description: 'For browsers, which cannot set headers on a WebSocket' },
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        cookie: { type: 'httpApiKey', name: ACCESS_TOKEN_COOKIE, in: 'cookie' },
      },
    },
  };
}

function queryJsonSchema(): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(USER_EVENT_FEED_QUERY, { target: 'draft-7', io: 'input' });
  return schema;
}
