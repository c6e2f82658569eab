"""Cluster sizes, centroids and profiles over the table's columns."""

from __future__ import annotations

import numpy as np

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
