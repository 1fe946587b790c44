"""Expected values for test/report/stats-power.test.ts: the noncentral t CDF, the power of the two-sided
paired t-test and the seeds it needs for 80% power at 0.05.

Run from the repository root (scipy 1.17.1):  python3 test/report/scipy/power.py > test/report/scipy/power.json
"""
import json

import numpy as np
import scipy
from scipy import stats


def power(d, n, alpha=0.05):
    """Two-sided paired t-test: P(|T'| > t_c), T' ~ nct(n - 1, d sqrt(n)); what statsmodels' TTestPower computes."""
    df = n - 1
    tc = stats.t.ppf(1 - alpha / 2, df)
    nc = abs(d) * np.sqrt(n)
    return float(stats.nct.sf(tc, df, nc) + stats.nct.cdf(-tc, df, nc))


def seeds_needed(d, target=0.8, alpha=0.05):
    n = 2
    while power(d, n, alpha) < target:
        n += 1
    return n


nct = [[t, df, nc, float(stats.nct.cdf(t, df, nc))]
       for df in [1, 3, 9, 29, 200] for nc in [0, 0.5, 2.8, -1.5, 6] for t in [-3, -0.5, 0.5, 2.262157162798205, 4]]
nct = [row for row in nct if np.isfinite(row[3])]  # scipy gives NaN for nct.cdf(-3, 200, 6) (about 1e-30)
powers = [[d, n, power(d, n)] for d in [0.2, 0.5, 1, 1.7] for n in [2, 5, 10, 34, 100]]
powers = [row for row in powers if np.isfinite(row[2])]  # scipy's nct.cdf is NaN far in the lower tail (d = 1, 1.7 at n = 100)
needed = [[d, seeds_needed(d)] for d in [2.5, 1, 0.5, 0.3, 0.1]]
out = {"scipy": scipy.__version__, "numpy": np.__version__, "nctCdf": nct, "power": powers, "seedsNeeded": needed}
print("{\n" + ",\n".join(
    f'"{k}": ' + (json.dumps(v) if not isinstance(v, list) else "[\n  " + ",\n  ".join(json.dumps(r) for r in v) + "\n]")
    for k, v in out.items()) + "\n}")
