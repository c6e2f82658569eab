"""The elbow figure: the inertia curve, the star on the suggested K, the silhouette bars."""

from __future__ import annotations

import numpy as np

from kmeans import figures
from kmeans.figures import style
from kmeans.selection import ElbowResult

RESULT = ElbowResult(
    k_values=(1, 2, 3, 4),
    inertias=np.array([100.0, 40.0, 10.0, 8.0]),
    silhouettes=np.array([np.nan, 0.5, 0.7, 0.4]),
    elbow_k=3,
    reason="K=3 is the elbow.",
)


def test_elbow_figure_marks_the_suggestion():
    fig = figures.elbow_figure(RESULT, current_k=2)
    assert [t.type for t in fig.data] == ["scatter", "scatter", "bar"]
    assert list(fig.data[1].x) == [3] and list(fig.data[1].y) == [10.0]
    assert list(fig.data[2].y) == [0.0, 0.5, 0.7, 0.4]


def test_the_suggested_bar_is_highlighted_and_the_current_k_drawn():
    fig = figures.elbow_figure(RESULT, current_k=2)
    colours = list(fig.data[2].marker.color)
    assert colours[2] == style.HIGHLIGHT and colours.count(style.HIGHLIGHT) == 1
    assert [shape.x0 for shape in fig.layout.shapes] == [2]
    assert len(figures.elbow_figure(RESULT).layout.shapes) == 0


def test_silhouette_axis_reaches_down_to_a_negative_score():
    result = RESULT._replace(silhouettes=np.array([np.nan, -0.2, 0.7, 0.4]))
    assert list(figures.elbow_figure(result).layout.yaxis2.range) == [-0.2, 1]
