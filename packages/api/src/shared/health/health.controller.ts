import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { DATABASE_CONNECTION, type DatabaseConnection } from '../database/database-connection';
import { isDatabaseUp } from '../database/open-database-connection';
import { HealthStatusResponse } from './health-status.response';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(DATABASE_CONNECTION) private readonly database: DatabaseConnection) {}

  /** For people and dashboards: always answers, and says what is down. */
  @Get()
  @ApiOkResponse({ type: HealthStatusResponse })
  async status(): Promise<HealthStatusResponse> {
    const databaseUp = await isDatabaseUp(this.database);
    return { status: databaseUp ? 'ok' : 'degraded', database: databaseUp ? 'up' : 'down' };
  }

  /** For the orchestrator's liveness probe: the process serves HTTP, nothing more. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** For the readiness probe: 503 keeps traffic away while the database is unreachable. */
  @Get('ready')
  @ApiServiceUnavailableResponse({ description: 'The database is unreachable' })
  async ready(): Promise<{ status: 'ready' }> {
    if (!(await isDatabaseUp(this.database))) throw new ServiceUnavailableException('Database is unreachable');
    return { status: 'ready' };
  }
}
