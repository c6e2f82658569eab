"""The chart's view of a run: PCA, chosen columns, the cut-down steps."""

from __future__ import annotations

import numpy as np
import pytest

from kmeans import projection
from kmeans.engine import kmeans_steps
from kmeans.sampling import sample_rows


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


def test_view_run_keeps_the_shown_rows_and_projects_the_centroids():
    rng = np.random.default_rng(2)
    X = np.vstack([rng.normal(c, 0.5, size=(200, 3)) for c in ([0, 0, 0], [5, 5, 5])])
    proj = projection.pca_projection(X, ("a", "b", "c"))
    rows = sample_rows(len(X), 50)
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


def test_pca_says_mostly_only_when_one_column_dominates():
    rng = np.random.default_rng(3)
    # Four equal, correlated columns: each loading is 0.5, so no column dominates PC 1.
    t = rng.normal(size=(400, 1))
    X = t + 0.1 * rng.normal(size=(400, 4))
    titles = projection.pca_projection(X, ("a", "b", "c", "d")).axis_titles
    assert "mostly" not in titles[0]
    assert titles[0].startswith("PC 1 (") and "0.50 " in titles[0] and titles[0].endswith("…)")
    # One column with 10 times the spread: its loading is about 1.
    X = rng.normal(size=(400, 3)) * [10, 1, 1]
    assert projection.pca_projection(X, ("big", "b", "c")).axis_titles[0].endswith("mostly big)")


def test_negative_loadings_read_as_a_minus():
    rng = np.random.default_rng(4)
    t = rng.normal(size=400)
    X = np.column_stack([t, -t, rng.normal(scale=0.01, size=400)])
    title = projection.pca_projection(X, ("up", "down", "flat")).axis_titles[0]
    assert "0.71 up − 0.71 down" in title


def test_axis_titles_say_how_the_columns_were_scaled():
    proj = projection.column_projection(("a", "b", "c"), 2, 0, transforms=("log", "minmax"))
    assert proj.axis_titles == ("c (log, min-max)", "a (log, min-max)")
    X = np.random.default_rng(5).normal(size=(50, 3))
    title = projection.pca_projection(X, ("a", "b", "c"), transforms=("standardize",))
    assert title.axis_titles[0].startswith("PC 1 (standardised, ")
    assert projection.column_projection(("a",), transforms=("none",)).axis_titles[0] == "a"


def test_logged_columns_say_so_on_their_axis_only():
    proj = projection.column_projection(("cfu", "t"), transforms=("standardize",), logged=("cfu",))
    assert proj.axis_titles == ("cfu (log, standardised)", "t (standardised)")
    X = np.random.default_rng(6).normal(size=(50, 3)) * [10, 1, 1]
    title = projection.pca_projection(X, ("cfu", "b", "c"), logged=("cfu",)).axis_titles[0]
    assert title.endswith("mostly log cfu)")


def test_past_exact_side_the_components_come_from_subspace_iteration_and_agree():
    """Beyond EXACT_SIDE rows and columns the exact eigh costs the cube of the smaller side
    (5,000 x 5,000: 22 s of CPU); the iteration gives the same axes where they stand out."""
    rng = np.random.default_rng(3)
    n = projection.EXACT_SIDE + 50
    scores = rng.normal(size=(n, 2)) * [30.0, 12.0]
    X = scores @ rng.normal(size=(2, n)) / np.sqrt(n) + rng.normal(size=(n, n))
    centred = X - X.mean(axis=0)
    variances, components = projection._top_two(centred)
    exact_variances, exact = np.linalg.eigh(centred.T @ centred / (n - 1))
    order = np.argsort(exact_variances)[::-1][:2]
    np.testing.assert_allclose(variances, exact_variances[order], rtol=1e-6)
    np.testing.assert_allclose(np.abs(np.sum(components * exact[:, order], axis=0)), 1, atol=1e-6)
    again = projection._top_two(centred)[1]
    np.testing.assert_array_equal(again, components)  # seeded: the same view every time
