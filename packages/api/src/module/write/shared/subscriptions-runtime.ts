import { Global, Module, type DynamicModule } from '@nestjs/common';

export const SUBSCRIPTIONS_RUNTIME = Symbol('SUBSCRIPTIONS_RUNTIME');

/** Whether this process runs the durable subscriptions: the server does, one-shot CLI commands do not. */
export type SubscriptionsRuntime = Readonly<{ startSubscriptions: boolean }>;

@Global()
@Module({})
export class SubscriptionsRuntimeModule {
  static forRoot(runtime: SubscriptionsRuntime): DynamicModule {
    return { module: SubscriptionsRuntimeModule, providers: [{ provide: SUBSCRIPTIONS_RUNTIME, useValue: runtime }], exports: [SUBSCRIPTIONS_RUNTIME] };
  }
}
