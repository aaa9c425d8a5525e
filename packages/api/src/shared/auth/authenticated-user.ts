import type { FastifyRequest } from 'fastify';
import type { UserRole } from './user-role';

export type AuthenticatedUser = Readonly<{ userId: string; role: UserRole; sessionId: string }>;

/** A request that went through `JwtAuthGuard`; `user` is absent on public routes. */
export type AuthenticatedRequest = FastifyRequest & { user?: AuthenticatedUser };
