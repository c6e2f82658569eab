"""Many starts: endings grouped by partition, best first, each replayable from its seed."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kmeans import samples
from kmeans.engine import kmeans_steps
from kmeans.restarts import (
    INITS,
    best_inertia,
    compare_starts,
    partition_key,
    try_starts,
)

# Three pairs on a line. One centroid per pair ends at inertia 3 * 0.5 = 1.5; two centroids in
# {0, 1} and one in {10, 11} end at {0}, {1}, {10, 11, 20, 21}: 2 * 5.5**2 + 2 * 4.5**2 = 101.
LINE = np.array([[0.0], [1.0], [10.0], [11.0], [20.0], [21.0]])


def _last(X, k, **kwargs):
    *_, last = kmeans_steps(X, k, **kwargs)
    return last


def test_a_hand_computed_local_minimum_is_found_and_ranked_second():
    result = try_starts(LINE, 3, n_starts=60)
    inertias = [e.inertia for e in result.endings]
    assert inertias[0] == pytest.approx(1.5)
    assert 101.0 in [pytest.approx(i) for i in inertias]
    assert inertias == sorted(inertias)


def test_every_ending_is_one_of_the_fixed_points_from_some_start():
    # Oracle: run the engine from every one of the 20 possible random starts (3 of 6 rows).
    possible = {
        round(_last(LINE, 3, init=LINE[list(rows)]).inertia, 9)
        for rows in itertools.combinations(range(6), 3)
    }
    result = try_starts(LINE, 3, n_starts=40, first_seed=5)
    assert {round(e.inertia, 9) for e in result.endings} <= possible


def test_counts_add_up_and_seeds_follow_on():
    X = samples.sample_frame("blobs").to_numpy()
    result = try_starts(X, 4, n_starts=12, first_seed=7)
    assert result.seeds == tuple(range(7, 19))
    assert result.inertias.shape == (12,)
    assert sum(e.count for e in result.endings) == 12
    assert sorted(s for e in result.endings for s in e.seeds) == list(result.seeds)
    assert result.best.inertia == pytest.approx(result.inertias.min())


def test_an_endings_first_seed_replays_that_very_run():
    X = samples.sample_frame("eight").to_numpy()
    result = try_starts(X, 8, n_starts=10, max_iter=100)
    for ending in result.endings:
        last = _last(X, 8, init="random", seed=ending.seeds[0], max_iter=100)
        assert last.inertia == ending.inertia
        np.testing.assert_array_equal(last.labels, ending.labels)
        np.testing.assert_array_equal(last.centroids, ending.centroids)
        assert last.iteration == ending.iterations
    for seed, inertia in zip(result.seeds, result.inertias, strict=True):
        assert inertia == _last(X, 8, init="random", seed=seed, max_iter=100).inertia


def test_endings_within_rtol_are_one_and_different_ones_stay_apart():
    X = samples.sample_frame("eight").to_numpy()
    exact = try_starts(X, 8, n_starts=20, rtol=0.0)
    loose = try_starts(X, 8, n_starts=20)
    assert len(loose.endings) <= len(exact.endings)
    for a, b in itertools.pairwise(loose.endings):
        assert b.inertia > a.inertia * 1.002
    keys = [partition_key(e.labels) for e in exact.endings]
    assert len(set(keys)) == len(keys)


def test_random_starts_get_stuck_where_kmeans_plus_plus_does_not():
    X = samples.sample_frame("blobs").to_numpy()
    both = compare_starts(X, 4, n_starts=30)
    assert list(both) == list(INITS)
    assert both["random"].seeds == both["k-means++"].seeds
    best = best_inertia(both)
    assert both["k-means++"].share_reaching(best) > both["random"].share_reaching(best)
    assert both["random"].share_stuck() > 0.2


def test_the_best_ending_matches_scikit_learns_best_of_many():
    from sklearn.cluster import KMeans

    X = samples.sample_frame("eight").to_numpy()
    ours = try_starts(X, 8, n_starts=30, init="k-means++")
    theirs = KMeans(8, n_init=30, random_state=0, tol=0, algorithm="lloyd").fit(X)
    assert ours.best.inertia == pytest.approx(theirs.inertia_, rel=1e-9)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 3), min_size=1, max_size=12), st.permutations(range(4)))
def test_a_partition_key_ignores_cluster_numbers(labels, permutation):
    labels = np.array(labels)
    assert partition_key(labels) == partition_key(np.array(permutation)[labels])


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), st.integers(0, 2)), min_size=1, max_size=10))
def test_a_partition_key_is_equal_exactly_when_points_group_alike(pairs):
    a, b = (np.array(column) for column in zip(*pairs, strict=True))
    together = np.array_equal(a[:, None] == a[None, :], b[:, None] == b[None, :])
    assert (partition_key(a) == partition_key(b)) == together


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"n_starts": 0}, r"n_starts must be at least 1"),
        ({"init": "own"}, r"init='own' cannot be restarted.*'random'"),
        ({"init": [[0.0], [1.0], [2.0]]}, r"cannot be restarted"),
        ({"first_seed": -1}, r"first_seed must be at least 0"),
        ({"rtol": 2}, r"rtol must be a number from 0 up to 1"),
        ({"rtol": "x"}, r"rtol must be a number"),
    ],
)
def test_bad_parameters_get_one_sentence(kwargs, match):
    with pytest.raises(ValueError, match=match):
        try_starts(LINE, 3, **kwargs)


def test_bad_data_gets_the_engines_sentence():
    with pytest.raises(ValueError, match=r"n_clusters=7 is more than the 6 points"):
        try_starts(LINE, 7)
