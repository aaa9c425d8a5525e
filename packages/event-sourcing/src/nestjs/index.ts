export { EventSourcingModule } from './event-sourcing.module';
export type { EventSourcingModuleAsyncOptions } from './event-sourcing.module';
export type { EventSourcingModuleOptions } from './event-sourcing-options';
export { SubscriptionsLifecycle } from './subscriptions-lifecycle';
export {
  APPLICATION_SERVICE,
  EVENT_SOURCING_OPTIONS,
  EVENT_STORE,
  ID_GENERATOR,
  SUBSCRIPTION_STORE,
  TIME_PROVIDER,
} from './tokens';
