"""How often does the elbow suggestion find the right K, and what does the sweep cost?

Run from the project root::

    python benchmarks/bench_elbow.py            # the full known-K suite (120 data sets)
    python benchmarks/bench_elbow.py --seeds 2  # a quicker, smaller suite

1. Accuracy on a known-K suite: Gaussian blobs with K = 2..9 in 2, 5 and 10 dimensions, several
   seeds each. Our rule (``kmeans.selection.suggest_k``), Kneedle
   (``kneed.KneeLocator(curve="convex", direction="decreasing")``) and "highest silhouette" all
   judge the *same* inertias and silhouettes, those returned by ``kmeans.selection.elbow``.
2. The blog's data (xclara.csv) must give K=3.
3. Real tables prepared as the page prepares an upload (read from CSV, the columns it clusters
   by default, so label-like columns such as ``target``, ``year`` or ``Cylinders`` are left
   out; standardised): the suggestion, the last big drop alone, Kneedle and the best
   silhouette, next to the number of known classes.
4. Time of ``elbow(X, range(1, 11))`` on 1e5 x 2 points against scikit-learn's sweep of
   ``KMeans(k, n_init=3)`` for k = 1..10, measured in the same run (best of ``--repeats``).

scikit-learn, kneed, palmerpenguins and vega_datasets (its locally bundled tables only) are
benchmark dependencies only (requirements-dev.txt).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from kneed import KneeLocator
from sklearn.cluster import KMeans as SklearnKMeans

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kmeans.data import column_roles, prepare, read_table
from kmeans.selection import elbow, suggest_k

XCLARA = Path(__file__).resolve().parents[1] / "kmeans" / "datasets" / "xclara.csv"
K_RANGE = range(1, 11)
SEPARATION = 6.0  # centres at least this many (larger) standard deviations apart


def blobs(n_clusters: int, n_features: int, seed: int) -> np.ndarray:
    """Gaussian blobs whose centres are at least ``SEPARATION`` spreads apart.

    Each blob has its own spread (0.5 to 1.5) and size (50 to 300 points); centres are drawn
    in a box that grows with K so that they fit, and redrawn while too close to another.
    """
    rng = np.random.default_rng(seed)
    spreads = rng.uniform(0.5, 1.5, size=n_clusters)
    half_width = 4.0 * SEPARATION * n_clusters ** (1.0 / n_features)
    centres: list[np.ndarray] = []
    while len(centres) < n_clusters:
        c = rng.uniform(-half_width, half_width, size=n_features)
        limit = SEPARATION * np.maximum(spreads[: len(centres)], spreads[len(centres)])
        if all(np.linalg.norm(c - o) >= m for o, m in zip(centres, limit, strict=True)):
            centres.append(c)
    sizes = rng.integers(50, 301, size=n_clusters)
    parts = [
        rng.normal(c, s, size=(m, n_features))
        for c, s, m in zip(centres, spreads, sizes, strict=True)
    ]
    return np.concatenate(parts)


def kneedle_k(k_values, inertias) -> int:
    """Kneedle's knee, or K=1 when it finds none (always a miss on this suite)."""
    knee = KneeLocator(list(k_values), inertias, curve="convex", direction="decreasing").knee
    return 1 if knee is None else int(knee)


def run_suite(n_seeds: int) -> None:
    """Step 1: the three suggestions against the true K, with the misses listed."""
    hits = {"ours (suggestion)": 0, "Kneedle": 0, "highest silhouette": 0}
    misses, total = [], 0
    for k in range(2, 10):
        for d in (2, 5, 10):
            for seed in range(n_seeds):
                result = elbow(blobs(k, d, 1000 * k + 10 * d + seed), K_RANGE, random_state=seed)
                answers = (
                    result.elbow_k,
                    kneedle_k(result.k_values, result.inertias),
                    result.k_values[int(np.nanargmax(result.silhouettes))],
                )
                for name, answer in zip(hits, answers, strict=True):
                    hits[name] += answer == k
                if result.elbow_k != k:
                    misses.append(f"K={k} d={d} seed={seed}: said {result.elbow_k}")
                total += 1
    print(f"Known-K suite: {total} data sets (K 2-9, d 2/5/10, {n_seeds} seeds each)")
    for name, n in hits.items():
        print(f"  {name:22s} {n:4d}/{total}  {n / total:6.1%}")
    print("  our misses: " + ("; ".join(misses) or "none"))


