import type { HttpDriver } from './http-driver';

export type OpenApiParameter = Readonly<{ name: string; in: 'path' | 'query' | 'header' | 'cookie'; required?: boolean; schema?: JsonSchema }>;
export type JsonSchema = Readonly<{
  type?: string;
  format?: string;
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
  items?: JsonSchema;
  enum?: readonly unknown[];
  $ref?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}>;
export type OpenApiOperation = Readonly<{
  parameters?: readonly OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  security?: readonly Record<string, unknown>[];
}>;
export type OpenApiDocument = Readonly<{
  paths: Readonly<Record<string, Readonly<Record<string, OpenApiOperation>>>>;
  components?: { schemas?: Readonly<Record<string, JsonSchema>> };
}>;

export type Endpoint = Readonly<{
  method: string;
  /** OpenAPI template, e.g. /api/courses/{id}. */
  path: string;
  operation: OpenApiOperation;
  bodySchema: JsonSchema | undefined;
  requiresAuth: boolean;
}>;

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** The app describes itself at /api/docs-json; scenarios use it to see which endpoints have landed. */
export async function fetchApiSurface(http: HttpDriver): Promise<ApiSurface> {
  const outcome = await http.send('/api/docs-json');
  if (outcome.kind !== 'answer' || outcome.status !== 200) throw new Error('The app serves no OpenAPI document at /api/docs-json');
  return new ApiSurface(outcome.body as OpenApiDocument);
}

export class ApiSurface {
  readonly endpoints: Endpoint[];

  constructor(readonly document: OpenApiDocument) {
    this.endpoints = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([method]) => HTTP_METHODS.includes(method))
        .map(([method, operation]) => ({
          method: method.toUpperCase(),
          path,
          operation,
          bodySchema: this.resolve(operation.requestBody?.content?.['application/json']?.schema),
          requiresAuth: (operation.security ?? []).length > 0,
        })),
    );
  }

  has(method: string, path: string): boolean {
    return this.endpoints.some((endpoint) => endpoint.method === method && endpoint.path === path);
  }

  /** The endpoints of `required` that are not there yet, as "METHOD path". */
  missing(required: readonly (readonly [string, string])[]): string[] {
    return required.filter(([method, path]) => !this.has(method, path)).map(([method, path]) => `${method} ${path}`);
  }

  resolve(schema: JsonSchema | undefined): JsonSchema | undefined {
    if (!schema?.$ref) return schema;
    const name = schema.$ref.split('/').pop()!;
    return this.document.components?.schemas?.[name];
  }
}
