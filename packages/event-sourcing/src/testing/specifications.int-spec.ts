import { Inject, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AbstractApplicationCommand } from '../application/application-command';
import type { ApplicationService } from '../application/application-service';
import type { DomainCommand, DomainEvent } from '../core/events';
import { StreamName } from '../core/stream-name';
import { APPLICATION_SERVICE } from '../nestjs/tokens';
import { migrateEventStore } from '../postgres/migrations';
import { pgSqlClient } from '../postgres/pg-sql-client';
import type { SqlExecutor } from '../postgres/sql-client';
import { EventsSubscriptionsFactory } from '../subscriptions/events-subscriptions-factory';
import { AutomationSpecification } from './automation-specification';
import { ProjectionSpecification } from './projection-specification';
import { createTestDatabase, type TestDatabase } from './postgres/test-database';
import { testCommand } from './test-command';
import { WriteModuleSpecification } from './write-module-specification';

type Counted = DomainEvent<'Counted', { counterId: string; by: number }>;
type Count = DomainCommand<'Count', { counterId: string; by: number }>;
type Announce = DomainCommand<'Announce', { counterId: string }>;
class CountApplicationCommand extends AbstractApplicationCommand<Count> {}
class AnnounceApplicationCommand extends AbstractApplicationCommand<Announce> {}

class CountMustBePositive extends Error {}

@CommandHandler(CountApplicationCommand)
class CountCommandHandler implements ICommandHandler<CountApplicationCommand> {
  constructor(@Inject(APPLICATION_SERVICE) private readonly applicationService: ApplicationService) {}

  async execute(command: CountApplicationCommand): Promise<void> {
    await this.applicationService.handle<Counted>(StreamName.of('Counter', command.data.counterId), command, () => {
      if (command.data.by <= 0) throw new CountMustBePositive();
      return [{ type: 'Counted', data: command.data }];
    });
  }
}

@Module({ providers: [CountCommandHandler] })
class CounterWriteModule {}

const COUNT_LIMIT = Symbol('COUNT_LIMIT');

class CountOverLimit extends Error {}

@CommandHandler(CountApplicationCommand)
class LimitedCountCommandHandler implements ICommandHandler<CountApplicationCommand> {
  constructor(
    @Inject(APPLICATION_SERVICE) private readonly applicationService: ApplicationService,
    @Inject(COUNT_LIMIT) private readonly limit: number,
  ) {}

  async execute(command: CountApplicationCommand): Promise<void> {
    await this.applicationService.handle<Counted>(StreamName.of('Counter', command.data.counterId), command, () => {
      if (command.data.by > this.limit) throw new CountOverLimit();
      return [{ type: 'Counted', data: command.data }];
    });
  }
}

/** Declares its own port adapter, as slice modules do; specs replace it with a stand-in. */
@Module({ providers: [LimitedCountCommandHandler, { provide: COUNT_LIMIT, useValue: 1_000 }] })
class LimitedCounterWriteModule {}

@Injectable()
class AnnounceWhenCounted implements OnModuleInit {
  constructor(
    private readonly subscriptions: EventsSubscriptionsFactory<unknown>,
    private readonly commandBus: CommandBus,
  ) {}

  onModuleInit(): void {
    this.subscriptions
      .subscription('WhenCountedThenAnnounce_v1')
      .onEvent<Counted>('Counted', async (event) => {
        await this.commandBus.execute(testCommand({ class: AnnounceApplicationCommand, type: 'Announce', data: { counterId: event.data.counterId }, id: 'id' }));
      })
      .build();
  }
}

@Module({ providers: [AnnounceWhenCounted] })
class AnnounceAutomationModule {}

@Injectable()
class CounterProjection implements OnModuleInit {
  constructor(private readonly subscriptions: EventsSubscriptionsFactory<SqlExecutor>) {}

  onModuleInit(): void {
    this.subscriptions
      .subscription('CounterReadModel_v1')
      .onInitialPosition((tx) => tx.query('DELETE FROM counter_totals').then(() => undefined))
      .onEvent<Counted>('Counted', async (event, tx) => {
        await tx.query(
          `INSERT INTO counter_totals (counter_id, total, last_version) VALUES ($1, $2, $3)
           ON CONFLICT (counter_id) DO UPDATE SET total = counter_totals.total + excluded.total, last_version = excluded.last_version
           WHERE counter_totals.last_version < excluded.last_version`,
          [event.data.counterId, event.data.by, event.streamVersion],
        );
      })
      .build();
  }
}

