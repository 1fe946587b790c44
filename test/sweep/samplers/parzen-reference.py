# The reference densities of parzen-estimator.test.ts: the mixtures written out by hand with scipy's truncnorm.
# python3 test/sweep/samplers/parzen-reference.py   (scipy 1.x)
import numpy as np
from scipy import stats

def tn(x, mu, s, a, b):
    return stats.truncnorm.pdf(x, (a - mu) / s, (b - mu) / s, loc=mu, scale=s)

# one observation at 0.3 in [0, 1]: sigma = max(0.2 * 1, 1 / min(100, 1 + 2)) = 1/3; prior N(0.5, 1)
for x in (0.1, 0.7):
    print('1d', x, repr(float(0.5 * tn(x, 0.3, 1 / 3, 0, 1) + 0.5 * tn(x, 0.5, 1, 0, 1))))

lo, hi = np.log(1e-6), 0.0
W, c = hi - lo, (lo + hi) / 2
n = 3
s0 = max(0.2 * n ** (-1 / 6) * 1, 1 / min(100, n + 2))
s1 = max(0.2 * n ** (-1 / 6) * W, W / min(100, n + 2))
obs = [(0.2, np.log(1e-4)), (0.9, np.log(1e-1)), (0.5, np.log(1e-5))]
def dens(x0, x1):
    t = sum(tn(x0, o[0], s0, 0, 1) * tn(x1, o[1], s1, lo, hi) for o in obs) + tn(x0, 0.5, 1, 0, 1) * tn(x1, c, W, lo, hi)
    return t / 4
print('2d', repr(float(dens(0.3, np.log(1e-3)))), repr(float(dens(0.95, np.log(0.5)))))

# kind (none, l1, l2) and lambda: observations (l1, 1e-2), (l2, 1e-5); categorical rows (own 2/3, other 1/6)
s = max(0.2 * 2 ** (-1 / 6) * W, W / 4)
def l1(x):
    return (2 / 3 * tn(x, np.log(1e-2), s, lo, hi) + 1 / 6 * tn(x, c, W, lo, hi) + 1 / 3 * tn(x, c, W, lo, hi)) / 3
def l2(x):
    return (1 / 6 * tn(x, c, W, lo, hi) + 2 / 3 * tn(x, np.log(1e-5), s, lo, hi) + 1 / 3 * tn(x, c, W, lo, hi)) / 3
print('l1', repr(float(l1(np.log(1e-2)))), repr(float(l1(np.log(1e-5)))))
print('l2', repr(float(l2(np.log(1e-2)))), repr(float(l2(np.log(1e-5)))))
