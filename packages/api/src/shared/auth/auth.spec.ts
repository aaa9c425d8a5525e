import fastifyCookie from '@fastify/cookie';
import { Controller, Get, UseGuards } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigModule } from '../config/config.module';
import { loadAppConfig } from '../config/load-app-config';
import { ErrorsModule } from '../errors/errors.module';
import { ACCESS_TOKEN_COOKIE } from './access-token';
import { AccessTokenIssuer } from './access-token.issuer';
import { AuthModule } from './auth.module';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JwtUserId } from './jwt-user-id.decorator';
import { Roles } from './roles.decorator';
import { RoleLookup } from './role-lookup';
import { RolesGuard } from './roles.guard';
import { SessionLookup } from './session-lookup';
import type { UserRole } from './user-role';

const SECRET = 'test-secret-that-is-long-enough-for-hs256';
const USER_ID = '2f1c3b7e-8a44-4c61-9d0e-5b3f1a6c7d89';
const ADMIN_ID = '7c0d2a51-3e9f-4b8a-a1d4-6f2e9c3b5a17';
const SESSION_ID = 'b3a1f0c2-5d4e-4f6a-8b7c-9d0e1f2a3b4c';
const ENDED_SESSION_ID = 'e1d2c3b4-a5f6-4789-8a0b-1c2d3e4f5a6b';

/**
 * The read models the token check consults, as plain data: these tests are about what a token
 * must be; sessions and roles against PostgreSQL are tested end to end (test/sessions.e2e-spec.ts).
 */
const openSessions = new Set([SESSION_ID]);
const accountRoles = new Map<string, UserRole>([
  [USER_ID, 'user'],
  [ADMIN_ID, 'admin'],
]);

@Controller()
@UseGuards(JwtAuthGuard, RolesGuard)
class ProtectedController {
  @Get('me')
  me(@JwtUserId() userId: string) {
    return { userId };
  }

  @Get('admin-area')
  @Roles('admin')
  adminArea() {
    return { welcome: true };
  }
}

