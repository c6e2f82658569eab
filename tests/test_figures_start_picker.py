"""The start picker: grey points and the numbered starts (the page turns clicks into places)."""

from __future__ import annotations

import numpy as np
import pytest

from kmeans import figures, kmeans_steps
from kmeans.figures import style

POINTS = np.array([[0.0, 0.0], [1.0, 1.0]])


def test_start_picker_shows_the_points_and_the_starts_and_nothing_to_select():
    fig = figures.start_picker_figure(POINTS, np.array([[0.5, 0.5]]))
    assert [t.name for t in fig.data] == ["points", "your start"]
    assert list(fig.data[1].text) == ["1"]
    assert len(figures.start_picker_figure(POINTS, np.empty((0, 2))).data[1].x) == 0
    assert fig.layout.clickmode == "none" and fig.layout.dragmode is False


def test_chart_covers_the_padded_points_at_the_height_asked():
    # By hand: the points span [0, 1] on both axes; 4% padding puts the corners at -0.04, 1.04.
    fig = figures.start_picker_figure(POINTS, np.empty((0, 2)), height=700)
    assert list(fig.layout.xaxis.range) == pytest.approx([-0.04, 1.04])
    assert list(fig.layout.yaxis.range) == pytest.approx([-0.04, 1.04])
    assert fig.layout.height == 700


def test_starts_wear_their_clusters_colours():
    starts = np.array([[0.1, 0.1], [0.9, 0.9], [0.5, 0.2]])
    marker = figures.start_picker_figure(POINTS, starts).data[1].marker
    assert list(marker.color) == list(style.cluster_colours(3))


@pytest.mark.parametrize(("n_points", "kind"), [(3000, "scatter"), (3001, "scattergl")])
def test_picker_draws_its_points_as_the_animation_does(n_points, kind):
    # SVG up to SVG_POINTS (quicker to redraw per click where WebGL is software), WebGL above.
    points = np.random.default_rng(0).normal(size=(n_points, 2))
    fig = figures.start_picker_figure(points, np.array([[0.0, 0.0]]))
    animation = figures.animation_figure(
        list(kmeans_steps(points, 1, init=np.array([[0.0, 0.0]]))), points
    )
    assert [t.type for t in fig.data] == [kind, kind]
    assert animation.data[[t.name for t in animation.data].index("points")].type == kind
