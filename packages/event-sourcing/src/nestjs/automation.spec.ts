import { Global, Module } from '@nestjs/common';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AbstractApplicationCommand } from '../application/application-command';
import { SubscriptionDefinitionError } from '../core/errors';
import type { DomainCommand, DomainEvent } from '../core/events';
import { StreamName } from '../core/stream-name';
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
