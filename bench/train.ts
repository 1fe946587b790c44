/**
 * Speed of `train()` on online SGD, one JSON object per line (see bench/README.md).
 *
 *   npm run bench:train                      # all cases, 5 timed repetitions each
 *   npx tsx bench/train.ts --case l2-demo-online --repetitions 9 --no-ref
 *
 * Each timed case: one warm-up run, then `repetitions` runs; `seconds` is their median and
 * `samplesPerSecond` = samples * epochs / seconds. `thetaHash` (FNV-1a of the final weights' bytes)
 * is the same on every repetition and changes only when the numbers do.
 * `heapUsedDeltaBytes` is the median over the repetitions of heap used after a run minus before it (no
 * GC forced): the run's setup and result, some kilobytes, where 16 bytes per sample would be megabytes.
 * The `*-heap` case samples `heapUsed` every `evalEvery` epochs without collecting garbage in between:
 * a trainer that allocated per sample would show kilobytes per epoch there, not ~0.
 * If the C yardstick is built at /tmp/mlp_ref (or $MLP_REF), its runs are interleaved with ours
 * and a `c-yardstick` line gives its median and our ratio to it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { makeSynthetic } from '../src/data/index.ts';
import { type Samples, type TrainConfig, type TrainData, Rng, resolveTrainConfig, train } from '../src/nn/index.ts';

interface Case {
  name: string;
  data: TrainData;
  config: TrainConfig;
  /** arguments of the C yardstick for the same shape and work, if it has one */
  refArgs: string[] | null;
}

/** n rows of uniform [0, 16) features (the digits' pixel range) with uniform labels; (n, nFeatures) row-major. */
function randomSamples(rng: Rng, n: number, nFeatures: number, nClasses: number): Samples {
  const x = new Float64Array(n * nFeatures);
  for (let k = 0; k < x.length; k++) x[k] = rng.uniform(0, 16);
  const y = new Int32Array(n);
  for (let r = 0; r < n; r++) y[r] = rng.int(nClasses);
  return { x, y, n, nFeatures, nClasses };
}

const l2Demo: Case = {
  name: 'l2-demo-online',
  data: makeSynthetic({ seed: 1 }),
  config: resolveTrainConfig({
    model: { hidden: [15], activation: 'tanh' },
    training: { epochs: 1000, learningRate: 0.01, batchSize: 1 },
    regularization: { kind: 'l2', lambda: 0.001 },
    seed: 1,
  }),
  refArgs: ['10', '15', '4', '200', '1000', '0.01', '2', '0.001', '1'],
};

const digitsShape: Case = {
  name: 'digits-shape-online',
  data: { train: randomSamples(new Rng(64), 1797, 64, 10) },
  config: resolveTrainConfig({
    model: { hidden: [32], activation: 'tanh' },
    training: { epochs: 50, learningRate: 0.01, batchSize: 1 },
    regularization: { kind: 'l2', lambda: 0.001 },
    seed: 1,
  }),
  refArgs: ['64', '32', '10', '1797', '50', '0.01', '2', '0.001', '1'],
};

