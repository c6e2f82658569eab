"""Cluster sizes, centroids and profiles over the table's columns."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from kmeans import profiles


def test_cluster_table_counts_and_shares():
    table = profiles.cluster_table(
        np.array([0, 1, 1, 1], dtype=np.int8), np.array([[0.0, 1.0], [2.0, 3.0]]), ("x", "y")
    )
    assert table.columns.tolist() == ["cluster", "points", "share", "x", "y"]
    assert table["cluster"].tolist() == [1, 2]
    assert table["points"].tolist() == [1, 3]
    assert table["share"].tolist() == [0.25, 0.75]


def test_cluster_table_lists_empty_clusters():
    table = profiles.cluster_table(np.array([0, 0]), np.zeros((3, 1)), ("x",))
    assert table["points"].tolist() == [2, 0, 0]


def test_cluster_numbers_are_the_pages_one_to_k():
    labels = np.array([0, 1, 126], dtype=np.int8)
    numbers = profiles.cluster_numbers(labels)
    assert numbers.tolist() == [1, 2, 127]  # no int8 wrap-around at K = 127


def test_the_download_numbers_clusters_like_the_page():
    from kmeans.data import labelled_csv, read_table

    table = read_table(b"x,y\n1,2\n3,\n5,6\n")
    labels = np.array([1, 0], dtype=np.int8)  # the engine's labels of rows 0 and 2
    table_numbers = profiles.cluster_table(labels, np.zeros((2, 1)), ("x",))["cluster"]
    csv = labelled_csv(table, [0, 2], profiles.cluster_numbers(labels))
    assert csv.decode("utf-8-sig").splitlines() == ["x,y,cluster", "1,2,2", "3,,", "5,6,1"]
    assert sorted(table_numbers) == [1, 2]


# --- the profile over every column ------------------------------------------------------------

TOY = pd.DataFrame(
    {
        "mass": [1.0, 3.0, 10.0, 12.0],  # mean 6.5, sd sqrt(20.25) = 4.5 (ddof=0)
        "noise": [5.0, 1.0, 1.0, 5.0],  # the same mean (3) in both clusters
        "kind": ["a", "a", "b", "b"],
    }
)


def test_profile_by_hand():
    result = profiles.profile(TOY, np.arange(4), np.array([0, 0, 1, 1]), 2)
    assert result.columns == ("mass", "noise")  # mass separates the clusters, noise not at all
    # mass: between-cluster SS = 2 * (2 - 6.5)² + 2 * (11 - 6.5)² = 81, total SS = 81 + 4 = 85.
    np.testing.assert_allclose(result.separation, [81 / 85, 0.0])
    np.testing.assert_allclose(result.means, [[2.0, 3.0], [11.0, 3.0]])
    # Cluster 1's mass is 4.5 below 6.5; the sd is sqrt(85 / 4).
    np.testing.assert_allclose(result.difference[:, 0], [-4.5, 4.5] / np.sqrt(85 / 4))
    np.testing.assert_allclose(result.medians[:, 0], [2.0, 11.0])
    np.testing.assert_allclose(result.q1[:, 0], [1.5, 10.5])
    np.testing.assert_allclose(result.q3[:, 0], [2.5, 11.5])
    (kind,) = result.categories
    assert kind.categories == ("a", "b")
    np.testing.assert_allclose(kind.shares, [[1, 0], [0, 1]])
    assert result.sentences == (
        "Cluster 1 (2 rows, 50%): low mass (-1.0 sd); 100% a (kind).",
        "Cluster 2 (2 rows, 50%): high mass (+1.0 sd); 100% b (kind).",
    )


def test_profile_matches_pandas_groupby_with_gaps_and_unused_rows():
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(
        {"a": rng.normal(size=500), "b": rng.exponential(size=500), "c": rng.integers(0, 9, 500)}
    )
    frame.loc[rng.choice(500, 40, replace=False), "b"] = np.nan
    rows = np.sort(rng.choice(500, 400, replace=False))
    labels = rng.integers(0, 4, size=400)
    result = profiles.profile(frame, rows, labels, 4)
    groups = frame.iloc[rows].assign(cluster=labels).groupby("cluster")
    for i, name in enumerate(result.columns):
        np.testing.assert_allclose(result.means[:, i], groups[name].mean())
        np.testing.assert_allclose(result.medians[:, i], groups[name].median())
        np.testing.assert_allclose(result.q1[:, i], groups[name].quantile(0.25))
        np.testing.assert_allclose(result.q3[:, i], groups[name].quantile(0.75))
        used = frame[name].iloc[rows]
        expected = (groups[name].mean() - used.mean()) / used.std(ddof=0)
        np.testing.assert_allclose(result.difference[:, i], expected)
    assert np.all(np.diff(result.separation) <= 0)


def test_text_columns_keep_the_top_categories_and_sum_the_rest():
    frame = pd.DataFrame({"x": np.arange(8.0), "t": list("aaabbcde")})
    result = profiles.profile(frame, np.arange(8), np.array([0] * 4 + [1] * 4), 2)
    (t,) = result.categories
    assert t.categories == ("a", "b", "c", "d", "e")  # 5 values: nothing to sum
    frame["t"] = list("aaabbcdf")
    frame.loc[7, "t"] = "g"
    frame = pd.concat([frame, pd.DataFrame({"x": [9.0], "t": ["h"]})], ignore_index=True)
    result = profiles.profile(frame, np.arange(9), np.array([0] * 4 + [1] * 5), 2)
    (t,) = result.categories
    assert t.categories[-1] == "(other)" and len(t.categories) == profiles.TOP_CATEGORIES + 1
    np.testing.assert_allclose(t.shares.sum(axis=1), 1.0)


def test_columns_with_names_or_no_values_are_left_out_with_a_note():
    frame = pd.DataFrame(
        {"x": np.arange(40.0), "name": [f"n{i}" for i in range(40)], "empty": [None] * 40}
    )
    result = profiles.profile(frame, np.arange(40), np.zeros(40, dtype=int), 1)
    assert result.categories == ()
    assert result.notes == (
        "Column 'name' is not profiled: it has 40 different values in the clustered rows.",
        "Column 'empty' is not profiled: it has no value in the clustered rows.",
    )


def test_an_empty_cluster_and_a_constant_column_do_not_break_it():
    frame = pd.DataFrame({"x": [1.0, 1.0, 1.0], "y": [0.0, 1.0, 2.0]})
    result = profiles.profile(frame, [0, 1, 2], [0, 0, 2], 3)
    assert result.sizes.tolist() == [2, 0, 1]
    assert np.isnan(result.means[1]).all() and result.sentences[1].endswith("empty.")
    x = result.columns.index("x")
    assert result.separation[x] == 0 and np.all(result.difference[:, x] == 0)


def test_a_cluster_like_the_whole_table_says_so():
    frame = pd.DataFrame({"x": [0.0, 1.0, 0.0, 1.0]})
    result = profiles.profile(frame, np.arange(4), [0, 0, 1, 1], 2)
    assert "close to the overall average on every number" in result.sentences[0]


@settings(max_examples=30, deadline=None)
@given(
    values=arrays(np.float64, 30, elements=st.floats(-1e6, 1e6)),
    labels=arrays(np.int64, 30, elements=st.integers(0, 3)),
)
def test_separation_is_a_share_and_quartiles_are_ordered(values, labels):
    result = profiles.profile(pd.DataFrame({"v": values}), np.arange(30), labels, 4)
    assert 0 <= result.separation[0] <= 1
    present = result.sizes > 0
    assert np.all(result.q1[present] <= result.medians[present] + 1e-9)
    assert np.all(result.medians[present] <= result.q3[present] + 1e-9)


def test_bad_profile_input():
    with pytest.raises(ValueError, match="labels must be whole numbers from 0 to 1"):
        profiles.profile(TOY, np.arange(4), np.array([0, 0, 1, 2]), 2)
    with pytest.raises(ValueError, match="No row is clustered"):
        profiles.profile(TOY, [], [], 2)
