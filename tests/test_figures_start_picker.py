"""The start picker: grey points, a clickable grid over the chart, the numbered starts."""

from __future__ import annotations

import numpy as np
import pytest

from kmeans import figures
from kmeans.figures import style
from kmeans.figures.start_picker import GRID

POINTS = np.array([[0.0, 0.0], [1.0, 1.0]])


def test_start_picker_has_a_clickable_grid_and_the_starts():
    fig = figures.start_picker_figure(POINTS, np.array([[0.5, 0.5]]))
    assert [t.name for t in fig.data] == ["points", "place", "your start"]
    assert len(fig.data[1].x) == GRID * GRID == 40 * 40
    assert list(fig.data[2].text) == ["1"]
    assert len(figures.start_picker_figure(POINTS, np.empty((0, 2))).data[2].x) == 0


def test_grid_covers_the_padded_chart():
    # By hand: the points span [0, 1] on both axes; 4% padding puts the corners at -0.04, 1.04.
    fig = figures.start_picker_figure(POINTS, np.empty((0, 2)))
    grid = fig.data[1]
    assert min(grid.x) == pytest.approx(-0.04) and max(grid.y) == pytest.approx(1.04)
    assert list(fig.layout.xaxis.range) == pytest.approx([-0.04, 1.04])


def test_starts_wear_their_clusters_colours():
    starts = np.array([[0.1, 0.1], [0.9, 0.9], [0.5, 0.2]])
    marker = figures.start_picker_figure(POINTS, starts).data[2].marker
    assert list(marker.color) == list(style.cluster_colours(3))
