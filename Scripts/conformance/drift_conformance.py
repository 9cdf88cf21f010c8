"""Checks `revloop score monitor --format json` against scipy and numpy on fixed generated inputs.

Usage: drift_conformance.py PATH_TO_REVLOOP WORK_DIR
"""
import csv
import json
import os
import subprocess
import sys

import numpy as np
from scipy import stats

REVLOOP, WORK = sys.argv[1], sys.argv[2]
TOLERANCE = 1e-9
failures = []
checked = 0


def close(what, ours, theirs, relative=False):
    global checked
    checked += 1
    scale = max(1.0, abs(theirs)) if not relative else max(abs(theirs), 1e-300)
    if not np.isfinite(ours) or abs(ours - theirs) > TOLERANCE * scale:
        failures.append(f"{what}: revloop {ours!r}, reference {theirs!r}")


def write(path, columns):
    names = list(columns)
    rows = len(columns[names[0]])
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(names)
        for index in range(rows):
            writer.writerow(["" if columns[name][index] is None else columns[name][index] for name in names])


def population(rng, size, shift):
    """Features with ties, missing values and categories; a score; outcomes drawn from a shifted truth."""
    normal = rng.normal(shift, 1.0, size)
    skewed = rng.gamma(2.0 + shift, 1.0, size)
    coded = rng.integers(0, 6 + int(round(2 * shift)), size).astype(float)
    binary = (rng.random(size) < 0.3 + 0.2 * shift).astype(float)
    with_missing = [None if rng.random() < 0.05 + 0.1 * shift else float(v) for v in rng.normal(0, 2, size)]
    segment = rng.choice(["saas", "retail", "health", "finance"] + (["edu"] if shift > 0 else []), size)
    segment = [None if rng.random() < 0.03 else s for s in segment]
    probability = 1 / (1 + np.exp(-(-2.5 + 0.8 * normal + 0.3 * shift)))
    truth = 1 / (1 + np.exp(-(-2.5 + 0.8 * normal + 0.9 * shift)))
    won = (rng.random(size) < truth).astype(int)
    return {
        "normal": [float(v) for v in normal], "skewed": [float(v) for v in skewed],
        "coded": [float(v) for v in coded], "binary": [float(v) for v in binary],
        "with_missing": with_missing, "segment": segment,
        "probability": [float(v) for v in probability], "won": [int(v) for v in won],
    }


def psi_bins(reference, current, bins):
    ref = np.sort(np.asarray([v for v in reference if v is not None], dtype=float))
    cut = np.unique(np.quantile(ref, np.arange(1, bins) / bins))
    cut = list(cut[cut < ref.max()])
    # Bins under half an equal share merge with their smaller neighbour, smallest first (ReferenceQuantiles).
    while cut:
        counts = np.bincount(np.searchsorted(cut, ref, side="left"), minlength=len(cut) + 1)
        smallest = int(np.argmin(counts))
        if counts[smallest] >= len(ref) / (2 * bins):
            break
        if smallest == 0:
            cut.pop(0)
        elif smallest == len(counts) - 1:
            cut.pop()
        else:
            cut.pop(smallest - 1 if counts[smallest - 1] <= counts[smallest + 1] else smallest)
    cut = np.asarray(cut, dtype=float)
    ref_counts = np.bincount(np.searchsorted(cut, ref, side="left"), minlength=len(cut) + 1).tolist()
    cur = np.asarray([v for v in current if v is not None], dtype=float)
    cur_counts = np.bincount(np.searchsorted(cut, cur, side="left"), minlength=len(cut) + 1).tolist()
    ref_counts.append(sum(v is None for v in reference))
    cur_counts.append(sum(v is None for v in current))
    return ref_counts, cur_counts


def category_bins(reference, current):
    categories = sorted({v for v in reference if v is not None})
    ref_counts = [sum(v == c for v in reference) for c in categories] + [sum(v is None for v in reference), 0]
    cur_counts = [sum(v == c for v in current) for c in categories] + [
        sum(v is None for v in current), sum(v is not None and v not in categories for v in current)]
    return ref_counts, cur_counts


