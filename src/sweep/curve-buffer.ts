import type { Storage } from '../store/storage.ts';
import type { LearningCurvePoint } from '../store/types.ts';

/** How often, at most, a running trial's curve points are written (`CurveBuffer`). */
export const CURVE_WRITE_EVERY_MS = 1_000;

/**
 * The curve points of one running trial that are not yet in the store. They are written (`appendCurve`) at
 * most once every `everyMs`, one write at a time, so a trial reporting every epoch costs one small
 * transaction a second; what is left when the trial ends goes into its `finishTrial` (`rest()`). A failed
 * write keeps its points for the next one (or the result); a refused one (the trial is no longer this
 * worker's) stops further writes, and `finishTrial` will then be refused too.
 *
 * @example
 * const buffer = new CurveBuffer(storage, trial.id, worker, (e) => warn(e));
 * pool.run(task, (points) => buffer.add(points));
 * const result = { ...reply.result, curve: await buffer.rest() };
 */
export class CurveBuffer {
  private pending: LearningCurvePoint[] = [];
  private writing: Promise<void> = Promise.resolve();
  private lastWrite = performance.now();
  private restart = false;
  private refused = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly storage: Pick<Storage, 'appendCurve'>,
    private readonly trialId: number,
    private readonly worker: string,
    private readonly onError: (error: unknown) => void,
    private readonly everyMs = CURVE_WRITE_EVERY_MS,
  ) {}

  /** Points of one evaluation: written now if the last write is `everyMs` old, else when it will be. */
  add(points: LearningCurvePoint[]): void {
    for (const p of points) this.pending.push(p);
    const wait = this.lastWrite + this.everyMs - performance.now();
    if (wait <= 0) void this.flush();
    else if (this.timer === undefined) {
      // a trial that goes quiet (a long epoch) still has its last points written within `everyMs`
      this.timer = setTimeout(() => void this.flush(), wait);
      this.timer.unref();
    }
  }

  /** Write what is pending now (a decision is about to read the store). Resolves when it is written. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.lastWrite = performance.now();
    this.writing = this.writing.then(() => this.write());
    return this.writing;
  }

  /** The trial is run again under the same claim: drop its points, here and (at the next write) in the store. */
  startOver(): void {
    this.pending = [];
    this.restart = true;
  }

  /** Wait for writes in flight; the points still pending, for `finishTrial`. */
  async rest(): Promise<LearningCurvePoint[]> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.writing;
    if (this.restart) {
      // a retry that reported nothing since: clear the store's points of the attempt before
      this.restart = false;
      await this.storage.appendCurve(this.trialId, this.worker, [], { restart: true }).catch(this.onError);
    }
    return this.pending.splice(0);
  }

  private async write(): Promise<void> {
    if (this.refused || (this.pending.length === 0 && !this.restart)) return;
    const points = this.pending.splice(0);
    const restart = this.restart;
    try {
      const accepted = await this.storage.appendCurve(this.trialId, this.worker, points, { restart });
      if (accepted) this.restart = false;
      else this.refused = true;
    } catch (error) {
      this.pending.unshift(...points);
      this.onError(error);
    }
  }
}
