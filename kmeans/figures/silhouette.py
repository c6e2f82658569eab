"""The silhouette plot: one bar per sampled row, sorted within its cluster, with the mean."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from kmeans.figures import style
from kmeans.figures.style import SIZES, Sizes

GAP = 12  # empty bar positions between two clusters


def silhouette_figure(sample, *, sizes: Sizes = SIZES, height: int = 460) -> go.Figure:
    """Per-row silhouettes as horizontal bars, cluster by cluster, and the overall mean.

    Parameters
    ----------
    sample : SilhouetteSample
        From :func:`kmeans.silhouette.sampled_silhouette`: ``values`` and ``labels`` of shape
        (n_sampled,), ``cluster_means`` (K,) and ``mean``.
    sizes : Sizes, default=SIZES
    height : int, default=460

    Returns
    -------
    go.Figure
        One ``Bar`` trace per cluster that has sampled rows (in the cluster's colour, bars
        sorted from the highest silhouette down), and a dashed vertical line at the mean.
    """
    k = len(sample.cluster_means)
    colours = style.cluster_colours(k)
    fig = go.Figure()
    start = 0
    for j in range(k):
        values = np.sort(sample.values[sample.labels == j])[::-1]
        if values.size == 0:
            continue
        positions = start + np.arange(values.size)
        fig.add_trace(
            go.Bar(
                x=values,
                y=positions,
                orientation="h",
                width=1.0,
                marker={"color": colours[j], "line": {"width": 0}},
                name=f"cluster {j + 1} (mean {sample.cluster_means[j]:.2f})",
                hovertemplate=f"cluster {j + 1}<br>silhouette %{{x:.3f}}<extra></extra>",
            )
        )
        fig.add_annotation(
            x=-0.02,
            y=start + values.size / 2,
            text=str(j + 1),
            showarrow=False,
            xanchor="right",
            font={"size": sizes.font},
        )
        start += values.size + GAP
    if np.isfinite(sample.mean):
        fig.add_vline(
            x=sample.mean,
            line={"color": style.HIGHLIGHT, "dash": "dash", "width": 2},
            annotation_text=f"mean {sample.mean:.2f}",
            annotation_position="top",
        )
    low = min(-0.1, float(np.nanmin(sample.values, initial=0)) - 0.05)
    fig.update_xaxes(
        title="silhouette (−1 wrong cluster, 0 on the border, 1 well inside)",
        range=[low, 1],
        zeroline=True,
    )
    fig.update_yaxes(showticklabels=False, autorange="reversed", title="rows, by cluster")
    fig.update_layout(
        height=height,
        bargap=0,
        margin={"t": 40, "b": 50, "l": 40, "r": 10},
        font={"size": sizes.font},
        legend={"font": {"size": sizes.legend_font}},
    )
    return fig
