"""The profile heat map: clusters against columns, coloured by how far each cluster sits from
the whole table's mean, the columns that separate the clusters most on the left."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from kmeans.figures import style
from kmeans.figures.style import SIZES, Sizes
from kmeans.markup import for_plotly

MAX_COLUMNS = 30  # wider than this, the names no longer fit: the table lists the rest
COLOUR_LIMIT = 2.0  # standard deviations at the ends of the colour scale


def profile_figure(profile, *, sizes: Sizes = SIZES, max_columns: int = MAX_COLUMNS) -> go.Figure:
    """A heat map of clusters (rows) against numeric columns, most separating first.

    Parameters
    ----------
    profile : Profile
        From :func:`kmeans.profiles.profile`: ``columns`` (c,), ``difference``, ``means``,
        ``medians``, ``q1``, ``q3`` of shape (K, c), ``separation`` (c,), ``sizes`` (K,).
    sizes : Sizes, default=SIZES
    max_columns : int, default=30
        Only the first (most separating) columns are drawn.

    Returns
    -------
    go.Figure
        One ``Heatmap``: blue below the mean, red above, white at it; hovering a cell shows
        the cluster's mean, median and interquartile range in the column's units.
    """
    shown = min(len(profile.columns), max_columns)
    names = [for_plotly(name) for name in profile.columns[:shown]]
    k = profile.difference.shape[0]
    clusters = [f"cluster {j + 1}" for j in range(k)]
    z = profile.difference[:, :shown]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=names,
            y=clusters,
            text=_hover(profile, names, clusters, shown),
            hovertemplate="%{text}<extra></extra>",
            colorscale="RdBu",
            reversescale=True,
            zmid=0,
            zmin=-COLOUR_LIMIT,
            zmax=COLOUR_LIMIT,
            colorbar={"title": {"text": "sd from<br>the mean"}},
            xgap=1,
            ygap=1,
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(tickangle=-35, side="bottom")
    fig.update_layout(
        height=min(140 + 34 * k, 560) + 80,
        margin={"t": 30, "b": 10, "l": 10, "r": 10},
        font={"size": sizes.font},
        plot_bgcolor=style.HIDDEN,
    )
    return fig


def _hover(profile, names: list[str], clusters: list[str], shown: int) -> np.ndarray:
    """One hover text per cell (names already escaped for Plotly)."""
    text = np.empty((len(clusters), shown), dtype=object)
    for j, cluster in enumerate(clusters):
        for i, name in enumerate(names):
            text[j, i] = (
                f"{cluster} · {name}<br>"
                f"mean {_n(profile.means[j, i])} ({profile.difference[j, i]:+.2f} sd)<br>"
                f"median {_n(profile.medians[j, i])}, "
                f"IQR {_n(profile.q1[j, i])} to {_n(profile.q3[j, i])}"
            )
    return text


def _n(value: float) -> str:
    return "no value" if not np.isfinite(value) else style.format_number(float(value))
