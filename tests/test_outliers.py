"""Unusual rows: distance to the own centroid, the top-20 table with file row numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from kmeans import KMeans
from kmeans.outliers import distances_to_centroid, unusual_rows


def test_distances_by_hand():
    # Centroids (0, 0) and (10, 0); the 3-4-5 triangle gives 5.
    X = [[3.0, 4.0], [0.0, 0.0], [10.0, 1.0]]
    assert distances_to_centroid(X, [0, 0, 1], [[0.0, 0.0], [10.0, 0.0]]).tolist() == [5, 0, 1]


def test_squared_distances_add_up_to_the_inertia():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(300, 3))
    model = KMeans(4, n_init=1, random_state=0).fit(X)
    d = distances_to_centroid(X, model.labels_, model.cluster_centers_)
    assert (d**2).sum() == pytest.approx(model.inertia_)


FRAME = pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0, 5.0], "name": ["a", "b", "c", "d", "e"]})


def test_the_table_is_farthest_first_with_file_row_numbers():
    # Clustered rows 0, 2, 3, 4 (row 1 had a gap): file rows 1, 3, 4, 5.
    table = unusual_rows(FRAME, [0, 2, 3, 4], [0, 1, 1, 0], [0.5, 2.0, 0.1, 2.0], top=3)
    assert table.columns.tolist() == ["row", "cluster", "distance_to_centroid", "x", "name"]
    assert table["row"].tolist() == [3, 5, 1]  # the tie at 2.0: file order
    assert table["cluster"].tolist() == [2, 1, 1]
    assert table["name"].tolist() == ["c", "e", "a"]


def test_fewer_rows_than_top_gives_them_all():
    assert len(unusual_rows(FRAME, [0, 1], [0, 0], [1.0, 2.0])) == 2


def test_a_column_named_like_ours_is_kept_apart():
    frame = pd.DataFrame({"row": [7, 8]})
    table = unusual_rows(frame, [0, 1], [0, 0], [1.0, 2.0])
    assert table.columns.tolist() == ["row", "cluster", "distance_to_centroid", "row (file)"]
    assert table["row (file)"].tolist() == [8, 7]


@settings(max_examples=40, deadline=None)
@given(distances=arrays(np.float64, st.integers(1, 50), elements=st.floats(0, 1e6)))
def test_the_top_rows_are_the_largest_distances(distances):
    n = len(distances)
    frame = pd.DataFrame({"x": np.arange(n)})
    table = unusual_rows(frame, np.arange(n), np.zeros(n, dtype=int), distances, top=5)
    expected = np.sort(distances)[::-1][: min(5, n)]
    np.testing.assert_array_equal(table["distance_to_centroid"].to_numpy(), expected)


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (([[0.0, 0.0]], [0], [[0.0]]), "centroids have 1 columns but X has 2"),
        (([[0.0], [1.0]], [0, 1], [[0.0]]), "labels must be whole numbers from 0 to 0"),
    ],
)
def test_bad_distances(args, match):
    with pytest.raises(ValueError, match=match):
        distances_to_centroid(*args)


def test_bad_unusual_rows():
    with pytest.raises(ValueError, match="one distance per clustered row"):
        unusual_rows(FRAME, [0, 1], [0, 0], [1.0])
    with pytest.raises(ValueError, match="top must be at least 1"):
        unusual_rows(FRAME, [0, 1], [0, 0], [1.0, 2.0], top=0)
