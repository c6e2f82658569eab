"""Step 1: where the centroids start."""

from __future__ import annotations

import numpy as np
import pytest

from kmeans.seeding import SEEDINGS, initial_centroids, plusplus_rows, random_rows


def test_the_table_lists_the_blog_start_and_kmeans_plusplus():
    assert set(SEEDINGS) == {"random", "k-means++"}


def test_random_rows_are_distinct_points_of_x():
    # Many duplicates: the start must still be K different points.
    X = np.array([[0.0, 0.0]] * 50 + [[1.0, 1.0]] * 50 + [[2.0, 2.0]])
    for seed in range(20):
        centers = random_rows(X, 3, np.random.default_rng(seed))
        assert np.unique(centers, axis=0).shape[0] == 3
        assert all((c == X).all(axis=1).any() for c in centers)


def test_kmeans_plusplus_spreads_the_start():
    # Two tight groups far apart: k-means++ puts one centroid in each, nearly always.
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(0, 0.1, (100, 2)), rng.normal(50, 0.1, (100, 2))])
    hits = sum(
        len({int(c[0] > 25) for c in plusplus_rows(X, 2, np.random.default_rng(s))}) == 2
        for s in range(50)
    )
    assert hits == 50


def test_kmeans_plusplus_beats_random_on_average(xclara):
    def cost(centers):
        return ((xclara[:, None] - centers[None]) ** 2).sum(2).min(1).sum()

    pp = np.mean([cost(plusplus_rows(xclara, 5, np.random.default_rng(s))) for s in range(20)])
    rnd = np.mean([cost(random_rows(xclara, 5, np.random.default_rng(s))) for s in range(20)])
    assert pp < rnd


def test_same_generator_state_same_start(xclara):
    a = initial_centroids(xclara, 4, "k-means++", np.random.default_rng(5))
    b = initial_centroids(xclara, 4, "k-means++", np.random.default_rng(5))
    np.testing.assert_array_equal(a, b)


def test_own_start_is_copied_in_the_data_dtype():
    X = np.zeros((4, 2), dtype=np.float32)
    init = [[0, 1], [1, 0]]
    centers = initial_centroids(X, 2, init, np.random.default_rng(0))
    assert centers.dtype == np.float32 and centers.tolist() == [[0, 1], [1, 0]]


def test_unknown_name_lists_the_valid_ones():
    with pytest.raises(ValueError, match=r"init='farthest' .* 'random', 'k-means\+\+'"):
        initial_centroids(np.zeros((3, 2)), 2, "farthest", np.random.default_rng(0))
