import { Global, Module } from '@nestjs/common';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AbstractApplicationCommand } from '../application/application-command';
import { SubscriptionDefinitionError } from '../core/errors';
import type { DomainCommand, DomainEvent } from '../core/events';
import { StreamName } from '../core/stream-name';
import { EventsSubscriptionsFactory } from '../subscriptions/events-subscriptions-factory';
import { AutomationSpecification } from '../testing/automation-specification';
import { automation, automationSubscriptionId, dependency } from './automation';

type UserRegistered = DomainEvent<'UserRegistered', { userId: string; newsletter: boolean }>;
type Subscribe = DomainCommand<'Subscribe', { userId: string; list: string }>;
class SubscribeApplicationCommand extends AbstractApplicationCommand<Subscribe> {}

const NEWSLETTER_LIST = Symbol('NEWSLETTER_LIST');

@Global()
@Module({ providers: [{ provide: NEWSLETTER_LIST, useValue: 'weekly' }], exports: [NEWSLETTER_LIST] })
class NewsletterConfigModule {}

const WhenUserRegisteredThenSubscribe = automation('when-user-registered-then-subscribe')
  .inject({ list: dependency<string>(NEWSLETTER_LIST) })
  .on<UserRegistered>('UserRegistered', async (event, { send, list }) => {
    if (!event.data.newsletter) return;
    await send({ class: SubscribeApplicationCommand, type: 'Subscribe', data: { userId: event.data.userId, list } });
  })
  .tolerating('ALREADY_SUBSCRIBED')
  .build();

const WhenUserRegisteredThenSubscribeInPartitions = automation('when-user-registered-then-subscribe-in-partitions')
  .on<UserRegistered>('UserRegistered', async (event, { send }) => {
    await send({ class: SubscribeApplicationCommand, type: 'Subscribe', data: { userId: event.data.userId, list: 'daily' } });
  })
  .partitions(3)
  .build();

describe('automation subscription id', () => {
  it('given a kebab-case folder name, then the id is its PascalCase and _v1', () => {
    expect(automationSubscriptionId('when-user-registration-was-completed-then-register-course-user')).toBe(
      'WhenUserRegistrationWasCompletedThenRegisterCourseUser_v1',
    );
    expect(WhenUserRegisteredThenSubscribe.subscriptionId).toBe('WhenUserRegisteredThenSubscribe_v1');
  });

  it('given a folder name that is not kebab-case, then the automation is refused', () => {
    expect(() => automation('WhenUserRegisteredThenSubscribe')).toThrow(SubscriptionDefinitionError);
    expect(() => automation('when--user')).toThrow(SubscriptionDefinitionError);
  });
});

describe('automation', () => {
  let spec: AutomationSpecification;
  beforeEach(async () => {
    spec = await AutomationSpecification.for({ imports: [NewsletterConfigModule, WhenUserRegisteredThenSubscribe] });
  });
  afterEach(() => spec.close());

  it('when the event occurs, then the command built from it and the injected value is sent, caused by the event in its correlation, naming the automation', async () => {
    await spec.whenEventsOccurred('User_u-1', [{ type: 'UserRegistered', data: { userId: 'u-1', newsletter: true } }]);

    spec.thenCommandsExecuted([{ type: 'Subscribe', data: { userId: 'u-1', list: 'weekly' } }]);
    const [event] = (await spec.eventStore.readStream(StreamName.of('User', 'u-1'))).events;
    expect(spec.executedCommands[0]).toBeInstanceOf(SubscribeApplicationCommand);
    expect(spec.executedCommands[0]!.metadata).toEqual({
      correlationId: event!.metadata.correlationId,
      causationId: event!.id,
      automation: WhenUserRegisteredThenSubscribe.subscriptionId,
    });
  });

  it('when the handler decides to send nothing, then nothing is sent', async () => {
    await spec.whenEventsOccurred('User_u-2', [{ type: 'UserRegistered', data: { userId: 'u-2', newsletter: false } }]);

    spec.thenNoCommandExecuted();
  });
});

describe('automation in partitions', () => {
  let spec: AutomationSpecification;
  beforeEach(async () => {
    spec = await AutomationSpecification.for({ imports: [WhenUserRegisteredThenSubscribeInPartitions] });
  });
  afterEach(() => spec.close());

  it('given partitions, then it runs as that many and still sends one command per event, whichever partition owns its stream', async () => {
    const subscription = spec.module.get(EventsSubscriptionsFactory).require(WhenUserRegisteredThenSubscribeInPartitions.subscriptionId);
    expect(subscription.partitionCount).toBe(3);

    for (const userId of ['u-1', 'u-2', 'u-3', 'u-4', 'u-5', 'u-6']) {
      await spec.whenEventsOccurred(`User_${userId}`, [{ type: 'UserRegistered', data: { userId, newsletter: true } }]);
    }

    expect(spec.executedCommands.map((command) => (command.data as Subscribe['data']).userId).sort()).toEqual(['u-1', 'u-2', 'u-3', 'u-4', 'u-5', 'u-6']);
  });
});
