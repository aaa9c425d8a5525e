import http from 'node:http';

export type HttpResponse = Readonly<{ status: number; body: string }>;

export type HttpRequest = Readonly<{ method: 'GET' | 'POST'; path: string; headers?: http.OutgoingHttpHeaders; body?: string }>;

/**
 * A small load generator's client: keep-alive connections, at most `connections` at once, the
 * whole body read. Requests beyond the limit queue in the agent, as in any pooled client.
 */
export class HttpClient {
  private readonly agent: http.Agent;
  private readonly origin: URL;

  constructor(baseUrl: string, connections: number) {
    this.origin = new URL(baseUrl);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  }

  request({ method, path, headers = {}, body }: HttpRequest): Promise<HttpResponse> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          agent: this.agent,
          host: this.origin.hostname,
          port: this.origin.port,
          method,
          path,
          headers: body === undefined ? headers : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
