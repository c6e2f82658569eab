"""What the chart draws: a 2-D view of the clustered space.

k-means runs on every row and every chosen column. The chart cannot: it shows two axes (two of
the columns, or the first two principal components when there are more than two columns) and
a seeded sample of the rows (:mod:`kmeans.sampling`). This module maps the clustered space to
those two axes and cuts a run of the engine down to them, so the figure code only ever sees
small 2-D arrays.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from kmeans.blas import one_blas_thread

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
    note : str
        How the run was chosen, for the page (e.g. "best of 10 starts"); empty for one start.
    """

    steps: tuple[Step, ...]
    final: Step
    note: str = ""


SCALED = {"none": "", "standardize": "standardised", "minmax": "min-max", "log": "log"}
"""What an axis title adds for each transform, e.g. ``"flipper_length_mm (standardised)"``."""
DOMINANT = 0.5  # "mostly X" only when X carries at least half of the component's weight
LOADINGS_SHOWN = 2


def column_projection(
    columns: tuple[str, ...],
    x: int = 0,
    y: int = 1,
    *,
    transforms: tuple[str, ...] = (),
    logged: tuple[str, ...] = (),
) -> Projection:
    """Show two of the clustered columns as they are.

    Parameters
    ----------
    columns : tuple of str
        Names of the clustered columns, length n_features >= 1.
    x, y : int, default=0 and 1
        Positions of the columns on the horizontal and vertical axes. With one column, the
        vertical axis shows 0.
    transforms : tuple of str, optional
        Keys of :data:`SCALED` applied to every column, in order (e.g. ``("log",
        "standardize")``); each axis title names them, since the numbers on the axis are not
        the file's.
    logged : tuple of str, optional
        Columns whose base-10 logarithm was clustered: their titles say "log" first.

    Returns
    -------
    Projection

    Examples
    --------
    >>> column_projection(("a", "b")).apply(np.array([[1.0, 2.0]])).tolist()
    [[1.0, 2.0]]
    >>> column_projection(("a", "b"), transforms=("standardize",)).axis_titles[0]
    'a (standardised)'
    """
    d = len(columns)
    components = np.zeros((d, 2))
    components[x, 0] = 1.0
    if d > 1:
        components[y, 1] = 1.0

    def title(name: str) -> str:
        return f"{name}{scaling_note((*(('log',) if name in logged else ()), *transforms))}"

    titles = (title(columns[x]), title(columns[y]) if d > 1 else "(one column: no second axis)")
    identity = d == 2 and (x, y) == (0, 1)
    return Projection(components, np.zeros(d), titles, identity)


def scaling_note(transforms: tuple[str, ...]) -> str:
    """`` (log, standardised)`` for the transforms applied, ``""`` for none.

    Examples
    --------
    >>> scaling_note(("log", "minmax")), scaling_note(("none",))
    (' (log, min-max)', '')
    """
    words = [SCALED[t] for t in transforms if SCALED.get(t)]
    return f" ({', '.join(words)})" if words else ""


