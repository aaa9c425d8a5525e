import { createSecretKey } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';
import { AccessTokenIssuer } from './access-token.issuer';
import { AccessTokenVerifier } from './access-token.verifier';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JWT_SIGNING_SECRET, type JwtSigningSecret } from './jwt-signing-secret';
import { JwtSigningSecretModule } from './jwt-signing-secret.module';
import { RoleLookup } from './role-lookup';
import { RolesGuard } from './roles.guard';
import { SessionLookup } from './session-lookup';

const ALGORITHM = 'HS256';

/** Global so any slice can guard its routes without importing it. */
@Global()
@Module({
  imports: [
    JwtSigningSecretModule,
    JwtModule.registerAsync({
      imports: [JwtSigningSecretModule],
      inject: [AppConfig, JWT_SIGNING_SECRET],
      useFactory: (config: AppConfig, signingSecret: JwtSigningSecret) => ({
        // A key object, made once: given the string, the JWT library first tries to read it as a
        // public key on every call, and that failed attempt cost more than the rest of a verification.
        secret: createSecretKey(Buffer.from(signingSecret.value, 'utf8')),
        signOptions: { algorithm: ALGORITHM, expiresIn: config.jwt.expiresInSeconds },
        // Pinned so a token cannot choose its own algorithm (alg: none, or RS/HS confusion).
        verifyOptions: { algorithms: [ALGORITHM] },
      }),
    }),
  ],
  providers: [AccessTokenIssuer, AccessTokenVerifier, JwtAuthGuard, RolesGuard, SessionLookup, RoleLookup],
  exports: [JwtModule, JwtSigningSecretModule, AccessTokenIssuer, AccessTokenVerifier, JwtAuthGuard, RolesGuard, SessionLookup, RoleLookup],
})
export class AuthModule {}