const { values: args } = parseArgs({
  options: {
    case: { type: 'string', multiple: true },
    repetitions: { type: 'string', default: '5' },
    'no-ref': { type: 'boolean', default: false },
  },
});
const repetitions = Number(args.repetitions);
if (!(Number.isInteger(repetitions) && repetitions >= 1)) throw new RangeError(`--repetitions must be a positive integer, got ${args.repetitions}`);
const refPath = process.env.MLP_REF ?? '/tmp/mlp_ref';
const useRef = !args['no-ref'] && existsSync(refPath);
const wanted = (name: string) => !args.case || args.case.includes(name);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** FNV-1a over the bytes of `a`, as 8 hex digits. */
function hashOf(a: Float64Array): string {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let h = 0x811c9dc5;
  for (let k = 0; k < bytes.length; k++) h = Math.imul(h ^ bytes[k]!, 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

function shapeOf(c: Case) {
  const { train: t } = c.data;
  const { epochs, batchSize } = c.config.training;
  return { inputs: t.nFeatures, hidden: c.config.model.hidden, outputs: t.nClasses, samples: t.n, epochs, batchSize };
}

/** Samples per second the C yardstick prints for one run. */
function runRef(refArgs: string[]): number {
  const out = execFileSync(refPath, refArgs, { encoding: 'utf8' });
  const m = /samples_per_s\s+(\S+)/.exec(out);
  if (!m) throw new Error(`unexpected output from ${refPath}: ${out.trim()}`);
  return Number(m[1]);
}

function print(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

const round = (v: number, digits: number) => Number(v.toPrecision(digits));

function timeCase(c: Case): void {
  const shape = shapeOf(c);
  const work = shape.samples * shape.epochs;
  train(c.config, c.data); // warm-up: let V8 optimize the kernels
  const seconds: number[] = [], heapDeltas: number[] = [], refRates: number[] = [], hashes = new Set<string>();
  for (let rep = 0; rep < repetitions; rep++) {
    const heap0 = process.memoryUsage().heapUsed;
    const t0 = process.hrtime.bigint();
    const result = train(c.config, c.data);
    seconds.push(Number(process.hrtime.bigint() - t0) / 1e9);
    heapDeltas.push(process.memoryUsage().heapUsed - heap0);
    hashes.add(hashOf(result.theta));
    if (useRef && c.refArgs) refRates.push(runRef(c.refArgs));
  }
  const s = median(seconds);
  const samplesPerSecond = work / s;
  print({
    case: c.name, ...shape, repetitions, node: process.version,
    seconds: round(s, 4), samplesPerSecond: Math.round(samplesPerSecond),
    secondsMin: round(Math.min(...seconds), 4), secondsMax: round(Math.max(...seconds), 4),
    thetaHash: [...hashes].join(','), heapUsedDeltaBytes: median(heapDeltas),
  });
  if (refRates.length > 0) {
    const ref = median(refRates);
    print({
      case: `c-yardstick:${c.name}`, ...shape, repetitions, samplesPerSecond: Math.round(ref),
      command: [refPath, ...c.refArgs!].join(' '), ratioTsToC: round(samplesPerSecond / ref, 3),
    });
  }
}

/**
 * Heap used, sampled every `every` epochs through `onEpoch`, with no forced GC during the run.
 * Growth per epoch is the median of the slopes between consecutive samples (a scavenge between two
 * samples shows as one negative slope and does not move the median); it includes the small
 * per-report allocations of `onEpoch` itself, amortized over `every` epochs.
 */
function heapCase(c: Case, every: number): void {
  const shape = shapeOf(c);
  const config: TrainConfig = { ...c.config, training: { ...c.config.training, evalEvery: every } };
  const samples = Math.ceil(shape.epochs / every) + 1;
  const epochs = new Float64Array(samples), heap = new Float64Array(samples);
  let count = 0;
  train(config, c.data, () => {}); // warm-up, including the reporting path
  train(config, c.data, (r) => {
    epochs[count] = r.epoch;
    heap[count++] = process.memoryUsage().heapUsed;
  });
  const slopes: number[] = [];
  for (let k = 1; k < count; k++) slopes.push((heap[k]! - heap[k - 1]!) / (epochs[k]! - epochs[k - 1]!));
  const perEpoch = median(slopes);
  print({
    case: `${c.name}-heap`, ...shape, evalEvery: every, heapSamples: count,
    heapUsedFirstBytes: heap[0], heapUsedLastBytes: heap[count - 1],
    heapGrowthPerEpochBytes: round(perEpoch, 3), heapGrowthPerSampleBytes: round(perEpoch / shape.samples, 3),
    scavengesSeen: slopes.filter((d) => d < 0).length,
  });
}

for (const c of [l2Demo, digitsShape]) if (wanted(c.name)) timeCase(c);
if (wanted(`${l2Demo.name}-heap`)) heapCase(l2Demo, 50);
