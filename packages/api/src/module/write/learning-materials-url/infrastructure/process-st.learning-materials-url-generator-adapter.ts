import type { GeneratedLearningMaterials } from '../../../shared/commands/generate-learning-materials-url.command';
import type { LearningMaterialsUrlGenerator } from '../application/learning-materials-url-generator.port';
import { ProcessStFailed, ProcessStUnavailable } from './process-st.errors';

export type ProcessStClientConfig = Readonly<{ baseUrl: string; apiKey: string; workflowId: string; timeoutMs: number }>;

type ProcessStLink = Readonly<{ name?: unknown; href?: unknown; type?: unknown }>;

const HTTP_TOO_MANY_REQUESTS = 429;
const HTTP_SERVER_ERROR = 500;

/**
 * Starts a run of the learning materials workflow through the process.st public API
 * (`POST /workflow-runs {workflowId, name}` with the `X-API-KEY` header). The answer carries the run
 * `id` and `links`; the link that is not an API link opens the run in the process.st app.
 */
export class ProcessStLearningMaterialsUrlGenerator implements LearningMaterialsUrlGenerator {
  constructor(private readonly config: ProcessStClientConfig) {}

  async generateUrlFor(userFullName: string): Promise<GeneratedLearningMaterials> {
    const signal = AbortSignal.timeout(this.config.timeoutMs);
    const response = await this.startRun(userFullName, signal);
    if (response.status === HTTP_TOO_MANY_REQUESTS || response.status >= HTTP_SERVER_ERROR) {
      throw new ProcessStUnavailable(`HTTP ${response.status}`);
    }
    if (!response.ok) throw new ProcessStFailed(`HTTP ${response.status}`);
    return runOf(await this.bodyOf(response));
  }

  private async startRun(userFullName: string, signal: AbortSignal): Promise<Response> {
    try {
      return await fetch(`${this.config.baseUrl.replace(/\/+$/, '')}/workflow-runs`, {
        method: 'POST',
        headers: { 'X-API-KEY': this.config.apiKey, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ workflowId: this.config.workflowId, name: userFullName }),
        signal,
      });
    } catch (error) {
      throw new ProcessStUnavailable(describeFailure(error, this.config.timeoutMs));
    }
  }

  // The timeout covers the body too: a server that sends headers and then stalls is no better.
  private async bodyOf(response: Response): Promise<unknown> {
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw new ProcessStUnavailable(describeFailure(error, this.config.timeoutMs));
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new ProcessStFailed('the answer is not JSON');
    }
  }
}

function runOf(body: unknown): GeneratedLearningMaterials {
  if (typeof body !== 'object' || body === null) throw new ProcessStFailed('the answer is not a workflow run');
  const { id, links } = body as { id?: unknown; links?: unknown };
  if (typeof id !== 'string' || id === '') throw new ProcessStFailed('the workflow run has no id');
  const url = appLinkOf(Array.isArray(links) ? (links as ProcessStLink[]) : []);
  if (url === undefined) throw new ProcessStFailed('the workflow run has no link to open it');
  return { id, url };
}

function appLinkOf(links: readonly ProcessStLink[]): string | undefined {
  const appLink = links.find(
    (link) => typeof link.href === 'string' && /^https?:\/\//.test(link.href) && String(link.type).toLowerCase() !== 'api',
  );
  return appLink?.href as string | undefined;
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs} ms`;
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
  return `not reachable (${cause})`;
}
