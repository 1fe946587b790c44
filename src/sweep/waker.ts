/**
 * A sleep that can be cut short: the claim loop sleeps between polls, and a trial finishing (a free worker
 * thread) or a stop wakes it at once, or, if it came while the loop was busy elsewhere, makes its next sleep
 * return at once.
 *
 * @example
 * const waker = new Waker();
 * onTrialDone(() => waker.wake());
 * await waker.sleep(1_000);
 */
export class Waker {
  private woken = false;
  private resolveSleep: (() => void) | undefined;

  wake(): void {
    this.woken = true;
    this.resolveSleep?.();
  }

  sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.resolveSleep = undefined;
        this.woken = false;
        resolve();
      };
      const timer = setTimeout(done, this.woken ? 0 : ms);
      this.resolveSleep = done;
    });
  }
}
