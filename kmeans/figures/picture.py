"""The k-means animation of a picture: pixels in colour space, the picture recoloured, the palette.

Three panels that step together, frame by frame, with the same frames, titles, slider and
buttons as the table animation (:func:`kmeans.figures.animation.frame_plan`):

* left, a sample of the pixels as points in a 2-D view of colour space, each drawn in its own
  colour, with the K centroids drawn in the colour they stand for and their trails;
* right, the picture (a small copy) with every pixel given the colour of its centroid;
* under it, the K palette swatches with each one's share of the picture.

A frame carries only what changes: the centroids, the trails, the recoloured picture (a small
palette PNG, a few kilobytes) and the swatches' colours and shares.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np
import plotly.graph_objects as go

from kmeans.figures import style
from kmeans.figures.animation import BLOG_STEPS, Frame, frame_plan
from kmeans.figures.controls import animation_controls
from kmeans.figures.style import SIZES, Sizes
from kmeans.images import picture_file
from kmeans.quantising import ColourRun, Quantised, quantised_png

if TYPE_CHECKING:
    from kmeans.engine import Step

PICTURE_STEPS = MappingProxyType(
    {
        1: "pick K palette colours",
        2: "assign each pixel to its nearest palette colour",
        3: "move each colour to the mean of its pixels",
        4: "repeat Steps 2 and 3 until the colours stop changing",
    }
)
"""The blog's four steps (:data:`kmeans.figures.BLOG_STEPS`) said of a picture: its pixels are
the points, and each centroid is a colour of the palette."""

_PIXELS, _CENTROIDS, _PICTURE, _SWATCHES = "pixels", "centroids", "picture", "palette"
# Where each panel sits, in fractions of the plot area.
_SCATTER_X, _PICTURE_X = (0.0, 0.46), (0.53, 1.0)
_PICTURE_Y, _SWATCH_Y = (0.2, 1.0), (0.0, 0.12)


def picture_animation_figure(
    run: ColourRun,
    *,
    height: int = SIZES.animation_height,
    sizes: Sizes = SIZES,
    frame_name: bool = True,
    sources: Sequence[str] | None = None,
) -> go.Figure:
    """The animation of k-means on a picture's colours.

    Parameters
    ----------
    run : ColourRun
        From :func:`kmeans.quantising.fit_colours`: the steps in chart coordinates, the
        drawn pixels and their colours, and the small picture recoloured at every step.
    height : int, default=600
        Figure height in pixels, the Play buttons and the slider included.
    sizes : Sizes, default=SIZES
    frame_name : bool, default=True
        Show the current frame's name above the slider (see
        :func:`kmeans.figures.controls.animation_controls`).
    sources : sequence of str, optional
        :func:`frame_sources` of ``run``, when already made: they are most of the work, and
        the same at every height and size.

    Returns
    -------
    go.Figure
        ``1 + 2 * steps[-1].iteration`` frames. Trace order: pixels (scatter), the
        centroids' trails (scatter), centroids (scatter), picture (image), palette
        (scatter).
        A move frame shows the previous assignment in the new centroids' colours.

    Examples
    --------
    >>> from kmeans.images import Picture
    >>> from kmeans.quantising import fit_colours
    >>> rgb = np.array([[[0, 0, 0], [250, 250, 250], [240, 240, 240]]], dtype=np.uint8)
    >>> fig = picture_animation_figure(fit_colours(Picture(rgb, None, "PNG"), 2, "rgb"))
    >>> [trace.type for trace in fig.data][-2:]
    ['image', 'scatter']
    """
    steps, pictures = run.steps, run.pictures
    plan = frame_plan(steps)
    sources = frame_sources(run) if sources is None else sources
    bounds = style.padded_bounds(run.points, (s.centroids for s in steps))
    shape = (*pictures[0].labels.shape, pictures[0].palette.shape[0])
    fig = _base_figure(bounds, run.axis_titles, shape, height, sizes)
    fig.add_trace(_pixels_trace(run.points, run.point_colours, sizes))
    fig.add_traces(_frame_traces(plan[0], run, sources[0], sizes, static=True))
    # Frames as plain dicts, which Plotly checks once here: go objects would be checked
    # three times (trace, frame, figure), 4 times slower on a 90-frame run.
    fig.frames = [
        {
            "name": frame.name,
            "data": _frame_traces(frame, run, source, sizes, static=False),
            "traces": list(range(1, len(fig.data))),  # the pixels never change
            "layout": {"title": {"text": _on_pictures(frame.title)}},
        }
        for frame, source in zip(plan, sources, strict=True)
    ]
    controls = animation_controls([(f.name, f.label) for f in plan], sizes, frame_name=frame_name)
    fig.update_layout(title={"text": _on_pictures(plan[0].title)}, **controls)
    return fig


# The table animation's titles, said of pixels: the steps in their words, no regions, and
# every pixel drawn in its own colour, never grey.
_PICTURE_WORDS = (
    *((BLOG_STEPS[n], PICTURE_STEPS[n]) for n in BLOG_STEPS),
    (", the regions already follow the new centroids", ""),
    (" (grey)", ""),
    ("its nearest centroid's colour", "its nearest palette colour"),
    ("the centroids barely moved", "the palette colours barely moved"),
)


def _on_pictures(title: str) -> str:
    for table_words, picture_words in _PICTURE_WORDS:
        title = title.replace(table_words, picture_words)
    return title.replace("point", "pixel")


def frame_picture(frame: Frame, pictures: Sequence[Quantised]) -> Quantised | None:
    """What a frame shows: the assignment of ``frame.colours`` in the palette of ``frame.place``.

    Parameters
    ----------
    frame : Frame
    pictures : sequence of Quantised, one per step

    Returns
    -------
    Quantised or None
        ``counts`` recounted for that assignment; None before the first assignment (Step 1
        alone), when the picture is shown as it is.
    """
    if frame.colours is None:
        return None
    labels = pictures[frame.colours.iteration].labels
    palette = pictures[frame.place.iteration].palette
    k = palette.shape[0]
    counts = np.bincount(labels.ravel(), minlength=k + 1)[:k].astype(np.int64)
    return Quantised(labels, palette, counts)


def frame_sources(run: ColourRun) -> tuple[str, ...]:
    """The picture each frame shows, as a ``data:`` URI, in frame order.

    Parameters
    ----------
    run : ColourRun

    Returns
    -------
    tuple of str
        One per frame of :func:`picture_animation_figure`: the small picture as it is (JPEG,
        or PNG with transparency) for Step 1 alone, then a palette PNG of each frame's
        colours, zlib level 1: 4 times as fast to make as level 6, for a sixth more bytes.
    """
    sources = []
    for frame in frame_plan(run.steps):
        shown = frame_picture(frame, run.pictures)
        if shown is None:  # Step 1 alone: the picture as it is
            mime, data = picture_file(run.preview)
        else:
            mime, data = "image/png", quantised_png(shown, compress_level=1)
        sources.append(f"data:{mime};base64," + base64.b64encode(data).decode())
    return tuple(sources)


def _frame_traces(
    frame: Frame, run: ColourRun, source: str, sizes: Sizes, *, static: bool
) -> list[dict]:
    """The four traces that change from frame to frame, as dicts (all of each trace when
    ``static``, for the figure's first picture; only what changes otherwise)."""
    palette = run.pictures[frame.place.iteration].palette
    shares = None  # Step 1 alone: the palette not yet counted
    if frame.colours is not None:
        counts = run.pictures[frame.colours.iteration].counts
        shares = counts / max(int(counts.sum()), 1)
    traces = [_trails_trace(run.steps, frame.place.iteration, static, sizes)]
    traces.append(_centroids_trace(frame.place.centroids, palette, static, sizes))
    traces.append(_picture_trace(source, static))
    traces.append(_swatches_trace(palette, shares, static, sizes))
    return traces


def _hex(colour: np.ndarray) -> str:
    return "#" + bytes(np.asarray(colour, np.uint8)).hex()


def _pixels_trace(points: np.ndarray, colours: np.ndarray, sizes: Sizes) -> go.Scatter:
    # SVG, not WebGL: with a picture beside them, 3000 points step as fast either way, and the
    # first drawing takes 0.3 s instead of 0.8 to 1.2 s where WebGL is software (a VM, CI).
    return go.Scatter(
        x=np.asarray(points[:, 0], np.float32),
        y=np.asarray(points[:, 1], np.float32),
        mode="markers",
        name=_PIXELS,
        showlegend=False,
        hoverinfo="skip",
        marker={"color": [_hex(c) for c in colours], "size": sizes.point, "opacity": 0.8},
    )


def _trails_trace(steps: Sequence[Step], upto: int, static: bool, sizes: Sizes) -> dict:
    """Every centroid's path so far, in one trace (paths apart by a gap): one object per
    frame instead of K keeps a 90-frame run quick to build."""
    path = np.stack([s.centroids for s in steps[: upto + 1]]).astype(np.float32)  # (t, k, 2)
    gap = np.full((1, path.shape[1], 2), np.nan, np.float32)
    joined = np.concatenate([path, gap]).transpose(1, 0, 2).reshape(-1, 2)
    xy = {"type": "scatter", "x": joined[:, 0], "y": joined[:, 1]}
    if not static:
        return xy
    return xy | {
        "mode": "lines",
        "name": "trails",
        "showlegend": False,
        "hoverinfo": "skip",
        "connectgaps": False,
        "line": {"color": style.TRAIL_LINE, "width": sizes.trail_line},
    }


def _centroids_trace(
    centroids: np.ndarray, palette: np.ndarray, static: bool, sizes: Sizes
) -> dict:
    k = centroids.shape[0]
    moving = {
        "type": "scatter",
        "x": centroids[:, 0],
        "y": centroids[:, 1],
        "marker": {"color": [_hex(colour) for colour in palette]},
        "textfont": {"color": [style.label_ink(_hex(colour)) for colour in palette]},
    }
    if not static:
        return moving
    moving["marker"] |= {
        "size": sizes.centroid,
        "line": {"color": style.INK, "width": sizes.centroid_outline},
    }
    moving["textfont"]["size"] = sizes.centroid_font
    return moving | {
        "mode": "markers+text",
        "name": _CENTROIDS,
        "showlegend": False,
        "text": [str(j + 1) for j in range(k)],
        "hovertemplate": "centroid %{text}<br>(%{x:.4g}, %{y:.4g})<extra></extra>",
    }


def _picture_trace(source: str, static: bool) -> dict:
    image = {"type": "image", "source": source}
    if not static:
        return image
    return image | {"name": _PICTURE, "hoverinfo": "skip", "xaxis": "x2", "yaxis": "y2"}


def _swatches_trace(
    palette: np.ndarray, shares: np.ndarray | None, static: bool, sizes: Sizes
) -> dict:
    k = palette.shape[0]
    numbers = [str(j + 1) for j in range(k)]
    moving = {
        "type": "scatter",
        "marker": {"color": [_hex(colour) for colour in palette]},
        # Number over share, so that ten swatches' labels fit a 1280-pixel screen.
        "text": numbers
        if shares is None
        else [f"{n}<br>{s:.0%}" for n, s in zip(numbers, shares, strict=True)],
    }
    if not static:
        return moving
    moving["marker"] |= {
        "symbol": "square",
        "size": min(2 * sizes.centroid, 420 // k),
        "line": {"color": style.INK, "width": sizes.thin_outline},
    }
    return moving | {
        "x": list(range(k)),
        "y": [0] * k,
        "mode": "markers+text",
        "textposition": "bottom center",
        "cliponaxis": False,
        "textfont": {"size": round(sizes.font * 6 / 7)},  # 12 px, 18 px presenting
        "name": _SWATCHES,
        "showlegend": False,
        "hovertemplate": "colour %{text}<extra></extra>",
        "xaxis": "x3",
        "yaxis": "y3",
    }


def _base_figure(
    bounds: np.ndarray,
    axis_titles: tuple[str, str],
    shape: tuple[int, int, int],
    height: int,
    sizes: Sizes,
) -> go.Figure:
    """The three panels' axes: colour space (equal units), the picture (``shape`` is its
    rows, columns and K), the swatches."""
    (x0, y0), (x1, y1) = bounds
    rows, columns, k = shape
    hidden = {"visible": False, "fixedrange": True}
    fig = go.Figure()
    fig.update_layout(
        height=height,
        margin=style.margin(sizes.animation_margin),
        font={"size": sizes.font},
        title={"x": 0.01, "xanchor": "left", "y": 0.975, "yanchor": "top"},
        hovermode="closest",
        uirevision="kmeans-picture",
        xaxis={"domain": _SCATTER_X, "range": [x0, x1], "title": axis_titles[0]},
        yaxis={
            "range": [y0, y1],
            "title": axis_titles[1],
            "scaleanchor": "x",
            "constrain": "domain",
        },
        xaxis2={"domain": _PICTURE_X, "range": [-0.5, columns - 0.5], **hidden},
        yaxis2={
            "domain": _PICTURE_Y,
            "range": [rows - 0.5, -0.5],
            "scaleanchor": "x2",
            "constrain": "domain",
            **hidden,
        },
        xaxis3={"domain": _PICTURE_X, "range": [-0.6, max(k, 8) - 0.4], **hidden},
        yaxis3={"domain": _SWATCH_Y, "range": [-1.4, 0.6], **hidden},
    )
    fig.update_layout(title_font_size=sizes.title_font)
    return fig
