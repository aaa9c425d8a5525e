import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { EventsSubscriptionsFactory, InMemoryEventStore } from '@coderscamp/event-sourcing';
import { InMemorySubscriptionStore } from '@coderscamp/event-sourcing/adapters';
import { EventSourcingModule } from '@coderscamp/event-sourcing/nestjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEventModel } from '../../src/shared/event-model/build-event-model';
import type { EventModel } from '../../src/shared/event-model/event-model';
import { extractSourceFacts } from '../../src/shared/event-model/extract-source-facts';
import { eventModelMermaid } from '../../src/shared/event-model/render-event-model';
import { runtimeFactsOf, type RuntimeFacts } from '../../src/shared/event-model/runtime-facts';
import type { SourceFacts } from '../../src/shared/event-model/source-facts';
import { WhenWorkshopSeatWasReservedThenSendWorkshopWelcome } from './fixture/module/automation/when-workshop-seat-was-reserved-then-send-workshop-welcome/when-workshop-seat-was-reserved-then-send-workshop-welcome.automation';
import { WorkshopSeatsReadModule } from './fixture/module/read/workshop-seats/workshop-seats.read-module';
import { WorkshopSeatsWriteModule } from './fixture/module/write/workshop-seats/workshop-seats.write-module';

/**
 * Slices nobody described anywhere: a source tree of their own (`fixture/module/…`: a write slice
 * with an endpoint, an automation, a read slice), registered in a Nest application over the real
 * SDK wiring. The model is derived exactly as for the API: run-time registries plus the facts the
 * compiler reads from that tree. Each flaw built into the fixture must surface as its problem.
 */
