import { createHash } from 'node:crypto';
import { HttpException, HttpStatus, Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { SqlClient } from '@coderscamp/event-sourcing/postgres';
import type { FastifyReply } from 'fastify';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { SQL_CLIENT } from '../database/database-connection';
import { type RateLimitPolicy, type RateLimitState, rateLimitHeaders, secondsUntil } from './rate-limit-policy';

const TABLE = 'rate_limits';
const CLEAN_UP_EVERY_MS = 5 * 60 * 1000;
const KEEP_EXPIRED_FOR_MS = 60 * 60 * 1000;

type StoreQuery = Readonly<{ name?: string; text: string; values?: readonly unknown[] }>;

/**
 * The store speaks to a `pg` client with `query({name, text, values})`; PGlite's `query` takes
 * `(text, values)` instead, so both are reached through the app's `SqlClient`, which already
 * speaks to either (and prepares the library's named statements on `pg`).
 */
function storeClientOver(sqlClient: SqlClient) {
  return {
    query: (query: StoreQuery) => sqlClient.query(query.text, query.values, query.name ? { preparedAs: query.name } : undefined),
  };
}

/**
 * The subject's SHA-256 (hex): subjects may hold an email address, and a counter's key must not
 * keep one in the database after its owner's erasure. The same subject still finds its counter.
 */
function counterKey(subject: string): string {
  return createHash('sha256').update(subject).digest('hex');
}

/**
 * Rate limits counted in PostgreSQL, so every instance behind a load balancer counts against the
 * same limit. Controllers call it with a policy and a subject; a refusal is thrown as 429 with
 * the policy's code and `Retry-After`, and every answer carries the RateLimit-* headers.
 */
@Injectable()
export class RateLimits implements OnApplicationShutdown {
  private readonly logger = new Logger(RateLimits.name);
  private readonly limiters = new Map<string, RateLimiterPostgres>();
  private readonly storeClient: ReturnType<typeof storeClientOver>;
  private readonly cleanUp: NodeJS.Timeout;

  constructor(@Inject(SQL_CLIENT) private readonly sqlClient: SqlClient) {
    this.storeClient = storeClientOver(sqlClient);
    this.cleanUp = setInterval(() => void this.deleteExpired(), CLEAN_UP_EVERY_MS).unref();
  }

  /** Counts one action; refuses it (429) once the policy's limit is exceeded. */
  async consume(policy: RateLimitPolicy, subject: string, reply: FastifyReply): Promise<void> {
    try {
      const result = await this.limiterFor(policy).consume(counterKey(subject));
      this.tell(reply, policy, result);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      this.tell(reply, policy, rejection);
      void reply.header('Retry-After', String(secondsUntil(rejection.msBeforeNext)));
      throw new HttpException({ code: policy.code, message: policy.message }, HttpStatus.TOO_MANY_REQUESTS);
    }
  }

  /** Takes back one counted action, e.g. a login attempt whose password turned out right. */
  async giveBack(policy: RateLimitPolicy, subject: string): Promise<void> {
    await this.limiterFor(policy).reward(counterKey(subject), 1);
  }

  /** Forgets everything counted for the subject, e.g. after a successful login. */
  async reset(policy: RateLimitPolicy, subject: string, reply: FastifyReply): Promise<void> {
    await this.limiterFor(policy).delete(counterKey(subject));
    void reply.headers(rateLimitHeaders({ limit: policy.limit, remaining: policy.limit, resetSeconds: 0 }));
  }

  onApplicationShutdown(): void {
    clearInterval(this.cleanUp);
  }

  private tell(reply: FastifyReply, policy: RateLimitPolicy, result: RateLimiterRes): void {
    const state: RateLimitState = { limit: policy.limit, remaining: result.remainingPoints, resetSeconds: secondsUntil(result.msBeforeNext) };
    void reply.headers(rateLimitHeaders(state));
  }

  private limiterFor(policy: RateLimitPolicy): RateLimiterPostgres {
    let limiter = this.limiters.get(policy.name);
    if (limiter === undefined) {
      limiter = new RateLimiterPostgres({
        storeClient: this.storeClient,
        storeType: 'client',
        tableName: TABLE,
        // The table comes with the read-model migrations, so no instance creates it at run time.
        tableCreated: true,
        clearExpiredByTimeout: false,
        keyPrefix: policy.name,
        points: policy.limit,
        duration: policy.windowSeconds,
      });
      this.limiters.set(policy.name, limiter);
    }
    return limiter;
  }

  private async deleteExpired(): Promise<void> {
    try {
      await this.sqlClient.query(`DELETE FROM ${TABLE} WHERE expire < $1`, [Date.now() - KEEP_EXPIRED_FOR_MS]);
    } catch (error) {
      this.logger.warn({ msg: 'Deleting expired rate-limit counters failed', err: error });
    }
  }
}
