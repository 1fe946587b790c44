import { z } from 'zod';
import type { ObjectiveFn } from './define-sweep.ts';
import type { Sampler } from './samplers/sampler.ts';

const count = z.number().int().positive();
const fraction = z.number().min(0).lt(1);
const dataSeed = z.union([z.number().int(), z.literal('trial')]);

const syntheticData = z.strictObject({
  kind: z.literal('synthetic'),
  inputs: count.optional(),
  hidden: count.optional(),
  classes: z.number().int().min(2).optional(),
  irrelevant: z.number().int().min(0).optional(),
  train: count.optional(),
  validation: z.number().int().min(0).optional(),
  test: z.number().int().min(0).optional(),
  noise: z.number().min(0).max(1).optional(),
  teacherScale: z.number().positive().optional(),
  inputScale: z.number().positive().optional(),
  normalize: z.enum(['zscore', 'minmax', 'none']).optional(),
  seed: dataSeed.optional(),
});

const csvData = z.strictObject({
  kind: z.literal('csv'),
  path: z.string().min(1),
  label: z.string().min(1),
  split: z.strictObject({ validation: fraction.optional(), test: fraction.optional() }).optional(),
  normalize: z.enum(['zscore', 'minmax', 'none']).optional(),
  seed: dataSeed.optional(),
});

/** Field schemas of the built-in trainer's settings, also used to check search-space values. */
export const modelFields = {
  hidden: z.array(count),
  activation: z.enum(['tanh', 'relu', 'sigmoid']),
  loss: z.enum(['cross-entropy', 'mse']),
  init: z.enum(['uniform', 'glorot', 'he']),
  initScale: z.number().positive(),
};
export const trainingFields = {
  epochs: count,
  learningRate: z.number().positive(),
  batchSize: count,
  momentum: z.number().min(0).lt(1),
  evalEvery: count,
  earlyStopping: z.strictObject({
    metric: z.enum(['accuracy', 'loss']),
    patience: count,
    minDelta: z.number().min(0).default(0),
  }).nullable(),
};
export const regularizationFields = {
  kind: z.enum(['none', 'l1', 'l2', 'elasticnet']),
  lambda: z.number().min(0),
  lambda2: z.number().min(0),
  l1Method: z.enum(['proximal', 'subgradient']),
  regularizeBias: z.boolean(),
};

const choice = z.strictObject({ type: z.literal('choice'), values: z.array(z.unknown()).min(1) });
const float = z.strictObject({ type: z.literal('float'), low: z.number(), high: z.number(), log: z.boolean() })
  .refine((d) => d.low < d.high, { message: 'low must be below high' })
  .refine((d) => !d.log || d.low > 0, { message: 'a log-uniform range needs low > 0' });
const intRange = z.strictObject({ type: z.literal('int'), low: z.number().int(), high: z.number().int(), step: count })
  .refine((d) => d.low <= d.high, { message: 'low must not be above high' });
const spaceValue = z.union([z.array(z.unknown()).min(1), choice, float, intRange]);

const epochCount = z.number().int().min(0);
const pruneSchema = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('none') }),
  z.strictObject({ method: z.literal('median'), warmupEpochs: epochCount.optional(), startupTrials: count.optional() }),
  z.strictObject({ method: z.literal('asha'), minEpochs: count.optional(), reductionFactor: z.number().int().min(2).optional(), startupTrials: count.optional() }),
]);
const raceSchema = z.strictObject({ minSeeds: z.number().int().min(2), alpha: z.number().gt(0).max(0.5) });

/** The schema of a sweep file's default export. */
export const sweepSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][\w.-]*$/, 'must be letters, digits, ".", "_" or "-"').optional(),
  description: z.string().optional(),
  data: z.discriminatedUnion('kind', [syntheticData, csvData]).optional(),
  model: z.strictObject(modelFields).partial().optional(),
  training: z.strictObject(trainingFields).partial().optional(),
  regularization: z.strictObject(regularizationFields).partial().optional(),
  extra: z.record(z.string(), z.unknown()).optional(),
  metric: z.string().regex(/^\w+$/, 'must be a metric key such as validation_accuracy').optional(),
  direction: z.enum(['maximize', 'minimize']).optional(),
  objective: z.custom<ObjectiveFn>((v) => typeof v === 'function', 'must be a function (config, ctx) => metrics').optional(),
  search: z.strictObject({
    method: z.custom<SearchMethodName | Sampler>(
      (v) => typeof v === 'string' || isSampler(v),
      'must be "grid", "random", "tpe" or a sampler object with an ask(history, n) method',
    ).optional(),
    trials: count.optional(),
    seed: z.number().int().optional(),
    startupTrials: z.number().int().min(0).optional(),
    candidates: count.optional(),
    space: z.record(z.string(), spaceValue).optional(),
  }).optional(),
  seeds: z.union([count, z.array(z.number().int()).min(1)]).optional(),
  prune: pruneSchema.optional(),
  race: raceSchema.optional(),
});

/** The built-in search methods. */
export const SEARCH_METHODS = ['grid', 'random', 'tpe'] as const;
export type SearchMethodName = (typeof SEARCH_METHODS)[number];

/** Whether a value is a sampler object: a `name` and an `ask` function. */
export function isSampler(v: unknown): v is Sampler {
  return typeof v === 'object' && v !== null && typeof (v as Sampler).ask === 'function' && typeof (v as Sampler).name === 'string';
}

export type ValidSweep = z.output<typeof sweepSchema>;

/** The schema a swept value must satisfy, by config path; undefined for paths that do not exist. */
export function fieldSchema(path: string): z.ZodType | undefined {
  const [section, field, ...rest] = path.split('.');
  if (section === 'extra' && field) return z.unknown();
  if (rest.length > 0 || !field) return undefined;
  const fields: Record<string, Record<string, z.ZodType>> = { model: modelFields, training: trainingFields, regularization: regularizationFields };
  if (section === 'model' && field === 'hidden') return z.union([count, modelFields.hidden]);
  return fields[section!]?.[field];
}

/** Every settable config path, for "did you mean" hints. */
export const configPaths: readonly string[] = [
  ...Object.keys(modelFields).map((k) => `model.${k}`),
  ...Object.keys(trainingFields).map((k) => `training.${k}`),
  ...Object.keys(regularizationFields).map((k) => `regularization.${k}`),
];
