"""Rows grouped by cluster: the one check, counts per (cluster, category), sums, quartiles."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from kmeans.grouping import (
    as_categories,
    check_labelled_rows,
    crosstab,
    group_quartiles,
    group_sums,
)


def test_crosstab_by_hand_skips_missing_codes():
    labels = np.array([0, 0, 1, 1, 1])
    codes = np.array([0, 1, 1, -1, 1])
    assert crosstab(labels, codes, 2, 2).tolist() == [[1, 1], [0, 2]]


def test_crosstab_matches_pandas():
    rng = np.random.default_rng(0)
    labels, codes = rng.integers(0, 4, 1000), rng.integers(0, 6, 1000)
    expected = pd.crosstab(labels, codes).to_numpy()
    np.testing.assert_array_equal(crosstab(labels, codes, 4, 6), expected)


def test_categories_sort_numbers_as_numbers_and_keep_gaps_apart():
    codes, names = as_categories(pd.Series([10, 9, 10, None]))
    assert names == ("9", "10") and codes.tolist() == [1, 0, 1, -1]
    codes, names = as_categories(pd.Series(["b", None, "a"]))
    assert names == ("a", "b") and codes.tolist() == [1, -1, 0]


def test_group_sums_ignore_gaps():
    counts, sums, squares = group_sums(np.array([0, 1, 1]), np.array([2.0, np.nan, 3.0]), 3)
    assert counts.tolist() == [1, 1, 0] and sums.tolist() == [2, 3, 0]
    assert squares.tolist() == [4, 9, 0]


@settings(max_examples=40, deadline=None)
@given(
    values=arrays(np.float64, 40, elements=st.floats(-1e3, 1e3)),
    labels=arrays(np.int64, 40, elements=st.integers(0, 2)),
)
def test_quartiles_match_numpy_per_cluster(values, labels):
    order = np.argsort(labels, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(np.bincount(labels, minlength=3))])
    out = group_quartiles(order, bounds, values)
    for j in range(3):
        mine = values[labels == j]
        if mine.size:
            np.testing.assert_allclose(out[j], np.quantile(mine, [0.25, 0.5, 0.75]))
        else:
            assert np.isnan(out[j]).all()


@pytest.mark.parametrize(
    ("rows", "labels", "k", "match"),
    [
        ([0, 1], [0], 1, "same length"),
        ([], [], 1, "No row is clustered"),
        ([0, 5], [0, 0], 1, "rows must be whole numbers from 0 to 4"),
        ([0.5, 1], [0, 0], 1, "rows must be whole numbers"),
        ([0, 1], [0, 3], 2, "labels must be whole numbers from 0 to 1"),
        ([0, 1], [0, 0], 0, "n_clusters must be at least 1"),
    ],
)
def test_bad_labelled_rows(rows, labels, k, match):
    with pytest.raises(ValueError, match=match):
        check_labelled_rows(5, rows, labels, k)
