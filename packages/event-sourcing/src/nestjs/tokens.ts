/** DI tokens of the SDK's NestJS module. Classes (ApplicationCommandFactory, EventsSubscriptionsFactory) are their own tokens. */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const APPLICATION_SERVICE = Symbol('APPLICATION_SERVICE');
export const TIME_PROVIDER = Symbol('TIME_PROVIDER');
export const ID_GENERATOR = Symbol('ID_GENERATOR');
export const SUBSCRIPTION_STORE = Symbol('SUBSCRIPTION_STORE');
export const EVENT_SOURCING_OPTIONS = Symbol('EVENT_SOURCING_OPTIONS');
