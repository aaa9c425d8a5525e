import { createSecretKey } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';
import { AccessTokenIssuer } from './access-token.issuer';
import { AccessTokenVerifier } from './access-token.verifier';
import { JwtAuthGuard } from './jwt-auth.guard';
import { RoleLookup } from './role-lookup';
import { RolesGuard } from './roles.guard';
import { SessionLookup } from './session-lookup';

const ALGORITHM = 'HS256';

/** Global so any slice can guard its routes without importing it. */
@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // A key object, made once: given the string, the JWT library first tries to read it as a
        // public key on every call, and that failed attempt cost more than the rest of a verification.
        secret: createSecretKey(Buffer.from(config.jwt.secret, 'utf8')),
        signOptions: { algorithm: ALGORITHM, expiresIn: config.jwt.expiresInSeconds },
        // Pinned so a token cannot choose its own algorithm (alg: none, or RS/HS confusion).
        verifyOptions: { algorithms: [ALGORITHM] },
      }),
    }),
  ],
  providers: [AccessTokenIssuer, AccessTokenVerifier, JwtAuthGuard, RolesGuard, SessionLookup, RoleLookup],
  exports: [JwtModule, AccessTokenIssuer, AccessTokenVerifier, JwtAuthGuard, RolesGuard, SessionLookup, RoleLookup],
})
export class AuthModule {}
