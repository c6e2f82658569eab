"""Every bad argument is one ValueError sentence naming the parameter and what to do."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kmeans import KMeans, kmeans_steps
from kmeans.validation import (
    ConvergenceWarning,
    check_data,
    check_random_state,
    count_distinct_rows,
)

GOOD = np.array([[0.0, 0.0], [1.0, 1.0], [5.0, 5.0], [6.0, 5.0]])


@pytest.mark.parametrize(
    ("X", "match"),
    [
        ([1.0, 2.0, 3.0], r"X must be 2-D .* X\.reshape\(-1, 1\)"),
        (np.zeros((0, 2)), r"X is empty"),
        (np.zeros((3, 0)), r"X is empty"),
        ([[1.0, np.nan], [2.0, 3.0]], r"NaN or infinite values in 1 row"),
        ([[1.0, np.inf], [2.0, 3.0]], r"NaN or infinite"),
        ([["a", "b"], ["c", "d"]], r"must hold only numbers but contains 'a'"),
        (np.array([[1 + 2j, 0]]), r"complex numbers"),
        ([[1.0, 2.0], [3.0]], r"could not be read as a table of numbers"),
    ],
)
def test_bad_data(X, match):
    with pytest.raises(ValueError, match=match):
        kmeans_steps(X, 1)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"n_clusters": 0}, r"n_clusters must be at least 1, got 0"),
        ({"n_clusters": 2.5}, r"n_clusters must be a whole number, got 2.5"),
        ({"n_clusters": "3"}, r"n_clusters must be a whole number, got '3'"),
        ({"n_clusters": True}, r"n_clusters must be a whole number"),
        ({"n_clusters": 5}, r"n_clusters=5 is more than the 4 points"),
        ({"n_clusters": 2, "init": "kmeans"}, r"init='kmeans' .* 'random', 'k-means\+\+'"),
        ({"n_clusters": 2, "init": [[0.0, 0.0]]}, r"init has shape \(1, 2\) .* \(2, 2\)"),
        ({"n_clusters": 2, "max_iter": 0}, r"max_iter must be at least 1, got 0"),
        ({"n_clusters": 2, "tol": -1.0}, r"tol must be 0 or more, got -1.0"),
        ({"n_clusters": 2, "tol": float("nan")}, r"tol must be a finite number"),
        ({"n_clusters": 2, "seed": -1}, r"seed \(random_state\) must be None"),
        ({"n_clusters": 2, "seed": "zero"}, r"seed \(random_state\) must be None"),
        ({"n_clusters": 2, "random_state": -1}, r"seed \(random_state\) must be None"),
        ({"n_clusters": 2, "random_state": 1, "seed": 2}, r"both given; .* only random_state"),
    ],
)
def test_bad_parameters(kwargs, match):
    kwargs = dict(kwargs)
    k = kwargs.pop("n_clusters")
    with pytest.raises(ValueError, match=match):
        kmeans_steps(GOOD, k, **kwargs)


def test_k_above_distinct_rows_warns_and_fits_as_sklearn_does():
    X = np.array([[1.0, 1.0]] * 5 + [[2.0, 2.0]] * 5)
    for init in ("random", "k-means++"):
        with pytest.warns(ConvergenceWarning, match=r"Only 2 .* n_clusters=2 or less"):
            model = KMeans(3, init=init, random_state=0).fit(X)
        assert model.inertia_ == 0.0 and model.cluster_centers_.shape == (3, 2)
        with pytest.warns(ConvergenceWarning, match=r"n_clusters=3"):
            last = list(kmeans_steps(X, 3, init=init, random_state=0))[-1]
        assert sorted(np.unique(last.labels).tolist()) == [0, 1] or last.inertia == 0.0


@pytest.mark.parametrize("value", [1e154, 1e200, -3e170])
def test_values_whose_squares_overflow_are_refused_with_the_fix(value):
    X = np.array([[value, 0.0], [0.0, 1.0], [1.0, 1.0]])
    with pytest.raises(ValueError, match=r"too large to square .* scale the data"):
        KMeans(2).fit(X)
    with pytest.raises(ValueError, match=r"too large to square"):
        kmeans_steps(X, 2)


def test_large_values_that_still_square_are_clustered_exactly():
    X = np.array([[1e150, 0.0], [1.1e150, 0.0], [-1e150, 0.0], [-1.1e150, 0.0]])
    model = KMeans(2, init=X[[0, 2]], n_init=1).fit(X)
    assert sorted(model.cluster_centers_[:, 0].tolist()) == [-1.05e150, 1.05e150]
    assert np.isfinite(model.inertia_) and model.inertia_ == pytest.approx(4 * 0.05e150**2)


def test_nullable_integers_with_missing_values_get_the_missing_values_sentence():
    frame = pd.DataFrame({"a": pd.array([1, None, 3], dtype="Int64"), "b": [1.0, 2.0, 3.0]})
    with pytest.raises(ValueError, match=r"NaN or infinite values in 1 row.* fill the gaps"):
        KMeans(2).fit(frame)
    cells = np.array([[1, pd.NA], [2, 3]], dtype=object)
    with pytest.raises(ValueError, match=r"missing values \(<NA>\); .* fill the gaps"):
        KMeans(1).fit(cells)


def test_a_legacy_random_state_is_accepted_and_advanced():
    state = np.random.RandomState(0)
    first = check_random_state(state).random()
    assert first != check_random_state(state).random()
    again = check_random_state(np.random.RandomState(0)).random()
    assert again == first


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"n_init": 0}, r"n_init must be at least 1"),
        ({"n_init": "many"}, r"n_init='many' is not valid"),
    ],
)
def test_bad_model_parameters(kwargs, match):
    with pytest.raises(ValueError, match=match):
        KMeans(2, **kwargs).fit(GOOD)


def test_check_data_converts_and_keeps_float32():
    assert check_data([[1, 2]]).dtype == np.float64
    assert check_data(np.ones((2, 2), np.float32)).dtype == np.float32
    assert check_data([[True, False]]).dtype == np.float64


def test_count_distinct_rows():
    X = np.array([[0.0, 1.0], [0.0, 1.0], [1.0, 0.0]])
    assert count_distinct_rows(X) == 2
    assert count_distinct_rows(X, at_least=1) >= 1


def test_random_state_int_is_reproducible():
    a = check_random_state(3).random(3)
    np.testing.assert_array_equal(a, check_random_state(3).random(3))
