"""The chart's view of a run: PCA, chosen columns, the display sample, the cut-down steps."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from kmeans import projection
from kmeans.engine import kmeans_steps


def test_column_projection_is_the_identity_on_two_columns():
    proj = projection.column_projection(("a", "b"))
    X = np.array([[1.0, 2.0], [3.0, -4.0]])
    assert proj.is_identity
    assert proj.axis_titles == ("a", "b")
    np.testing.assert_array_equal(proj.apply(X), X)


def test_column_projection_picks_two_of_many_columns():
    proj = projection.column_projection(("a", "b", "c"), 2, 0)
    assert not proj.is_identity
    assert proj.axis_titles == ("c", "a")
    np.testing.assert_array_equal(proj.apply(np.array([[1.0, 2.0, 3.0]])), [[3.0, 1.0]])


def test_one_column_shows_zero_on_the_vertical_axis():
    proj = projection.column_projection(("a",))
    np.testing.assert_array_equal(proj.apply(np.array([[5.0], [6.0]])), [[5.0, 0.0], [6.0, 0.0]])


def test_pca_finds_the_direction_of_largest_variance():
    # Points along the line y = x in 3-D, plus tiny noise in z: PC 1 is (1, 1, 0) / sqrt 2.
    t = np.linspace(-5, 5, 101)
    rng = np.random.default_rng(0)
    X = np.column_stack([t, t, rng.normal(scale=0.01, size=t.size)])
    proj = projection.pca_projection(X, ("x", "y", "z"))
    np.testing.assert_allclose(np.abs(proj.components[:, 0]), [2**-0.5, 2**-0.5, 0], atol=1e-3)
    assert proj.axis_titles[0].startswith("PC 1 (100% of variance")
    view = proj.apply(X)
    np.testing.assert_allclose(np.abs(view[:, 0]), np.abs(t) * 2**0.5, atol=1e-2)


def test_pca_agrees_with_scikit_learn():
    from sklearn.decomposition import PCA

    X = np.random.default_rng(1).normal(size=(500, 5)) * [5, 3, 1, 0.5, 0.1]
    ours = projection.pca_projection(X, tuple("abcde")).apply(X)
    theirs = PCA(n_components=2).fit_transform(X)
    np.testing.assert_allclose(np.abs(ours), np.abs(theirs), atol=1e-8)


def test_sample_rows_is_seeded_sorted_and_complete_for_small_data():
    assert projection.sample_rows(4, 10).tolist() == [0, 1, 2, 3]
    a, b = projection.sample_rows(100_000, 3000), projection.sample_rows(100_000, 3000)
    np.testing.assert_array_equal(a, b)
    assert len(np.unique(a)) == 3000 and np.all(np.diff(a) > 0)


def test_view_run_keeps_the_shown_rows_and_projects_the_centroids():
    rng = np.random.default_rng(2)
    X = np.vstack([rng.normal(c, 0.5, size=(200, 3)) for c in ([0, 0, 0], [5, 5, 5])])
    proj = projection.pca_projection(X, ("a", "b", "c"))
    rows = projection.sample_rows(len(X), 50)
    full = list(kmeans_steps(X, 2, seed=0))
    view = projection.view_run(iter(full), rows, proj)
    assert len(view.steps) == len(full)
    for small, big in zip(view.steps, full, strict=True):
        np.testing.assert_array_equal(small.labels, big.labels[rows])
        np.testing.assert_allclose(small.centroids, proj.apply(big.centroids))
        assert small.inertia == big.inertia and small.n_changed == big.n_changed
    np.testing.assert_array_equal(view.final.labels, full[-1].labels)


def test_view_run_refuses_an_empty_run():
    with pytest.raises(ValueError, match="no step"):
        projection.view_run(iter([]), np.arange(3), projection.column_projection(("a", "b")))


def test_cluster_table_counts_and_shares():
    table = projection.cluster_table(
        np.array([0, 1, 1, 1], dtype=np.int8), np.array([[0.0, 1.0], [2.0, 3.0]]), ("x", "y")
    )
    assert table.columns.tolist() == ["cluster", "points", "share", "x", "y"]
    assert table["cluster"].tolist() == [1, 2]
    assert table["points"].tolist() == [1, 3]
    assert table["share"].tolist() == [0.25, 0.75]


def test_cluster_table_lists_empty_clusters():
    table = projection.cluster_table(np.array([0, 0]), np.zeros((3, 1)), ("x",))
    assert table["points"].tolist() == [2, 0, 0]


def test_view_run_reports_every_step_when_asked():
    X = np.array([[0.0, 0.0], [0.0, 1.0], [5.0, 5.0], [5.0, 6.0]])
    seen = []
    run = projection.view_run(
        kmeans_steps(X, 2, seed=0),
        np.arange(4),
        projection.column_projection(("a", "b")),
        on_step=lambda step: seen.append((step.iteration, step.n_changed)),
    )
    assert [t for t, _ in seen] == [s.iteration for s in run.steps]
    assert seen[0] == (0, 4)


def test_cluster_numbers_are_the_pages_one_to_k():
    labels = np.array([0, 1, 126], dtype=np.int8)
    numbers = projection.cluster_numbers(labels)
    assert numbers.tolist() == [1, 2, 127]  # no int8 wrap-around at K = 127


def test_the_download_numbers_clusters_like_the_page():
    from kmeans.data import labelled_csv, read_table

    table = read_table(b"x,y\n1,2\n3,\n5,6\n")
    labels = np.array([1, 0], dtype=np.int8)  # the engine's labels of rows 0 and 2
    table_numbers = projection.cluster_table(labels, np.zeros((2, 1)), ("x",))["cluster"]
    csv = labelled_csv(table, [0, 2], projection.cluster_numbers(labels))
    assert csv.decode("utf-8-sig").splitlines() == ["x,y,cluster", "1,2,2", "3,,", "5,6,1"]
    assert sorted(table_numbers) == [1, 2]


BOX = np.array([[0.0, 0.0], [4.0, 2.0]])


def as_set(cell):
    return {tuple(np.round(corner, 9)) for corner in cell}


def test_two_centroids_split_the_box_along_their_perpendicular_bisector():
    # (1, 1) and (3, 1): the bisector is the line x = 2.
    left, right = projection.voronoi_cells(np.array([[1.0, 1.0], [3.0, 1.0]]), BOX)
    assert as_set(left) == {(0, 0), (2, 0), (2, 2), (0, 2)}
    assert as_set(right) == {(2, 0), (4, 0), (4, 2), (2, 2)}


def test_three_centroids_by_hand():
    # (1, 1), (3, 1), (2, 3) in the box [0, 4]^2. Bisectors: x = 2 for the lower pair;
    # x + 2y = 5.5 between (1, 1) and (2, 3) (midpoint (1.5, 2), direction (1, 2));
    # -x + 2y = 1.5 between (3, 1) and (2, 3). They meet at (2, 1.75), equally far from all.
    box = np.array([[0.0, 0.0], [4.0, 4.0]])
    cells = projection.voronoi_cells(np.array([[1.0, 1.0], [3.0, 1.0], [2.0, 3.0]]), box)
    assert as_set(cells[0]) == {(0, 0), (2, 0), (2, 1.75), (0, 2.75)}
    assert as_set(cells[1]) == {(2, 0), (4, 0), (4, 2.75), (2, 1.75)}
    assert as_set(cells[2]) == {(2, 1.75), (4, 2.75), (4, 4), (0, 4), (0, 2.75)}


def test_a_centroid_far_outside_the_box_owns_nothing_in_it():
    cells = projection.voronoi_cells(np.array([[1.0, 1.0], [30.0, 1.0]]), BOX)
    assert as_set(cells[0]) == {(0, 0), (4, 0), (4, 2), (0, 2)}
    assert cells[1].shape == (0, 2)


def test_one_centroid_owns_the_whole_box():
    (cell,) = projection.voronoi_cells(np.array([[9.0, 9.0]]), BOX)
    assert as_set(cell) == {(0, 0), (4, 0), (4, 2), (0, 2)}


def test_a_bisector_through_a_corner_keeps_the_corner_once():
    # (0, 2) and (2, 0) in the box [0, 2]^2: the bisector is the diagonal y = x, through two
    # corners, so each cell is a triangle (no corner listed twice).
    box = np.array([[0.0, 0.0], [2.0, 2.0]])
    upper, lower = projection.voronoi_cells(np.array([[0.0, 2.0], [2.0, 0.0]]), box)
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
    cells = projection.voronoi_cells(centroids, box)
    distances = ((centroids - point) ** 2).sum(axis=1)
    nearest = np.flatnonzero(distances <= distances.min() * (1 + 1e-9) + 1e-12)
    assert any(len(cells[j]) >= 3 and inside(point, cells[j]) for j in nearest)
    if len(np.unique(centroids, axis=0)) == len(centroids):
        # Distinct centroids: the cells tile the box, so their areas add up to its 10 x 6.
        assert sum(area(cell) for cell in cells) == pytest.approx(60.0)


@pytest.mark.parametrize("shape", [(40, 300), (3, 50), (2, 10)])
def test_pca_of_a_wide_table_matches_scikit_learn(shape):
    """More columns than rows takes the thin SVD; the components are the same."""
    from sklearn.decomposition import PCA

    X = np.random.default_rng(1).normal(size=shape) * np.linspace(1, 3, shape[1])
    pca = projection.pca_projection(X, tuple(f"c{j}" for j in range(shape[1])))
    oracle = PCA(n_components=2).fit(X)
    n = min(2, shape[0] - 1)
    np.testing.assert_allclose(
        np.abs(pca.apply(X)[:, :n]), np.abs(oracle.transform(X)[:, :n]), atol=1e-9
    )
    share = oracle.explained_variance_ratio_[0]
    assert pca.axis_titles[0].startswith(f"PC 1 ({share:.0%} of variance")
