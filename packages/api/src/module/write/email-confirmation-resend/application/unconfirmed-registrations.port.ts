export const UNCONFIRMED_REGISTRATIONS_PORT = Symbol('UNCONFIRMED_REGISTRATIONS_PORT');

export type UnconfirmedRegistration = Readonly<{ userId: string; emailAddress: string }>;

/** Registrations still waiting for their address to be confirmed; answered from the accounts read model. */
export interface UnconfirmedRegistrationsPort {
  /** Undefined when no registration has this address (compared case-insensitively) or it is confirmed already. */
  unconfirmedRegistrationWith(emailAddress: string): Promise<UnconfirmedRegistration | undefined>;
}
