"""What the chart draws: a 2-D view of the clustered space and a fixed-size sample of the rows.

k-means runs on every row and every chosen column. The chart cannot: it shows two axes (two of
the columns, or the first two principal components when there are more than two columns) and
a seeded sample of a few thousand rows. This module turns a run of the engine into exactly
that, so the figure code only ever sees small 2-D arrays.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from kmeans.engine import Step


class Projection(NamedTuple):
    """A linear map from the clustered space to the two axes of the chart.

    ``view = (X - mean) @ components``.

    Attributes
    ----------
    components : ndarray of shape (n_features, 2)
    mean : ndarray of shape (n_features,)
    axis_titles : tuple of two str
        What each axis shows, e.g. ``("V1", "V2")`` or ``("PC 1 (62% of variance)", ...)``.
    is_identity : bool
        True when the chart shows the clustered space itself (2 columns, no projection), so
        distances on screen are the distances k-means uses and regions can be drawn.
    """

    components: np.ndarray
    mean: np.ndarray
    axis_titles: tuple[str, str]
    is_identity: bool

    def apply(self, X: np.ndarray) -> np.ndarray:
        """Map points of shape (n, n_features) to chart coordinates of shape (n, 2)."""
        return (np.asarray(X, dtype=np.float64) - self.mean) @ self.components


class RunView(NamedTuple):
    """One engine run, cut down to what the page shows.

    Attributes
    ----------
    steps : tuple of Step
        Every step; ``labels`` hold only the sampled rows (shape (n_shown,)) and ``centroids``
        / ``previous_centroids`` are in chart coordinates (shape (n_clusters, 2)).
    final : Step
        The last step as the engine gave it: labels of every clustered row, centroids in the
        clustered space.
    """

    steps: tuple[Step, ...]
    final: Step


def column_projection(columns: tuple[str, ...], x: int = 0, y: int = 1) -> Projection:
    """Show two of the clustered columns as they are.

    Parameters
    ----------
    columns : tuple of str
        Names of the clustered columns, length n_features >= 1.
    x, y : int, default=0 and 1
        Positions of the columns on the horizontal and vertical axes. With one column, the
        vertical axis shows 0.

    Returns
    -------
    Projection

    Examples
    --------
    >>> column_projection(("a", "b")).apply(np.array([[1.0, 2.0]])).tolist()
    [[1.0, 2.0]]
    """
    d = len(columns)
    components = np.zeros((d, 2))
    components[x, 0] = 1.0
    if d > 1:
        components[y, 1] = 1.0
    titles = (columns[x], columns[y] if d > 1 else "(one column: no second axis)")
    identity = d == 2 and (x, y) == (0, 1)
    return Projection(components, np.zeros(d), titles, identity)


def pca_projection(X: np.ndarray, columns: tuple[str, ...]) -> Projection:
    """The two directions of largest variance of ``X`` (principal components), via numpy.

    The covariance matrix is only (n_features, n_features), so this stays fast for a million
    rows.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        The clustered data, n_features >= 2.
    columns : tuple of str
        Column names (used to say which column weighs most on each component).

    Returns
    -------
    Projection
        Axis titles like ``"PC 1 (71% of variance, mostly V3)"``.

    Examples
    --------
    >>> X = np.array([[0.0, 0.0, 0.0], [2.0, 0.0, 0.1], [4.0, 0.1, 0.0]])
    >>> pca_projection(X, ("a", "b", "c")).axis_titles[0].startswith("PC 1")
    True
    """
    X = np.asarray(X, dtype=np.float64)
    mean = X.mean(axis=0)
    centred = X - mean
    variances, components = _top_two_components(centred)
    # Fix each component's sign so the picture does not flip between runs.
    components *= np.where(components[np.abs(components).argmax(axis=0), [0, 1]] < 0, -1, 1)
    total = float(np.einsum("ij,ij->", centred, centred)) / max(X.shape[0] - 1, 1)
    total = max(total, np.finfo(float).tiny)
    titles = tuple(
        f"PC {i + 1} ({variances[i] / total:.0%} of variance, "
        f"mostly {columns[int(np.abs(components[:, i]).argmax())]})"
        for i in range(2)
    )
    return Projection(components, mean, titles, False)


def _top_two_components(centred: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The two largest variances, shape (2,), and their directions, shape (n_features, 2).

    With more columns than rows (a wide table), the thin SVD of the rows costs
    n_samples² x n_features instead of the covariance's n_features³ (5,000 columns: 100x less).
    """
    n_samples, n_features = centred.shape
    if n_features > n_samples:
        _, singular, vt = np.linalg.svd(centred, full_matrices=False)
        variances = np.zeros(2)
        variances[: min(2, singular.size)] = (singular[:2] ** 2) / max(n_samples - 1, 1)
        components = np.zeros((n_features, 2))
        components[:, : min(2, vt.shape[0])] = vt[:2].T
        if vt.shape[0] < 2:  # one row: any direction orthogonal to the first will do
            components[np.abs(components[:, 0]).argmin(), 1] = 1.0
        return variances, components
    covariance = centred.T @ centred / max(n_samples - 1, 1)
    variances, vectors = np.linalg.eigh(covariance)
    order = np.argsort(variances)[::-1][:2]
    return variances[order], vectors[:, order]


