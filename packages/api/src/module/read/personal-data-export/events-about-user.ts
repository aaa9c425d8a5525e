import { Inject, Injectable } from '@nestjs/common';
import { StreamName, type ApplicationEvent, type EventStore } from '@coderscamp/event-sourcing';
import { EVENT_STORE } from '@coderscamp/event-sourcing/nestjs';
import type { SqlClient } from '@coderscamp/event-sourcing/postgres';
import { SQL_CLIENT } from '../../../shared/database/database-connection';
import { MAX_EXPORTED_EVENTS } from './personal-data-export';

/**
 * The streams holding an event that names the user in `data.userId`: nearly every event about a
 * user does (registration, confirmations, sessions, passwords, roles, course enrolment, mails,
 * reservations), and `userId` is never encrypted (it names whose key encrypts the rest). Served by
 * the expression index es_events_data_user_id_idx. Every stream holds an event, so no export needs
 * more streams than it may hold events.
 */
const STREAMS_NAMING_USER = `SELECT DISTINCT stream_name FROM es_events WHERE data->>'userId' = $1 ORDER BY stream_name LIMIT $2`;

type Fields = Record<string, unknown>;

/**
 * Every event about a user, read through the event store (so decrypted and in its newest shape):
 * the events naming the user, and the events of their learning materials, which name only the
 * course user (LearningMaterialsUrl_<courseUserId>) or the materials (LearningMaterialsTasks_<id>).
 * A stream found by the user id may hold other users' events too (an address reservation taken by
 * someone else after its release): only the events naming the user are kept from it.
 */
@Injectable()
export class EventsAboutUser {
  constructor(
    @Inject(SQL_CLIENT) private readonly sqlClient: SqlClient,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {}

  async of(userId: string): Promise<ApplicationEvent[]> {
    const { rows } = await this.sqlClient.query<{ stream_name: string }>(STREAMS_NAMING_USER, [userId, MAX_EXPORTED_EVENTS], { preparedAs: 'events_about_user_streams' });
    const naming = (await this.readAll(rows.map((row) => row.stream_name))).filter((event) => (event.data as Fields)['userId'] === userId);
    const materialsUrls = await this.readAll(valuesOf(naming, 'CourseUserWasRegistered', 'courseUserId').map((id) => `LearningMaterialsUrl_${id}`));
    const materialsTasks = await this.readAll(valuesOf(materialsUrls, 'LearningMaterialsUrlWasGenerated', 'learningMaterialsId').map((id) => `LearningMaterialsTasks_${id}`));
    return [...naming, ...materialsUrls, ...materialsTasks];
  }

  /** One stream after another: an export is rare, and must not take the whole pool from the requests running beside it. */
  private async readAll(streamNames: readonly string[]): Promise<ApplicationEvent[]> {
    const events: ApplicationEvent[] = [];
    for (const name of streamNames) events.push(...(await this.eventStore.readStream(StreamName.parse(name))).events);
    return events;
  }
}

function valuesOf(events: readonly ApplicationEvent[], type: string, field: string): string[] {
  return [...new Set(events.filter((event) => event.type === type).map((event) => (event.data as Fields)[field] as string))];
}
