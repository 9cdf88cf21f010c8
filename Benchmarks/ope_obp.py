"""Off-policy evaluation on the Open Bandit Dataset sample bundled in obp 0.4.1 (learning.md 4.3).

`export OUT.csv` loads obp/dataset/obd/random/all/all.csv directly (obp's OpenBanditDataset class breaks on
pandas >= 2), builds the evaluation policy's action_dist (BernoulliTS with the ZOZOTOWN prior, Monte Carlo,
seeded) and the reward model's estimates (obp RegressionModel, logistic regression C=100, 3-fold
cross-fitting, seeded), prints obp's IPW, SNIPW and DR estimates, and writes per round: action, position,
reward, pscore, then pi(a|x, position) and q_hat(x, a, position) for all 80 actions at the round's position:
exactly what the estimators read.

`compare OBP.txt REVLOOP.txt` checks that the two sets of estimates agree to 1e-9.
"""
import os
import sys

import numpy as np
import pandas as pd


def export(path):
    import obp
    from obp.ope import (DoublyRobust, InverseProbabilityWeighting, RegressionModel,
                         SelfNormalizedInverseProbabilityWeighting)
    from obp.policy import BernoulliTS
    from sklearn.linear_model import LogisticRegression
    from scipy.stats import rankdata
    from sklearn.preprocessing import LabelEncoder

    folder = os.path.join(os.path.dirname(obp.__file__), "dataset", "obd", "random", "all")
    data = pd.read_csv(os.path.join(folder, "all.csv"), index_col=0)
    items = pd.read_csv(os.path.join(folder, "item_context.csv"), index_col=0)
    action = data["item_id"].values.astype(int)
    # Positions are stored 1..3; obp ranks them densely from 0, as here.
    position = (rankdata(data["position"].values, "dense") - 1).astype(int)
    n_actions, len_list = int(action.max()) + 1, int(position.max()) + 1
    reward = data["click"].values.astype(float)
    pscore = data["propensity_score"].values.astype(float)
    # obp's own pre-processing (OpenBanditDataset.pre_process), written for pandas 2.
    context = pd.get_dummies(data.loc[:, data.columns.str.contains("user_feature")], drop_first=True).values.astype(float)
    categorical = items.drop(columns=["item_id", "item_feature_0"]).apply(LabelEncoder().fit_transform)
    action_context = pd.concat([categorical, items["item_feature_0"]], axis=1).values

    policy = BernoulliTS(n_actions=n_actions, len_list=len_list, is_zozotown_prior=True, campaign="all",
                         random_state=12345)
    action_dist = policy.compute_batch_action_dist(n_sim=100_000, n_rounds=len(data))
    model = RegressionModel(n_actions=n_actions, len_list=len_list, action_context=action_context,
                            base_model=LogisticRegression(C=100, max_iter=10_000, random_state=12345))
    estimated = model.fit_predict(context=context, action=action, reward=reward, position=position,
                                  n_folds=3, random_state=12345)

    ipw = InverseProbabilityWeighting().estimate_policy_value(
        reward=reward, action=action, position=position, pscore=pscore, action_dist=action_dist)
    snipw = SelfNormalizedInverseProbabilityWeighting().estimate_policy_value(
        reward=reward, action=action, position=position, pscore=pscore, action_dist=action_dist)
    dr = DoublyRobust().estimate_policy_value(
        reward=reward, action=action, position=position, pscore=pscore, action_dist=action_dist,
        estimated_rewards_by_reg_model=estimated)
    rows = np.arange(len(data))
    pi = action_dist[rows, :, position]
    q = estimated[rows, :, position]
    with open(path, "w") as f:
        f.write("action,position,reward,pscore," + ",".join(f"pi{a}" for a in range(n_actions)) + ","
                + ",".join(f"q{a}" for a in range(n_actions)) + "\n")
        for i in rows:
            f.write(f"{action[i]},{position[i]},{float(reward[i])!r},{float(pscore[i])!r},"
                    + ",".join(repr(float(x)) for x in pi[i]) + "," + ",".join(repr(float(x)) for x in q[i]) + "\n")
    print(f"rounds {len(data)}")
    print(f"ips {float(ipw)!r}")
    print(f"snips {float(snipw)!r}")
    print(f"dr {float(dr)!r}")


def compare(obp_path, revloop_path):
    def read(path):
        values = {}
        for line in open(path):
            parts = line.split()
            if len(parts) == 2 and parts[0] in ("ips", "snips", "dr"):
                values[parts[0]] = float(parts[1])
        return values

    ours, theirs = read(revloop_path), read(obp_path)
    worst = 0.0
    for name in ("ips", "snips", "dr"):
        difference = abs(ours[name] - theirs[name])
        worst = max(worst, difference)
        print(f"{name:<6} obp {theirs[name]:.17g}  revloop {ours[name]:.17g}  |difference| {difference:.3g}")
    print("PASS: equal to 1e-9" if worst <= 1e-9 else "FAIL: a difference above 1e-9")
    return worst <= 1e-9


if __name__ == "__main__":
    if sys.argv[1] == "export":
        export(sys.argv[2])
    else:
        sys.exit(0 if compare(sys.argv[2], sys.argv[3]) else 1)
