"""The elbow chart: inertia against K with the suggested K marked, and the silhouette beside."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from kmeans.figures import style
from kmeans.figures.style import SIZES, Sizes


def elbow_figure(result, current_k: int | None = None, *, sizes: Sizes = SIZES) -> go.Figure:
    """Inertia against K with the suggested K marked, and the silhouette beside it.

    Parameters
    ----------
    result : ElbowResult
        From :func:`kmeans.selection.elbow`: ``k_values`` (m,), ``inertias`` (m,),
        ``silhouettes`` (m,) with NaN for K=1, and ``elbow_k``.
    current_k : int, optional
        The K in use on the page, drawn as a faint vertical line.
    sizes : Sizes, default=SIZES
        Fonts, markers, lines, height and margins.

    Returns
    -------
    go.Figure
        Two panels: an inertia line (left) with a star on ``elbow_k``, silhouette bars (right).
    """
    ks = list(result.k_values)
    fig = make_subplots(
        rows=1,
        cols=2,
        horizontal_spacing=0.1,
        subplot_titles=(
            "Inertia against K (the elbow)",
            "Silhouette against K (higher is better)",
        ),
    )
    inertias = np.asarray(result.inertias, dtype=np.float64)
    for trace in _elbow_traces(ks, inertias, result.elbow_k, sizes):
        fig.add_trace(trace, row=1, col=1)
    silhouettes = np.asarray(result.silhouettes, dtype=np.float64)
    fig.add_trace(_silhouette_bars(ks, silhouettes, result.elbow_k), row=1, col=2)
    if current_k is not None:
        fig.add_vline(x=current_k, line={"color": style.GUIDE_INK, "dash": "dash"}, row=1, col=1)
    fig.update_xaxes(title="K (number of clusters)", dtick=1)
    fig.update_yaxes(title="inertia", rangemode="tozero", row=1, col=1)
    fig.update_yaxes(
        title="silhouette", range=[min(0, np.nanmin(silhouettes, initial=0)), 1], row=1, col=2
    )
    fig.update_layout(
        height=sizes.elbow_height,
        showlegend=False,
        margin=style.margin(sizes.elbow_margin),
        font={"size": sizes.font},
    )
    return fig


def _elbow_traces(
    ks: list[int], inertias: np.ndarray, elbow_k: int, sizes: Sizes
) -> list[go.Scatter]:
    """The inertia curve and a star on the suggested K."""
    curve = go.Scatter(
        x=ks,
        y=inertias,
        mode="lines+markers",
        name="inertia",
        line={"color": style.PALETTE[0], "width": sizes.elbow_line},
        marker={"size": sizes.elbow_marker},
    )
    star = go.Scatter(
        x=[elbow_k],
        y=[inertias[ks.index(elbow_k)]],
        mode="markers+text",
        name=f"suggested K = {elbow_k}",
        text=[f"K = {elbow_k}"],
        textposition="top right",
        textfont={"size": sizes.annotation_font},
        marker={
            "symbol": "star",
            "size": sizes.star,
            "color": style.HIGHLIGHT,
            "line": {"color": style.INK, "width": sizes.star_outline},
        },
    )
    return [curve, star]


def _silhouette_bars(ks: list[int], silhouettes: np.ndarray, elbow_k: int) -> go.Bar:
    """One bar per K (none for K=1), the suggested K in the highlight colour."""
    return go.Bar(
        x=ks,
        y=np.nan_to_num(silhouettes),
        marker={"color": [style.HIGHLIGHT if k == elbow_k else style.PALETTE[5] for k in ks]},
        name="silhouette",
        hovertemplate="K = %{x}<br>silhouette %{y:.3f}<extra></extra>",
    )
