import { AbstractApplicationCommand, type DomainCommand } from '@coderscamp/event-sourcing';

/**
 * `secretHash` is the hash of the secret in the mailed token (the secret itself never travels
 * further than the edge); the command handler hashes `plainPassword` before the domain decides.
 */
export type ConfirmPasswordReset = DomainCommand<'ConfirmPasswordReset', { userId: string; secretHash: string; plainPassword: string }>;

export class ConfirmPasswordResetApplicationCommand extends AbstractApplicationCommand<ConfirmPasswordReset> {}
