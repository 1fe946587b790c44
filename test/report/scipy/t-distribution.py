"""Expected values for test/report/stats-distributions.test.ts and stats-incomplete-beta.test.ts.

Run from the repository root (scipy 1.17.1; scipy 1.10's t.ppf is off by up to ~3e-9 relative):  python3 test/report/scipy/t-distribution.py > test/report/scipy/t-distribution.json
"""
import json
import numpy as np
import scipy
from scipy import special, stats

grid_t = [0.0, 1e-8, 0.1, 0.5, 1.0, 1.5, 2.0, 2.262157162798205, 3.0, 5.0, 10.0, 30.0, 100.0]
dfs = [1, 2, 3, 4.5, 9, 19, 29, 99, 999, 20000]
# scipy 1.17.1's t.cdf(±1e-8, 1) is off by 1.6e-9 (the Cauchy CDF 1/2 - atan(1e-8)/pi says so): left out
cdf = [[x, df, float(stats.t.cdf(-x, df)), float(stats.t.sf(-x, df))] for df in dfs for x in grid_t if (x, df) != (1e-8, 1)]
ps = [1e-12, 1e-6, 0.001, 0.025, 0.1, 0.3, 0.49, 0.6, 0.9, 0.975, 0.995]
ppf = [[p, df, float(stats.t.ppf(p, df))] for df in dfs for p in ps]
betainc = [
    [x, a, b, float(special.betainc(a, b, x))]
    for a, b in [(0.5, 0.5), (2, 3), (0.5, 4.5), (4.5, 0.5), (10, 10), (50, 0.5), (500, 0.5), (3.7, 120), (1e4, 0.5)]
    for x in [1e-6, 0.01, 0.2, 0.5, 0.8, 0.99, 0.999999]
]
lgamma = [[x, float(special.gammaln(x))] for x in [1e-3, 0.1, 0.5, 1, 1.5, 2, 3.7, 10, 100.5, 1e4]]
out = {"scipy": scipy.__version__, "numpy": np.__version__, "tCdf": cdf, "tPpf": ppf, "betainc": betainc, "logGamma": lgamma}
print("{\n" + ",\n".join(
    f'"{k}": ' + (json.dumps(v) if not isinstance(v, list) else "[\n  " + ",\n  ".join(json.dumps(r) for r in v) + "\n]")
    for k, v in out.items()) + "\n}")
