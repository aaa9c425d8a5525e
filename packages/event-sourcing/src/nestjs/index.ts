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
export { ApplicationCommandBus } from './application-command-bus';
export { decidingCommandHandler } from './deciding-command-handler';
export type { DecidingCommandHandler, DecidingCommandHandlerDefinition, StateDecidingCommandHandlerDefinition } from './deciding-command-handler';
export { automation, AutomationBuilder, automationSubscriptionId, dependency, TypedToken } from './automation';
export type { AutomationContext, AutomationHandler, AutomationModule, Send } from './automation';
