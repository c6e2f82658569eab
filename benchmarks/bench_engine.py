"""Speed and memory of the engine against scikit-learn's Lloyd, measured in the same run.

Run: ``python benchmarks/bench_engine.py`` (add ``--quick`` for the small rows only).
Each row clusters the same Gaussian blobs from the same k-means++ start with ``n_init=1``
to convergence (``tol=0``) in both libraries and prints the best-of-``repeats`` wall time;
ratio = ours / scikit-learn (below 1.0 is faster). The hard cases follow: overlapping blobs,
and two 2-D data sets that take about a hundred iterations and more (blobs 2 sigma apart,
points spread evenly over a square). The last row is the elbow sweep K=1..10
on 1e5 x 2 against scikit-learn's ``KMeans(k, n_init=3)`` sweep.
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
from sklearn.cluster import KMeans as SklearnKMeans

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kmeans import KMeans
from kmeans.seeding import plusplus_rows
from kmeans.selection import elbow

SIZES = [(100_000, 2, 8), (100_000, 10, 8), (300_000, 2, 8), (100_000, 50, 20), (1_000_000, 2, 8)]
# The hard cases: overlapping blobs, centres 3.5 sigma apart, which need many iterations.
OVERLAPPING = [(100_000, 2, 8), (100_000, 10, 8), (300_000, 2, 8), (100_000, 50, 20)]


def blobs(n, d, k, seed=0):
    """Gaussian blobs with unit spread around centres drawn in a box of side 20."""
    rng = np.random.default_rng(seed)
    centres = rng.uniform(-10, 10, size=(k, d))
    return centres[rng.integers(k, size=n)] + rng.normal(size=(n, d))


def overlapping_blobs(n, d, k, separation=3.5, seed=0):
    """Gaussian blobs of unit spread whose two nearest centres are ``separation`` apart."""
    rng = np.random.default_rng(seed)
    centres = rng.uniform(-1, 1, size=(k, d))
    gaps = np.sqrt(((centres[:, None] - centres[None]) ** 2).sum(axis=-1))
    np.fill_diagonal(gaps, np.inf)
    centres *= separation / gaps.min()
    return centres[rng.integers(k, size=n)] + rng.normal(size=(n, d))


def best_times(fits, repeats):
    """Best wall time of each fit, running them in turn so both see the same machine load."""
    times = [[] for _ in fits]
    results = [None] * len(fits)
    for _ in range(repeats):
        for i, fit in enumerate(fits):
            start = time.perf_counter()
            results[i] = fit()
            times[i].append(time.perf_counter() - start)
    return [min(t) for t in times], results


def uniform_square(n, d, k, seed=0):
    """Points spread evenly over a unit cube: no clusters, so k-means takes long to settle."""
    return np.random.default_rng(seed).uniform(size=(n, d))


def close_blobs(n, d, k):
    """Overlapping blobs whose nearest centres are only 2 sigma apart."""
    return overlapping_blobs(n, d, k, separation=2.0)


# About a hundred iterations and more, in 2-D: (make, start seed, label).
MANY_ITERATIONS = [(close_blobs, 4, " 2-sigma"), (uniform_square, 1, " uniform")]


def engine_row(n, d, k, repeats, make=blobs, label="", start_seed=1):
    X = make(n, d, k)
    init = plusplus_rows(X, k, np.random.default_rng(start_seed))
    (ours_t, sk_t), (ours, sk) = best_times(
        [
            lambda: KMeans(k, init=init, tol=0).fit(X),
            lambda: SklearnKMeans(k, init=init, n_init=1, tol=0, algorithm="lloyd").fit(X),
        ],
        repeats,
    )
    same = np.array_equal(ours.labels_, sk.labels_)
    return (
        f"{n:.0e} x {d} x {k}{label}",
        ours_t,
        sk_t,
        f"iters {ours.n_iter_}/{sk.n_iter_} same={same}",
    )


def elbow_row(repeats):
    X = blobs(100_000, 2, 4)

    def sweep():
        return [SklearnKMeans(k, n_init=3, random_state=0).fit(X).inertia_ for k in range(1, 11)]

    (ours_t, sk_t), _ = best_times(
        [lambda: elbow(X, range(1, 11), random_state=0), sweep], repeats
    )
    return "elbow K=1..10, 1e5 x 2", ours_t, sk_t, "sklearn n_init=3"


def peak_memory(n=1_000_000, d=2, k=8):
    """Peak memory allocated while fitting, beyond the data itself (tracemalloc, MB)."""
    X = blobs(n, d, k)
    init = plusplus_rows(X, k, np.random.default_rng(1))
    tracemalloc.start()
    KMeans(k, init=init, tol=0).fit(X)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only the 1e5 x 2 rows")
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    sizes = SIZES[:1] if args.quick else SIZES
    print(f"{'case':<32}{'ours s':>9}{'sklearn s':>11}{'ratio':>8}  notes")
    rows = [engine_row(n, d, k, args.repeats) for n, d, k in sizes]
    if not args.quick:
        rows += [
            engine_row(n, d, k, args.repeats, overlapping_blobs, " overlap")
            for n, d, k in OVERLAPPING
        ]
        rows += [
            engine_row(100_000, 2, 8, args.repeats, make, label, seed)
            for make, seed, label in MANY_ITERATIONS
        ]
    rows.append(elbow_row(args.repeats))
    for case, ours_t, sk_t, notes in rows:
        print(f"{case:<32}{ours_t:>9.3f}{sk_t:>11.3f}{ours_t / sk_t:>8.2f}  {notes}")
    if not args.quick:
        print(f"peak extra memory, 1e6 x 2 x 8 fit: {peak_memory():.0f} MB")


if __name__ == "__main__":
    main()
