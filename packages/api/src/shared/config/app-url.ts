import { Injectable } from '@nestjs/common';
import { AppConfig } from './app-config';

/**
 * The web app's public URL and the origins browsers may call from. Without APP_URL it is
 * `http://localhost:<port>`, and with PORT=0 that port is known only once the server listens:
 * links generated before then (a backlog of mails at start-up) wait for it rather than point at
 * a port nobody listens on.
 */
@Injectable()
export class AppUrl {
  private boundUrl: string | undefined;
  private readonly bound: Promise<string>;
  private settle: (url: string) => void = () => undefined;

  constructor(private readonly config: AppConfig) {
    this.bound = this.waitsForPort() ? new Promise((resolve) => (this.settle = resolve)) : Promise.resolve(config.http.appUrl);
  }

  /** Called once the server listens, with the port it got. */
  listeningOn(port: number): void {
    if (!this.waitsForPort()) return;
    this.boundUrl = `http://localhost:${port}`;
    this.settle(this.boundUrl);
  }

  /** The URL to put in links. */
  resolve(): Promise<string> {
    return this.bound;
  }

  /** The URL now: before the server listens with PORT=0 it still names port 0. */
  current(): string {
    return this.boundUrl ?? this.config.http.appUrl;
  }

  /** The web app's origin plus CORS_ORIGINS: where credentialed browser requests may come from. */
  allowedOrigins(): readonly string[] {
    return [new URL(this.current()).origin, ...this.config.http.corsOrigins];
  }

  isAllowedOrigin(origin: string): boolean {
    return this.allowedOrigins().includes(origin);
  }

  private waitsForPort(): boolean {
    return this.config.http.appUrlFollowsPort && this.config.http.port === 0;
  }
}
