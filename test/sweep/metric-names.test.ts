import { describe, expect, it } from 'vitest';
import { isLowerBetter, metricOnSplit, parseMetricName } from '../../src/sweep/metric-names.ts';
import { planSweep } from '../../src/sweep/plan.ts';
import { isHigherBetter, selectionMetricFor, trainMetricFor } from '../../src/report/compare.ts';
import { learningCurveKeys } from '../../src/report/html/load-report-data.ts';

describe('metric names: one parser of split prefixes, one lower-is-better rule', () => {
  it('takes a name apart at its split prefix', () => {
    expect(parseMetricName('validation_accuracy')).toEqual({ split: 'validation', base: 'accuracy' });
    expect(parseMetricName('train_loss')).toEqual({ split: 'train', base: 'loss' });
    expect(parseMetricName('test_mean_abs_error')).toEqual({ split: 'test', base: 'mean_abs_error' });
    expect(parseMetricName('zero_fraction')).toEqual({ split: null, base: 'zero_fraction' });
    expect(parseMetricName('validation')).toEqual({ split: null, base: 'validation' }); // no name after the prefix
  });

  it('names the same metric on another split, and nothing for a metric of no split', () => {
    expect([metricOnSplit('test_loss', 'validation'), metricOnSplit('validation_accuracy', 'train'), metricOnSplit('score', 'test')])
      .toEqual(['validation_loss', 'train_accuracy', null]);
  });

  it('says losses, errors and penalties are lower-is-better', () => {
    expect(['test_loss', 'validation_error', 'penalty', 'test_accuracy', 'zero_fraction', 'score'].map(isLowerBetter))
      .toEqual([true, true, true, false, false, false]);
  });

  it('is the rule compare, the report and the planner use', () => {
    expect([selectionMetricFor('test_loss'), trainMetricFor('test_loss'), trainMetricFor('train_loss'), isHigherBetter('test_loss')])
      .toEqual(['validation_loss', 'train_loss', null, false]);
    expect(learningCurveKeys('test_accuracy')).toEqual(['validation_accuracy', 'test_accuracy', 'train_loss']);
    const sweep = (metric: string) => planSweep({ name: 's', file: 's.ts', config: { metric, seeds: 1 } } as never).direction;
    expect([sweep('validation_loss'), sweep('validation_accuracy')]).toEqual(['minimize', 'maximize']);
  });
});
