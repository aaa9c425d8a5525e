import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { HttpStatus, Injectable, UnauthorizedException, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { WebSocketServer, type WebSocket } from 'ws';
import { extractHandshakeAccessToken } from '../../../shared/auth/access-token';
import { AccessTokenVerifier, type VerifiedAccessToken } from '../../../shared/auth/access-token.verifier';
import { SESSION_ENDED, SessionEndedException } from '../../../shared/auth/session-ended.exception';
import { AppUrl } from '../../../shared/config/app-url';
import type { HttpErrorBody } from '../../../shared/errors/http-error-body';
import { PinoLoggerService } from '../../../shared/observability/pino-logger.service';
import { UserEventFeedConnection } from './user-event-feed.connection';
import { USER_EVENT_FEED_QUERY } from './user-event-feed.messages';
import { UserEventFeedNotifications } from './user-event-feed.notifications';
import { UserEventFeedReader } from './user-event-feed.reader';

export const USER_EVENT_FEED_PATH = '/api/events';
const HEARTBEAT_INTERVAL_MS = 30_000;
/** Close codes in the 4000s are the application's: the client should log in again. */
export const TOKEN_EXPIRED_CLOSE_CODE = 4401;
/** The user was erased: there is no account to log in to again. */
export const USER_ERASED_CLOSE_CODE = 4410;
const GOING_AWAY_CLOSE_CODE = 1001;
const MAX_TIMER_MS = 2 ** 31 - 1;
/** The handshake's 400 for an `after` no message ever had. */
export const FEED_POSITION_BEYOND_END = 'FEED_POSITION_BEYOND_END';

/**
 * WebSocket push at /api/events on the app's own HTTP server. The handshake is refused with the
 * API's error shape unless it comes from an allowed origin (or none) and carries a valid access token; each socket then receives its user's
 * feed only.
 */
@Injectable()
export class UserEventFeedGateway implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  private readonly connections = new Set<UserEventFeedConnection>();
  private heartbeat: NodeJS.Timeout | undefined;
  private stopListening: (() => void)[] = [];
  private closing = false;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly verifier: AccessTokenVerifier,
    private readonly reader: UserEventFeedReader,
    private readonly notifications: UserEventFeedNotifications,
    private readonly logger: PinoLoggerService,
    private readonly appUrl: AppUrl,
  ) {}

  onModuleInit(): void {
    if (!this.servesHttp()) return;
    // Open sockets would keep the HTTP server from closing: they go first when shutdown drains it.
    this.adapterHost.httpAdapter.getInstance<FastifyInstance>().addHook('preClose', (done) => {
      this.closeAllSockets();
      done();
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.servesHttp()) return;
    this.adapterHost.httpAdapter.getHttpServer().on('upgrade', this.onUpgrade);
    this.stopListening = [
      this.notifications.onFeedGrew((userId) => this.wake(userId)),
      this.notifications.onFeedClosed((userId) => this.disconnect(userId)),
    ];
    this.heartbeat = setInterval(() => this.checkHeartbeats(), HEARTBEAT_INTERVAL_MS);
    this.heartbeat.unref();
    await this.notifications.start();
  }

  beforeApplicationShutdown(): void {
    if (!this.servesHttp()) return;
    this.closeAllSockets();
    this.adapterHost.httpAdapter.getHttpServer().off('upgrade', this.onUpgrade);
    this.stopListening.forEach((stop) => stop());
    clearInterval(this.heartbeat);
    this.server.close();
  }

  /** False in an application context without HTTP, such as the CLI. */
  private servesHttp(): boolean {
    return this.adapterHost.httpAdapter !== null && this.adapterHost.httpAdapter !== undefined;
  }

  // Clients reconnect (to another instance) with the last position they saw, so nothing is lost.
  private closeAllSockets(): void {
    this.closing = true;
    for (const connection of this.connections) connection.socket.close(GOING_AWAY_CLOSE_CODE, 'Server shutting down');
  }

  /** How many sockets this instance serves now. */
  get connectionCount(): number {
    return this.connections.size;
  }

  private readonly onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    // A client that goes away mid-handshake must not take the process with it.
    socket.on('error', () => socket.destroy());
    void this.handshake(request, socket, head).catch((error: unknown) => {
      this.logger.error({ msg: 'WebSocket handshake failed', err: error }, 'UserEventFeed');
      refuse(socket, HttpStatus.INTERNAL_SERVER_ERROR, 'INTERNAL_ERROR', 'Internal server error');
    });
  };

  private async handshake(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== USER_EVENT_FEED_PATH) return refuse(socket, HttpStatus.NOT_FOUND, 'NOT_FOUND', `No WebSocket at ${url.pathname}`);
    if (this.closing) return refuse(socket, HttpStatus.SERVICE_UNAVAILABLE, 'SHUTTING_DOWN', 'This instance is shutting down; reconnect');
    // Browsers send the cookie with a handshake from any page, and always say which page: only the
    // web app's origins may use it. Clients that send no Origin are not browsers and bring their own token.
    const origin = request.headers.origin;
    if (origin !== undefined && !this.appUrl.isAllowedOrigin(origin)) {
      return refuse(socket, HttpStatus.FORBIDDEN, 'ORIGIN_NOT_ALLOWED', `Origin ${origin} may not open the event feed`);
    }
    const query = USER_EVENT_FEED_QUERY.safeParse(Object.fromEntries(url.searchParams));
    if (!query.success) {
      return refuse(socket, HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', query.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
    }
    const token = extractHandshakeAccessToken(url, request.headers);
    if (token === undefined) return refuse(socket, HttpStatus.UNAUTHORIZED, 'UNAUTHORIZED', 'Missing access token');
    let verified: VerifiedAccessToken;
    try {
      verified = await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof SessionEndedException) return refuse(socket, HttpStatus.UNAUTHORIZED, SESSION_ENDED, 'The session of this access token has ended');
      if (!(error instanceof UnauthorizedException)) throw error;
      return refuse(socket, HttpStatus.UNAUTHORIZED, 'UNAUTHORIZED', 'Invalid or expired access token');
    }
    if (query.data.after !== undefined && (await this.isBeyondEndOfFeed(query.data.after))) {
      return refuse(socket, HttpStatus.BAD_REQUEST, FEED_POSITION_BEYOND_END, `after=${query.data.after} is beyond the end of the feed`);
    }
    const after = query.data.after ?? (await this.reader.lastPosition(verified.user.userId));
    this.server.handleUpgrade(request, socket, head, (webSocket) => this.connected(webSocket, verified, after));
  }

  // No feed position above the end was ever given out: such an `after` would wait silently forever.
  private async isBeyondEndOfFeed(after: number): Promise<boolean> {
    return after > (await this.reader.endOfFeed());
  }

  private connected(socket: WebSocket, { user, expiresAt }: VerifiedAccessToken, after: number): void {
    const connection = new UserEventFeedConnection(socket, user.userId, after, this.reader, (error) => {
      this.logger.warn({ msg: 'Cannot send the user event feed', err: error, userId: user.userId }, 'UserEventFeed');
      socket.terminate();
    });
    this.connections.add(connection);
    const expiry = expiresAt === null ? undefined : setTimeout(() => socket.close(TOKEN_EXPIRED_CLOSE_CODE, 'Access token expired'), Math.min(MAX_TIMER_MS, expiresAt.getTime() - Date.now()));
    socket.on('pong', () => (connection.isAlive = true));
    // The channel only pushes; whatever a client sends is ignored.
    socket.on('message', () => undefined);
    socket.on('error', () => socket.terminate());
    socket.on('close', () => {
      clearTimeout(expiry);
      this.connections.delete(connection);
    });
    connection.wake();
  }

  private wake(userId: string | null): void {
    for (const connection of this.connections) if (userId === null || connection.userId === userId) connection.wake();
  }

  private disconnect(userId: string): void {
    for (const connection of this.connections) if (connection.userId === userId) connection.socket.close(USER_ERASED_CLOSE_CODE, 'User erased');
  }

  private checkHeartbeats(): void {
    for (const connection of this.connections) {
      if (!connection.isAlive) {
        connection.socket.terminate();
        continue;
      }
      connection.isAlive = false;
      connection.socket.ping();
    }
  }
}

function refuse(socket: Duplex, status: HttpStatus, code: string, message: string): void {
  const body = JSON.stringify({ statusCode: status, code, message } satisfies HttpErrorBody);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