def pca_projection(
    X: np.ndarray,
    columns: tuple[str, ...],
    *,
    transforms: tuple[str, ...] = (),
    logged: tuple[str, ...] = (),
) -> Projection:
    """The two directions of largest variance of ``X`` (principal components), via numpy.

    The covariance matrix is only (n_features, n_features), so this stays fast for a million
    rows.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        The clustered data, n_features >= 2.
    columns : tuple of str
        Column names (the axis titles name the columns that weigh most on each component).
    transforms : tuple of str, optional
        As in :func:`column_projection`.
    logged : tuple of str, optional
        Columns whose logarithm was clustered: named ``log name`` in the titles.

    Returns
    -------
    Projection
        Axis titles like ``"PC 1 (71% of variance, mostly V3)"`` when one column carries at
        least half of the component's weight (its loading squared is 0.5 or more), else
        ``"PC 1 (44% of variance: 0.26 a + 0.26 b + 0.25 c + …)"``.

    Examples
    --------
    >>> X = np.array([[0.0, 0.0, 0.0], [2.0, 0.0, 0.1], [4.0, 0.1, 0.0]])
    >>> pca_projection(X, ("a", "b", "c")).axis_titles[0]
    'PC 1 (100% of variance, mostly a)'
    """
    X = np.asarray(X, dtype=np.float64)
    mean = X.mean(axis=0)
    centred = X - mean
    variances, components = _top_two_components(centred)
    # Fix each component's sign so the picture does not flip between runs.
    components *= np.where(components[np.abs(components).argmax(axis=0), [0, 1]] < 0, -1, 1)
    total = float(np.einsum("ij,ij->", centred, centred)) / max(X.shape[0] - 1, 1)
    total = max(total, np.finfo(float).tiny)
    names = tuple(f"log {c}" if c in logged else c for c in columns)
    titles = tuple(
        _pc_title(i, variances[i] / total, components[:, i], names, scaling_note(transforms))
        for i in range(2)
    )
    return Projection(components, mean, titles, False)


def _top_two_components(centred: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The two largest variances, shape (2,), and their directions, shape (n_features, 2).

    With more columns than rows (a wide table), the thin SVD of the rows costs
    n_samples² x n_features instead of the covariance's n_features³ (5,000 columns: 100x less).
    """
    with one_blas_thread():  # see kmeans.blas: spinning BLAS threads stall a busy server
        return _top_two(centred)


EXACT_SIDE = 1000
"""Up to this many rows or columns (the smaller of the two), the components are exact; beyond,
:func:`_top_two_iteratively` finds them (5,000 x 5,000: 22 s of CPU exactly, 2 s so)."""
_ITERATIONS = 8
_EXTRA = 10  # directions carried beyond the two wanted, so those two converge fast


def _top_two(centred):
    n_samples, n_features = centred.shape
    if min(n_samples, n_features) > EXACT_SIDE:
        return _top_two_iteratively(centred)
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


def _top_two_iteratively(centred: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The two largest variances and their directions by seeded subspace iteration.

    A randomised range finder with power iterations (Halko, Martinsson and Tropp 2011):
    ``2 + _EXTRA`` directions multiplied by ``centred.T @ centred`` ``_ITERATIONS`` times, then
    the exact components within them. Costs n_samples x n_features x 12 per pass instead of
    the cube of the smaller side; the same data always gives the same axes (seed 0). Where
    the top variances stand far above the rest (data with structure) it agrees with the exact
    components to many digits; where they do not (noise), any of the near-equal directions
    is as good a view.
    """
    n_samples = centred.shape[0]
    rng = np.random.default_rng(0)
    basis = centred @ rng.standard_normal((centred.shape[1], 2 + _EXTRA))
    for _ in range(_ITERATIONS):
        basis, _ = np.linalg.qr(basis)
        basis, _ = np.linalg.qr(centred @ (centred.T @ basis))
    _, singular, vt = np.linalg.svd(basis.T @ centred, full_matrices=False)
    return (singular[:2] ** 2) / max(n_samples - 1, 1), vt[:2].T.copy()


def _pc_title(i: int, share: float, loadings: np.ndarray, columns, note: str) -> str:
    """ "PC 1 (71% of variance, mostly V3)", or the top loadings when no column dominates."""
    top = np.argsort(-np.abs(loadings), kind="stable")
    head = f"PC {i + 1}{note[:-1] + ', ' if note else ' ('}{share:.0%} of variance"
    if loadings[top[0]] ** 2 >= DOMINANT:
        return f"{head}, mostly {columns[top[0]]})"
    terms = " + ".join(f"{loadings[j]:.2f} {columns[j]}" for j in top[:LOADINGS_SHOWN])
    more = " + …" if len(columns) > LOADINGS_SHOWN else ""
    return f"{head}: {terms}{more})".replace("+ -", "− ")


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
