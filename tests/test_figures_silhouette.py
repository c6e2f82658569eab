"""The silhouette plot: one bar per sampled row, sorted within its cluster, the mean line."""

from __future__ import annotations

import numpy as np

from kmeans.figures.silhouette import silhouette_figure
from kmeans.silhouette import sampled_silhouette

X = [[0.0], [1.0], [5.0], [6.0], [6.5]]


def test_one_bar_per_row_sorted_within_each_cluster():
    sample = sampled_silhouette(X, [0, 0, 1, 1, 1], 2)
    fig = silhouette_figure(sample)
    assert [trace.type for trace in fig.data] == ["bar", "bar"]
    assert sum(len(trace.x) for trace in fig.data) == 5
    for trace in fig.data:
        assert np.all(np.diff(trace.x) <= 0)  # highest first
    first, second = fig.data
    assert max(first.y) < min(second.y)  # the clusters do not overlap
    assert first.name.startswith("cluster 1 (mean ")


def test_the_mean_is_a_dashed_line_and_empty_clusters_are_skipped():
    sample = sampled_silhouette(X, [0, 0, 2, 2, 2], 3)
    fig = silhouette_figure(sample)
    assert len(fig.data) == 2
    (line,) = fig.layout.shapes
    assert line.x0 == line.x1 == sample.mean and line.line.dash == "dash"


def test_one_cluster_draws_no_mean_line():
    fig = silhouette_figure(sampled_silhouette(X, [0] * 5, 1))
    assert fig.layout.shapes == ()
