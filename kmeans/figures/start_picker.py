"""The start picker: the data in grey and the centroids placed so far (the blog's Step 1).

The page turns a click on the plot into chart coordinates itself (see ``ui/clicker.js``), so
the figure needs nothing clickable: a click on empty space counts as much as one on a point.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from kmeans.figures import style
from kmeans.figures.style import SIZES, Sizes, marker_kind
from kmeans.markup import for_plotly


def start_picker_figure(
    points: np.ndarray,
    starts: np.ndarray,
    axis_titles: tuple[str, str] = ("x", "y"),
    *,
    sizes: Sizes = SIZES,
    height: int | None = None,
) -> go.Figure:
    """The data in grey and the starting centroids placed so far.

    Parameters
    ----------
    points : ndarray of shape (n_shown, 2)
        The drawn points, in the clustered space.
    starts : ndarray of shape (n_starts, 2)
        The starting centroids placed so far (may be empty).
    axis_titles : tuple of two str
    sizes : Sizes, default=SIZES
        Fonts, markers and margins.
    height : int, optional
        Figure height in pixels (default ``sizes.picker_height``).

    Returns
    -------
    go.Figure
        Traces: the points (grey) and the starts (numbered, in cluster colours), SVG up to
        :data:`~kmeans.figures.style.SVG_POINTS` points and WebGL above, as the animation.
        Clicks neither select nor zoom.

    Examples
    --------
    >>> fig = start_picker_figure(np.array([[0.0, 0.0], [1.0, 1.0]]), np.empty((0, 2)))
    >>> [t.name for t in fig.data]
    ['points', 'your start']
    """
    points = np.asarray(points, dtype=np.float64)
    starts = np.asarray(starts, dtype=np.float64).reshape(-1, 2)
    bounds = style.padded_bounds(points)
    kind = marker_kind(points.shape[0])  # the animation's rule: its first frame looks the same
    fig = go.Figure([_points_trace(kind, points, sizes), _starts_trace(kind, starts, sizes)])
    (x0, y0), (x1, y1) = bounds
    x_title, y_title = (for_plotly(title) for title in axis_titles)  # column names: data
    fig.update_xaxes(title=x_title, range=[x0, x1], constrain="domain", constraintoward="left")
    fig.update_yaxes(title=y_title, range=[y0, y1], scaleanchor="x", constrain="domain")
    fig.update_layout(
        height=height or sizes.picker_height,
        showlegend=False,
        clickmode="none",
        dragmode=False,
        hovermode=False,
        margin=style.margin(sizes.picker_margin),
        font={"size": sizes.font},
    )
    return fig


def _points_trace(kind: type, points: np.ndarray, sizes: Sizes):
    """The data in grey: no clusters yet (a ``kind`` trace, Scatter or Scattergl)."""
    return kind(
        x=points[:, 0],
        y=points[:, 1],
        mode="markers",
        name="points",
        marker={"color": style.GREY_POINTS, "size": sizes.point, "opacity": style.GREY_OPACITY},
    )


def _starts_trace(kind: type, starts: np.ndarray, sizes: Sizes):
    """The starts placed so far, numbered, in their clusters' colours."""
    return kind(
        x=starts[:, 0],
        y=starts[:, 1],
        mode="markers+text",
        name="your start",
        text=[str(j + 1) for j in range(len(starts))],
        textfont=style.centroid_labels(len(starts), sizes),
        marker=style.centroid_marker(len(starts), sizes),
    )
