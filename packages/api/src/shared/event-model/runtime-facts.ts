import type { ModulesContainer } from '@nestjs/core';
// The key `@CommandHandler` stores its command under; @nestjs/cqrs reads it the same way and exports no listing.
import { COMMAND_HANDLER_METADATA } from '@nestjs/cqrs/dist/decorators/constants';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { EventsSubscriptionsFactory, SubscriptionDescription } from '@coderscamp/event-sourcing';

/** What the running application registers: the facts that say which elements of the sources really run. */
export type RuntimeFacts = Readonly<{
  /** Class names of the commands a handler is registered for. */
  handledCommandClasses: readonly string[];
  subscriptions: readonly SubscriptionDescription[];
  /** The operations of the OpenAPI document the application serves. */
  operations: readonly OpenApiOperation[];
}>;

export type OpenApiOperation = Readonly<{ operationId: string; method: string; path: string }>;

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** Read from an initialised application: subscriptions are built in `onModuleInit`. */
export function runtimeFactsOf(modules: ModulesContainer, subscriptions: EventsSubscriptionsFactory<unknown>, document: OpenAPIObject): RuntimeFacts {
  return {
    handledCommandClasses: handledCommandClassesIn(modules),
    subscriptions: subscriptions.describe(),
    operations: operationsOf(document),
  };
}

function handledCommandClassesIn(modules: ModulesContainer): string[] {
  const classes = [...modules.values()]
    .flatMap((module) => [...module.providers.values()])
    .flatMap((provider) => {
      const command: unknown = provider.metatype ? Reflect.getMetadata(COMMAND_HANDLER_METADATA, provider.metatype) : undefined;
      return typeof command === 'function' ? [command.name] : [];
    });
  return [...new Set(classes)].sort();
}

function operationsOf(document: OpenAPIObject): OpenApiOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.flatMap((method) => {
      const operationId = item[method]?.operationId;
      return operationId === undefined ? [] : [{ operationId, method: method.toUpperCase(), path }];
    }),
  );
}
