"""Recompute, with numpy and scipy alone, every number `compareTrials` puts in `compare --format json` for the
l1-vs-l2 experiment grouped by regularization and L1 method, for both selection procedures. Expected values
for test/report/compare-scipy.test.ts.

The rows come from test/report/scipy/export-rows.ts (see there). Run from the repository root (scipy 1.17.1):
  python3 test/report/scipy/compare-sweep.py test/report/scipy/l1-vs-l2-rows.json > test/report/scipy/l1-vs-l2-expected.json
"""
import functools
import json
import sys

import numpy as np
import scipy
from scipy import stats

BY = ["regularization", "l1Method"]
METRIC, SELECTION, TRAIN = "test_accuracy", "validation_accuracy", "train_accuracy"

rows = sorted((r for r in json.load(open(sys.argv[1])) if r["status"] == "completed"), key=lambda r: r["id"])
rows = [r for r in rows if np.isfinite(r["metrics"].get(METRIC, np.nan)) and np.isfinite(r["metrics"].get(SELECTION, np.nan))]
fields = list(dict.fromkeys(k for r in rows for k in r["params"]))
tuned = [f for f in fields if f not in BY and len({json.dumps(r["params"].get(f)) for r in rows}) > 1]


def group_of(params):
    return "/".join(str(params[f]) for f in BY if params.get(f) is not None) or "null"


def setting_key(setting):
    # null first, then numbers ascending
    return tuple((0, 0) if setting[p] is None else (1, setting[p]) for p in tuned)


# group -> setting (tuple) -> seed -> row (the first recorded), groups in order of first appearance
cells = {}
for r in rows:
    setting = tuple(r["params"].get(p) for p in tuned)
    cell = cells.setdefault(group_of(r["params"]), {}).setdefault(setting, {})
    cell.setdefault(r["seed"], r)


def result(r):
    m = r["metrics"]
    return {"seed": r["seed"], "trialId": r["id"], "value": m[METRIC], "selection": m[SELECTION],
            "train": m.get(TRAIN), "zero": m.get("zero_fraction")}


def summarize(results):
    x = np.array([s["value"] for s in results])
    m = x.mean()
    lo, hi = stats.t.interval(0.95, len(x) - 1, loc=m, scale=stats.sem(x)) if len(x) > 1 else (-np.inf, np.inf)
    gaps = [s["train"] - s["value"] for s in results if s["train"] is not None]
    zeros = [s["zero"] for s in results if s["zero"] is not None]
    return {"selectionMean": float(np.mean([s["selection"] for s in results])), "mean": float(m), "ciLow": float(lo), "ciHigh": float(hi),
            "iqm": float(stats.trim_mean(x, 0.25)), "trainGap": float(np.mean(gaps)) if gaps else None,
            "zeroFraction": float(np.mean(zeros)) if zeros else None, "n": len(x)}


def choose(settings, select):
    """settings: list of (setting, {seed: row}) in setting order. Returns chosen setting, per-seed results, choices."""
    if select == "pooled":
        best = settings[0]
        for s in settings[1:]:
            a, b = np.mean([r["metrics"][SELECTION] for r in s[1].values()]), np.mean([r["metrics"][SELECTION] for r in best[1].values()])
            if a > b or (a == b and len(s[1]) > len(best[1])):
                best = s
        per_seed = [result(best[1][k]) for k in sorted(best[1])]
        return best[0], per_seed, [(best[0], len(per_seed))]
    seeds = sorted({k for _, by_seed in settings for k in by_seed})
    per_seed, counts = [], {}
    for seed in seeds:
        best = None
        for setting, by_seed in settings:
            if seed in by_seed and (best is None or by_seed[seed]["metrics"][SELECTION] > settings_dict(settings)[best][seed]["metrics"][SELECTION]):
                best = setting
        per_seed.append(result(settings_dict(settings)[best][seed]))
        counts[best] = counts.get(best, 0) + 1
    order = [s for s, _ in settings]
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], order.index(kv[0])))
    return ranked[0][0], per_seed, ranked


