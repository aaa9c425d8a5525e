import { z } from 'zod';

/**
 * The one definition of what the WebSocket channel sends: the gateway parses every message with
 * these schemas before sending it, and the AsyncAPI document is generated from them.
 */
const id = (description: string) => z.string().min(1).describe(description);
const completedTasks = z.number().int().min(0).describe('Tasks of these learning materials completed now: the course progress');

export const USER_EVENT_FEED_MESSAGES = {
  UserRegistrationWasCompleted: {
    summary: 'Your registration is complete: you can log in.',
    data: z.object({ userId: id('The user'), fullName: z.string(), emailAddress: z.string().describe('The confirmed address') }),
  },
  UserProfileWasChanged: {
    summary: 'You changed your profile; only the fields that changed are present.',
    data: z.object({
      userId: id('The user'),
      fullName: z.string().optional().describe('The new name, when it changed'),
      image: z.string().optional().describe('The new avatar URL, when it changed'),
    }),
  },
  LearningMaterialsUrlWasGenerated: {
    summary: 'Your learning materials are ready at materialsUrl.',
    data: z.object({
      learningMaterialsId: id('The learning materials'),
      courseUserId: id('You, as a participant of the course'),
      materialsUrl: z.string().describe('Where the materials are'),
    }),
  },
  TaskWasCompleted: {
    summary: 'You completed a task; completedTasks is your new progress.',
    data: z.object({ learningMaterialsId: id('The learning materials'), taskId: id('The task'), completedTasks }),
  },
  TaskWasUncompleted: {
    summary: 'You marked a task as not completed; completedTasks is your new progress.',
    data: z.object({ learningMaterialsId: id('The learning materials'), taskId: id('The task'), completedTasks }),
  },
} as const;

export type UserEventFeedMessageType = keyof typeof USER_EVENT_FEED_MESSAGES;
export const USER_EVENT_FEED_MESSAGE_TYPES = Object.keys(USER_EVENT_FEED_MESSAGES) as UserEventFeedMessageType[];

export type UserEventFeedData<T extends UserEventFeedMessageType> = z.infer<(typeof USER_EVENT_FEED_MESSAGES)[T]['data']>;

/** The envelope of every message: `{position, type, occurredAt, data}`. */
export function userEventFeedMessageSchema<T extends UserEventFeedMessageType>(type: T) {
  return z.object({
    position: z.number().int().positive().describe('Pass the last one you saw as ?after= when reconnecting'),
    type: z.literal(type),
    occurredAt: z.iso.datetime().describe('When it happened'),
    data: USER_EVENT_FEED_MESSAGES[type].data,
  });
}

export type UserEventFeedMessage = {
  [T in UserEventFeedMessageType]: z.infer<ReturnType<typeof userEventFeedMessageSchema<T>>>;
}[UserEventFeedMessageType];

export function isUserEventFeedMessageType(type: string): type is UserEventFeedMessageType {
  return Object.hasOwn(USER_EVENT_FEED_MESSAGES, type);
}

/** The JSON Schema of one message, as AsyncAPI shows it. */
export function userEventFeedMessageJsonSchema(type: UserEventFeedMessageType): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(userEventFeedMessageSchema(type), {
    target: 'draft-7',
    // The format says it; zod's equivalent regular expression only makes the document unreadable.
    override: (context) => {
      if (context.jsonSchema.format !== undefined) delete context.jsonSchema.pattern;
    },
  });
  return schema;
}

/** The query a client connects with. */
export const USER_EVENT_FEED_QUERY = z.object({
  after: z
    .string()
    .regex(/^\d{1,15}$/, 'must be a non-negative whole number')
    .transform(Number)
    .optional()
    .describe(
      'The last position you saw, or the X-Feed-Position header of a REST read: the messages after it are sent first, then live ones. ' +
        'Without it, only live ones. A position beyond the end of the feed is refused with 400 FEED_POSITION_BEYOND_END.',
    ),
  access_token: z.string().optional().describe('The access token, for clients that cannot send a header or cookie'),
});
