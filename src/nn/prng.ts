/**
 * A small, seeded pseudo-random number generator with explicit state
 * (xoshiro128**, Blackman & Vigna). Only 32-bit integer arithmetic, so a
 * sequence is the same bit for bit on every machine and JS engine.
 *
 * @example
 * const rng = new Rng(42);
 * rng.next();          // float in [0, 1)
 * rng.uniform(-1, 1);  // float in [-1, 1)
 * rng.int(10);         // integer in [0, 10)
 */
export class Rng {
  /** The whole generator state: four 32-bit words. Copy it to snapshot the generator. */
  readonly state: Uint32Array;

  constructor(seed: number | Uint32Array) {
    if (seed instanceof Uint32Array) {
      this.state = Uint32Array.from(seed);
      return;
    }
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
    // splitmix32 over the low and high 32-bit halves of the seed fills the state.
    const lo = seed >>> 0;
    const hi = Math.floor(Math.abs(seed) / 4294967296) >>> 0;
    let x = (lo ^ Math.imul(hi, 0x9e3779b9)) >>> 0;
    this.state = new Uint32Array(4);
    for (let i = 0; i < 4; i++) {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      this.state[i] = (z ^ (z >>> 16)) >>> 0;
    }
    if ((this.state[0] | this.state[1] | this.state[2] | this.state[3]) === 0) this.state[0] = 1;
  }

  /** Next raw 32-bit unsigned integer. */
  nextUint32(): number {
    const s = this.state;
    const s0 = s[0], s1 = s[1], s2 = s[2], s3 = s[3];
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    s[1] = s1 ^ n2;
    s[0] = s0 ^ n3;
    s[2] = n2 ^ t;
    s[3] = (n3 << 11) | (n3 >>> 21);
    return result;
  }

  /** Uniform float in [0, 1) with 53 random bits. */
  next(): number {
    const a = this.nextUint32() >>> 5; // 27 bits
    const b = this.nextUint32() >>> 6; // 26 bits
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** Uniform float in [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /**
   * Fill `out` with uniform integers in [0, n): the same values, and the same state after, as `out.length`
   * calls of `int(n)`, with the state kept in locals (a bootstrap draws 100,000 of them).
   */
  fillInt(out: Int32Array, n: number): void {
    const s = this.state;
    let s0 = s[0], s1 = s[1], s2 = s[2], s3 = s[3];
    for (let i = 0; i < out.length; i++) {
      let hi = 0;
      let lo = 0;
      for (let half = 0; half < 2; half++) {
        const m = Math.imul(s1, 5);
        const word = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
        const t = s1 << 9;
        const n2 = s2 ^ s0;
        const n3 = s3 ^ s1;
        s1 = (s1 ^ n2) >>> 0;
        s0 = (s0 ^ n3) >>> 0;
        s2 = (n2 ^ t) >>> 0;
        s3 = ((n3 << 11) | (n3 >>> 21)) >>> 0;
        if (half === 0) hi = word >>> 5; // 27 bits
        else lo = word >>> 6; // 26 bits
      }
      out[i] = Math.floor(((hi * 67108864 + lo) / 9007199254740992) * n);
    }
    s[0] = s0;
    s[1] = s1;
    s[2] = s2;
    s[3] = s3;
  }

  /**
   * The resampling of a paired bootstrap: `meansX.length` times, draw `x.length` indices with replacement
   * (what as many `int(x.length)` calls draw, in the same order) and write the means of `x` and of `y` over
   * them, each summed in draw order; the generator is left as those calls would leave it. One loop with the
   * state in locals and no calls: a comparison runs it once, before V8 has optimized anything, when
   * `fillInt` and a second loop that sums cost about twice as much (two loops to optimize, calls to
   * `Math.imul` while interpreted). The products below stay under 2^53, so `| 0` and `>>> 0` take the
   * same low 32 bits that `Math.imul` keeps, and the state words are kept as signed 32-bit integers
   * (the same bits; `Uint32Array` stores them back unsigned).
   *
   * @example
   * const meanD = new Float64Array(10_000), meanS = new Float64Array(10_000);
   * new Rng(0).resampleMeans(d, share, meanD, meanS); // 10,000 resampled means of d and of share
   */
  resampleMeans(x: Float64Array, y: Float64Array, meansX: Float64Array, meansY: Float64Array): void {
    const n = x.length;
    const resamples = meansX.length;
    if (y.length !== n || meansY.length !== resamples) {
      throw new RangeError(`resampleMeans: x and y must have one length (${n}, ${y.length}), and so must meansX and meansY (${resamples}, ${meansY.length})`);
    }
    const s = this.state;
    let s0 = s[0] | 0, s1 = s[1] | 0, s2 = s[2] | 0, s3 = s[3] | 0;
    for (let r = 0; r < resamples; r++) {
      let sumX = 0;
      let sumY = 0;
      for (let i = 0; i < n; i++) {
        // two nextUint32 steps, as next() takes them: 27 high bits, then 26 low ones
        let m = (s1 * 5) | 0;
        const hi = (((m << 7) | (m >>> 25)) * 9) >>> 5;
        let t = s1 << 9;
        let n2 = s2 ^ s0;
        let n3 = s3 ^ s1;
        s1 ^= n2;
        s0 ^= n3;
        s2 = n2 ^ t;
        s3 = (n3 << 11) | (n3 >>> 21);
        m = (s1 * 5) | 0;
        const lo = (((m << 7) | (m >>> 25)) * 9) >>> 6;
        t = s1 << 9;
        n2 = s2 ^ s0;
        n3 = s3 ^ s1;
        s1 ^= n2;
        s0 ^= n3;
        s2 = n2 ^ t;
        s3 = (n3 << 11) | (n3 >>> 21);
        const k = Math.floor(((hi * 67108864 + lo) / 9007199254740992) * n);
        sumX += x[k];
        sumY += y[k];
      }
      meansX[r] = sumX / n;
      meansY[r] = sumY / n;
    }
    s[0] = s0;
    s[1] = s1;
    s[2] = s2;
    s[3] = s3;
  }

  /** Standard normal draw (Box-Muller, one value per call). */
  normal(): number {
    let u = 0;
    while (u === 0) u = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Fisher-Yates shuffle of `a` in place. */
  shuffle(a: Int32Array | Uint32Array | number[]): void {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
