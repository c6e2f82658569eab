"""The page's charts as Plotly figures: the k-means animation, the elbow, the start picker.

The only package that imports plotly. Every figure takes small arrays (already cut down to a
few thousand points and two axes by :mod:`kmeans.projection`) and returns a ``go.Figure``;
nothing is shown or saved here. One module per figure, plus :mod:`~kmeans.figures.style` for
the shared look, :mod:`~kmeans.figures.controls` for the animation's buttons and slider, and
:mod:`~kmeans.figures.export` for the standalone HTML.
"""

from kmeans.figures.animation import BLOG_STEPS, animation_figure, frame_count
from kmeans.figures.elbow import elbow_figure
from kmeans.figures.export import standalone_html
from kmeans.figures.start_picker import start_picker_figure
from kmeans.figures.style import (
    LEGEND_CLUSTERS,
    PALETTE,
    REGION_OPACITY,
    SIZES,
    SPEEDS,
    Sizes,
    cluster_colours,
    format_number,
)

__all__ = [
    "BLOG_STEPS",
    "LEGEND_CLUSTERS",
    "PALETTE",
    "REGION_OPACITY",
    "SIZES",
    "SPEEDS",
    "Sizes",
    "animation_figure",
    "cluster_colours",
    "elbow_figure",
    "format_number",
    "frame_count",
    "standalone_html",
    "start_picker_figure",
]
