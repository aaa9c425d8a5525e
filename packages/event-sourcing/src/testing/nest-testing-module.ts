import type { ModuleMetadata, Provider } from '@nestjs/common';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test, type TestingModule, type TestingModuleBuilder } from '@nestjs/testing';
import type { EventStore } from '../core/event-store';
import type { IdGenerator } from '../core/id-generator';
import type { TimeProvider } from '../core/time-provider';
import { EventSourcingModule } from '../nestjs/event-sourcing.module';
import type { SubscriptionOptions } from '../subscriptions/subscription-options';
import type { SubscriptionStore } from '../subscriptions/subscription-store';

export type SliceTestingOptions = Readonly<{
  /** The slice module(s) under test. */
  imports: ModuleMetadata['imports'];
  /**
   * Stand-ins for the slice's ports (e.g. a fixed URL generator); never for the SDK itself. A stand-in
   * replaces the slice module's own provider of the same token, so the module under test stays the real one.
   * Also the command handlers of a write slice that has no module of its own.
   */
  providers?: ModuleMetadata['providers'];
}>;

export type SliceTestingEnvironment = Readonly<{
  eventStore: EventStore;
  subscriptionStore: SubscriptionStore<unknown>;
  timeProvider: TimeProvider;
  idGenerator: IdGenerator;
  subscriptionDefaults?: Partial<SubscriptionOptions>;
  /** Replaces the CommandBus, e.g. to record what an automation issued. */
  commandBus?: Pick<CommandBus, 'execute' | 'register'>;
}>;

/** A NestJS testing module with the real SDK wiring around the slice under test. */
export async function compileSliceModule(options: SliceTestingOptions, environment: SliceTestingEnvironment): Promise<TestingModule> {
  let builder = Test.createTestingModule({
    imports: [
      CqrsModule.forRoot(),
      EventEmitterModule.forRoot({ wildcard: true, delimiter: '.' }),
      EventSourcingModule.forRootAsync({
        useFactory: () => ({
          eventStore: environment.eventStore,
          subscriptionStore: environment.subscriptionStore,
          timeProvider: environment.timeProvider,
          idGenerator: environment.idGenerator,
          subscriptionDefaults: { pollIntervalMs: 50, standbyRetryMs: 20, retryBaseDelayMs: 1, retryMaxDelayMs: 5, ...environment.subscriptionDefaults },
        }),
      }),
      ...(options.imports ?? []),
    ],
    providers: options.providers ?? [],
  });
  for (const standIn of options.providers ?? []) builder = overrideWith(builder, standIn);
  if (environment.commandBus) builder = builder.overrideProvider(CommandBus).useValue(environment.commandBus);
  const moduleRef = await builder.compile();
  await moduleRef.init();
  return moduleRef;
}

// Providers of an imported module do not see the testing root's providers, so a stand-in must
// override the token wherever the slice declares it.
function overrideWith(builder: TestingModuleBuilder, standIn: Provider): TestingModuleBuilder {
  if (typeof standIn === 'function') return builder.overrideProvider(standIn).useClass(standIn);
  const override = builder.overrideProvider(standIn.provide);
  if ('useValue' in standIn) return override.useValue(standIn.useValue);
  if ('useClass' in standIn) return override.useClass(standIn.useClass);
  if ('useFactory' in standIn) return override.useFactory({ factory: standIn.useFactory, inject: standIn.inject });
  return builder;
}