def run_xclara() -> None:
    """Step 2: the blog's data set."""
    X = np.loadtxt(XCLARA, delimiter=",", skiprows=1)
    result = elbow(X, K_RANGE, random_state=0)
    print(f"xclara ({X.shape[0]} x {X.shape[1]}): elbow_k={result.elbow_k} (expected 3)")
    print(f"  reason: {result.reason}")


def real_tables() -> dict[str, tuple[np.ndarray, str]]:
    """Six real tables as the page prepares an upload of them: read from CSV, the columns it
    clusters by default (label-like ones such as ``target``, ``year`` or ``Cylinders`` left
    out), rows with a gap dropped, standardised. Name -> (matrix, what is known of its groups).
    """
    from palmerpenguins import load_penguins
    from sklearn import datasets
    from vega_datasets import local_data

    frames = {
        "wine": (datasets.load_wine(as_frame=True).frame, "3 cultivars"),
        "breast cancer": (datasets.load_breast_cancer(as_frame=True).frame, "2 diagnoses"),
        "iris": (datasets.load_iris(as_frame=True).frame, "3 species"),
        "penguins": (load_penguins(), "3 species"),
        "Seattle weather": (local_data.seattle_weather(), "5 weather types"),
        "cars": (local_data.cars(), "3 origins"),
    }
    tables = {}
    for name, (frame, known) in frames.items():
        table = read_table(frame.to_csv(index=False).encode(), f"{name}.csv")
        used = [role.name for role in column_roles(table.frame) if role.used]
        tables[name] = (prepare(table.frame, used, scaling="standardize").X, known)
    return tables


def run_real_tables() -> None:
    """Step 3: what each rule says on real tables (a Markdown table for the README)."""
    print(
        "| table | rows x columns | known groups | suggestion | last big drop | Kneedle "
        "| best silhouette |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, (X, known) in real_tables().items():
        result = elbow(X, K_RANGE, random_state=0)
        drop_k, _ = suggest_k(result.k_values, result.inertias)
        best = int(np.nanargmax(result.silhouettes))
        print(
            f"| {name} | {X.shape[0]} x {X.shape[1]} | {known} | **{result.elbow_k}** "
            f"| {drop_k} | {kneedle_k(result.k_values, result.inertias)} "
            f"| {result.k_values[best]} ({result.silhouettes[best]:.2f}) |"
        )


def best_time(function, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def run_timing(repeats: int) -> None:
    """Step 4: our elbow sweep against scikit-learn's KMeans(n_init=3) for k = 1..10."""
    rng = np.random.default_rng(0)
    centres = rng.uniform(-20, 20, size=(5, 2))
    X = np.concatenate([rng.normal(c, 1.0, size=(20_000, 2)) for c in centres])

    def sklearn_sweep():
        for k in K_RANGE:
            SklearnKMeans(k, n_init=3, random_state=0).fit(X)

    def ours():
        elbow(X, K_RANGE, random_state=0)

    sklearn_sweep(), ours()  # warm-up: imports, thread pools, caches
    theirs, mine = best_time(sklearn_sweep, repeats), best_time(ours, repeats)
    print(
        f"elbow sweep K=1..10 on 1e5x2: ours {mine:.2f} s, scikit-learn n_init=3 sweep "
        f"{theirs:.2f} s, ratio {mine / theirs:.2f}x (limit 2.0x, goal 1.0x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5, help="data sets per (K, d); default 5")
    parser.add_argument(
        "--repeats", type=int, default=3, help="timing repeats (0: no timing); default 3"
    )
    args = parser.parse_args()
    run_suite(args.seeds)
    run_xclara()
    run_real_tables()
    if args.repeats:
        run_timing(args.repeats)


if __name__ == "__main__":
    main()
