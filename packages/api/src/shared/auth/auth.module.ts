import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';
import { AccessTokenIssuer } from './access-token.issuer';
import { JwtAuthGuard } from './jwt-auth.guard';
import { RolesGuard } from './roles.guard';

const ALGORITHM = 'HS256';

/** Global so any slice can guard its routes without importing it. */
@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: config.jwt.secret,
        signOptions: { algorithm: ALGORITHM, expiresIn: config.jwt.expiresInSeconds },
        // Pinned so a token cannot choose its own algorithm (alg: none, or RS/HS confusion).
        verifyOptions: { algorithms: [ALGORITHM] },
      }),
    }),
  ],
  providers: [AccessTokenIssuer, JwtAuthGuard, RolesGuard],
  exports: [JwtModule, AccessTokenIssuer, JwtAuthGuard, RolesGuard],
})
export class AuthModule {}
