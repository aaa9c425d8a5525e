export interface TimeProvider {
  currentTime(): Date;
}

export const systemTimeProvider: TimeProvider = { currentTime: () => new Date() };

/** A clock that moves only when told to; for tests and replays. */
export class FixedTimeProvider implements TimeProvider {
  constructor(private now: Date = new Date('2026-01-01T00:00:00.000Z')) {}

  currentTime(): Date {
    return new Date(this.now);
  }

  set(time: Date): void {
    this.now = new Date(time);
  }

  advanceBy(milliseconds: number): void {
    this.now = new Date(this.now.getTime() + milliseconds);
  }
}