@Module({ providers: [CounterProjection] })
class CounterReadModule {}

describe('write module specification', () => {
  let spec: WriteModuleSpecification;
  beforeAll(async () => {
    spec = await WriteModuleSpecification.for({ imports: [CounterWriteModule] });
  });
  afterAll(() => spec.close());

  it('given past events, when a command is executed, then only its events are reported as published', async () => {
    await spec.givenEventsOccurred('Counter_a', [{ type: 'Counted', data: { counterId: 'a', by: 1 } }]);
    await spec.whenCommandExecuted(testCommand({ class: CountApplicationCommand, type: 'Count', data: { counterId: 'a', by: 2 }, id: 'cmd-1' }));
    await spec.thenEventsPublished('Counter_a', [{ type: 'Counted', data: { counterId: 'a', by: 2 } }]);
  });

  it('when the decision refuses the command, then the failure is reported', async () => {
    await spec.whenCommandExecuted(testCommand({ class: CountApplicationCommand, type: 'Count', data: { counterId: 'b', by: 0 }, id: 'cmd-2' }));
    await spec.thenCommandFailed(CountMustBePositive);
    await expect(spec.thenEventsPublished('Counter_b', [])).rejects.toThrow(/command failed/);
  });
});

describe('write module specification with a stand-in port', () => {
  let spec: WriteModuleSpecification;
  beforeAll(async () => {
    spec = await WriteModuleSpecification.for({ imports: [LimitedCounterWriteModule], providers: [{ provide: COUNT_LIMIT, useValue: 5 }] });
  });
  afterAll(() => spec.close());

  it('given a stand-in for a port the slice module provides itself, then the handler gets the stand-in', async () => {
    await spec.whenCommandExecuted(testCommand({ class: CountApplicationCommand, type: 'Count', data: { counterId: 'c', by: 6 }, id: 'cmd-3' }));
    await spec.thenCommandFailed(CountOverLimit);
  });
});

describe('automation specification', () => {
  let spec: AutomationSpecification;
  beforeAll(async () => {
    spec = await AutomationSpecification.for({ imports: [AnnounceAutomationModule] });
  });
  afterAll(() => spec.close());

  it('when events occurred, then the automation sent its commands (awaited, not slept for)', async () => {
    await spec.whenEventsOccurred('Counter_a', [
      { type: 'Counted', data: { counterId: 'a', by: 1 } },
      { type: 'Counted', data: { counterId: 'a', by: 2 } },
    ]);
    spec.thenCommandsExecuted([
      { type: 'Announce', data: { counterId: 'a' } },
      { type: 'Announce', data: { counterId: 'a' } },
    ]);
  });
});

describe('projection specification on PostgreSQL', () => {
  let database: TestDatabase;
  let spec: ProjectionSpecification;
  beforeAll(async () => {
    database = await createTestDatabase();
    const sqlClient = pgSqlClient(database.pool);
    await migrateEventStore(sqlClient);
    await sqlClient.executeScript('CREATE TABLE counter_totals (counter_id text PRIMARY KEY, total integer NOT NULL, last_version integer NOT NULL)');
    spec = await ProjectionSpecification.for({ imports: [CounterReadModule], sqlClient });
  });
  afterEach(async () => undefined);
  afterAll(async () => {
    await spec.close();
    await database.drop();
  });

  it('given events, then rows; redelivered events are not counted twice; a rebuild gives the same rows', async () => {
    await spec.givenEvents('Counter_a', [
      { type: 'Counted', data: { counterId: 'a', by: 1 } },
      { type: 'Counted', data: { counterId: 'a', by: 2 } },
    ]);
    await spec.givenEvents('Counter_b', [{ type: 'Counted', data: { counterId: 'b', by: 5 } }]);
    const live = await spec.thenRows('SELECT counter_id, total FROM counter_totals ORDER BY counter_id');
    expect(live).toEqual([
      { counter_id: 'a', total: 3 },
      { counter_id: 'b', total: 5 },
    ]);

    await spec.redeliverLastGiven();
    expect(await spec.thenRows('SELECT counter_id, total FROM counter_totals ORDER BY counter_id')).toEqual(live);

    await spec.rebuild();
    expect(await spec.thenRows('SELECT counter_id, total FROM counter_totals ORDER BY counter_id')).toEqual(live);
  });
});
