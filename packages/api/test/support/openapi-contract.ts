import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** A real response that the OpenAPI document does not allow. */
export type ContractViolation = Readonly<{ method: string; path: string; status: number; problem: string }>;

/** One request and its response, as seen by the client. */
export type HttpExchange = Readonly<{ method: string; path: string; status: number; contentType: string | null; body: string }>;

type Schema = Record<string, unknown>;
type MediaType = { schema?: Schema };
type Response = { content?: Record<string, MediaType> };
type Operation = { responses?: Record<string, Response>; security?: Record<string, string[]>[] };
export type OpenApiDocument = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

type Route = Readonly<{ template: string; pattern: RegExp; parameterCount: number; operations: Record<string, Operation> }>;

/**
 * Checks real responses against an OpenAPI 3 document: the route and method are documented, the
 * status is documented for them, and a JSON body matches the documented schema. Objects may not
 * carry properties the document does not name, so a field added in code but not in the document
 * is drift too.
 */
export class OpenApiContract {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  private readonly routes: Route[];
  private readonly components: Schema;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(
    document: OpenApiDocument,
    /** Served outside the API contract (Swagger UI, metrics): not checked. */
    private readonly uncheckedPaths: readonly RegExp[] = [],
  ) {
    addFormats(this.ajv);
    this.components = closedObjects(document.components ?? {}) as Schema;
    this.routes = Object.entries(document.paths)
      .map(([template, operations]) => routeOf(template, operations))
      // A literal path (/users/me) wins over a templated one (/users/{id}).
      .sort((a, b) => a.parameterCount - b.parameterCount);
  }

  check(exchange: HttpExchange): ContractViolation[] {
    const { method, path, status } = exchange;
    if (this.uncheckedPaths.some((pattern) => pattern.test(path))) return [];
    const violation = (problem: string): ContractViolation[] => [{ method, path, status, problem }];
    const route = this.routes.find((candidate) => candidate.pattern.test(path));
    const operation = route?.operations[method.toLowerCase()];
    // The app answers 404 for routes it does not have; that is not drift.
    if (!route || !operation) return status === 404 ? [] : violation('route and method are not documented');

    const responses = operation.responses ?? {};
    const response = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
    if (!response) return violation(`status ${status} is not documented for ${method} ${route.template}`);
    if (exchange.body === '' || method === 'HEAD') return [];

    const mediaType = (exchange.contentType ?? '').split(';')[0].trim().toLowerCase();
    const documented = response.content?.[mediaType] ?? response.content?.['*/*'];
    if (!documented) return violation(`a ${mediaType || 'untyped'} body is not documented for status ${status} of ${method} ${route.template}`);
    if (!documented.schema || !mediaType.endsWith('json')) return [];

    const validate = this.validatorFor(`${method} ${route.template} ${status} ${mediaType}`, documented.schema);
    let body: unknown;
    try {
      body = JSON.parse(exchange.body);
    } catch {
      return violation('the body is not valid JSON');
    }
    if (validate(body)) return [];
    return violation(`the body does not match the documented schema: ${this.ajv.errorsText(validate.errors)}`);
  }

  private validatorFor(key: string, schema: Schema): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      // Component references (#/components/...) resolve against this root.
      validate = this.ajv.compile({ components: this.components, allOf: [closedObjects(schema)] });
      this.validators.set(key, validate);
    }
    return validate;
  }
}

function routeOf(template: string, operations: Record<string, Operation>): Route {
  const parameterCount = (template.match(/\{[^}]+\}/g) ?? []).length;
  const source = template
    .split(/\{[^}]+\}/)
    .map((literal) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return { template, pattern: new RegExp(`^${source}/?$`), parameterCount, operations };
}

/** A deep copy in which every object schema that lists its properties allows no others. */
function closedObjects(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(closedObjects);
  if (typeof value !== 'object' || value === null) return value;
  const copy = Object.fromEntries(Object.entries(value).map(([key, child]) => [key, closedObjects(child)]));
  const combinesSeveral = ['allOf', 'anyOf', 'oneOf'].some((keyword) => Array.isArray(copy[keyword]) && (copy[keyword] as unknown[]).length > 1);
  if (typeof copy.properties === 'object' && copy.additionalProperties === undefined && !combinesSeveral) copy.additionalProperties = false;
  return copy;
}
