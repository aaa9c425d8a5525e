import { Body, Controller, ForbiddenException, Get, NotFoundException, Param, Post, UnauthorizedException } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { ConcurrencyError, EventStoreUnavailableError } from '@coderscamp/event-sourcing';
import { IsEmail, IsString, MinLength } from 'class-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainRuleViolation, type RuleViolationKind } from '../../module/shared/errors/domain-rule-violation';
import type { RuleCode } from '../../module/shared/errors/rule-codes';
import { ErrorsModule } from './errors.module';
import { registerJsonBodyParser } from './json-body.parser';

class CourseIsFull extends DomainRuleViolation {
  // A stand-in rule of this test only, so outside the registry.
  readonly code = 'COURSE_IS_FULL' as RuleCode;
  constructor(readonly kind: RuleViolationKind) {
    super('The course has no free seats');
  }
}

class EnrolRequest {
  @IsEmail()
  email!: string;

  @IsString()
  @MinLength(3)
  name!: string;
}

const failures: Record<string, () => unknown> = {
  conflict: () => new CourseIsFull('conflict'),
  'not-found': () => new CourseIsFull('not-found'),
  invalid: () => new CourseIsFull('invalid'),
  forbidden: () => new CourseIsFull('forbidden'),
  gone: () => new CourseIsFull('gone'),
  concurrency: () => new ConcurrencyError('Course_1', '3', 4),
  unavailable: () => new EventStoreUnavailableError('connection refused to 10.0.0.7'),
  'http-not-found': () => new NotFoundException('No such course'),
  'http-forbidden': () => new ForbiddenException(),
  'http-with-code': () => new UnauthorizedException({ code: 'INVALID_CREDENTIALS', message: 'Wrong email or password' }),
  unknown: () => new TypeError('secret internals: password=hunter2'),
  'database-down': () => Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:5432'), { code: 'ECONNREFUSED' }),
  'database-down-wrapped': () => new Error('Failed query: select * from user_profiles', { cause: new Error('Connection terminated unexpectedly') }),
};

@Controller('test')
class FailingController {
  @Get(':failure')
  fail(@Param('failure') failure: string): never {
    throw failures[failure]!();
  }

  @Post('enrol')
  enrol(@Body() request: EnrolRequest): EnrolRequest {
    return request;
  }
}

