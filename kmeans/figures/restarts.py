"""Many starts at a glance: the distinct endings side by side, and every final inertia.

:func:`endings_figure` draws one small panel per distinct ending (best first), each titled
with its inertia and how many starts reached it; :func:`inertia_strip_figure` draws one dot
per start on an inertia axis, one row per way of starting, so a class sees how often each
way ends at the best.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from kmeans.figures import style
from kmeans.figures.style import SIZES, Sizes, format_number
from kmeans.restarts import Restarts

MAX_PANELS = 6
"""Most endings drawn as panels; the rest are counted in the strip and the caption."""


def endings_figure(
    restarts: Restarts,
    views: Sequence[tuple[np.ndarray, np.ndarray]],
    points: np.ndarray,
    *,
    sizes: Sizes = SIZES,
) -> go.Figure:
    """One small scatter per distinct ending, best first.

    Parameters
    ----------
    restarts : Restarts
        From :func:`kmeans.restarts.try_starts`.
    views : sequence of (labels, centroids)
        For the first endings (at most :data:`MAX_PANELS`), the labels of the drawn points,
        shape (n_shown,), and the centroids in chart coordinates, shape (n_clusters, 2).
    points : ndarray of shape (n_shown, 2)
        Chart coordinates of the drawn points.
    sizes : Sizes, default=SIZES

    Returns
    -------
    go.Figure
        One column per panel; per panel a points trace and a centroids trace (scattergl),
        named ``"ending i"`` and ``"centroids i"``.

    Examples
    --------
    >>> from kmeans.restarts import try_starts
    >>> X = np.array([[0.0, 0.0], [0.0, 1.0], [9.0, 9.0], [9.0, 10.0]])
    >>> result = try_starts(X, 2, n_starts=3)
    >>> e = result.best
    >>> endings_figure(result, [(e.labels, e.centroids)], X).layout.annotations[0].text
    '<b>best</b> · inertia 1<br>3 of 3 starts'
    """
    points = np.asarray(points, dtype=np.float64)
    views = list(views)[:MAX_PANELS]
    n_starts = len(restarts.seeds)
    titles = [
        _panel_title(i, ending, n_starts)
        for i, ending in enumerate(restarts.endings[: len(views)])
    ]
    fig = make_subplots(rows=1, cols=len(views), subplot_titles=titles, horizontal_spacing=0.02)
    bounds = style.padded_bounds(points, (c for _, c in views))
    for i, (labels, centroids) in enumerate(views, start=1):
        fig.add_trace(_points(points, labels, centroids.shape[0], i, sizes), row=1, col=i)
        fig.add_trace(_centroids(centroids, i, sizes), row=1, col=i)
        (x0, y0), (x1, y1) = bounds
        fig.update_xaxes(range=[x0, x1], visible=False, row=1, col=i)
        fig.update_yaxes(range=[y0, y1], visible=False, row=1, col=i)
    fig.update_layout(
        height=sizes.endings_height,
        showlegend=False,
        margin={"l": 10, "r": 10, "t": 48, "b": 10},
        font={"size": sizes.font},
    )
    fig.update_annotations(font={"size": sizes.font})
    return fig


def _panel_title(index: int, ending, n_starts: int) -> str:
    rank = "<b>best</b>" if index == 0 else f"#{index + 1}"
    # Two short lines: six panels side by side leave each about 130 pixels.
    starts = "start" if n_starts == 1 else "starts"
    inertia = format_number(ending.inertia)
    return f"{rank} · inertia {inertia}<br>{ending.count} of {n_starts} {starts}"


def _points(points, labels, k: int, panel: int, sizes: Sizes) -> go.Scattergl:
    return go.Scattergl(
        x=points[:, 0].astype(np.float32),
        y=points[:, 1].astype(np.float32),
        mode="markers",
        name=f"ending {panel}",
        hoverinfo="skip",
        marker={
            "color": np.asarray(labels),
            "colorscale": style.discrete_scale(k),
            "cmin": -0.5,
            "cmax": k - 0.5,
            "size": max(2, sizes.point - 2),
            "opacity": style.POINT_OPACITY,
        },
    )


def _centroids(centroids: np.ndarray, panel: int, sizes: Sizes) -> go.Scattergl:
    k = centroids.shape[0]
    marker = style.centroid_marker(k, sizes)
    return go.Scattergl(
        x=centroids[:, 0],
        y=centroids[:, 1],
        mode="markers",
        name=f"centroids {panel}",
        hoverinfo="skip",
        marker={**marker, "size": sizes.centroid * 0.6},
    )


def inertia_strip_figure(
    results: Mapping[str, Restarts], *, rtol: float | None = None, sizes: Sizes = SIZES
) -> go.Figure:
    """Every start's final inertia as a dot, one row per way of starting.

    Starts that reached the same ending are stacked, so the tallest stack is the commonest
    ending; the overall best inertia is marked with a dashed line.

    Parameters
    ----------
    results : mapping of str to Restarts
        Such as :func:`kmeans.restarts.compare_starts` returns.
    rtol : float, optional
        What counts as reaching the best (default :data:`kmeans.restarts.RTOL`).
    sizes : Sizes, default=SIZES

    Returns
    -------
    go.Figure
        One scatter trace per way of starting, named by it, with one point per start.
    """
    best = min(r.best.inertia for r in results.values())
    tallest = max(e.count for r in results.values() for e in r.endings)
    fig = go.Figure()
    for row, (init, restarts) in enumerate(results.items()):
        x, y = _stacked(restarts, row, step=0.8 / tallest)
        share = (
            restarts.share_reaching(best) if rtol is None else restarts.share_reaching(best, rtol)
        )
        fig.add_trace(
            go.Scatter(
                x=x,
                y=y,
                mode="markers",
                name=init,
                marker={"size": sizes.inertia_now, "color": style.PALETTE[row]},
                hovertemplate=f"{init}<br>inertia %{{x:,.4g}}<extra></extra>",
            )
        )
        fig.add_annotation(
            x=0,
            xref="paper",
            xanchor="right",
            y=row,
            text=f"{init}: {share:.0%} reach the best",
            showarrow=False,
            font={"size": sizes.font},
        )
    fig.add_vline(x=best, line={"color": style.GUIDE_INK, "dash": "dash"})
    fig.update_yaxes(visible=False, range=[-0.5, len(results) - 0.2])
    fig.update_xaxes(title="final inertia of each start (lower is better)")
    fig.update_layout(
        height=sizes.strip_height,
        showlegend=False,
        margin={"l": 260, "r": 20, "t": 10, "b": 60},
        font={"size": sizes.font},
    )
    return fig


def _stacked(restarts: Restarts, row: int, step: float) -> tuple[list[float], list[float]]:
    """Dot positions: one column per ending at its inertia, one dot per start above the row."""
    x, y = [], []
    for ending in restarts.endings:
        x += [ending.inertia] * ending.count
        y += [row + step * j for j in range(ending.count)]
    return x, y
