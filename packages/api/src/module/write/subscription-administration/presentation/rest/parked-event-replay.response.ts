import { ApiProperty } from '@nestjs/swagger';

export class ParkedEventReplayResponse {
  @ApiProperty({ description: 'True: handled and off the parked list. False: the handler failed again; the event stays parked with `error`' })
  replayed!: boolean;

  @ApiProperty({ type: String, nullable: true, description: 'The handler\'s new failure; null when replayed' })
  error!: string | null;

  @ApiProperty({ type: 'integer', format: 'int32', nullable: true, description: 'How often the handler failed on it, this replay included; null when replayed' })
  attempts!: number | null;
}