def sample_rows(n_rows: int, size: int, seed: int | np.random.Generator = 0) -> np.ndarray:
    """Positions of the rows the chart draws: all of them, or a seeded sample of ``size``.

    Parameters
    ----------
    n_rows : int
    size : int
    seed : int or numpy.random.Generator, default=0
        A Generator is used as it is (and advanced), so a computation can pass its own down.

    Returns
    -------
    ndarray of shape (min(n_rows, size),)
        Sorted row positions, so the sample keeps the table's order.

    Examples
    --------
    >>> sample_rows(5, 10).tolist()
    [0, 1, 2, 3, 4]
    >>> len(sample_rows(10_000, 3000))
    3000
    """
    if n_rows <= size:
        return np.arange(n_rows)
    rng = np.random.default_rng(seed)
    return np.sort(rng.choice(n_rows, size=size, replace=False))


def view_run(
    steps: Iterable[Step],
    rows: np.ndarray,
    projection: Projection,
    on_step: Callable[[Step], None] | None = None,
) -> RunView:
    """Consume the engine's steps, keeping only what the chart needs.

    Only one full-size step is held at a time, so a run on a million rows keeps a few
    kilobytes per step instead of a megabyte.

    Parameters
    ----------
    steps : iterable of Step
        The engine's output, e.g. ``kmeans_steps(X, 3)``.
    rows : ndarray of shape (n_shown,)
        Row positions (into X) of the points the chart draws.
    projection : Projection
    on_step : callable, optional
        Called with every full step as it arrives, e.g. to report progress on a long run.

    Returns
    -------
    RunView
    """
    shown = []
    last = None
    for step in steps:
        if on_step is not None:
            on_step(step)
        shown.append(
            step._replace(
                labels=step.labels[rows].copy(),
                centroids=projection.apply(step.centroids),
                previous_centroids=projection.apply(step.previous_centroids),
            )
        )
        last = step
    if last is None:
        raise ValueError("the engine produced no step; check the data and the number of clusters.")
    return RunView(tuple(shown), last)


def cluster_table(
    labels: np.ndarray, centroids: np.ndarray, columns: tuple[str, ...]
) -> pd.DataFrame:
    """One row per cluster: its number, size, share of the rows and centroid.

    Parameters
    ----------
    labels : ndarray of shape (n_samples,)
        The final cluster of every clustered row (0-based).
    centroids : ndarray of shape (n_clusters, n_features)
        In the units the table should show (the original units for the page).
    columns : tuple of str, length n_features

    Returns
    -------
    pandas.DataFrame
        Columns ``cluster`` (1-based, as on the chart), ``points``, ``share`` (a fraction),
        then one column per feature.

    Examples
    --------
    >>> cluster_table(np.array([0, 0, 1]), np.array([[1.0], [5.0]]), ("x",))["points"].tolist()
    [2, 1]
    """
    k = centroids.shape[0]
    sizes = np.bincount(labels.astype(np.intp), minlength=k)
    table = pd.DataFrame(
        {"cluster": np.arange(1, k + 1), "points": sizes, "share": sizes / max(labels.size, 1)}
    )
    return pd.concat([table, pd.DataFrame(centroids, columns=list(columns))], axis=1)


