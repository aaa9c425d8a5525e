import type { DomainEvent } from '@coderscamp/event-sourcing';

export type UserWasGrantedAdminRole = DomainEvent<'UserWasGrantedAdminRole', { userId: string }>;
