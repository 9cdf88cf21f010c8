"""Next-best-content simulator of learning.md 4.4, and its PyPI peers (mabwiser 2.7.4 LinTS, Vowpal Wabbit 9.11.9).

`generate DIR SEED...` writes one environment per seed to DIR/env-SEED.csv: per visitor the context
(industry 6, size 4, stage 3, channel 4, device 2), every item's click probability, a pre-drawn uniform
(click = uniform < p[shown item]) and the visitor's holdout draw (10 % of visitors, each shown a pre-drawn
uniformly random item with propensity 1/10). Every learner, Swift or Python, replays the same file, so
the environment is identical for all.

The click model is logistic with context x item effects: per item a bias, per (feature value, item) an
effect, plus an industry x stage x item interaction that a one-hot linear model cannot represent exactly.

`run DIR SEED...` replays each environment with the peers and prints % of oracle, observed CTR and
microseconds per decision.
"""
import csv
import sys
import time

import numpy as np

LEVELS = [6, 4, 3, 4, 2]
NAMES = ["industry", "size", "stage", "channel", "device"]
ITEMS = 10
VISITORS = 50_000
HOLDOUT = 0.10


def generate(directory, seed):
    rng = np.random.default_rng(seed)
    item = rng.normal(0, 0.3, ITEMS)
    effects = [rng.normal(0, 0.37, (levels, ITEMS)) for levels in LEVELS]
    interaction = rng.normal(0, 0.25, (LEVELS[0], LEVELS[2], ITEMS))
    context = np.stack([rng.integers(0, levels, VISITORS) for levels in LEVELS], 1)
    logit = -3.47 + item[None, :] + sum(effects[f][context[:, f]] for f in range(5))
    logit += interaction[context[:, 0], context[:, 2]]
    p = 1 / (1 + np.exp(-logit))
    uniform = rng.random(VISITORS)
    holdout = rng.random(VISITORS) < HOLDOUT
    holdout_item = rng.integers(0, ITEMS, VISITORS)
    with open(f"{directory}/env-{seed}.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(NAMES + ["uniform", "holdout", "holdout_item"] + [f"p{a}" for a in range(ITEMS)])
        for i in range(VISITORS):
            w.writerow(
                list(context[i]) + [repr(float(uniform[i])), int(holdout[i]), int(holdout_item[i])]
                + [repr(float(x)) for x in p[i]])


def load(directory, seed):
    data = np.genfromtxt(f"{directory}/env-{seed}.csv", delimiter=",", skip_header=1)
    context = data[:, :5].astype(int)
    return context, data[:, 5], data[:, 6].astype(bool), data[:, 7].astype(int), data[:, 8:]


def one_hot(context):
    offsets = np.cumsum([0] + LEVELS[:-1])
    x = np.zeros((len(context), sum(LEVELS)))
    for f in range(5):
        x[np.arange(len(context)), offsets[f] + context[:, f]] = 1
    return x


def run_mabwiser(context, uniform, holdout, holdout_item, p, seed, batch=500):
    from mabwiser.mab import MAB, LearningPolicy

    x = one_hot(context)
    rng = np.random.default_rng(seed + 1000)
    chosen = np.zeros(len(x), dtype=int)
    mab = None
    seconds = 0.0
    for start in range(0, len(x), batch):
        end = min(start + batch, len(x))
        for i in range(start, end):
            if holdout[i]:
                chosen[i] = holdout_item[i]
            elif mab is None:
                chosen[i] = rng.integers(0, ITEMS)  # before the first fit: uniform, as the peer needs data
            else:
                t = time.perf_counter()
                chosen[i] = mab.predict(x[i : i + 1])
                seconds += time.perf_counter() - t
        rewards = (uniform[start:end] < p[np.arange(start, end), chosen[start:end]]).astype(float)
        t = time.perf_counter()
        if mab is None:
            mab = MAB(arms=list(range(ITEMS)), learning_policy=LearningPolicy.LinTS(), seed=seed)
            mab.fit(chosen[start:end], rewards, x[start:end])
        else:
            mab.partial_fit(chosen[start:end], rewards, x[start:end])
        seconds += time.perf_counter() - t
    return chosen, seconds


def run_vw(context, uniform, holdout, holdout_item, p, seed):
    import vowpalwabbit

    vw = vowpalwabbit.Workspace(f"--cb_explore_adf --squarecb -q UA --quiet --random_seed {seed}")
    rng = np.random.default_rng(seed + 2000)
    chosen = np.zeros(len(context), dtype=int)
    seconds = 0.0
    for i in range(len(context)):
        shared = "shared |U " + " ".join(f"{NAMES[f]}={context[i, f]}" for f in range(5))
        lines = [shared] + [f"|A item={a}" for a in range(ITEMS)]
        t = time.perf_counter()
        pmf = np.asarray(vw.predict(lines), dtype=float)
        if holdout[i]:
            action, probability = holdout_item[i], 1.0 / ITEMS
        else:
            pmf = pmf / pmf.sum()
            action = int(rng.choice(ITEMS, p=pmf))
            probability = pmf[action]
        click = uniform[i] < p[i, action]
        labeled = list(lines)
        labeled[1 + action] = f"0:{-1.0 if click else 0.0}:{probability} " + lines[1 + action]
        vw.learn(labeled)
        seconds += time.perf_counter() - t
        chosen[i] = action
    vw.finish()
    return chosen, seconds


def report(name, seed, chosen, uniform, p, seconds):
    n = len(chosen)
    expected = p[np.arange(n), chosen].sum()
    oracle = p.max(1).sum()
    clicks = (uniform < p[np.arange(n), chosen]).sum()
    print(f"{name:<28} seed {seed}: {100 * expected / oracle:6.2f} % of oracle, observed CTR "
          f"{clicks / n:.4f}, {1e6 * seconds / n:7.2f} us/decision", flush=True)
    return expected / oracle, clicks / n, 1e6 * seconds / n


def main():
    command, directory, seeds = sys.argv[1], sys.argv[2], [int(s) for s in sys.argv[3:]]
    if command == "generate":
        for seed in seeds:
            generate(directory, seed)
        return
    results = {}
    for seed in seeds:
        context, uniform, holdout, holdout_item, p = load(directory, seed)
        n = len(context)
        rng = np.random.default_rng(seed)
        random_choice = np.where(holdout, holdout_item, rng.integers(0, ITEMS, n))
        results.setdefault("random", []).append(report("random (all traffic)", seed, random_choice, uniform, p, 0.0))
        best = np.where(holdout, holdout_item, p.argmax(1))
        results.setdefault("oracle", []).append(report("oracle + 10% holdout", seed, best, uniform, p, 0.0))
        chosen, seconds = run_mabwiser(context, uniform, holdout, holdout_item, p, seed)
        results.setdefault("mabwiser", []).append(report("mabwiser 2.7.4 LinTS", seed, chosen, uniform, p, seconds))
        chosen, seconds = run_vw(context, uniform, holdout, holdout_item, p, seed)
        results.setdefault("vw", []).append(report("VW 9.11.9 squarecb -q UA", seed, chosen, uniform, p, seconds))
    print("mean over seeds:")
    for name, rows in results.items():
        share, ctr, micros = np.mean(rows, 0)
        print(f"  {name:<10} {100 * share:6.2f} % of oracle, CTR {ctr:.4f}, {micros:7.2f} us/decision")


if __name__ == "__main__":
    main()