def cluster_numbers(labels: np.ndarray) -> np.ndarray:
    """The cluster numbers the page shows (1 to K) for the engine's labels (0 to K - 1).

    Parameters
    ----------
    labels : array-like of int, shape (n_samples,)
        0-based labels; any signed integer dtype (the engine uses int8 for K <= 127).

    Returns
    -------
    ndarray of shape (n_samples,), int32
        ``labels + 1``, widened first so that K = 127 does not wrap around in int8.

    Examples
    --------
    >>> cluster_numbers(np.array([0, 2, 1], dtype=np.int8)).tolist()
    [1, 3, 2]
    """
    return np.asarray(labels).astype(np.int32) + 1


def voronoi_cells(centroids: np.ndarray, bounds: np.ndarray) -> list[np.ndarray]:
    """The exact region each centroid owns inside a box: its Voronoi cell, clipped.

    A point p is nearer to c_i than to c_j exactly when it lies in the half-plane
    ``2 p · (c_j - c_i) <= |c_j|² - |c_i|²``, whose border is the perpendicular bisector
    of c_i and c_j. So the cell of c_i is the box cut by one such half-plane per other
    centroid (Sutherland-Hodgman clipping; the box and every cut stay convex).

    Parameters
    ----------
    centroids : ndarray of shape (n_clusters, 2)
    bounds : ndarray of shape (2, 2)
        ``[[xmin, ymin], [xmax, ymax]]`` of the box.

    Returns
    -------
    list of n_clusters ndarrays, each of shape (n_vertices, 2)
        The corners of each cell in counter-clockwise order, without repeating the first;
        shape (0, 2) when a centroid owns nothing inside the box. Two centroids at the same
        place share their cell.

    Examples
    --------
    >>> cells = voronoi_cells(np.array([[1.0, 1.0], [3.0, 1.0]]), np.array([[0, 0], [4, 2]]))
    >>> cells[0].tolist()
    [[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0]]
    """
    centroids = np.asarray(centroids, dtype=np.float64)
    (x0, y0), (x1, y1) = np.asarray(bounds, dtype=np.float64)
    box = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
    squares = (centroids**2).sum(axis=1)
    cells = []
    for i, c in enumerate(centroids):
        cell = box
        for j in range(len(centroids)):
            if j != i and cell.size:
                cell = _clip(cell, 2 * (centroids[j] - c), squares[j] - squares[i])
        cells.append(cell)
    return cells


def _clip(polygon: np.ndarray, normal: np.ndarray, offset: float) -> np.ndarray:
    """The part of a convex polygon (m, 2) where ``p @ normal <= offset`` (Sutherland-Hodgman).

    Each edge keeps its start when the start is inside, and adds the point where it
    crosses the line when its ends are on different sides.
    """
    side = polygon @ normal - offset  # <= 0 inside
    inside = side <= 0
    if inside.all():
        return polygon
    if not inside.any():
        return polygon[:0]
    ahead, side_ahead = np.roll(polygon, -1, axis=0), np.roll(side, -1)
    crosses = inside != (side_ahead <= 0)
    with np.errstate(divide="ignore", invalid="ignore"):  # edges that do not cross
        t = side / (side - side_ahead)
        crossing = polygon + t[:, None] * (ahead - polygon)
    keep = np.stack([inside, crosses], axis=1).ravel()  # start, then crossing, per edge
    out = np.stack([polygon, crossing], axis=1).reshape(-1, 2)[keep]
    # A line through a corner gives that corner twice; keep it once.
    repeated = np.all(np.isclose(out, np.roll(out, 1, axis=0), rtol=0, atol=1e-12), axis=1)
    return out[~repeated] if len(out) > repeated.sum() else out[:1]