describe('HTTP errors', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ErrorsModule], controllers: [FailingController] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter({ bodyLimit: 1024 }), {
      logger: false,
      bodyParser: false,
    });
    registerJsonBodyParser(app.getHttpAdapter().getInstance());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.close();
  });

  async function failWith(failure: string) {
    const response = await app.inject({ method: 'GET', url: `/test/${failure}` });
    return { status: response.statusCode, body: response.json() };
  }

  it.each([
    ['conflict', 409],
    ['not-found', 404],
    ['invalid', 400],
    ['forbidden', 403],
    ['gone', 410],
  ])('given a %s rule violation, then answers %i with its code and message', async (kind, status) => {
    expect(await failWith(kind)).toEqual({
      status,
      body: { statusCode: status, code: 'COURSE_IS_FULL', message: 'The course has no free seats' },
    });
  });

  it('given a concurrency conflict, then answers 409 CONCURRENCY_CONFLICT', async () => {
    expect(await failWith('concurrency')).toMatchObject({ status: 409, body: { code: 'CONCURRENCY_CONFLICT' } });
  });

  it('given the event store is unavailable, then answers 503 without the driver details', async () => {
    const { status, body } = await failWith('unavailable');

    expect(status).toBe(503);
    expect(body.code).toBe('EVENT_STORE_UNAVAILABLE');
    expect(JSON.stringify(body)).not.toContain('10.0.0.7');
  });

  it.each(['database-down', 'database-down-wrapped'])('given a read that cannot reach the database (%s), then answers 503 DATABASE_UNAVAILABLE', async (failure) => {
    const { status, body } = await failWith(failure);
    expect(status).toBe(503);
    expect(body.code).toBe('DATABASE_UNAVAILABLE');
    expect(JSON.stringify(body)).not.toContain('10.0.0.7');
  });

  it('given Nest HTTP exceptions, then keeps their status and names the code after it', async () => {
    expect(await failWith('http-not-found')).toEqual({
      status: 404,
      body: { statusCode: 404, code: 'NOT_FOUND', message: 'No such course' },
    });
    expect(await failWith('http-forbidden')).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
  });

  it('given a Nest HTTP exception naming its own code, then answers with that code', async () => {
    expect(await failWith('http-with-code')).toEqual({
      status: 401,
      body: { statusCode: 401, code: 'INVALID_CREDENTIALS', message: 'Wrong email or password' },
    });
  });

  it('given an unexpected error, then answers 500 INTERNAL_ERROR without leaking its details', async () => {
    expect(await failWith('unknown')).toEqual({
      status: 500,
      body: { statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal server error' },
    });
  });

  it('given an unknown route, then answers 404 NOT_FOUND', async () => {
    const response = await app.inject({ method: 'DELETE', url: '/nowhere' });

    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  describe('request bodies', () => {
    const post = (payload: string, headers: Record<string, string> = {}) =>
      app.inject({
        method: 'POST',
        url: '/test/enrol',
        payload,
        headers: { 'content-type': 'application/json', ...headers },
      });

    it('given a valid body, then passes it to the controller', async () => {
      const response = await post(JSON.stringify({ email: 'ada@example.com', name: 'Ada' }));

      expect(response.statusCode).toBe(201);
    });

    it('given invalid fields, then answers 400 VALIDATION_FAILED listing each problem', async () => {
      const response = await post(JSON.stringify({ email: 'not-an-email', name: 'A' }));

      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'Request validation failed',
        details: ['email must be an email', 'name must be longer than or equal to 3 characters'],
      });
    });

    it('given a property the DTO does not declare, then rejects it instead of dropping it', async () => {
      const response = await post(JSON.stringify({ email: 'ada@example.com', name: 'Ada', role: 'admin' }));

      expect(response.statusCode).toBe(400);
      expect(response.json().details).toEqual(['property role should not exist']);
    });

    it('given malformed JSON, then answers 400 MALFORMED_JSON', async () => {
      const response = await post('{"email": ');

      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'MALFORMED_JSON' });
    });

    it('given a prototype-poisoning body, then answers 400 MALFORMED_JSON', async () => {
      const response = await post('{"__proto__": {"isAdmin": true}}');

      expect(response.json()).toMatchObject({ statusCode: 400, code: 'MALFORMED_JSON' });
    });

    it('given a body nested deeper than any request needs, then answers 400 MALFORMED_JSON instead of recursing into it', async () => {
      const response = await post('['.repeat(400) + ']'.repeat(400));
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'MALFORMED_JSON' });
    });

    it.each([
      ['a value', '{"email": "ada@example.com", "name": "Ada\\u0000"}'],
      ['a key', '{"email": "ada@example.com", "name": "Ada", "x\\u0000": 1}'],
    ])('given the NUL character in %s, which PostgreSQL cannot store, then answers 400 MALFORMED_JSON', async (_where, body) => {
      const response = await post(body);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'MALFORMED_JSON', message: 'Request body contains the NUL character' });
    });

    it('given an escaped backslash before "u0000", then it is ordinary text', async () => {
      const response = await post('{"email": "ada@example.com", "name": "Ada\\\\u0000"}');
      expect(response.statusCode).toBe(201);
    });

    it.each([
      ['text/plain', { 'content-type': 'text/plain' }],
      ['application/x-www-form-urlencoded', { 'content-type': 'application/x-www-form-urlencoded' }],
    ])('given a %s body where JSON is required, then answers 415 UNSUPPORTED_MEDIA_TYPE instead of validating it', async (_type, headers) => {
      const response = await post('email=ada@example.com&name=Ada', headers);

      expect(response.statusCode).toBe(415);
      expect(response.json()).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    });

    it('given a body over the limit, then answers 413 PAYLOAD_TOO_LARGE', async () => {
      const response = await post(JSON.stringify({ email: 'ada@example.com', name: 'A'.repeat(2048) }));

      expect(response.statusCode).toBe(413);
      expect(response.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    });
  });
});
