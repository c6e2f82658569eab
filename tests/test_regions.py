"""The exact region each centroid owns on the chart (clipped Voronoi cells)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from kmeans.regions import voronoi_cells

BOX = np.array([[0.0, 0.0], [4.0, 2.0]])


def as_set(cell):
    return {tuple(np.round(corner, 9)) for corner in cell}


def test_two_centroids_split_the_box_along_their_perpendicular_bisector():
    # (1, 1) and (3, 1): the bisector is the line x = 2.
    left, right = voronoi_cells(np.array([[1.0, 1.0], [3.0, 1.0]]), BOX)
    assert as_set(left) == {(0, 0), (2, 0), (2, 2), (0, 2)}
    assert as_set(right) == {(2, 0), (4, 0), (4, 2), (2, 2)}


def test_three_centroids_by_hand():
    # (1, 1), (3, 1), (2, 3) in the box [0, 4]^2. Bisectors: x = 2 for the lower pair;
    # x + 2y = 5.5 between (1, 1) and (2, 3) (midpoint (1.5, 2), direction (1, 2));
    # -x + 2y = 1.5 between (3, 1) and (2, 3). They meet at (2, 1.75), equally far from all.
    box = np.array([[0.0, 0.0], [4.0, 4.0]])
    cells = voronoi_cells(np.array([[1.0, 1.0], [3.0, 1.0], [2.0, 3.0]]), box)
    assert as_set(cells[0]) == {(0, 0), (2, 0), (2, 1.75), (0, 2.75)}
    assert as_set(cells[1]) == {(2, 0), (4, 0), (4, 2.75), (2, 1.75)}
    assert as_set(cells[2]) == {(2, 1.75), (4, 2.75), (4, 4), (0, 4), (0, 2.75)}


def test_a_centroid_far_outside_the_box_owns_nothing_in_it():
    cells = voronoi_cells(np.array([[1.0, 1.0], [30.0, 1.0]]), BOX)
    assert as_set(cells[0]) == {(0, 0), (4, 0), (4, 2), (0, 2)}
    assert cells[1].shape == (0, 2)


def test_one_centroid_owns_the_whole_box():
    (cell,) = voronoi_cells(np.array([[9.0, 9.0]]), BOX)
    assert as_set(cell) == {(0, 0), (4, 0), (4, 2), (0, 2)}


def test_a_bisector_through_a_corner_keeps_the_corner_once():
    # (0, 2) and (2, 0) in the box [0, 2]^2: the bisector is the diagonal y = x, through two
    # corners, so each cell is a triangle (no corner listed twice).
    box = np.array([[0.0, 0.0], [2.0, 2.0]])
    upper, lower = voronoi_cells(np.array([[0.0, 2.0], [2.0, 0.0]]), box)
    assert len(upper) == 3 and as_set(upper) == {(0, 0), (2, 2), (0, 2)}
    assert len(lower) == 3 and as_set(lower) == {(0, 0), (2, 0), (2, 2)}


def inside(point, cell, tol=1e-7):
    """Is ``point`` in the convex polygon ``cell`` (counter-clockwise corners)?"""
    edges = np.roll(cell, -1, axis=0) - cell
    to_point = point - cell
    return bool(np.all(edges[:, 0] * to_point[:, 1] - edges[:, 1] * to_point[:, 0] >= -tol))


def area(cell):
    """The shoelace formula; 0 for an empty cell."""
    x, y = cell[:, 0], cell[:, 1]
    return 0.5 * abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))


CENTROIDS = arrays(
    np.float64,
    st.tuples(st.integers(1, 8), st.just(2)),
    elements=st.floats(-10, 10, allow_nan=False),
    unique=True,
)


@settings(max_examples=60, deadline=None)
@given(centroids=CENTROIDS, where=arrays(np.float64, 2, elements=st.floats(0, 1)))
def test_a_point_in_the_box_lies_in_the_cell_of_its_nearest_centroid(centroids, where):
    box = np.array([[-5.0, -3.0], [5.0, 3.0]])
    point = box[0] + where * (box[1] - box[0])
    cells = voronoi_cells(centroids, box)
    distances = ((centroids - point) ** 2).sum(axis=1)
    nearest = np.flatnonzero(distances <= distances.min() * (1 + 1e-9) + 1e-12)
    assert any(len(cells[j]) >= 3 and inside(point, cells[j]) for j in nearest)
    if len(np.unique(centroids, axis=0)) == len(centroids):
        # Distinct centroids: the cells tile the box, so their areas add up to its 10 x 6.
        assert sum(area(cell) for cell in cells) == pytest.approx(60.0)
