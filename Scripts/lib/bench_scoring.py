"""Caravan side by side: exports the data with fold assignments, fits the Python peers on the same folds, and
prints one table with the Revloop results the shell script collected.

  python bench_scoring.py export OUT.csv          # Caravan + a `fold` column (StratifiedKFold(5, shuffle, 42))
  python bench_scoring.py peers OUT.csv REPORT... # fit the peers, print the table with Revloop's JSON reports
"""
import json
import sys
import time

import numpy as np
import pandas as pd

FOLDS = 5
SEED = 42


def ece10(p, y):
    bins = np.minimum((p * 10).astype(int), 9)
    total = 0.0
    for b in range(10):
        mask = bins == b
        if mask.any():
            total += abs(y[mask].sum() - p[mask].sum())
    return total / len(p)


def lift10(p, y):
    top = int(np.ceil(len(p) * 0.1))
    order = np.argsort(-p, kind="stable")[:top]
    return y[order].mean() / y.mean()


def export(path):
    from ISLP import load_data
    from sklearn.model_selection import StratifiedKFold

    data = load_data("Caravan")
    y = (data["Purchase"] == "Yes").astype(int).values
    fold = np.zeros(len(y), dtype=int)
    for index, (_, test) in enumerate(StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(data, y)):
        fold[test] = index
    out = data.copy()
    out["fold"] = fold
    out.to_csv(path, index=False)
    print(f"{path}: {len(out)} rows, {y.sum()} positives, {data.shape[1] - 1} features", file=sys.stderr)


def peers(path):
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import average_precision_score, brier_score_loss, log_loss, roc_auc_score
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    import lightgbm as lgb
    import xgboost as xgb

    data = pd.read_csv(path)
    y = (data["Purchase"] == "Yes").astype(int).values
    fold = data["fold"].values
    X = data.drop(columns=["Purchase", "fold"]).values.astype(float)
    models = {
        "sklearn LogisticRegression (C=1)": lambda: make_pipeline(StandardScaler(), LogisticRegression(C=1, max_iter=1000)),
        "sklearn HistGradientBoosting": lambda: HistGradientBoostingClassifier(),
        "LightGBM 4.7.0": lambda: lgb.LGBMClassifier(
            n_estimators=200, learning_rate=0.05, num_leaves=15, subsample=0.8, colsample_bytree=0.8,
            n_jobs=2, verbose=-1, random_state=SEED),
        "XGBoost 3.2.0": lambda: xgb.XGBClassifier(
            n_estimators=200, learning_rate=0.05, max_depth=4, tree_method="hist", n_jobs=2, random_state=SEED),
    }
    rows = []
    for name, make in models.items():
        metrics = []
        for k in range(FOLDS):
            train, test = fold != k, fold == k
            model = make()
            start = time.perf_counter()
            cpu_start = time.process_time()
            model.fit(X[train], y[train])
            fit_ms = (time.perf_counter() - start) * 1000
            cpu_ms = (time.process_time() - cpu_start) * 1000
            p = model.predict_proba(X[test])[:, 1]
            metrics.append([
                roc_auc_score(y[test], p), average_precision_score(y[test], p), log_loss(y[test], p),
                brier_score_loss(y[test], p), ece10(p, y[test]), lift10(p, y[test]), fit_ms, cpu_ms])
        rows.append((name, np.mean(metrics, axis=0)))
    return rows


def revloop_rows(reports):
    rows = []
    for report_path in reports:
        with open(report_path) as handle:
            report = json.load(handle)
        m = report["mean"]
        name = f"Revloop {report['model']} ({report['calibration']})"
        leaves = report.get("leaves") or []
        if len(leaves) > 1:
            name = f"Revloop {report['model']} (leaves {'/'.join(map(str, leaves))} by inner CV)"
        elif leaves:
            name = f"Revloop {report['model']} ({report['calibration']}, {leaves[0]} leaves)"
        rows.append((name, np.array([m["auc"], m["prAUC"], m["logLoss"], m["brier"], m["ece"], m["liftAtTopDecile"],
                                     m["fitMilliseconds"], m["fitCPUMilliseconds"]])))
        if report.get("additivity"):
            a = report["additivity"]
            extra = ""
            if a.get("maximumLinearMismatch") is not None:
                extra = f", max |contribution - coef x standardized| = {a['maximumLinearMismatch']:.3g}"
            print(f"{name}: additivity over {a['rows']} rows: max |base + sum - raw| = {a['maximumError']:.3g}{extra}")
    return rows


def main():
    if sys.argv[1] == "export":
        export(sys.argv[2])
        return
    peer_rows = peers(sys.argv[2])
    ours = revloop_rows(sys.argv[3:])
    lightgbm = dict(peer_rows)["LightGBM 4.7.0"]
    print()
    with open("/proc/loadavg") as handle:
        print(f"load average at the end of the run: {handle.read().split()[0]}")
    print(f"Caravan, stratified {FOLDS}-fold (seed {SEED}), identical folds for every model; means over folds")
    print("fit ms: wall time per fold (Revloop's includes encoding, inner folds and calibration); cpu ms: processor")
    print("time of the fit over all threads; x LGBM: the ratio to LightGBM's figure in this run")
    header = (f"{'model':40} {'AUC':>7} {'PR-AUC':>7} {'logloss':>8} {'Brier':>7} {'ECE10':>7} {'lift10':>6} "
              f"{'fit ms':>8} {'x LGBM':>7} {'cpu ms':>8} {'x LGBM':>7}")
    print(header)
    print("-" * len(header))
    for name, v in ours + peer_rows:
        print(f"{name:40} {v[0]:7.4f} {v[1]:7.4f} {v[2]:8.4f} {v[3]:7.4f} {v[4]:7.4f} {v[5]:6.2f} "
              f"{v[6]:8.1f} {v[6] / lightgbm[6]:7.2f} {v[7]:8.1f} {v[7] / lightgbm[7]:7.2f}")


if __name__ == "__main__":
    main()
