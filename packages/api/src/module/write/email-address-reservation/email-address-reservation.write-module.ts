import { Module } from '@nestjs/common';
import { ReleaseEmailAddressReservationCommandHandler } from './application/release-email-address-reservation.command-handler';
import { ReserveEmailAddressCommandHandler } from './application/reserve-email-address.command-handler';

/** No endpoint of its own: registration reserves and releases addresses through these commands. */
@Module({ providers: [ReserveEmailAddressCommandHandler, ReleaseEmailAddressReservationCommandHandler] })
export class EmailAddressReservationWriteModule {}
