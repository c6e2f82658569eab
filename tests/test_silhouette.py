"""The silhouette: by hand, against scikit-learn, per row and per cluster on a sample."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.metrics import silhouette_samples, silhouette_score

from kmeans.silhouette import (
    pairwise_distances,
    sampled_silhouette,
    silhouette,
    silhouette_values,
)


def test_silhouette_by_hand():
    # Points 0 and 1 form one cluster, 5 and 6 the other.
    # Point 0: a = 1 (to 1), b = (5 + 6) / 2 = 5.5, s = 4.5 / 5.5 = 9/11.
    # Point 1: a = 1, b = (4 + 5) / 2 = 4.5, s = 3.5 / 4.5 = 7/9; 6 and 5 mirror them.
    assert silhouette([[0.0], [1.0], [5.0], [6.0]], [0, 0, 1, 1]) == pytest.approx(
        (9 / 11 + 7 / 9) / 2
    )


def test_silhouette_point_alone_counts_zero():
    # Point 5 is alone in its cluster, so its silhouette is 0 by definition.
    # Point 0: a = 1, b = 5, s = 4/5; point 1: a = 1, b = 4, s = 3/4.
    assert silhouette([[0.0], [1.0], [5.0]], [0, 0, 1]) == pytest.approx((0.8 + 0.75) / 3)


def test_silhouette_one_cluster_is_nan():
    assert np.isnan(silhouette([[0.0], [1.0], [2.0]], [4, 4, 4]))


@pytest.mark.parametrize("seed", range(4))
def test_silhouette_matches_scikit_learn(seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(80, 3))
    labels = rng.integers(0, 2 + seed, size=80)
    assert silhouette(X, labels) == pytest.approx(silhouette_score(X, labels), abs=1e-9)


@pytest.mark.parametrize("seed", range(4))
def test_per_row_values_match_scikit_learn(seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(120, 4))
    labels = rng.integers(0, 2 + seed, size=120)
    ours = silhouette_values(pairwise_distances(X), labels)
    np.testing.assert_allclose(ours, silhouette_samples(X, labels), atol=1e-9)


def test_sample_covers_small_data_and_matches_scikit_learn():
    rng = np.random.default_rng(1)
    X = np.concatenate([rng.normal(c, 0.5, size=(40, 2)) for c in (0, 4, 8)])
    labels = np.repeat([0, 1, 2], 40)
    result = sampled_silhouette(X, labels, 3)
    np.testing.assert_array_equal(result.rows, np.arange(120))
    theirs = silhouette_samples(X, labels)
    np.testing.assert_allclose(result.values, theirs, atol=1e-9)
    means = [theirs[labels == j].mean() for j in range(3)]
    np.testing.assert_allclose(result.cluster_means, means)
    assert result.mean == pytest.approx(silhouette_score(X, labels))


def test_sample_size_bounds_the_work_and_is_seeded():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(5000, 2))
    labels = (X[:, 0] > 0).astype(np.int8)
    first = sampled_silhouette(X, labels, 2, sample_size=300, random_state=4)
    again = sampled_silhouette(X, labels, 2, sample_size=300, random_state=4)
    assert first.values.shape == (300,) and np.all(np.diff(first.rows) > 0)
    np.testing.assert_array_equal(first.values, again.values)
    np.testing.assert_array_equal(first.labels, labels[first.rows])
    np.testing.assert_allclose(first.values, silhouette_samples(X[first.rows], first.labels))


def test_a_cluster_without_sampled_rows_has_a_nan_mean():
    result = sampled_silhouette([[0.0], [1.0], [5.0], [6.0]], [0, 0, 2, 2], 3)
    assert np.isnan(result.cluster_means[1])
    assert result.cluster_means[0] == pytest.approx((9 / 11 + 7 / 9) / 2)


def test_one_cluster_gives_nan_everywhere():
    result = sampled_silhouette([[0.0], [1.0], [2.0]], [0, 0, 0], 1)
    assert np.isnan(result.values).all() and np.isnan(result.cluster_means).all()


@settings(max_examples=40, deadline=None)
@given(
    X=arrays(np.float64, (30, 2), elements=st.floats(-100, 100)),
    labels=arrays(np.int64, 30, elements=st.integers(0, 3)),
)
def test_values_lie_between_minus_one_and_one(X, labels):
    values = silhouette_values(pairwise_distances(X), labels)
    if len(np.unique(labels)) >= 2:
        assert np.all(values >= -1 - 1e-9) and np.all(values <= 1 + 1e-9)


@pytest.mark.parametrize(
    ("labels", "k", "match"),
    [
        ([0, 1, 1], 2, "labels has shape"),
        ([0, 5], 2, "cluster numbers from 0 to 1"),
        ([-1, 0], 2, "cluster numbers from 0 to 1"),
    ],
)
def test_bad_labels(labels, k, match):
    with pytest.raises(ValueError, match=match):
        sampled_silhouette([[0.0], [1.0]], labels, k)
