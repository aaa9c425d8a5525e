import { Inject, Injectable } from '@nestjs/common';
import { StreamName, type EventMetadata, type IdGenerator, type PersonalDataEventStore, type TimeProvider } from '@coderscamp/event-sourcing';
import { ID_GENERATOR, TIME_PROVIDER } from '@coderscamp/event-sourcing/nestjs';
import { erasePlaintextPersonalData, type SqlClient } from '@coderscamp/event-sourcing/postgres';
import type { PlaintextPersonalDataWasErased } from '../../shared/events/plaintext-personal-data-was-erased.event';
import { personalDataOfErasure } from '../../shared/personal-data';
import { SQL_CLIENT } from '../../../shared/database/database-connection';
import { PERSONAL_DATA_EVENT_STORE } from './event-store.module';

/**
 * Makes a user's personal data unreadable everywhere it is stored. Two steps, each safe to repeat:
 * the plaintext rewrite first (fields stored before they were encrypted; it finds old mails by
 * their recipient's address while that address can still be read), then the key, after which
 * every encrypted field of the user reads as erased, in the log and in every backup alike.
 */
@Injectable()
export class PersonalDataErasure {
  constructor(
    @Inject(PERSONAL_DATA_EVENT_STORE) private readonly personalData: PersonalDataEventStore,
    @Inject(SQL_CLIENT) private readonly sqlClient: SqlClient,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Inject(TIME_PROVIDER) private readonly clock: TimeProvider,
  ) {}

  /** `emailAddress`: the user's address, undefined once it reads as erased (the erasure ran before). */
  async erase(userId: string, emailAddress: string | undefined, metadata: EventMetadata): Promise<void> {
    const erasureEvent: PlaintextPersonalDataWasErased = { type: 'PlaintextPersonalDataWasErased', data: { userId } };
    await erasePlaintextPersonalData(this.sqlClient, {
      declarations: personalDataOfErasure(userId, emailAddress),
      subject: userId,
      erasureEvent: { ...erasureEvent, id: this.ids.generate(), metadata, occurredAt: this.clock.currentTime() },
      erasureStream: StreamName.of('PersonalDataErasure', userId),
    });
    await this.personalData.eraseSubject(userId);
  }
}
