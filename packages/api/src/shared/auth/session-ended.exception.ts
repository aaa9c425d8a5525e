import { UnauthorizedException } from '@nestjs/common';

export const SESSION_ENDED = 'SESSION_ENDED';

/** A well-signed token whose session ended (or that names none, minted before sessions existed). */
export class SessionEndedException extends UnauthorizedException {
  constructor() {
    super({ code: SESSION_ENDED, message: 'The session of this access token has ended; log in again' });
  }
}