def settings_dict(settings):
    return dict(settings)


def seeds_needed(dz):
    if not np.isfinite(dz) or dz == 0:
        return None
    n = 2
    while n <= 10_000:
        tc = stats.t.ppf(0.975, n - 1)
        nc = abs(dz) * np.sqrt(n)
        if stats.nct.sf(tc, n - 1, nc) + stats.nct.cdf(-tc, n - 1, nc) >= 0.8:
            return n
        n += 1
    return None


def holm(p):
    order = np.argsort(p, kind="stable")
    out, running = [0.0] * len(p), 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (len(p) - rank) * p[i]))
        out[i] = running
    return out


def boot(x, y, statistic):
    r = stats.bootstrap((x, y), statistic, paired=True, vectorized=True, n_resamples=100_000, method="percentile",
                        random_state=np.random.default_rng(1))
    return float(r.confidence_interval.low), float(r.confidence_interval.high), float(r.standard_error)


def compare(select):
    groups, curve = [], []
    for group, by_setting in cells.items():
        settings = sorted(by_setting.items(), key=lambda kv: setting_key(dict(zip(tuned, kv[0]))))
        chosen, per_seed, choices = choose(settings, select)
        groups.append({"group": group, "chosen": dict(zip(tuned, chosen)), **summarize(per_seed), "perSeed": per_seed,
                       "choices": [{"setting": dict(zip(tuned, s)), "seeds": k} for s, k in choices]})
        chosen_by = dict(choices)
        for setting, by_seed in settings:
            curve.append({"group": group, "value": setting[0], **summarize([result(by_seed[k]) for k in by_seed]),
                          "chosen": setting == chosen, "chosenBy": chosen_by.get(setting, 0)})
    # best mean first; means equal to 1e-12 relative are a tie and keep their order (stable sort)
    tie = lambda x, y: abs(x - y) <= 1e-12 * max(abs(x), abs(y))
    ranked = sorted(groups, key=functools.cmp_to_key(lambda g, h: 0 if tie(g["mean"], h["mean"]) else (-1 if g["mean"] > h["mean"] else 1)))
    pairs = []
    for i, a in enumerate(ranked):
        for b in ranked[i + 1:]:
            b_seeds = {s["seed"]: s["value"] for s in b["perSeed"]}
            x = np.array([s["value"] for s in a["perSeed"] if s["seed"] in b_seeds])
            y = np.array([b_seeds[s["seed"]] for s in a["perSeed"] if s["seed"] in b_seeds])
            d = x - y
            t = stats.ttest_rel(x, y)
            ci = t.confidence_interval()
            dz = d.mean() / d.std(ddof=1)
            w = stats.wilcoxon(x, y)
            pairs.append({
                "a": a["group"], "b": b["group"], "n": len(x), "meanDiff": float(d.mean()), "ciLow": float(ci.low), "ciHigh": float(ci.high),
                "sdDiff": float(d.std(ddof=1)), "effectSize": float(dz), "tTestP": float(t.pvalue), "wilcoxonP": float(w.pvalue),
                "wins": int((d > 0).sum()), "ties": int((d == 0).sum()), "losses": int((d < 0).sum()),
                "improvement": float(np.mean((d > 0) + 0.5 * (d == 0))), "seedsNeeded": seeds_needed(dz),
                "bootstrapMean": boot(x, y, lambda u, v, axis=-1: np.mean(u - v, axis=axis)),
                "bootstrapImprovement": boot(x, y, lambda u, v, axis=-1: np.mean((u > v) + 0.5 * (u == v), axis=axis)),
            })
    for p, th, wh in zip(pairs, holm([p["tTestP"] for p in pairs]), holm([p["wilcoxonP"] for p in pairs])):
        p["tTestPHolm"], p["wilcoxonPHolm"] = th, wh
    return {"groups": groups, "pairs": pairs, "curve": curve}


out = {"scipy": scipy.__version__, "numpy": np.__version__, "tunedParams": tuned, "per-seed": compare("per-seed"), "pooled": compare("pooled")}
print(json.dumps(out))
