import { AbstractApplicationCommand, type DomainCommand } from '@coderscamp/event-sourcing';

export type ReleaseEmailAddressReservation = DomainCommand<
  'ReleaseEmailAddressReservation',
  { emailAddress: string; userId: string }
>;

export class ReleaseEmailAddressReservationApplicationCommand
  extends AbstractApplicationCommand<ReleaseEmailAddressReservation> {}