def psi(ref_counts, cur_counts):
    n, m = sum(ref_counts), sum(cur_counts)
    kept = [(r, c) for r, c in zip(ref_counts, cur_counts) if r > 0 or c > 0]
    e = np.array([r / n if r else 1e-4 for r, _ in kept])
    a = np.array([c / m if c else 1e-4 for _, c in kept])
    return float(np.sum((a - e) * np.log(a / e))), len(kept) - 1, n, m


def level(alpha, pvalues, correction):
    d = len(pvalues)
    if correction == "bonferroni":
        return alpha / d
    chosen = alpha / d
    for k, p in enumerate(sorted(pvalues), start=1):
        if p <= k * alpha / d:
            chosen = k * alpha / d
    return chosen


def ece(p, y, bins):
    edges = np.linspace(0.0, 1.0, bins + 1)
    ids = np.searchsorted(edges[1:-1], p)
    total = 0.0
    for b in range(bins):
        mask = ids == b
        if mask.any():
            total += mask.sum() / len(p) * abs(y[mask].mean() - p[mask].mean())
    return total


def run(case, reference_size, current_size, shift, bins, alpha, correction, seed):
    rng = np.random.default_rng(seed)
    ref, cur = population(rng, reference_size, 0.0), population(rng, current_size, shift)
    ref_path, cur_path = os.path.join(WORK, f"{case}-ref.csv"), os.path.join(WORK, f"{case}-cur.csv")
    write(ref_path, ref)
    write(cur_path, cur)
    args = [REVLOOP, "score", "monitor", "--reference", ref_path, "--current", cur_path, "--score", "probability",
            "--label", "won", "--features", "all", "--bins", str(bins), "--alpha", str(alpha),
            "--correction", correction, "--simulations", "200", "--format", "json"]
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        failures.append(f"{case}: exit {done.returncode}: {done.stderr.strip()}")
        return
    report = json.loads(done.stdout)
    features = {f["name"]: f for f in report["inputDrift"]}
    psi_p, ks_p, expected = [], [], {}
    for name in ["normal", "skewed", "coded", "binary", "with_missing", "segment"]:
        if name == "segment":
            counts = category_bins(ref[name], cur[name])
        else:
            counts = psi_bins(ref[name], cur[name], bins)
        value, df, n, m = psi(*counts)
        p = float(stats.chi2.sf(value / (1 / n + 1 / m), df)) if df > 0 else 1.0
        psi_p.append(p)
        ks = None
        if name != "segment":
            a = [v for v in ref[name] if v is not None]
            b = [v for v in cur[name] if v is not None]
            ks = stats.ks_2samp(a, b, method="asymp")
            ks_p.append(float(ks.pvalue))
        expected[name] = (value, df, n, m, p, ks)
    # alpha is split over three families (feature PSI, feature KS, the model) before the correction.
    psi_level, ks_level = level(alpha / 3, psi_p, correction), level(alpha / 3, ks_p, correction)
    for name, (value, df, n, m, p, ks) in expected.items():
        ours = features[name]
        close(f"{case} {name} PSI", ours["psi"]["value"], value)
        close(f"{case} {name} PSI p-value", ours["psi"]["pValue"], p)
        if ours["psi"]["degreesOfFreedom"] != df:
            failures.append(f"{case} {name}: {ours['psi']['degreesOfFreedom']} degrees of freedom, reference {df}")
        close(f"{case} {name} PSI threshold", ours["psiThreshold"], (1 / n + 1 / m) * stats.chi2.isf(psi_level, df),
              relative=True)
        close(f"{case} {name} PSI threshold via ppf", ours["psiThreshold"],
              (1 / n + 1 / m) * stats.chi2.ppf(1 - psi_level, df), relative=True)
        if ks is not None:
            close(f"{case} {name} KS D", ours["ks"]["statistic"], float(ks.statistic))
            close(f"{case} {name} KS p", ours["ks"]["pValue"], float(ks.pvalue))
            drifted_ks = ks.pvalue <= ks_level
        else:
            drifted_ks = False
        drifted = (p <= psi_level) or drifted_ks
        if ours["isDrifted"] != bool(drifted):
            failures.append(f"{case} {name}: isDrifted {ours['isDrifted']}, reference {drifted}")
    # Output drift and calibration.
    value, df, n, m = psi(*psi_bins(ref["probability"], cur["probability"], bins))
    close(f"{case} score PSI", report["outputDrift"]["psi"]["value"], value)
    ks = stats.ks_2samp(ref["probability"], cur["probability"], method="asymp")
    close(f"{case} score KS D", report["outputDrift"]["ks"]["statistic"], float(ks.statistic))
    close(f"{case} score KS p", report["outputDrift"]["ks"]["pValue"], float(ks.pvalue))
    p, y = np.asarray(cur["probability"]), np.asarray(cur["won"], dtype=float)
    summary = report["calibration"]["summary"]
    close(f"{case} ECE", summary["expectedCalibrationError"], ece(p, y, 10))
    close(f"{case} calibration-in-the-large", summary["calibrationInTheLarge"], float(p.mean() - y.mean()))
    close(f"{case} Brier", summary["brierScore"], float(np.mean((p - y) ** 2)))