describe('Event Model of slices added in a fixture source tree', () => {
  let app: INestApplication;
  let runtime: RuntimeFacts;
  let sources: SourceFacts;
  let model: EventModel;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        CqrsModule.forRoot(),
        EventEmitterModule.forRoot({ wildcard: true, delimiter: '.' }),
        EventSourcingModule.forRootAsync({
          useFactory: () => ({ eventStore: new InMemoryEventStore(), subscriptionStore: new InMemorySubscriptionStore(), startSubscriptions: false }),
        }),
        WorkshopSeatsWriteModule,
        WorkshopSeatsReadModule,
        WhenWorkshopSeatWasReservedThenSendWorkshopWelcome,
      ],
    }).compile();
    app = moduleRef.createNestApplication(new FastifyAdapter());
    await app.init();
    runtime = runtimeFactsOf(app.get(ModulesContainer), app.get(EventsSubscriptionsFactory), SwaggerModule.createDocument(app, new DocumentBuilder().build()));
    sources = extractSourceFacts({ sourceRoot: join(__dirname, 'fixture'), tsconfigFile: join(__dirname, '..', '..', 'tsconfig.json') });
    model = buildEventModel(runtime, sources, []);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('shows the write slice: its command, the stream it is decided on, the event its decision emits, the endpoint that sends it', () => {
    expect(model.commands).toEqual([
      {
        type: 'ReserveWorkshopSeat',
        streamCategory: 'WorkshopSeats',
        emits: ['WorkshopSeatWasReserved'],
        endpoints: [{ method: 'POST', path: '/workshops/{workshopId}/seats/{participantId}' }],
        sentBy: [],
        slice: 'write/workshop-seats',
        files: ['module/write/workshop-seats/application/reserve-workshop-seat.command-handler.ts', 'module/write/workshop-seats/domain/reserve-workshop-seat.ts'],
        specs: [{ file: 'module/write/workshop-seats/domain/reserve-workshop-seat.spec.ts', tests: ['given no reservation, when reserving, then the seat is reserved'] }],
      },
    ]);
  });

  it('shows the events: the emitted one with who handles it, and the declared one nobody emits', () => {
    expect(model.events).toEqual([
      {
        type: 'WorkshopSeatWasReserved',
        streamCategory: 'WorkshopSeats',
        emittedBy: ['write/workshop-seats'],
        handledBy: ['WhenWorkshopSeatWasReservedThenSendWorkshopWelcome_v1', 'WorkshopSeatsReadModel_v1'],
      },
      { type: 'WorkshopWasCancelled', streamCategory: null, emittedBy: [], handledBy: [] },
    ]);
  });

  it('shows the automation with its trigger and the command it sends through a helper, and the read model with the table it writes', () => {
    expect(model.automations).toEqual([
      {
        id: 'WhenWorkshopSeatWasReservedThenSendWorkshopWelcome_v1',
        slice: 'automation/when-workshop-seat-was-reserved-then-send-workshop-welcome',
        on: ['WorkshopSeatWasReserved'],
        sends: ['SendWorkshopWelcome'],
        emits: [],
        readsFrom: [],
        files: ['module/automation/when-workshop-seat-was-reserved-then-send-workshop-welcome/when-workshop-seat-was-reserved-then-send-workshop-welcome.automation.ts'],
        specs: [],
      },
    ]);
    expect(model.readModels).toEqual([
      {
        id: 'WorkshopSeatsReadModel_v1',
        slice: 'read/workshop-seats',
        handles: ['WorkshopSeatWasReserved'],
        tables: ['workshop_seats'],
        endpoints: [],
        files: ['module/read/workshop-seats/workshop-seats.projection.ts'],
        specs: [],
      },
    ]);
    expect(eventModelMermaid(model)).toContain('automation_WhenWorkshopSeatWasReservedThenSendWorkshopWelcome_v1 --> command_SendWorkshopWelcome');
  });

  it('reports each flaw of the fixture as a problem with its code and element', () => {
    expect(model.problems.map(({ code, element }) => ({ code, element }))).toEqual([
      { code: 'EVENT_NOT_EMITTED', element: { kind: 'event', id: 'WorkshopWasCancelled' } },
      { code: 'AUTOMATION_COMMAND_WITHOUT_HANDLER', element: { kind: 'automation', id: 'WhenWorkshopSeatWasReservedThenSendWorkshopWelcome_v1' } },
      { code: 'READ_MODEL_WITHOUT_ENDPOINT', element: { kind: 'readModel', id: 'WorkshopSeatsReadModel_v1' } },
      { code: 'SLICE_WITHOUT_SPECS', element: { kind: 'slice', id: 'read/workshop-seats' } },
      { code: 'SLICE_WITHOUT_SPECS', element: { kind: 'slice', id: 'automation/when-workshop-seat-was-reserved-then-send-workshop-welcome' } },
    ]);
    expect(sources.slices.find((slice) => slice.slice === 'write/workshop-seats')?.givenWhenThenSpecs).toEqual(['domain/reserve-workshop-seat.spec.ts']);
  });

  it('given no description, then every element is in the trailing step; given one naming an element the fixture lacks, then that is a problem', () => {
    expect(model.steps).toEqual([
      {
        name: 'Not in the story',
        described: false,
        elements: [
          { kind: 'automation', id: 'WhenWorkshopSeatWasReservedThenSendWorkshopWelcome_v1' },
          { kind: 'readModel', id: 'WorkshopSeatsReadModel_v1' },
          { kind: 'command', id: 'ReserveWorkshopSeat' },
          { kind: 'event', id: 'WorkshopSeatWasReserved' },
          { kind: 'event', id: 'WorkshopWasCancelled' },
        ],
      },
    ]);

    const described = buildEventModel(runtime, sources, [], { steps: [{ name: 'Seats', elements: ['ReserveWorkshopSeat', 'CancelWorkshop'] }], lanes: [] });

    expect(described.steps[0]).toEqual({
      name: 'Seats',
      described: true,
      elements: [
        { kind: 'command', id: 'ReserveWorkshopSeat' },
        { kind: 'event', id: 'WorkshopSeatWasReserved' },
      ],
    });
    expect(described.problems.at(-1)).toMatchObject({ code: 'DESCRIPTION_NAMES_UNKNOWN_ELEMENT', element: { kind: 'description', id: 'CancelWorkshop' } });
  });

  it('given the handler is not registered at run time, then its command leaves the model and its event is emitted by nobody', () => {
    const withoutHandler = buildEventModel({ ...runtime, handledCommandClasses: [] }, sources, []);

    expect(withoutHandler.commands).toEqual([]);
    expect(withoutHandler.events.find((event) => event.type === 'WorkshopSeatWasReserved')?.emittedBy).toEqual([]);
    expect(withoutHandler.problems).toContainEqual(expect.objectContaining({ code: 'EVENT_NOT_EMITTED', element: { kind: 'event', id: 'WorkshopSeatWasReserved' } }));
  });

  it('given declared exceptions, then a matched problem is allowed with its reason and an exception matching nothing is a problem', () => {
    const judged = buildEventModel(runtime, sources, [
      { code: 'READ_MODEL_WITHOUT_ENDPOINT', id: 'WorkshopSeatsReadModel_v1', reason: 'read by a nightly export, not over HTTP' },
      { code: 'COMMAND_NOT_SENT', id: 'ReserveWorkshopSeat', reason: 'stale: its endpoint sends it' },
    ]);

    expect(judged.allowedExceptions).toEqual([
      {
        code: 'READ_MODEL_WITHOUT_ENDPOINT',
        element: { kind: 'readModel', id: 'WorkshopSeatsReadModel_v1' },
        message: 'No endpoint reads the tables of WorkshopSeatsReadModel_v1',
        reason: 'read by a nightly export, not over HTTP',
      },
    ]);
    expect(judged.problems.map((problem) => problem.code)).not.toContain('READ_MODEL_WITHOUT_ENDPOINT');
    expect(judged.problems.at(-1)).toMatchObject({ code: 'EXCEPTION_NOT_NEEDED', element: { kind: 'exception', id: 'COMMAND_NOT_SENT ReserveWorkshopSeat' } });
  });
});
