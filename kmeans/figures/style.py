"""The figures' shared look: cluster colours, inks, opacities, speeds and every size in pixels.

Colours and opacities are constants. Sizes (fonts, markers, lines, heights, margins) live in
one frozen :class:`Sizes` record with a default instance, :data:`SIZES`, which every figure
takes as its ``sizes`` argument, so a larger projector view can pass ``SIZES.scaled(1.5)``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
import plotly.graph_objects as go

PALETTE = (
    # Okabe & Ito (2008), safe for the common colour-vision deficiencies, without its black
    # (a black cluster hides its own trail) ...
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
    # ... a violet far from all seven in normal, deutan, protan and tritan vision ...
    "#8800EE",
    # ... then, for K above 8, each colour the farthest (CIELAB) from all before it, none
    # grey (the colour of points not yet assigned); centroids also carry their number.
    # Clusters 14 and 15 were replaced, as the farthest (CIEDE2000) from the other 18: the
    # old #4466EE looked like cluster 1's blue and #88FF88 like cluster 9's green.
    "#00FF00",
    "#664422",
    "#FF22CC",
    "#FF0066",
    "#FFCCAA",
    "#9988FF",
    "#005511",
    "#668800",
    "#004444",
    "#00FFFF",
    "#880022",
    "#660088",
)
"""Cluster colours in order: cluster ``j`` is always ``PALETTE[j]`` (20 colours)."""

HIGHLIGHT = PALETTE[3]
"""The colour that marks the one thing to look at (the current inertia, the suggested K)."""

INK = "#000000"
"""Outlines of centroids and markers."""

TRAIL_INK = "#141414"
"""The dark trail (line and marker outlines) of a light cluster (see :func:`trail_ink`)."""

TRAIL_LIGHT_INK = "#ffffff"
"""The light trail of a dark cluster: a dark trail vanishes among dark points."""

TRAIL_LINE = "rgba(20,20,20,0.85)"
"""A dark trail line, for the colour pictures' palette trails."""

LIGHT_INK = "#ffffff"
"""The number written on a dark centroid (see :func:`label_ink`)."""

QUIET_INK = "#555555"
"""The inertia curve beside the animation."""

GREY_POINTS = "#777777"
"""Points not yet clustered (the start picker)."""

GUIDE_INK = "#888888"
"""Guide lines, such as the K in use on the elbow chart."""

CAPTION_INK = "#333333"
"""The slider's "frame:" caption."""

HIDDEN = "rgba(0,0,0,0)"
"""Text that is laid out but not shown (the slider's crowded tick labels)."""

REGION_OPACITY = 0.16
"""How strongly a region is tinted with its cluster's colour (the points stay readable)."""

POINT_OPACITY = 0.75
"""Opacity of the clustered points in the animation."""

GREY_OPACITY = 0.6
"""Opacity of the grey points in the start picker."""


LEGEND_CLUSTERS = 6
"""Most clusters listed in the legend; beyond, only their numbered centroids name them (the
legend would run into the Play buttons)."""

SPEEDS = MappingProxyType({"¼×": 2800, "1×": 700, "2×": 250})
"""Milliseconds each frame stays on screen, by the label of the speed button (¼×: almost
3 s a frame, slow enough to talk over)."""

TRAIL_HALO = "rgba(255,255,255,0.9)"
"""A light band under every trail: it edges a dark trail, and widens a light one."""


@dataclass(frozen=True)
class Sizes:
    """Every size the figures draw with, in pixels (fonts in points).

    Examples
    --------
    >>> SIZES.font, SIZES.scaled(1.5).font
    (14, 21)
    """

    font: int = 14
    title_font: int = 17
    axis_title_font: int = 14
    legend_font: int = 13
    centroid_font: int = 16
    annotation_font: int = 15
    slider_font: int = 11
    point: int = 6
    switched: int = 9
    trail_marker: int = 9
    centroid: int = 24
    inertia_marker: int = 5
    inertia_now: int = 13
    elbow_marker: int = 8
    star: int = 22
    centroid_outline: float = 2.5
    thin_outline: float = 1.5
    star_outline: float = 1
    switched_line: float = 1.2
    trail_line: float = 2.5
    inertia_line: float = 2
    elbow_line: float = 3
    animation_height: int = 600
    elbow_height: int = 420
    picker_height: int = 480
    endings_height: int = 260
    strip_height: int = 200
    # Margins as (left, right, top, bottom); None keeps Plotly's default for that side.
    animation_margin: tuple[int | None, ...] = (60, 20, 72, 118)
    elbow_margin: tuple[int | None, ...] = (None, None, 60, 50)
    picker_margin: tuple[int | None, ...] = (None, None, 20, 40)
    # The Play buttons and the slider, in pixels below the plot (within the bottom margin).
    buttons_below: int = 56
    slider_below: int = 88

    def scaled(self, factor: float) -> Sizes:
        """Every size times ``factor`` (whole pixels stay whole)."""
        changes = {
            field.name: _scale(getattr(self, field.name), factor)
            for field in dataclasses.fields(self)
        }
        return Sizes(**changes)


def _scale(value, factor: float):
    if isinstance(value, tuple):
        return tuple(_scale(v, factor) for v in value)
    if value is None:
        return None
    if isinstance(value, int):
        return round(value * factor)
    return value * factor


SIZES = Sizes()
"""The default sizes: a 1280 x 720 projector with the page's tabs above the chart."""


def margin(sides: tuple[int | None, ...]) -> dict[str, int]:
    """Plotly's ``margin`` dict from (left, right, top, bottom), leaving out the ``None`` sides.

    Examples
    --------
    >>> margin((None, None, 20, 40))
    {'t': 20, 'b': 40}
    """
    return {key: value for key, value in zip("lrtb", sides, strict=True) if value is not None}


