import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { READ_MODEL_DATABASE } from '../database/read-model-database';
import { JWT_SIGNING_SECRET, resolveJwtSigningSecret } from './jwt-signing-secret';

/**
 * Resolved once per process, after the database is migrated (the secret may live in it). The
 * database is optional so specs of auth alone, with JWT_SECRET set, need none.
 */
@Module({
  providers: [
    {
      provide: JWT_SIGNING_SECRET,
      inject: [AppConfig, { token: READ_MODEL_DATABASE, optional: true }],
      useFactory: resolveJwtSigningSecret,
    },
  ],
  exports: [JWT_SIGNING_SECRET],
})
export class JwtSigningSecretModule {}
