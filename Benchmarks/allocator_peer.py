"""The discrete-arm Thompson-sampling and UCB1 peers of the allocator benchmark (learning.md 1.3), on the same
market as Benchmarks/AllocatorBenchmark: three Hill curves, $30k a week, shares 10% to 70%, mean-one log-normal
noise (0.25; 0.35 with the week-26 shift x1.0 / x0.4 / x2.5), 52 weekly decisions, seeds 1..N.

The peer cannot model spend: its arms are the 33 splits on a 10% grid within the bounds, and its reward is the
week's observed revenue as a share of the best possible (binarized for Thompson sampling, as mabwiser's
Bernoulli TS needs). Scored like the Swift policies: cumulative and final-week expected revenue as shares of
the oracle's. Pinned: mabwiser 2.7.4, numpy.

Usage: allocator_peer.py [SEEDS]
"""
import json
import sys
import time

import numpy as np
from mabwiser.mab import MAB, LearningPolicy

CURVES = [(100_000, 25_000, 1.0), (35_000, 5_000, 0.9), (45_000, 30_000, 1.2)]
SHIFT = [1.0, 0.4, 2.5]
BUDGET = 30_000.0
WEEKS = 52


def revenue(curve, spend, multiplier=1.0):
    maximum, half, shape = curve
    return maximum * multiplier * spend**shape / (spend**shape + half**shape) if spend > 0 else 0.0


def expected(shares, week, shifted):
    multipliers = SHIFT if shifted and week >= 26 else [1.0, 1.0, 1.0]
    return sum(revenue(c, s * BUDGET, m) for c, s, m in zip(CURVES, shares, multipliers))


def oracle(week, shifted):
    best = 0.0
    for first in range(100, 701):
        for second in range(100, 701):
            third = 1000 - first - second
            if 100 <= third <= 700:
                best = max(best, expected((first / 1000, second / 1000, third / 1000), week, shifted))
    return best


ARMS = [(a / 10, b / 10, round(1 - a / 10 - b / 10, 1)) for a in range(1, 8) for b in range(1, 8)
        if 0.1 <= round(1 - a / 10 - b / 10, 1) <= 0.7]


def run(policy, seed, shifted, oracles):
    rng = np.random.default_rng(seed)
    sigma = 0.35 if shifted else 0.25
    names = list(range(len(ARMS)))
    mab = MAB(arms=names, learning_policy=policy, seed=seed)
    earned = best = 0.0
    decisions, rewards = [], []
    final = 0.0
    scale = sum(c[0] for c in CURVES) * max(SHIFT)
    for week in range(WEEKS):
        if week < 2:
            arm = int(rng.integers(len(ARMS)))
        else:
            arm = mab.predict()
        shares = ARMS[arm]
        value = expected(shares, week, shifted)
        observed = value * float(np.exp(sigma * rng.standard_normal() - sigma * sigma / 2))
        oracle_value = oracles[1 if shifted and week >= 26 else 0]
        earned += value
        best += oracle_value
        final = value / oracle_value
        reward = min(observed / scale, 1.0)
        if isinstance(policy, LearningPolicy.ThompsonSampling):
            reward = float(rng.random() < reward)
        decisions.append(arm)
        rewards.append(reward)
        mab.fit(decisions, rewards)
    return earned / best, final


def main():
    seeds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    results = {}
    for name, policy in [("mabwiser_ts", LearningPolicy.ThompsonSampling()), ("mabwiser_ucb1", LearningPolicy.UCB1(alpha=1.0))]:
        for shifted in (False, True):
            oracles = (oracle(0, shifted), oracle(26, shifted))
            started = time.perf_counter()
            scores = [run(policy, seed, shifted, oracles) for seed in range(1, seeds + 1)]
            elapsed = time.perf_counter() - started
            key = f"{name} {'shift' if shifted else 'stationary'}"
            results[key] = {
                "cumulative": round(100 * sum(s[0] for s in scores) / seeds, 2),
                "final_week": round(100 * sum(s[1] for s in scores) / seeds, 2),
                "ms_per_week": round(1000 * elapsed / (seeds * WEEKS), 2),
            }
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
