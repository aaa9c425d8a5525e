import type { FastifyRequest } from 'fastify';
import type { UserRole } from './user-role';

export type AuthenticatedUser = Readonly<{ userId: string; role: UserRole }>;

/** A request that went through `JwtAuthGuard`; `user` is absent on public routes. */
export type AuthenticatedRequest = FastifyRequest & { user?: AuthenticatedUser };
