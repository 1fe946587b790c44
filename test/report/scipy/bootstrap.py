"""Expected values for test/report/stats-bootstrap.test.ts: scipy's paired percentile bootstrap of the mean
difference and of the probability of improvement (ties half), with its standard error for the Monte Carlo
tolerance, and scipy.stats.trim_mean(x, 0.25) for the interquartile mean.

Run from the repository root (scipy 1.17.1):  python3 test/report/scipy/bootstrap.py > test/report/scipy/bootstrap.json
"""
import json

import numpy as np
import scipy
from scipy import stats

# test accuracies of two regularizers on 10 and 12 paired seeds
a10 = [0.742, 0.715, 0.768, 0.731, 0.7, 0.755, 0.749, 0.722, 0.781, 0.738]
b10 = [0.73, 0.72, 0.741, 0.7, 0.705, 0.74, 0.71, 0.725, 0.75, 0.71]
a12 = [0.31, 0.29, 0.35, 0.33, 0.3, 0.28, 0.36, 0.32, 0.31, 0.34, 0.27, 0.33]
b12 = [0.3, 0.3, 0.31, 0.34, 0.29, 0.3, 0.33, 0.3, 0.32, 0.31, 0.3, 0.29]


def mean_diff(x, y, axis=-1):
    return np.mean(np.subtract(x, y), axis=axis)


def improvement(x, y, axis=-1):
    d = np.subtract(x, y)
    return np.mean((d > 0) + 0.5 * (d == 0), axis=axis)


def boot(x, y, statistic):
    r = stats.bootstrap((x, y), statistic, paired=True, vectorized=True, n_resamples=100_000, method="percentile",
                        confidence_level=0.95, random_state=np.random.default_rng(1))
    return [float(r.confidence_interval.low), float(r.confidence_interval.high), float(r.standard_error)]


cases = []
for name, x, y in [("a10-b10", a10, b10), ("a12-b12", a12, b12)]:
    cases.append({"name": name, "a": x, "b": y, "mean": boot(x, y, mean_diff), "improvement": boot(x, y, improvement),
                  "pointImprovement": float(improvement(x, y))})
trim = [[v, float(stats.trim_mean(v, 0.25))] for v in [a10, a12, [0.5, 0.1, 0.9], [3, 1, 2, 10], [1, 2, 3, 4, 5, 100, -50]]]
out = {"scipy": scipy.__version__, "numpy": np.__version__, "bootstrap": cases, "trimMean": trim}
print(json.dumps(out, indent=1))
