import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsString, IsUUID, Matches, Max, MaxLength, Min, registerDecorator, ValidateIf, type ValidationArguments } from 'class-validator';

export const MAX_FLOWS = 100;
const DEFAULT_FLOWS = 20;
/** The event store's own rules for a stream name (`<Category>_<id>`, at most 512 characters): no other name can hold events. */
const STREAM_NAME = /^[A-Za-z][A-Za-z0-9]*_.+$/;
const MAX_STREAM_NAME_LENGTH = 512;

/** Exactly one entry point: `streamName` or `userId`. Each is checked unless the other came alone. */
export class CausationFlowsRequest {
  @ApiPropertyOptional({
    maxLength: MAX_STREAM_NAME_LENGTH,
    pattern: STREAM_NAME.source,
    example: 'UserRegistration_6f1c1c1e-8d7a-4f55-9a57-3f5a7c2b1e90',
    description: 'The flows that appended to this stream. Give this or userId, not both',
  })
  @ValidateIf((request: CausationFlowsRequest) => request.userId === undefined || request.streamName !== undefined)
  @IsDefined({ message: 'give streamName or userId' })
  @IsString()
  @MaxLength(MAX_STREAM_NAME_LENGTH)
  @Matches(STREAM_NAME, { message: 'streamName must be <Category>_<id>, the category letters and digits starting with a letter' })
  @NotTogetherWith('userId')
  streamName?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    maxLength: 36,
    description: 'The flows that appended an event about this user: their registration, confirmation, enrolment, sessions and later ones. Give this or streamName, not both',
  })
  @ValidateIf((request: CausationFlowsRequest) => request.streamName === undefined || request.userId !== undefined)
  @IsDefined({ message: 'give userId or streamName' })
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, maximum: MAX_FLOWS, default: DEFAULT_FLOWS, description: 'At most this many flows, the newest' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_FLOWS)
  limit: number = DEFAULT_FLOWS;
}

/** Refuses the property when `other` is given too. */
function NotTogetherWith(other: string): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'notTogetherWith',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [other],
      validator: {
        validate: (_value: unknown, args: ValidationArguments) => (args.object as Record<string, unknown>)[other] === undefined,
        defaultMessage: (args: ValidationArguments) => `give ${args.property} or ${other}, not both`,
      },
    });
  };
}
