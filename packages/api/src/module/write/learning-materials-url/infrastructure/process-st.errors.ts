import { BadGatewayException, ServiceUnavailableException } from '@nestjs/common';

/** process.st answered, but not with a run we can use (refused key or workflow, unexpected body). */
export class ProcessStFailed extends BadGatewayException {
  constructor(detail: string) {
    super({ code: 'PROCESS_ST_FAILED', message: `process.st could not start the learning materials: ${detail}` });
  }
}

/** process.st did not answer in time, could not be reached, or said it is overloaded; retrying later may work. */
export class ProcessStUnavailable extends ServiceUnavailableException {
  constructor(detail: string) {
    super({ code: 'PROCESS_ST_UNAVAILABLE', message: `process.st is unavailable: ${detail}` });
  }
}