CASES = [
    ("null-large", 4000, 3000, 0.0, 10, 0.05, "bonferroni", 1),
    ("shift-large", 4000, 3000, 0.25, 10, 0.05, "bonferroni", 2),
    ("null-small", 2000, 60, 0.0, 10, 0.05, "bonferroni", 3),
    ("shift-small", 2000, 120, 0.5, 5, 0.01, "benjamini-hochberg", 4),
    ("tiny", 90, 40, 0.3, 4, 0.1, "bonferroni", 5),
    ("many-bins", 5000, 800, 0.1, 20, 0.001, "benjamini-hochberg", 6),
    ("two-bins", 300, 150, 0.2, 2, 0.2, "bonferroni", 7),
    ("fifty-bins", 20000, 10000, 0.05, 50, 0.05, "bonferroni", 8),
]
for case in CASES:
    run(*case)

# The KS p-value over a grid of statistics and sizes that walks every branch of scipy's kstwo.sf, with
# method 'asymp', and the exact lattice-path p-value with method 'exact' (equal and unequal sizes).
GRID = [(30, 20, 0.0), (50, 50, 0.4), (140, 300, 0.1), (1000, 800, 0.05), (5000, 300, 0.2), (12, 9, 1.5),
        (400, 5, 2.0), (3000, 2500, 0.0), (200, 200, 0.3), (7, 7, 1.0), (333, 120, 0.25), (2000, 1999, 0.08)]
for seed, (n1, n2, shift) in enumerate(GRID):
    rng = np.random.default_rng(100 + seed)
    ref = {"x": [float(v) for v in rng.normal(0, 1, n1)], "probability": [0.5] * n1, "won": [0] * n1}
    cur = {"x": [float(v) for v in rng.normal(shift, 1, n2)], "probability": [0.5] * n2, "won": [0] * n2}
    ref_path, cur_path = os.path.join(WORK, f"ks{seed}-ref.csv"), os.path.join(WORK, f"ks{seed}-cur.csv")
    write(ref_path, ref)
    write(cur_path, cur)
    for method in ["asymp", "exact"]:
        done = subprocess.run([REVLOOP, "score", "monitor", "--reference", ref_path, "--current", cur_path,
                               "--score", "probability", "--features", "x", "--ks-method", method,
                               "--format", "json"], capture_output=True, text=True)
        if done.returncode not in (0, 1):
            failures.append(f"ks grid {seed} {method}: exit {done.returncode}: {done.stderr.strip()}")
            continue
        ours = json.loads(done.stdout)["inputDrift"][0]["ks"]
        ks = stats.ks_2samp(ref["x"], cur["x"], method=method)
        close(f"ks grid n={n1},{n2} {method} D", ours["statistic"], float(ks.statistic))
        close(f"ks grid n={n1},{n2} {method} p", ours["pValue"], float(ks.pvalue))
        if os.environ.get("DRIFT_VERBOSE"):
            print(f"ks grid n={n1},{n2} {method}: D {ks.statistic:.4f} p {ks.pvalue:.6g} "
                  f"(revloop {ours['pValue']:.6g}, {ours['method']})")

for failure in failures:
    print("FAIL", failure)
print(f"drift conformance: {checked} figures checked against scipy {stats.__name__ and __import__('scipy').__version__}"
      f" / numpy {np.__version__}, {len(failures)} disagreements beyond {TOLERANCE}")
sys.exit(1 if failures else 0)
