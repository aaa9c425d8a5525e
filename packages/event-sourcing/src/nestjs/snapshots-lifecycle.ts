import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { ApplicationService } from '../application/application-service';
import { APPLICATION_SERVICE } from './tokens';

/**
 * Lets the snapshots being saved in the background finish before shutdown goes on to close the
 * database connections (in `onApplicationShutdown`): a save cut short would only cost the next start
 * a longer read, but it would also log a failure for what was an orderly stop.
 */
@Injectable()
export class SnapshotsLifecycle implements BeforeApplicationShutdown {
  constructor(@Inject(APPLICATION_SERVICE) private readonly applicationService: ApplicationService) {}

  async beforeApplicationShutdown(): Promise<void> {
    await this.applicationService.snapshotsSaved();
  }
}
