import { beforeAll, describe, expect, it } from 'vitest';
import { OpenApiContract, type HttpExchange, type OpenApiDocument } from './support/openapi-contract';
import { testAppPerFile } from './support/test-app';

/** A tiny stand-alone document, so the checker itself is shown to catch each kind of drift. */
const THROWAWAY_DOCUMENT: OpenApiDocument = {
  paths: {
    '/api/things/{id}': {
      get: {
        responses: {
          '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
          '404': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        },
      },
    },
    '/api/things/latest': { get: { responses: { '204': {} } } },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        required: ['id', 'createdAt'],
        properties: { id: { type: 'string', format: 'uuid' }, createdAt: { type: 'string', format: 'date-time' }, note: { type: 'string', nullable: true } },
      },
      Error: { type: 'object', required: ['statusCode', 'code', 'message'], properties: { statusCode: { type: 'integer' }, code: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

const THING_ID = '4b0b7c43-0c3a-4b8e-9f5e-2b1d7f0c9a11';
const json = (value: unknown) => JSON.stringify(value);
const exchange = (overrides: Partial<HttpExchange>): HttpExchange => ({
  method: 'GET',
  path: `/api/things/${THING_ID}`,
  status: 200,
  contentType: 'application/json; charset=utf-8',
  body: json({ id: THING_ID, createdAt: '2024-05-01T10:00:00.000Z', note: null }),
  ...overrides,
});

describe('OpenAPI contract checker', () => {
  const contract = new OpenApiContract(THROWAWAY_DOCUMENT, [/^\/metrics$/]);
  const problemsOf = (overrides: Partial<HttpExchange>) => contract.check(exchange(overrides)).map(({ problem }) => problem);

  it('given a response that matches the document, then reports nothing', () => {
    expect(problemsOf({})).toEqual([]);
  });

  it.each([
    ['a field of the wrong type', { id: 42, createdAt: '2024-05-01T10:00:00.000Z' }, /must be string/],
    ['a field in the wrong format', { id: 'not-a-uuid', createdAt: '2024-05-01T10:00:00.000Z' }, /must match format "uuid"/],
    ['a required field missing', { id: THING_ID }, /must have required property 'createdAt'/],
    ['a field the document does not name', { id: THING_ID, createdAt: '2024-05-01T10:00:00.000Z', secret: 'x' }, /must NOT have additional properties/],
  ])('given a body with %s, then reports the drift', (_case, body, problem) => {
    expect(problemsOf({ body: json(body) })).toEqual([expect.stringMatching(problem)]);
  });

  it('given a status the route does not document, then reports it', () => {
    expect(problemsOf({ status: 409, body: json({ statusCode: 409, code: 'X', message: 'x' }) })).toEqual([
      'status 409 is not documented for GET /api/things/{id}',
    ]);
  });

  it('given an error body that is not the error shape, then reports it', () => {
    expect(problemsOf({ status: 404, body: json({ error: 'Not Found' }) })).toEqual([expect.stringMatching(/required property 'statusCode'/)]);
  });

  it('given a body where the document promises none, or a media type it does not list, then reports it', () => {
    expect(problemsOf({ path: '/api/things/latest', status: 204, body: json({ id: THING_ID }) })).toHaveLength(1);
    expect(problemsOf({ contentType: 'text/html', body: '<p>thing</p>' })).toEqual([expect.stringMatching(/text\/html body is not documented/)]);
  });

  it('given a literal path next to a templated one, then checks it against the literal route', () => {
    expect(problemsOf({ path: '/api/things/latest', status: 204, body: '' })).toEqual([]);
  });

  it('given a route or method the document does not have, then reports a success but accepts a 404', () => {
    expect(problemsOf({ path: '/api/other', body: '{}' })).toEqual(['route and method are not documented']);
    expect(problemsOf({ method: 'DELETE', body: '{}' })).toEqual(['route and method are not documented']);
    expect(problemsOf({ path: '/api/other', status: 404, body: json({ statusCode: 404, code: 'NOT_FOUND', message: 'x' }) })).toEqual([]);
  });

  it('given a path outside the contract, then does not check it', () => {
    expect(problemsOf({ path: '/metrics', contentType: 'text/plain', body: 'up 1' })).toEqual([]);
  });
});

describe('the generated OpenAPI document', () => {
  const app = testAppPerFile();
  let document: OpenApiDocument & { components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> } };

  beforeAll(async () => {
    document = (await (await app.http('/api/docs-json')).json()) as typeof document;
  });

  it('given the document, then it offers bearer and cookie authentication, and defines every scheme an operation names', () => {
    expect(document.components.securitySchemes).toMatchObject({
      bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      cookie: { type: 'apiKey', in: 'cookie', name: 'access_token' },
    });
    const named = Object.values(document.paths).flatMap((methods) =>
      Object.values(methods).flatMap((operation) => (operation.security ?? []).flatMap((requirement) => Object.keys(requirement))),
    );
    expect(named.filter((scheme) => !(scheme in document.components.securitySchemes!))).toEqual([]);
  });

  it('given the document, then the error shape is a schema with statusCode, code and message required', () => {
    expect(document.components.schemas.HttpErrorResponse).toMatchObject({
      type: 'object',
      required: ['statusCode', 'code', 'message'],
      properties: { statusCode: { type: 'integer' }, code: { type: 'string' }, message: { type: 'string' }, details: { type: 'array' } },
    });
  });

  it('given every operation, then each error status answers the error shape and failures are documented', () => {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })));
    expect(operations.length).toBeGreaterThan(0);
    for (const { operation } of operations) {
      const responses = operation.responses ?? {};
      expect(Object.keys(responses)).toEqual(expect.arrayContaining(['500', '503']));
      for (const [status, response] of Object.entries(responses)) {
        if (Number(status) < 400) continue;
        expect(response.content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/HttpErrorResponse' });
      }
    }
  });

  it('given requests to the running app, then every real response matched the document', async () => {
    await app.http('/api/health');
    await app.http('/api/health/live');
    await app.http('/api/health/ready');
    await app.http('/api/no-such-thing');

    expect(app.contractViolations()).toEqual([]);
  });
});
