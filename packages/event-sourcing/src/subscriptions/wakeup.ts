/** A sleep that ends early when signalled; lets a waiting loop react at once to new work or `stop()`. */
export class Wakeup {
  private wake: (() => void) | null = null;
  private signalledWhileAwake = false;

  signal(): void {
    if (this.wake) this.wake();
    else this.signalledWhileAwake = true;
  }

  /** Resolves after `ms`, or as soon as `signal()` is called; a signal given before the wait counts too. */
  async wait(ms: number): Promise<void> {
    if (this.signalledWhileAwake) {
      this.signalledWhileAwake = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.wake?.(), ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }
}