const base64Url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('JWT authentication', () => {
  let app: NestFastifyApplication;
  let issuer: AccessTokenIssuer;
  let jwt: JwtService;

  beforeAll(async () => {
    const config = loadAppConfig({ JWT_SECRET: SECRET, JWT_EXPIRES_IN_SECONDS: '60' });
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(config), ErrorsModule, AuthModule],
      controllers: [ProtectedController],
    })
      .overrideProvider(SessionLookup)
      .useValue({ isOpen: async (sessionId: string) => openSessions.has(sessionId) })
      .overrideProvider(RoleLookup)
      .useValue({ roleOf: async (userId: string) => accountRoles.get(userId) })
      .compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
    await app.register(fastifyCookie);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    issuer = app.get(AccessTokenIssuer);
    jwt = app.get(JwtService);
  });

  afterAll(async () => {
    await app.close();
  });

  const get = (url: string, token?: string) =>
    app.inject({ method: 'GET', url, headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });

  const expectUnauthorized = async (token: string | undefined) => {
    const response = await get('/me', token);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
  };

  it('given an issued token as a Bearer header, then identifies the user', async () => {
    const { accessToken } = await issuer.issue(USER_ID, 'user', SESSION_ID);

    const response = await get('/me', accessToken);

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ userId: USER_ID });
  });

  it('given an issued token in the access_token cookie, then identifies the user', async () => {
    const { accessToken } = await issuer.issue(USER_ID, 'user', SESSION_ID);

    const response = await app.inject({ method: 'GET', url: '/me', cookies: { [ACCESS_TOKEN_COOKIE]: accessToken } });

    expect(response.json()).toEqual({ userId: USER_ID });
  });

  it('given an issued token, then it is HS256 with the user id, role and configured lifetime', async () => {
    const issued = await issuer.issue(USER_ID, 'admin', SESSION_ID);
    const [header, payload] = issued.accessToken.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));

    expect(issued.expiresInSeconds).toBe(60);
    expect(header).toMatchObject({ alg: 'HS256' });
    expect(payload).toMatchObject({ sub: USER_ID, role: 'admin', sid: SESSION_ID });
    expect(payload.exp - payload.iat).toBe(60);
  });

  it('given no token, then answers 401 UNAUTHORIZED', async () => {
    await expectUnauthorized(undefined);
  });

  it('given an expired token, then answers 401', async () => {
    const expired = jwt.sign({ sub: USER_ID, role: 'user', sid: SESSION_ID }, { expiresIn: -10 });

    await expectUnauthorized(expired);
  });

  it('given a token signed with another secret, then answers 401', async () => {
    await expectUnauthorized(jwt.sign({ sub: USER_ID, role: 'user', sid: SESSION_ID }, { secret: 'another-secret-of-sufficient-length!!' }));
  });

  it('given a token whose payload was tampered with, then answers 401', async () => {
    const [header, , signature] = (await issuer.issue(USER_ID, 'user', SESSION_ID)).accessToken.split('.');
    const forgedPayload = base64Url({ sub: USER_ID, role: 'admin', sid: SESSION_ID, iat: Math.floor(Date.now() / 1000) });

    await expectUnauthorized(`${header}.${forgedPayload}.${signature}`);
  });

  it('given an unsigned alg:none token, then answers 401', async () => {
    const unsigned = `${base64Url({ alg: 'none', typ: 'JWT' })}.${base64Url({ sub: USER_ID, role: 'admin' })}.`;

    await expectUnauthorized(unsigned);
  });

  it('given a token signed with the right secret but another algorithm, then answers 401', async () => {
    await expectUnauthorized(jwt.sign({ sub: USER_ID, role: 'user', sid: SESSION_ID }, { algorithm: 'HS512' }));
  });

  it('given a validly signed token with an unknown role, then answers 401', async () => {
    await expectUnauthorized(jwt.sign({ sub: USER_ID, role: 'superuser', sid: SESSION_ID }));
  });

  it('given a garbage token, then answers 401', async () => {
    await expectUnauthorized('not.a.jwt');
  });

  const expectSessionEnded = async (token: string) => {
    const response = await get('/me', token);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ statusCode: 401, code: 'SESSION_ENDED' });
  };

  it('given a validly signed token naming no session (minted before sessions existed), then answers 401 SESSION_ENDED', async () => {
    await expectSessionEnded(jwt.sign({ sub: USER_ID, role: 'user' }));
  });

  it('given a validly signed token whose session ended, then answers 401 SESSION_ENDED', async () => {
    await expectSessionEnded((await issuer.issue(USER_ID, 'user', ENDED_SESSION_ID)).accessToken);
  });

  it('given a validly signed token with an empty or non-string session id, then answers 401', async () => {
    await expectUnauthorized(jwt.sign({ sub: USER_ID, role: 'user', sid: '' }));
    await expectUnauthorized(jwt.sign({ sub: USER_ID, role: 'user', sid: 42 }));
  });

  describe('roles', () => {
    it('given an admin token of an admin account, then opens an admin route', async () => {
      const response = await get('/admin-area', (await issuer.issue(ADMIN_ID, 'admin', SESSION_ID)).accessToken);

      expect(response.statusCode).toBe(200);
    });

    it('given a token claiming admin for an account that is no admin, then answers 403 FORBIDDEN on an admin route', async () => {
      const response = await get('/admin-area', (await issuer.issue(USER_ID, 'admin', SESSION_ID)).accessToken);

      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    });

    it('given a token claiming admin for an account that does not exist, then answers 403 FORBIDDEN on an admin route', async () => {
      const response = await get('/admin-area', (await issuer.issue('0d8f6a2b-unknown', 'admin', SESSION_ID)).accessToken);

      expect(response.statusCode).toBe(403);
    });

    it('given a user token, then answers 403 FORBIDDEN on an admin route', async () => {
      const response = await get('/admin-area', (await issuer.issue(USER_ID, 'user', SESSION_ID)).accessToken);

      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    });

    it('given no token, then answers 401 rather than 403 on an admin route', async () => {
      expect((await get('/admin-area')).statusCode).toBe(401);
    });
  });

  describe('cookie options', () => {
    it('given an http APP_URL, then the cookie is httpOnly but not Secure, and lives as long as the token', () => {
      expect(issuer.cookieOptions()).toMatchObject({ httpOnly: true, secure: false, sameSite: 'lax', maxAge: 60 });
    });

    it('given production, then the cookie is Secure whatever APP_URL says', () => {
      const production = loadAppConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET, APP_URL: 'http://internal:4000' });
      expect(new AccessTokenIssuer(jwt, production).cookieOptions()).toMatchObject({ secure: true });
    });
  });
});
