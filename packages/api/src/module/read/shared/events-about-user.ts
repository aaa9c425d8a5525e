import { Inject, Injectable } from '@nestjs/common';
import { isErased, StreamName, type ApplicationEvent, type EventStore } from '@coderscamp/event-sourcing';
import { EVENT_STORE } from '@coderscamp/event-sourcing/nestjs';
import type { SqlClient } from '@coderscamp/event-sourcing/postgres';
import { SQL_CLIENT } from '../../../shared/database/database-connection';

/**
 * The streams holding an event that names the user in `data.userId`: nearly every event about a
 * user does (registration, confirmations, sessions, passwords, roles, course enrolment, mails,
 * reservations), and `userId` is never encrypted (it names whose key encrypts the rest). Served by
 * the expression index es_events_data_user_id_idx.
 */
const STREAMS_NAMING_USER = `SELECT DISTINCT stream_name FROM es_events WHERE data->>'userId' = $1 ORDER BY stream_name LIMIT $2`;

/**
 * Mails stored before mails named their user (schema version 1) name only their recipient, in
 * plaintext until an erasure rewrites it: found by the user's address (es_events_unattributed_mail_recipient_idx).
 */
const UNATTRIBUTED_MAIL_STREAMS_TO = `SELECT DISTINCT stream_name FROM es_events
  WHERE type = 'EmailMessageWasSent' AND schema_version = 1 AND lower(data->>'to') = lower($1) ORDER BY stream_name LIMIT $2`;

type Fields = Record<string, unknown>;

/**
 * Every event about a user, read through the event store (so decrypted and in its newest shape):
 * the events naming the user, the mails to their address that predate mails naming their user,
 * and the events of their learning materials, which name only the course user
 * (LearningMaterialsUrl_<courseUserId>) or the materials (LearningMaterialsTasks_<id>).
 * A stream found by the user id may hold other users' events too (an address reservation taken by
 * someone else after its release): only the events naming the user are kept from it. Each look-up
 * finds at most `maxStreams` streams, in name order: the caller's bound on what it reads.
 */
@Injectable()
export class EventsAboutUser {
  constructor(
    @Inject(SQL_CLIENT) private readonly sqlClient: SqlClient,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {}

  async of(userId: string, maxStreams: number): Promise<ApplicationEvent[]> {
    const naming = (await this.readAll(await this.streams(STREAMS_NAMING_USER, userId, maxStreams))).filter((event) => (event.data as Fields)['userId'] === userId);
    const address = valuesOf(naming, 'UserRegistrationWasStarted', 'emailAddress').find((value) => !isErased(value));
    const unattributedMails = address === undefined ? [] : await this.readAll(await this.streams(UNATTRIBUTED_MAIL_STREAMS_TO, address, maxStreams));
    const materialsUrls = await this.readAll(valuesOf(naming, 'CourseUserWasRegistered', 'courseUserId').map((id) => `LearningMaterialsUrl_${id}`));
    const materialsTasks = await this.readAll(valuesOf(materialsUrls, 'LearningMaterialsUrlWasGenerated', 'learningMaterialsId').map((id) => `LearningMaterialsTasks_${id}`));
    return [...naming, ...unattributedMails, ...materialsUrls, ...materialsTasks];
  }

  private async streams(query: string, value: string, maxStreams: number): Promise<string[]> {
    const { rows } = await this.sqlClient.query<{ stream_name: string }>(query, [value, maxStreams]);
    return rows.map((row) => row.stream_name);
  }

  /** One stream after another: exports and console look-ups are rare, and must not take the whole pool from the requests running beside it. */
  private async readAll(streamNames: readonly string[]): Promise<ApplicationEvent[]> {
    const events: ApplicationEvent[] = [];
    for (const name of streamNames) events.push(...(await this.eventStore.readStream(StreamName.parse(name))).events);
    return events;
  }
}

function valuesOf(events: readonly ApplicationEvent[], type: string, field: string): string[] {
  return [...new Set(events.filter((event) => event.type === type).map((event) => (event.data as Fields)[field] as string))];
}
