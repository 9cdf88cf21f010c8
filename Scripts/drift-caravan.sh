#!/usr/bin/env bash
# Drift acceptance on a real covariate shift (learning.md section 2.4): Caravan (ISLP 0.6.0) split by
# customer main type MOSHOOFD. The model is trained on main types other than 1 and 2 (minus a seeded
# in-distribution hold-out of 30%, about 1,431 rows); main types 1-2 ("successful hedonists", "driven
# growers", about 1,054 rows) are the shifted segment the model never saw.
#
#   1. revloop score train   on the training part (logistic)
#   2. revloop score predict on training part, hold-out and shifted segment
#   3. revloop score monitor reference = scored training part:
#        - against the shifted segment: the score-PSI, score-KS and ECE alarms must fire;
#        - 1,000 random batches of BATCH_SIZE rows from the hold-out, all 85 features checked too: each
#          alarm's rate is reported; the rate of batches with any model alarm (score PSI, score KS, ECE)
#          and the rate with any alarm at all must both stay at or under 5% (alpha 0.05 is the budget of a
#          whole check, split over the feature-PSI, feature-KS and model families).
#
# Usage: Scripts/drift-caravan.sh [BATCH_SIZE]   (default 500)
# Env: REVLOOP_VENV=/path reuses a venv with pandas<3 and ISLP; REVLOOP_BIN=/path/to/revloop (default: the
#      release build, built if missing); DRIFT_SEED (default 20261129); DRIFT_SCORER=sklearn scores with
#      scikit-learn's LogisticRegression(C=0.1) instead (the spec's reference model), to compare;
#      DRIFT_WORK=/path keeps the exported and scored files there.
set -euo pipefail
batch_size=${1:-500}
seed=${DRIFT_SEED:-20261129}
root=$(cd "$(dirname "$0")/.." && pwd)
if [ -n "${REVLOOP_BIN:-}" ]; then
  bin=$REVLOOP_BIN
else
  swift build -c release --product revloop --package-path "$root" >/dev/null
  bin="$root/.build/release/revloop"
fi
case $bin in /*) ;; *) bin="$PWD/$bin" ;; esac
if [ -n "${DRIFT_WORK:-}" ]; then
  work=$DRIFT_WORK
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
source "$root/Scripts/lib/peer-python.sh"
peers=("numpy==2.4.6" "pandas==2.3.3")
[ "${DRIFT_SCORER:-revloop}" = sklearn ] && peers+=("scikit-learn==1.9.1")
peer_python "$work" "${peers[@]}" --no-deps "ISLP==0.6.0"

echo "== export Caravan and split by MOSHOOFD (seed $seed)"
"$python" - "$work" "$seed" <<'PY'
import sys
import numpy as np
from ISLP import load_data

work, seed = sys.argv[1], int(sys.argv[2])
caravan = load_data("Caravan")
caravan["Purchase"] = (caravan["Purchase"] == "Yes").astype(int)
shifted = caravan[caravan["MOSHOOFD"].isin([1, 2])]
inside = caravan[~caravan["MOSHOOFD"].isin([1, 2])]
order = np.random.default_rng(seed).permutation(len(inside))
holdout_size = int(np.ceil(0.3 * len(inside)))
holdout, train = inside.iloc[order[:holdout_size]], inside.iloc[order[holdout_size:]]
for name, frame in [("train", train), ("holdout", holdout), ("shifted", shifted)]:
    frame.to_csv(f"{work}/{name}.csv", index=False)
    print(f"{name}: {len(frame)} rows, {frame['Purchase'].sum()} purchases ({frame['Purchase'].mean():.4f})")
PY

if [ "${DRIFT_SCORER:-revloop}" = sklearn ]; then
  echo "== score with scikit-learn LogisticRegression(C=0.1) (the spec's reference model)"
  "$python" - "$work" <<'PY'
import sys
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

work = sys.argv[1]
train = pd.read_csv(f"{work}/train.csv")
features = [c for c in train.columns if c != "Purchase"]
model = make_pipeline(StandardScaler(), LogisticRegression(C=0.1, max_iter=2000)).fit(train[features], train["Purchase"])
for name in ["train", "holdout", "shifted"]:
    frame = pd.read_csv(f"{work}/{name}.csv")
    frame["probability"] = model.predict_proba(frame[features])[:, 1]
    frame["score"] = (100 * frame["probability"]).round().astype(int)
    frame.to_csv(f"{work}/{name}-scored.csv", index=False)
PY
else
  echo "== revloop score train (logistic) on the training part"
  (set -x; "$bin" score train --csv "$work/train.csv" --label Purchase --model logistic --out "$work/model.json")
  for name in train holdout shifted; do
    (set -x; "$bin" score predict --model "$work/model.json" --csv "$work/$name.csv" --out "$work/$name-scored.csv")
  done
fi

monitor=("$bin" score monitor --reference "$work/train-scored.csv" --score probability --label Purchase
  --seed "$seed")
status=0
echo
echo "== monitor: shifted segment (main types 1-2) against the training population"
(set -x; "${monitor[@]}" --current "$work/shifted-scored.csv" --format json > "$work/shifted.json") || status=$?
"${monitor[@]}" --current "$work/shifted-scored.csv" || true
[ "$status" -le 1 ] || { echo "monitor failed with exit $status" >&2; exit "$status"; }
echo
echo "== monitor: the whole in-distribution hold-out"
"${monitor[@]}" --current "$work/holdout-scored.csv" --features none || true
echo
echo "== false-alarm study: 1000 batches of $batch_size rows from the hold-out"
(set -x; "${monitor[@]}" --current "$work/holdout-scored.csv" --batches 1000 --batch-size "$batch_size" \
  --format json > "$work/study.json")
"${monitor[@]}" --current "$work/holdout-scored.csv" --batches 1000 --batch-size "$batch_size"

echo
echo "== acceptance"
"$python" - "$work/shifted.json" "$work/study.json" <<'PY'
import json
import sys

shifted, study = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
fired = {alarm["kind"] for alarm in shifted["alarms"]}
ok = True
for kind in ["score-psi", "score-ks", "calibration-ece"]:
    hit = kind in fired
    ok &= hit
    print(f"shifted segment: {kind} alarm {'fired' if hit else 'DID NOT FIRE'}")
out = shifted["outputDrift"]
cal = shifted["calibration"]["summary"]
print(f"shifted segment: score PSI {out['psi']['value']:.4f}, KS p {out['ks']['pValue']:.3g}, "
      f"ECE {cal['expectedCalibrationError']:.4f}, mean p {cal['meanProbability']:.4f} vs observed "
      f"{cal['observedRate']:.4f}; verdict: {'stop serving' if shifted['verdict']['shouldStopServing'] else 'keep'}")
for kind in ["score-psi", "score-ks", "calibration-ece"]:
    rate = study["alarmRates"][kind]
    print(f"hold-out batches: {kind} false-alarm rate {rate:.3f}")
family = study["outputAlarmRate"]
ok &= family <= 0.05
print(f"hold-out batches: any score/calibration alarm {family:.3f} (limit 0.05) "
      f"{'ok' if family <= 0.05 else 'TOO HIGH'}")
anything = study["anyAlarmRate"]
ok &= anything <= 0.05
print(f"hold-out batches: any feature alarm {study['inputAlarmRate']:.3f}")
print(f"hold-out batches: any alarm at all {anything:.3f} (limit 0.05) {'ok' if anything <= 0.05 else 'TOO HIGH'}")
print("ACCEPTANCE", "PASSED" if ok else "FAILED")
sys.exit(0 if ok else 1)
PY
