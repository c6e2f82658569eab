"""The many-starts figures: one panel per ending, best first, and a strip of every inertia."""

from __future__ import annotations

import numpy as np
import pytest

from kmeans import samples
from kmeans.figures import style
from kmeans.figures.restarts import MAX_PANELS, endings_figure, inertia_strip_figure
from kmeans.restarts import compare_starts, try_starts

# Three pairs on a line (see tests/test_restarts.py): best ending 1.5, a stuck one at 101.
LINE = np.array([[0.0, 0.0], [1.0, 0.0], [10.0, 0.0], [11.0, 0.0], [20.0, 0.0], [21.0, 0.0]])


@pytest.fixture(scope="module")
def line_restarts():
    return try_starts(LINE, 3, n_starts=20)


def _views(restarts):
    return [(e.labels, e.centroids) for e in restarts.endings]


def test_one_panel_per_ending_best_first_with_inertia_and_count(line_restarts):
    fig = endings_figure(line_restarts, _views(line_restarts), LINE)
    titles = [a.text for a in fig.layout.annotations]
    assert len(titles) == len(line_restarts.endings) >= 2
    best = line_restarts.best
    assert titles[0] == f"<b>best</b> · inertia 1.5<br>{best.count} of 20 starts"
    assert any("inertia 101<br>" in t for t in titles[1:])
    assert [t.name for t in fig.data[:2]] == ["ending 1", "centroids 1"]
    assert list(fig.data[0].marker.color) == best.labels.tolist()


def test_panels_stop_at_the_most_a_row_can_hold():
    X = samples.sample_frame("eight").to_numpy()
    restarts = try_starts(X, 8, n_starts=20)
    assert len(restarts.endings) > MAX_PANELS
    fig = endings_figure(restarts, _views(restarts), X)
    assert len(fig.layout.annotations) == MAX_PANELS
    assert sum(t.name.startswith("ending") for t in fig.data) == MAX_PANELS


def test_the_strip_has_one_dot_per_start_and_says_each_share():
    X = samples.sample_frame("blobs").to_numpy()
    both = compare_starts(X, 4, n_starts=20)
    fig = inertia_strip_figure(both)
    assert [t.name for t in fig.data] == ["random", "k-means++"]
    for trace, restarts in zip(fig.data, both.values(), strict=True):
        assert sorted(trace.x) == pytest.approx(sorted(restarts.inertias), rel=0.003)
    notes = [a.text for a in fig.layout.annotations]
    best = min(r.best.inertia for r in both.values())
    for init, restarts in both.items():
        assert f"{init}: {restarts.share_reaching(best):.0%} reach the best" in notes
    # Stacks stay inside their own row.
    assert max(fig.data[0].y) < 1 and min(fig.data[1].y) >= 1


def test_sizes_scale_the_panels(line_restarts):
    big = endings_figure(line_restarts, _views(line_restarts), LINE, sizes=style.SIZES.scaled(1.5))
    assert big.layout.height == round(style.SIZES.endings_height * 1.5)
