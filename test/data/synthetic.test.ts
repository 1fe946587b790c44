import { describe, expect, it } from 'vitest';
import {
  makeSynthetic,
  makeTeacher,
  resolveSyntheticConfig,
  syntheticDefaults,
  syntheticTeacher,
  teacherLabel,
} from '../../src/data/synthetic.ts';
import type { Dataset } from '../../src/data/dataset.ts';
import { Rng } from '../../src/nn/prng.ts';

const bytes = (a: Float64Array | Int32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** Column j of ds as a plain array. */
const column = (ds: Dataset, j: number) => Array.from({ length: ds.n }, (_, r) => ds.x[r * ds.nFeatures + j]!);

/** Count of positions where two label arrays differ. */
const differing = (a: Int32Array, b: Int32Array) => a.reduce((m, v, i) => m + (v === b[i] ? 0 : 1), 0);

describe('makeSynthetic', () => {
  it('has the configured shapes and names', () => {
    const { train, validation, test } = makeSynthetic({ seed: 1 });
    for (const [ds, n] of [[train, 200], [validation, 40], [test, 40]] as const) {
      expect(ds.n).toBe(n);
      expect(ds.nFeatures).toBe(10);
      expect(ds.nClasses).toBe(4);
      expect(ds.x.length).toBe(n * 10);
      expect(ds.y.length).toBe(n);
      expect(ds.featureNames).toEqual(['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8', 'x9', 'x10']);
      expect(ds.classNames).toEqual(['c0', 'c1', 'c2', 'c3']);
      expect(ds.y.every((k) => k >= 0 && k < 4)).toBe(true);
      expect(ds.x.every((v) => v >= -10 && v < 10)).toBe(true);
    }
  });

  it('puts irrelevant columns after the relevant ones', () => {
    const { train } = makeSynthetic({ seed: 1, inputs: 3, irrelevant: 2, classes: 3, train: 50, inputScale: 2 });
    expect(train.nFeatures).toBe(5);
    expect(train.featureNames).toEqual(['x1', 'x2', 'x3', 'noise1', 'noise2']);
    expect(train.classNames).toEqual(['c0', 'c1', 'c2']);
    expect(train.x.every((v) => v >= -2 && v < 2)).toBe(true);
  });

  it('is identical bit for bit for the same seed', () => {
    const a = makeSynthetic({ seed: 42, irrelevant: 3, noise: 0.2 });
    const b = makeSynthetic({ seed: 42, irrelevant: 3, noise: 0.2 });
    for (const part of ['train', 'validation', 'test'] as const) {
      expect(bytes(a[part].x)).toEqual(bytes(b[part].x));
      expect(bytes(a[part].y)).toEqual(bytes(b[part].y));
    }
  });

  it('differs for a different seed', () => {
    const a = makeSynthetic({ seed: 1 });
    const b = makeSynthetic({ seed: 2 });
    expect(a.train.x.some((v, i) => v !== b.train.x[i])).toBe(true);
    expect(differing(a.train.y, b.train.y)).toBeGreaterThan(0);
    expect(a.test.x.some((v, i) => v !== b.test.x[i])).toBe(true);
  });

  it('uses every class in a 200-row training set (seeds 1..20)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const counts = new Array<number>(4).fill(0);
      for (const k of makeSynthetic({ seed }).train.y) counts[k]!++;
      expect(counts.every((c) => c > 0), `seed ${seed}: ${counts}`).toBe(true);
    }
  });

  it('flips exactly round(noise * rows) labels, each to a different class, inputs unchanged', () => {
    const clean = makeSynthetic({ seed: 5 });
    const half = makeSynthetic({ seed: 5, noise: 0.5 });
    const tenth = makeSynthetic({ seed: 5, noise: 0.1 });
    expect(bytes(half.train.x)).toEqual(bytes(clean.train.x));
    expect(differing(half.train.y, clean.train.y)).toBe(100);
    expect(differing(half.validation.y, clean.validation.y)).toBe(20);
    expect(differing(half.test.y, clean.test.y)).toBe(20);
    expect(differing(tenth.train.y, clean.train.y)).toBe(20);
    const all = makeSynthetic({ seed: 5, noise: 1 });
    expect(differing(all.train.y, clean.train.y)).toBe(200);
  });

  it('leaves the relevant inputs and the labels unchanged when irrelevant columns are added', () => {
    const base = makeSynthetic({ seed: 9, noise: 0.1 });
    const wide = makeSynthetic({ seed: 9, noise: 0.1, irrelevant: 5 });
    for (const part of ['train', 'validation', 'test'] as const) {
      expect(bytes(wide[part].y)).toEqual(bytes(base[part].y));
      for (let j = 0; j < 10; j++) expect(column(wide[part], j)).toEqual(column(base[part], j));
    }
    // The noise columns really are noise: spread over the range, not copies of an input.
    const noise1 = column(wide.train, 10);
    expect(Math.min(...noise1)).toBeLessThan(-8);
    expect(Math.max(...noise1)).toBeGreaterThan(8);
    expect(noise1).not.toEqual(column(wide.train, 0));
  });

  it('keeps the other splits when one split size changes', () => {
    const a = makeSynthetic({ seed: 3 });
    const b = makeSynthetic({ seed: 3, train: 500 });
    expect(bytes(b.test.x)).toEqual(bytes(a.test.x));
    expect(bytes(b.validation.y)).toEqual(bytes(a.validation.y));
    expect(bytes(b.train.x.subarray(0, 2000))).toEqual(bytes(a.train.x));
  });

  it('labels by the teacher: recomputed by hand from its weights', () => {
    const options = { seed: 11, inputs: 4, hidden: 6, classes: 3, irrelevant: 2 };
    const t = syntheticTeacher(options);
    expect([t.nIn, t.nHidden, t.nOut]).toEqual([4, 6, 3]);
    expect([t.W1.length, t.b1.length, t.W2.length, t.b2.length]).toEqual([24, 6, 18, 3]);
    const weights = [...t.W1, ...t.b1, ...t.W2, ...t.b2];
    expect(weights.every((w) => Math.abs(w) <= 10)).toBe(true);
    expect(weights.some((w) => Math.abs(w) > 5)).toBe(true);

    const { train } = makeSynthetic(options);
    for (let r = 0; r < train.n; r++) {
      const x = Array.from({ length: 4 }, (_, i) => train.x[r * 6 + i]!); // the noise columns 4, 5 are ignored
      const h = Array.from({ length: 6 }, (_, j) =>
        Math.tanh(t.b1[j]! + x.reduce((s, xi, i) => s + t.W1[j * 4 + i]! * xi, 0)),
      );
      const out = Array.from({ length: 3 }, (_, k) => t.b2[k]! + h.reduce((s, hj, j) => s + t.W2[k * 6 + j]! * hj, 0));
      expect(train.y[r]).toBe(out.indexOf(Math.max(...out)));
    }
  });

  it('checks its config', () => {
    expect(resolveSyntheticConfig({ seed: 1 })).toEqual({ ...syntheticDefaults, seed: 1 });
    expect(() => makeSynthetic({ seed: 1, classes: 1 })).toThrow('synthetic classes must be an integer >= 2, got 1');
    expect(() => makeSynthetic({ seed: 1, noise: 1.5 })).toThrow('synthetic noise must be in [0, 1], got 1.5');
    expect(() => makeSynthetic({ seed: 1, train: 2.5 })).toThrow('synthetic train must be an integer >= 1, got 2.5');
  });
});

describe('makeTeacher / teacherLabel', () => {
  it('draws W1, b1, W2, b2 in order from the rng, in ±scale', () => {
    const t = makeTeacher(new Rng(4), { nIn: 2, nHidden: 2, nOut: 2, scale: 3 });
    const rng = new Rng(4);
    const draws = Array.from({ length: 4 + 2 + 4 + 2 }, () => rng.uniform(-3, 3));
    expect([...t.W1, ...t.b1, ...t.W2, ...t.b2]).toEqual(draws);
  });

  it('takes the argmax of W2 tanh(W1 x + b1) + b2', () => {
    // a1 = tanh([x1, -x1]); z2 = [a1[0], a1[1]] so the sign of x1 decides.
    const t = {
      nIn: 1, nHidden: 2, nOut: 2,
      W1: Float64Array.of(1, -1), b1: Float64Array.of(0, 0),
      W2: Float64Array.of(1, 0, 0, 1), b2: Float64Array.of(0, 0),
    };
    expect(teacherLabel(t, Float64Array.of(0.3))).toBe(0);
    expect(teacherLabel(t, Float64Array.of(-0.3))).toBe(1);
    expect(teacherLabel(t, Float64Array.of(9, -0.3), 1)).toBe(1);
  });
});
