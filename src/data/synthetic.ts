import { Rng } from '../nn/prng.ts';
import type { Dataset, Splits } from './dataset.ts';

/**
 * Everything that defines a synthetic data set (see {@link makeSynthetic}).
 *
 * @example
 * const config: SyntheticConfig = { ...syntheticDefaults, seed: 1, irrelevant: 5 };
 */
export interface SyntheticConfig {
  /** Input columns the teacher reads. */
  readonly inputs: number;
  /** Hidden units of the teacher. */
  readonly hidden: number;
  /** Classes (teacher outputs), at least 2. */
  readonly classes: number;
  /** Extra pure-noise input columns the teacher ignores, placed after the relevant ones. */
  readonly irrelevant: number;
  /** Rows in each split. */
  readonly train: number;
  readonly validation: number;
  readonly test: number;
  /** Label-noise rate in [0, 1]: in each split, round(noise * rows) labels become a different class. */
  readonly noise: number;
  readonly seed: number;
  /** Teacher weights and biases are uniform in [-teacherScale, teacherScale). */
  readonly teacherScale: number;
  /** Inputs (relevant and irrelevant) are uniform in [-inputScale, inputScale). */
  readonly inputScale: number;
}

/** A synthetic config with the defaults optional and the seed required. */
export type SyntheticOptions = Partial<Omit<SyntheticConfig, 'seed'>> & { readonly seed: number };

/**
 * Defaults of {@link SyntheticConfig}, after McCaffrey's L2-regularization demo: 10 inputs,
 * 15 hidden, 4 classes, weights and inputs in ±10.
 *
 * @example
 * makeSynthetic({ ...syntheticDefaults, seed: 3 });
 */
export const syntheticDefaults: Readonly<Omit<SyntheticConfig, 'seed'>> = Object.freeze({
  inputs: 10,
  hidden: 15,
  classes: 4,
  irrelevant: 0,
  train: 200,
  validation: 40,
  test: 40,
  noise: 0,
  teacherScale: 10,
  inputScale: 10,
});

/**
 * The random network that labels synthetic data: a1 = tanh(W1 x + b1), z2 = W2 a1 + b2,
 * label = argmax z2 (the first maximum on a tie).
 */
export interface Teacher {
  readonly nIn: number;
  readonly nHidden: number;
  readonly nOut: number;
  /** (nHidden, nIn), row-major */
  readonly W1: Float64Array;
  /** (nHidden) */
  readonly b1: Float64Array;
  /** (nOut, nHidden), row-major */
  readonly W2: Float64Array;
  /** (nOut) */
  readonly b2: Float64Array;
}

/**
 * Fills in defaults and checks ranges; throws a RangeError naming the bad field.
 *
 * @example
 * resolveSyntheticConfig({ seed: 1 }).hidden; // 15
 */
export function resolveSyntheticConfig(options: SyntheticOptions): SyntheticConfig {
  const c: SyntheticConfig = { ...syntheticDefaults, ...options };
  const int = (name: keyof SyntheticConfig, min: number) => {
    const v = c[name];
    if (!Number.isInteger(v) || v < min) throw new RangeError(`synthetic ${name} must be an integer >= ${min}, got ${v}`);
  };
  int('inputs', 1);
  int('hidden', 1);
  int('classes', 2);
  int('irrelevant', 0);
  int('train', 1);
  int('validation', 0);
  int('test', 0);
  if (!(c.noise >= 0 && c.noise <= 1)) throw new RangeError(`synthetic noise must be in [0, 1], got ${c.noise}`);
  if (!Number.isFinite(c.seed)) throw new RangeError(`synthetic seed must be a finite number, got ${c.seed}`);
  for (const name of ['teacherScale', 'inputScale'] as const) {
    const v = c[name];
    if (!(v > 0 && Number.isFinite(v))) throw new RangeError(`synthetic ${name} must be a finite number > 0, got ${v}`);
  }
  return c;
}

/**
 * Draws a teacher from `rng`: W1, b1, W2, b2 in that order, each entry uniform in ±scale.
 *
 * @example
 * const t = makeTeacher(new Rng(1), { nIn: 2, nHidden: 3, nOut: 2, scale: 10 });
 * teacherLabel(t, Float64Array.of(0.5, -1)); // 0 or 1
 */
export function makeTeacher(
  rng: Rng,
  shape: { nIn: number; nHidden: number; nOut: number; scale: number },
): Teacher {
  const { nIn, nHidden, nOut, scale } = shape;
  const draw = (len: number) => {
    const a = new Float64Array(len);
    for (let i = 0; i < len; i++) a[i] = rng.uniform(-scale, scale);
    return a;
  };
  const W1 = draw(nHidden * nIn);
  const b1 = draw(nHidden);
  const W2 = draw(nOut * nHidden);
  const b2 = draw(nOut);
  return { nIn, nHidden, nOut, W1, b1, W2, b2 };
}