def cluster_colours(n_clusters: int) -> tuple[str, ...]:
    """The colour of each cluster, ``PALETTE`` repeated if K exceeds its 20 colours.

    Examples
    --------
    >>> cluster_colours(2)
    ('#0072B2', '#E69F00')
    """
    return tuple(PALETTE[j % len(PALETTE)] for j in range(n_clusters))


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``"#rrggbb"``: 0 for black, 1 for white.

    Examples
    --------
    >>> relative_luminance("#000000"), relative_luminance("#ffffff")
    (0.0, 1.0)
    """
    channels = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    linear = np.where(channels <= 0.04045, channels / 12.92, ((channels + 0.055) / 1.055) ** 2.4)
    return float(np.dot([0.2126, 0.7152, 0.0722], linear))


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two colours, from 1 (the same) to 21 (black on white).

    Examples
    --------
    >>> round(contrast_ratio("#000000", "#ffffff"), 1)
    21.0
    """
    darker, lighter = sorted((relative_luminance(first), relative_luminance(second)))
    return (lighter + 0.05) / (darker + 0.05)


def label_ink(fill: str) -> str:
    """Black or white, whichever reads better on ``fill`` (always at least 4.5:1).

    Examples
    --------
    >>> label_ink("#F0E442"), label_ink("#0072B2")
    ('#000000', '#ffffff')
    """
    return max((INK, LIGHT_INK), key=lambda ink: contrast_ratio(ink, fill))


def trail_ink(fill: str) -> str:
    """The trail of a cluster of colour ``fill``: dark on light clusters, light on dark ones.

    A trail lies over its own cluster's points, so it takes whichever of :data:`TRAIL_INK` and
    :data:`TRAIL_LIGHT_INK` contrasts more with them (at least 4.4:1 over the palette).

    Examples
    --------
    >>> trail_ink("#F0E442"), trail_ink("#660088")
    ('#141414', '#ffffff')
    """
    return max((TRAIL_INK, TRAIL_LIGHT_INK), key=lambda ink: contrast_ratio(ink, fill))


def tint(colour: str, alpha: float) -> str:
    """``"#0072B2"`` as ``"rgba(0,114,178,alpha)"``.

    Examples
    --------
    >>> tint("#0072B2", 0.5)
    'rgba(0,114,178,0.5)'
    """
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def discrete_scale(n_clusters: int) -> list[list]:
    """A colorscale where value j (with cmin=-0.5, cmax=K-0.5) is exactly ``PALETTE[j]``."""
    scale = []
    for j, colour in enumerate(cluster_colours(n_clusters)):
        scale += [[j / n_clusters, colour], [(j + 1) / n_clusters, colour]]
    return scale


def format_number(value: float) -> str:
    """A number as a student reads it: ``611,605`` or ``0.1234``, never ``6.1e+05``.

    Examples
    --------
    >>> format_number(611605.3), format_number(0.12344)
    ('611,605', '0.1234')
    """
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.4g}"


def padded_bounds(points: np.ndarray, centroid_sets: Iterable[np.ndarray] = ()) -> np.ndarray:
    """Padded [[xmin, ymin], [xmax, ymax]] holding every point and every centroid, with 4%
    of each side's range as room around them.

    Parameters
    ----------
    points : ndarray of shape (n, 2)
    centroid_sets : iterable of ndarray of shape (k, 2), optional

    Returns
    -------
    ndarray of shape (2, 2)
    """
    everything = np.vstack([points, *centroid_sets])
    low, high = everything.min(axis=0), everything.max(axis=0)
    pad = np.maximum((high - low) * 0.04, 1e-9)
    return np.array([low - pad, high + pad])


def centroid_labels(n_clusters: int, sizes: Sizes) -> dict:
    """The numbers on the centroids: black or white on each fill, at least 4.5:1."""
    inks = [label_ink(colour) for colour in cluster_colours(n_clusters)]
    return {"color": inks, "size": sizes.centroid_font}


def centroid_marker(n_clusters: int, sizes: Sizes) -> dict:
    """Numbered discs in the clusters' colours, outlined in ink (animation and start picker)."""
    return {
        "color": list(cluster_colours(n_clusters)),
        "size": sizes.centroid,
        "line": {"color": INK, "width": sizes.centroid_outline},
    }


SVG_POINTS = 3000
"""Up to this many points the markers are SVG (``go.Scatter``), above it WebGL
(``go.Scattergl``). Where WebGL is drawn in software, as on a classroom's old laptops and
in headless Chromium, SVG draws a run of 3,000 points faster (benchmarks/bench_markers.py)
and redraws the start picker sooner after each click; with hardware WebGL both are quick at
this size, and WebGL only pulls ahead far above it."""


def marker_kind(n_points: int, webgl: bool | None = None) -> type:
    """The trace type of a chart's points and of the markers drawn above them.

    Parameters
    ----------
    n_points : int
        How many points the chart draws.
    webgl : bool, optional
        Force WebGL (True) or SVG (False); by default WebGL only above :data:`SVG_POINTS`.

    Returns
    -------
    type
        ``go.Scattergl`` or ``go.Scatter``.

    Examples
    --------
    >>> marker_kind(SVG_POINTS).__name__, marker_kind(SVG_POINTS + 1).__name__
    ('Scatter', 'Scattergl')
    """
    if webgl is None:
        webgl = n_points > SVG_POINTS
    return go.Scattergl if webgl else go.Scatter
