"""Python side of the model benchmark: scikit-learn RandomForestRegressor and LightGBM on the same
CSV and folds as bench/models/driver.ts. Single-threaded on purpose (n_jobs=1, num_threads=1) so the
comparison with single-threaded node is fair."""
import argparse, json, resource, sys, time

import numpy as np
import pandas as pd


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--model", required=True, choices=["LightGBM", "scikit-learn RF"])
    ap.add_argument("--out", required=True)
    ap.add_argument("--reps", type=int, default=1, help="repeat each fold's fit; keep the median wall/CPU time")
    a = ap.parse_args()
    df = pd.read_csv(a.data, dtype={"group": str})
    feats = [c for c in df.columns if c.startswith("f_")]
    X = df[feats].to_numpy(dtype=np.float64)
    y = df["y"].to_numpy(dtype=np.float64)
    fold = df["fold"].to_numpy()
    rss_loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    folds = sorted(f for f in set(fold.tolist()) if f >= 0)
    fit_s, cpu_s, yt, yp = [], [], [], []
    for f in folds:
        te = fold == f
        tr = ~te
        Xtr, ytr = X[tr], y[tr]
        wall, cpu = [], []
        for _ in range(max(1, a.reps)):
            if a.model == "LightGBM":
                import lightgbm as lgb
                m = lgb.LGBMRegressor(n_estimators=300, learning_rate=0.1, num_leaves=31, min_child_samples=20, max_bin=255, num_threads=1, random_state=42, verbose=-1)
            else:
                from sklearn.ensemble import RandomForestRegressor
                m = RandomForestRegressor(n_estimators=100, min_samples_leaf=1, max_features=1.0, n_jobs=1, random_state=42)
            c0 = time.process_time()
            t0 = time.perf_counter()
            m.fit(Xtr, ytr)
            wall.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        fit_s.append(float(np.median(wall)))
        cpu_s.append(float(np.median(cpu)))
        yp.append(m.predict(X[te]))
        yt.append(y[te])
    yt = np.concatenate(yt)
    yp = np.concatenate(yp)
    r2 = 1 - np.sum((yt - yp) ** 2) / np.sum((yt - yt.mean()) ** 2)
    res = {"data": a.data, "model": a.model, "folds": len(folds), "reps": max(1, a.reps), "fitSeconds": fit_s, "fitSecondsTotal": sum(fit_s),
           "fitCpuSeconds": cpu_s, "fitCpuSecondsTotal": sum(cpu_s), "r2Log": float(r2),
           "rssLoadedMB": rss_loaded, "peakRssMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "lang": f"python {sys.version.split()[0]}",
           "finishedAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    with open(a.out, "w") as fh:
        json.dump(res, fh, indent=1)


if __name__ == "__main__":
    main()