/**
 * The teacher's class for the input at `x[offset .. offset + nIn)`. `a1` is scratch space of
 * length nHidden (pass one in a loop to avoid allocating per row).
 *
 * @example
 * teacherLabel(teacher, ds.x, row * ds.nFeatures); // reads the first nIn columns of the row
 */
export function teacherLabel(t: Teacher, x: Float64Array, offset = 0, a1 = new Float64Array(t.nHidden)): number {
  const { nIn, nHidden, nOut, W1, b1, W2, b2 } = t;
  for (let j = 0; j < nHidden; j++) {
    let z1 = b1[j]!;
    for (let i = 0; i < nIn; i++) z1 += W1[j * nIn + i]! * x[offset + i]!;
    a1[j] = Math.tanh(z1);
  }
  let best = 0;
  let bestZ = -Infinity;
  for (let k = 0; k < nOut; k++) {
    let z2 = b2[k]!;
    for (let j = 0; j < nHidden; j++) z2 += W2[k * nHidden + j]! * a1[j]!;
    if (z2 > bestZ) {
      bestZ = z2;
      best = k;
    }
  }
  return best;
}

/** A new generator whose whole 128-bit state is drawn from `master`. */
function fork(master: Rng): Rng {
  const s = Uint32Array.of(master.nextUint32(), master.nextUint32(), master.nextUint32(), master.nextUint32());
  if ((s[0]! | s[1]! | s[2]! | s[3]!) === 0) s[0] = 1;
  return new Rng(s);
}

/**
 * The teacher that `makeSynthetic(options)` labels with (the first stream forked from the seed).
 *
 * @example
 * const t = syntheticTeacher({ seed: 7 });
 * t.W1.length; // 15 * 10
 */
export function syntheticTeacher(options: SyntheticOptions): Teacher {
  const c = resolveSyntheticConfig(options);
  return makeTeacher(fork(new Rng(c.seed)), { nIn: c.inputs, nHidden: c.hidden, nOut: c.classes, scale: c.teacherScale });
}

/**
 * Synthetic classification data after J. McCaffrey's "L2 regularization" demo: a random
 * teacher network (tanh hidden layer, linear output, label = argmax) labels inputs drawn
 * uniformly in ±inputScale. `irrelevant` appends pure-noise columns the teacher ignores
 * (features `x1..xN`, then `noise1..noiseM`; classes `c0..c{k-1}`). Label noise applies to
 * every split: in each, exactly round(noise * rows) rows, chosen at random, get a label drawn
 * uniformly from the other classes.
 *
 * Streams: `new Rng(seed)` is a master stream that forks, always in this order, the teacher,
 * then for train, validation and test in turn: relevant inputs, noise columns, label noise.
 * The forks do not depend on the sizes, so for a fixed seed and teacher shape:
 * - changing `irrelevant` leaves every relevant input and every label unchanged;
 * - changing `noise` leaves every input and every clean label unchanged;
 * - changing one split's size leaves the other splits' rows unchanged.
 *
 * @example
 * const { train, validation, test } = makeSynthetic({ seed: 1, irrelevant: 5, noise: 0.1 });
 * train.nFeatures; // 15
 */
export function makeSynthetic(options: SyntheticOptions): Splits {
  const c = resolveSyntheticConfig(options);
  const master = new Rng(c.seed);
  const teacher = makeTeacher(fork(master), {
    nIn: c.inputs,
    nHidden: c.hidden,
    nOut: c.classes,
    scale: c.teacherScale,
  });
  const featureNames = [
    ...Array.from({ length: c.inputs }, (_, i) => `x${i + 1}`),
    ...Array.from({ length: c.irrelevant }, (_, i) => `noise${i + 1}`),
  ];
  const classNames = Array.from({ length: c.classes }, (_, k) => `c${k}`);
  const part = (n: number): Dataset => {
    const inputRng = fork(master);
    const noiseColumnRng = fork(master);
    const labelNoiseRng = fork(master);
    const d = c.inputs + c.irrelevant;
    const x = new Float64Array(n * d); // (n, inputs + irrelevant), row-major
    const y = new Int32Array(n);
    const a1 = new Float64Array(c.hidden);
    const s = c.inputScale;
    for (let r = 0; r < n; r++) {
      const o = r * d;
      for (let i = 0; i < c.inputs; i++) x[o + i] = inputRng.uniform(-s, s);
      for (let i = c.inputs; i < d; i++) x[o + i] = noiseColumnRng.uniform(-s, s);
      y[r] = teacherLabel(teacher, x, o, a1);
    }
    const order = new Int32Array(n);
    for (let r = 0; r < n; r++) order[r] = r;
    labelNoiseRng.shuffle(order);
    const flips = Math.round(c.noise * n);
    for (let f = 0; f < flips; f++) {
      const r = order[f]!;
      y[r] = (y[r]! + 1 + labelNoiseRng.int(c.classes - 1)) % c.classes;
    }
    return { x, y, n, nFeatures: d, nClasses: c.classes, featureNames, classNames };
  };
  const train = part(c.train);
  const validation = part(c.validation);
  const test = part(c.test);
  return { train, validation, test };
}
