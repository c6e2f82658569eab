"""Does explaining the clusters stay fast on a million rows?

Run from the project root::

    python benchmarks/bench_explore.py              # 1e6 rows x 10 numeric columns + a label
    python benchmarks/bench_explore.py --rows 100000

Times, best of ``--repeats`` runs taken in turn with the oracle so both see the same load:

1. ``profiles.profile`` over the 10 numeric columns and a 3-valued text column, against
   pandas doing the same sums (``groupby(...).agg(["mean", "median", q1, q3])``, the overall
   mean and standard deviation, and the text shares with ``pandas.crosstab``);
2. ``agreement.compare`` with the text column, against ``pandas.crosstab`` plus scikit-learn's
   ``adjusted_rand_score``;
3. ``silhouette.sampled_silhouette`` (2000 rows) and ``outliers`` (distances, top 20).

The goal of the issue: profile plus comparison in at most 2 s on 1e6 x 10.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kmeans import KMeans
from kmeans.agreement import compare
from kmeans.outliers import distances_to_centroid, unusual_rows
from kmeans.profiles import profile
from kmeans.silhouette import sampled_silhouette

K = 5


def table(n_rows: int) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Ten numeric columns around K centres, a 3-valued text label; its k-means labels."""
    rng = np.random.default_rng(0)
    centres = rng.uniform(-10, 10, size=(K, 10))
    truth = rng.integers(0, K, size=n_rows)
    X = centres[truth] + rng.normal(size=(n_rows, 10))
    frame = pd.DataFrame(X, columns=[f"x{i}" for i in range(10)])
    frame["kind"] = np.array(["a", "b", "c"])[truth % 3]
    model = KMeans(K, n_init=1, random_state=0).fit(X)
    return frame, X, model


def pandas_profile(frame: pd.DataFrame, labels: np.ndarray) -> None:
    """The same numbers as profiles.profile, the pandas way."""
    numbers = frame.drop(columns="kind")
    groups = numbers.groupby(labels)
    groups.agg(["mean", "median", lambda s: s.quantile(0.25), lambda s: s.quantile(0.75)])
    numbers.mean(), numbers.std(ddof=0)
    pd.crosstab(labels, frame["kind"], normalize="index")


def pandas_compare(frame: pd.DataFrame, labels: np.ndarray) -> None:
    pd.crosstab(labels, frame["kind"])
    adjusted_rand_score(frame["kind"], labels)


def best(function, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    frame, X, model = table(args.rows)
    rows, labels = np.arange(args.rows), model.labels_
    ours = {
        "profile": lambda: profile(frame, rows, labels, K),
        "compare": lambda: compare(frame, rows, labels, K, "kind"),
    }
    theirs = {
        "profile": lambda: pandas_profile(frame, labels),
        "compare": lambda: pandas_compare(frame, labels),
    }
    total = 0.0
    print(f"{args.rows:,} rows x 10 numeric columns + 1 text column, K={K}")
    for name in ours:
        ours[name](), theirs[name]()  # warm-up
        times = {"ours": [], "theirs": []}
        for _ in range(args.repeats):  # interleaved, so both see the same load
            times["ours"].append(best(ours[name], 1))
            times["theirs"].append(best(theirs[name], 1))
        mine, oracle = min(times["ours"]), min(times["theirs"])
        total += mine
        print(
            f"  {name:8s} ours {mine:.3f} s, pandas/scikit-learn {oracle:.3f} s, "
            f"ratio {mine / oracle:.2f}x"
        )
    print(f"  profile + compare: {total:.3f} s (goal: at most 2 s)")
    sil = best(lambda: sampled_silhouette(X, labels, K), args.repeats)
    far = best(
        lambda: unusual_rows(
            frame, rows, labels, distances_to_centroid(X, labels, model.cluster_centers_)
        ),
        args.repeats,
    )
    print(f"  silhouette on 2000 sampled rows {sil:.3f} s; distances + top 20 {far:.3f} s")
    check = compare(frame, rows, labels, K, "kind")
    print(
        f"  check: ARI {check.ari:.6f} vs scikit-learn "
        f"{adjusted_rand_score(frame['kind'], labels):.6f}"
    )


if __name__ == "__main__":
    main()
