"""The engine, step by step: a hand-computed case, scikit-learn as the oracle, invariants."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.cluster import KMeans as SklearnKMeans

from kmeans import KMeans
from kmeans.engine import Step, kmeans_steps, nearest_centroid
from tests.conftest import REAL_DATASETS

# Four points on a line, K=2, starting from the first two points.
TOY_X = np.array([[0.0, 0.0], [2.0, 0.0], [10.0, 0.0], [12.0, 0.0]])
TOY_INIT = np.array([[0.0, 0.0], [2.0, 0.0]])


def test_toy_case_step_by_step():
    steps = list(kmeans_steps(TOY_X, 2, init=TOY_INIT))
    assert len(steps) == 3
    # Step 1 + 2: 0 keeps centroid 0; 2, 10 and 12 are all nearer centroid 1 at x=2.
    first = steps[0]
    assert first.iteration == 0 and first.n_changed == 4 and not first.converged
    np.testing.assert_array_equal(first.centroids, TOY_INIT)
    np.testing.assert_array_equal(first.labels, [0, 1, 1, 1])
    assert first.inertia == pytest.approx(0 + 0 + 8**2 + 10**2)
    # Step 3: centroid 1 moves to mean(2, 10, 12) = 8; Step 2: the point at 2 is now nearer 0.
    second = steps[1]
    np.testing.assert_array_equal(second.previous_centroids, TOY_INIT)
    np.testing.assert_array_equal(second.centroids, [[0.0, 0.0], [8.0, 0.0]])
    np.testing.assert_array_equal(second.labels, [0, 0, 1, 1])
    assert second.n_changed == 1 and second.inertia == pytest.approx(0 + 4 + 4 + 16)
    assert second.center_shift == pytest.approx(36.0)
    # Step 3 again: means 1 and 11; Step 2 changes nothing, so Step 4 says stop.
    last = steps[2]
    np.testing.assert_array_equal(last.centroids, [[1.0, 0.0], [11.0, 0.0]])
    np.testing.assert_array_equal(last.labels, [0, 0, 1, 1])
    assert last.n_changed == 0 and last.converged and last.inertia == pytest.approx(4.0)
    assert [s.stop_reason for s in steps] == [None, None, "unchanged"]


def test_empty_cluster_is_relocated_to_the_farthest_point():
    X = np.array([[0.0, 0.0], [1.0, 0.0], [2.0, 0.0], [10.0, 0.0]])
    init = np.array([[0.0, 0.0], [1.0, 0.0], [100.0, 0.0]])
    steps = list(kmeans_steps(X, 3, init=init))
    # Nobody is nearest to x=100, so cluster 2 is empty after the first assignment ...
    np.testing.assert_array_equal(steps[0].labels, [0, 1, 1, 1])
    # ... and moves to x=10, the point farthest from its own centroid (9 away from x=1).
    assert steps[1].relocated == (2,)
    np.testing.assert_array_equal(steps[1].centroids, [[0.0, 0.0], [1.5, 0.0], [10.0, 0.0]])
    np.testing.assert_array_equal(steps[-1].labels, [0, 1, 1, 2])
    sk = SklearnKMeans(3, init=init, n_init=1, tol=0, algorithm="lloyd").fit(X)
    np.testing.assert_allclose(steps[-1].centroids, sk.cluster_centers_)


def test_steps_own_their_arrays(real_data):
    steps = list(kmeans_steps(real_data["iris"], 3, seed=0))
    assert all(isinstance(step, Step) for step in steps)
    owners = [a for step in steps for a in (step.centroids, step.labels)]
    assert all(a.base is None for a in owners)
    steps[0].labels[:] = 0
    assert not np.array_equal(steps[0].labels, steps[1].labels) or steps[1].n_changed == 0


def _oracle_cases():
    for name in REAL_DATASETS:
        for k in (2, 3, 5, 8):
            for seed in (0, 1):
                yield pytest.param(name, k, seed, id=f"{name}-k{k}-seed{seed}")


@pytest.mark.parametrize(("name", "k", "seed"), list(_oracle_cases()))
@pytest.mark.parametrize("tol", [0.0, 1e-4])
def test_same_start_same_end_as_sklearn_lloyd(real_data, name, k, seed, tol):
    X = real_data[name]
    init = X[np.random.default_rng(seed).choice(len(X), k, replace=False)]
    last = list(kmeans_steps(X, k, init=init, tol=tol))[-1]
    sk = SklearnKMeans(k, init=init, n_init=1, tol=tol, algorithm="lloyd").fit(X)
    np.testing.assert_allclose(last.centroids, sk.cluster_centers_, rtol=1e-7, atol=0)
    np.testing.assert_array_equal(last.labels, sk.labels_)
    assert last.inertia == pytest.approx(sk.inertia_, rel=1e-7)
    assert KMeans(k, init=init, tol=tol).fit(X).n_iter_ == sk.n_iter_


def test_max_iter_stops_without_converging(real_data):
    steps = list(kmeans_steps(real_data["xclara"], 8, init="random", seed=3, max_iter=2))
    assert [s.iteration for s in steps] == [0, 1, 2]
    assert not any(s.converged for s in steps)
    assert steps[-1].stop_reason == "max_iter"


def test_only_the_last_step_is_converged(real_data):
    steps = list(kmeans_steps(real_data["wine"], 4, seed=5))
    assert [s.converged for s in steps] == [False] * (len(steps) - 1) + [True]


def test_same_seed_same_steps(real_data):
    a = list(kmeans_steps(real_data["xclara"], 5, init="random", seed=42))
    b = list(kmeans_steps(real_data["xclara"], 5, init="random", seed=42))
    assert len(a) == len(b)
    for x, y in zip(a, b, strict=True):
        np.testing.assert_array_equal(x.centroids, y.centroids)
        np.testing.assert_array_equal(x.labels, y.labels)


def test_generator_seed_is_used_as_given(real_data):
    rng_a, rng_b = np.random.default_rng(9), np.random.default_rng(9)
    a = next(kmeans_steps(real_data["iris"], 3, init="random", seed=rng_a))
    b = next(kmeans_steps(real_data["iris"], 3, init="random", seed=rng_b))
    np.testing.assert_array_equal(a.centroids, b.centroids)


def test_float32_stays_float32_and_integers_become_float64(real_data):
    X = real_data["xclara"]
    step32 = next(kmeans_steps(X.astype(np.float32), 3, seed=0))
    assert step32.centroids.dtype == np.float32
    step_int = next(kmeans_steps(np.round(X).astype(np.int64), 3, seed=0))
    assert step_int.centroids.dtype == np.float64


def test_far_from_the_origin_clusters_as_at_the_origin(real_data):
    X = real_data["xclara"]
    init = X[[0, 1000, 2000]]
    near = list(kmeans_steps(X, 3, init=init))[-1]
    far = list(kmeans_steps(X + 1e6, 3, init=init + 1e6))[-1]
    np.testing.assert_array_equal(near.labels, far.labels)
    np.testing.assert_allclose(far.centroids - 1e6, near.centroids, atol=1e-6)
    assert far.inertia == pytest.approx(near.inertia, rel=1e-9)


def test_blog_random_start_never_gives_nan(real_data):
    # The blog's own code divides by zero when a cluster empties; ours relocates it.
    X = real_data["xclara"]
    for seed in range(40):
        last = list(kmeans_steps(X, 10, init="random", seed=seed))[-1]
        assert np.isfinite(last.centroids).all()
        assert np.bincount(last.labels, minlength=10).min() > 0


def test_nearest_centroid_breaks_ties_to_the_lowest_index():
    labels = nearest_centroid(np.array([[1.0, 0.0]]), np.array([[0.0, 0.0], [2.0, 0.0]]))
    assert labels.tolist() == [0]


@pytest.mark.parametrize("k", [2, 12, 13, 40])  # both ways of finding the nearest
def test_ties_go_to_the_lowest_index_for_any_number_of_centroids(k):
    # Centroids on a line at 0, 1, ..., k-1; points halfway between j and j+1 are tied.
    centroids = np.column_stack([np.arange(k, dtype=float), np.zeros(k)])
    halfway = np.column_stack([np.arange(k - 1) + 0.5, np.zeros(k - 1)])
    on_top = centroids[::-1]
    labels = nearest_centroid(np.vstack([halfway, on_top]), centroids)
    assert labels.tolist() == list(range(k - 1)) + list(range(k - 1, -1, -1))


@st.composite
def small_problems(draw):
    n = draw(st.integers(4, 40))
    d = draw(st.integers(1, 3))
    X = draw(arrays(np.float64, (n, d), elements=st.floats(-100, 100, width=32)))
    n_distinct = np.unique(X, axis=0).shape[0]
    k = draw(st.integers(1, min(5, n_distinct)))
    return X, k, draw(st.integers(0, 2**16)), draw(st.sampled_from(["random", "k-means++"]))


@settings(max_examples=60, deadline=None)
@given(small_problems())
def test_invariants(problem):
    X, k, seed, init = problem
    steps = list(kmeans_steps(X, k, init=init, seed=seed))
    inertias = [s.inertia for s in steps]
    scale = 1e-9 * (np.square(X - X.mean(axis=0)).sum() + 1.0)
    # Inertia never increases.
    assert all(b <= a + scale for a, b in itertools.pairwise(inertias))
    for prev, step in itertools.pairwise(steps):
        # Labels are the nearest centroids (up to rounding in exact ties).
        dist = ((X[:, None, :] - step.centroids[None]) ** 2).sum(axis=2)
        own = dist[np.arange(len(X)), step.labels]
        assert np.all(own <= dist.min(axis=1) + scale)
        # Centroids are the means of the points of the previous assignment (a relocation
        # takes a point from one cluster to an empty one, so it is checked on its own).
        for j in range(k) if not step.relocated else ():
            members = X[prev.labels == j]
            np.testing.assert_allclose(step.centroids[j], members.mean(axis=0), atol=1e-9)
        assert step.n_changed == int((prev.labels != step.labels).sum())
    assert steps[-1].converged or steps[-1].iteration == 300


def test_inertia_of_tight_clusters_is_measured_exactly():
    # Tight groups far apart: almost all of the spread is between the groups, the case where
    # sums of squares would lose digits, so the last step is measured point by point.
    rng = np.random.default_rng(0)
    centres = np.array([[0.0, 0.0], [1e4, 0.0], [0.0, 1e4]])
    X = np.repeat(centres, 50, axis=0) + rng.normal(scale=1e-3, size=(150, 2))
    last = list(kmeans_steps(X, 3, init=centres))[-1]
    means = np.array([X[last.labels == j].mean(axis=0) for j in range(3)])
    expected = ((X - means[last.labels]) ** 2).sum()
    assert last.inertia == pytest.approx(expected, rel=1e-9)
    assert list(kmeans_steps(centres, 3, init=centres))[-1].inertia == 0.0


def test_tol_stops_when_the_centroids_barely_move(real_data):
    X = real_data["xclara"]
    strict = list(kmeans_steps(X, 3, init=X[[0, 1, 2]]))
    loose = list(kmeans_steps(X, 3, init=X[[0, 1, 2]], tol=1e-2))
    assert loose[-1].stop_reason == "tol" and loose[-1].converged
    assert len(loose) < len(strict) and strict[-1].stop_reason == "unchanged"


@pytest.mark.parametrize("name", REAL_DATASETS)
def test_row_blocks_on_two_threads_give_the_same_run(real_data, name, monkeypatch):
    from kmeans import engine

    X = real_data[name]
    init = X[np.random.default_rng(7).choice(len(X), 8, replace=False)]
    alone = list(kmeans_steps(X, 8, init=init))
    monkeypatch.setattr(engine, "_THREADED_ELEMENTS", 0)
    monkeypatch.setattr(engine, "_WORKERS", 2)
    monkeypatch.setattr(engine, "_CHUNK_ELEMENTS", 8 * 300)  # many blocks per thread
    threaded = list(kmeans_steps(X, 8, init=init))
    assert len(threaded) == len(alone)
    for a, b in zip(alone, threaded, strict=True):
        np.testing.assert_array_equal(a.labels, b.labels)
        # Smaller blocks sum the clusters in another order: equal up to rounding.
        np.testing.assert_allclose(a.centroids, b.centroids, rtol=1e-12)
    sk = SklearnKMeans(8, init=init, n_init=1, tol=0, algorithm="lloyd").fit(X)
    np.testing.assert_array_equal(threaded[-1].labels, sk.labels_)


def test_many_features_and_overlapping_clusters_match_sklearn():
    # 40 features, unit spread, nearest centres 3.5 apart: most points are measured again
    # on most moves, and it takes many moves.
    rng = np.random.default_rng(3)
    centres = rng.uniform(-1, 1, size=(6, 40))
    gaps = np.sqrt(((centres[:, None] - centres[None]) ** 2).sum(axis=-1))
    centres *= 3.5 / gaps[gaps > 0].min()
    X = centres[rng.integers(6, size=6000)] + rng.normal(size=(6000, 40))
    init = X[rng.choice(len(X), 6, replace=False)]
    last = list(kmeans_steps(X, 6, init=init))[-1]
    sk = SklearnKMeans(6, init=init, n_init=1, tol=0, algorithm="lloyd").fit(X)
    assert last.iteration > 10
    assert KMeans(6, init=init, tol=0).fit(X).n_iter_ == sk.n_iter_
    np.testing.assert_array_equal(last.labels, sk.labels_)
    np.testing.assert_allclose(last.centroids, sk.cluster_centers_, rtol=1e-7, atol=1e-12)


def test_one_core_or_two_give_the_very_same_steps(real_data, monkeypatch):
    from kmeans import engine

    X = real_data["breast_cancer"]
    init = X[np.random.default_rng(2).choice(len(X), 5, replace=False)]
    monkeypatch.setattr(engine, "_THREADED_ELEMENTS", 0)
    runs = []
    for workers in (1, 2, 3):  # 3: parts of unequal length
        monkeypatch.setattr(engine, "_WORKERS", workers)
        runs.append(list(kmeans_steps(X, 5, init=init)))
    assert len(runs[0]) > 2
    for other in runs[1:]:
        assert len(other) == len(runs[0])
        for a, b in zip(runs[0], other, strict=True):
            np.testing.assert_array_equal(a.centroids, b.centroids)
            np.testing.assert_array_equal(a.labels, b.labels)
            assert a.inertia == b.inertia
