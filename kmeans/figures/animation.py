"""The k-means animation: points, centroids, trails, regions and inertia, frame by frame.

The animation plays in the browser: one frame per picture, carrying only what changes (the
colours of the points, the centroids, their trails, the corners of the regions), never the
points' x and y again. Frame 0 is the blog's Step 1 alone (the starting centroids over grey
points), frame 1 its first Step 2; then every iteration adds a "move" frame (Step 3) and an
"assign" frame (Step 2), as docs/CONTRACT.md fixes.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from kmeans.figures import style
from kmeans.figures.controls import animation_controls
from kmeans.figures.style import SIZES, Sizes, format_number, marker_kind
from kmeans.markup import for_plotly
from kmeans.regions import voronoi_cells

if TYPE_CHECKING:
    from kmeans.engine import Step

BLOG_STEPS = MappingProxyType(
    {
        1: "pick K centroids",
        2: "assign each point to its nearest centroid",
        3: "move each centroid to the mean of its points",
        4: "repeat Steps 2 and 3 until no assignment changes",
    }
)
"""The four steps of the blog post, in its words (shortened)."""

_POINTS, _SWITCHED, _CENTROIDS, _NOW = "points", "switched", "centroids", "now"


class Frame(NamedTuple):
    """One picture of the animation, before it becomes a ``go.Frame``."""

    name: str
    label: str
    title: str
    colours: Step | None  # the step whose labels colour the points; None: grey, unassigned
    place: Step  # the step whose centroids are drawn
    switched: np.ndarray  # (n_shown,) bool: points to highlight


class _Scene(NamedTuple):
    """What every frame draws from: the run, its points, the cells per step, the sizes, and
    the trace type of the points, trails and centroids (``go.Scatter`` or ``go.Scattergl``)."""

    steps: Sequence[Step]
    points: np.ndarray  # (n_shown, 2)
    cells: list | None  # per step, one (m, 2) polygon per cluster; None: no regions
    sizes: Sizes
    markers: type


def frame_count(steps: Sequence[Step]) -> int:
    """Frames of the animation: 2 for step 0 (pick, then assign), then 2 per iteration
    (move, then assign)."""
    return 2 + 2 * steps[-1].iteration


def animation_figure(
    steps: Sequence[Step],
    points: np.ndarray,
    *,
    axis_titles: tuple[str, str] = ("x", "y"),
    regions: bool = True,
    height: int = SIZES.animation_height,
    sizes: Sizes = SIZES,
    hover: Sequence[str] | None = None,
    frame_name: bool = True,
    webgl: bool | None = None,
) -> go.Figure:
    """The k-means animation: points, centroids, trails, regions and inertia, frame by frame.

    Parameters
    ----------
    steps : sequence of Step
        A whole run, from iteration 0 to the last, as :func:`kmeans.projection.view_run`
        gives it: ``labels`` of shape (n_shown,) and centroids of shape (n_clusters, 2) in
        chart coordinates.
    points : ndarray of shape (n_shown, 2)
        Chart coordinates of the drawn points, in the order of ``labels``.
    axis_titles : tuple of two str, default=("x", "y")
    regions : bool, default=True
        Shade the region each centroid owns (its Voronoi cell, exact polygons). Only true
        to the algorithm when the chart shows the clustered space itself.
    height : int, default=600
        Figure height in pixels, the Play buttons and the slider included (600 fits a
        1280 x 720 projector with the page's tabs above it).
    sizes : Sizes, default=SIZES
        Fonts, markers, lines and margins.
    hover : sequence of str, length n_shown, optional
        What hovering each point shows (e.g. its row number and values), already safe for
        Plotly (see :func:`kmeans.markup.for_plotly`); without it points show nothing.
    frame_name : bool, default=True
        Show the current frame's name above the slider (see
        :func:`kmeans.figures.controls.animation_controls`).
    webgl : bool, optional
        Draw the points, trails and centroids with WebGL (``scattergl``) rather than SVG
        (``scatter``). By default WebGL only for more than
        :data:`~kmeans.figures.style.SVG_POINTS` points. All
        of them take the same type: an SVG trace is drawn under every WebGL one, and the
        centroids must stay above the points.

    Returns
    -------
    go.Figure
        ``2 + 2 * steps[-1].iteration`` frames, a slider with one step per frame, Play/Pause
        and speed buttons. Trace order: [one region per cluster (scatter, filled polygon)],
        points, switched points, the trails' light halo, one trail per cluster, centroids
        (all scatter, or all scattergl: see ``webgl``), inertia line, current inertia
        (scatter, right panel).

    Examples
    --------
    >>> from kmeans.engine import kmeans_steps
    >>> X = np.array([[0.0, 0.0], [0.0, 1.0], [5.0, 5.0], [5.0, 6.0]])
    >>> steps = list(kmeans_steps(X, 2, seed=0))
    >>> len(animation_figure(steps, X).frames) == 2 + 2 * steps[-1].iteration
    True
    """
    points = np.asarray(points, dtype=np.float64)
    plan = frame_plan(steps)
    bounds = style.padded_bounds(points, (s.centroids for s in steps))
    # One set of cells per step: a move frame and the assign frame after it share them.
    cells = [voronoi_cells(s.centroids, bounds) for s in steps] if regions else None
    scene = _Scene(steps, points, cells, sizes, marker_kind(points.shape[0], webgl))
    fig = _base_figure(steps, axis_titles, bounds, height, sizes)
    fig.add_traces(_frame_traces(plan[0], scene, static=True))
    n_traces = len(fig.data)
    animated = [i for i in range(n_traces) if i != n_traces - 2]  # the inertia line is fixed
    fig.frames = [
        go.Frame(
            name=f.name,
            data=_frame_traces(f, scene, static=False),
            traces=animated,
            layout={"title": {"text": f.title}},
        )
        for f in plan
    ]
    controls = animation_controls([(f.name, f.label) for f in plan], sizes, frame_name=frame_name)
    fig.update_layout(title={"text": plan[0].title}, **controls)
    if hover is not None:
        # "skip" would switch hover off whatever the template says.
        fig.update_traces(
            text=list(hover),
            hoverinfo="text",
            hovertemplate="%{text}<extra></extra>",
            selector={"name": _POINTS},
        )
    return fig


def frame_plan(steps: Sequence[Step]) -> list[Frame]:
    """Step 1 alone, its first assignment, then a move and an assign frame per iteration.

    Shared by every animation of a run (points, or a picture), so they step alike.
    """
    first = steps[0]
    none = np.zeros(first.labels.shape, dtype=bool)
    plan = [
        Frame("0 start", "start", _title_start(first), None, first, none),
        Frame("0 assign", "0 assign", _title_first_assign(first), first, first, none),
    ]
    for previous, step in itertools.pairwise(steps):
        t = step.iteration
        plan.append(Frame(f"{t} move", f"{t} move", _title_move(step), previous, step, none))
        switched = step.labels != previous.labels
        title = _title_assign(step, is_last=step is steps[-1])
        plan.append(Frame(f"{t} assign", f"{t} assign", title, step, step, switched))
    return plan


def _title(first: str, second: str) -> str:
    """Two lines, so the title fits a 700-pixel-wide chart: the step, then the details.

    Each line sets its weight itself: Streamlit wraps a figure's first title in ``<b>``, and
    the frames' titles must look the same as the first one.
    """
    normal = "font-weight:normal"
    return (
        f"<span style='{normal}'>{first}</span>"
        f"<br><span style='font-size:0.82em;{normal}'>{second}</span>"
    )


def _title_start(step: Step) -> str:
    k = step.centroids.shape[0]
    return _title(
        f"<b>Iteration 0 · Step 1:</b> {BLOG_STEPS[1]}",
        f"{k} starting centroid(s) · no point is assigned yet (grey)",
    )


def _title_first_assign(step: Step) -> str:
    return _title(
        f"<b>Iteration 0 · Step 2:</b> {BLOG_STEPS[2]}",
        f"every point takes its nearest centroid's colour · inertia {format_number(step.inertia)}",
    )


def _title_move(step: Step) -> str:
    relocated = ""
    if step.relocated:
        names = ", ".join(str(j + 1) for j in step.relocated)
        relocated = f" · empty cluster {names} moved to a far point"
    return _title(
        f"<b>Iteration {step.iteration} · Step 3:</b> {BLOG_STEPS[3]}",
        "the trails show each move; colours are still the old assignment, the regions "
        f"already follow the new centroids · squared shift {format_number(step.center_shift)}"
        f"{relocated}",
    )


_ENDINGS = MappingProxyType(
    {
        "unchanged": " · <b>Step 4:</b> no assignment changed, done",
        "tol": " · <b>Step 4:</b> the centroids barely moved, done",
        "max_iter": " · stopped at the iteration limit",
    }
)
"""What the last frame's title adds, by the run's ``stop_reason``."""


def _title_assign(step: Step, *, is_last: bool) -> str:
    ending = _ENDINGS.get(step.stop_reason, "") if is_last else ""
    return _title(
        f"<b>Iteration {step.iteration} · Step 2:</b> {BLOG_STEPS[2]}",
        f"{step.n_changed:,} point(s) switched · inertia {format_number(step.inertia)}{ending}",
    )


def _frame_traces(frame: Frame, scene: _Scene, *, static: bool) -> list:
    """The traces of one frame. ``static`` adds what never changes (x/y of points, styles)."""
    sizes = scene.sizes
    traces = []
    if scene.cells is not None:
        cells = scene.cells[frame.place.iteration]
        # Step 1 alone: no point is assigned yet, so no centroid owns a region either.
        traces += _region_traces(cells if frame.colours else [c[:0] for c in cells], static)
    k = frame.place.centroids.shape[0]
    labels = None if frame.colours is None else frame.colours.labels
    kind = scene.markers
    traces.append(_points_trace(kind, scene.points, labels, k, static, sizes))
    switched = frame.switched
    traces.append(
        _switched_trace(
            kind,
            scene.points[switched],
            labels[switched] if switched.any() else [],
            k,
            static,
            sizes,
        )
    )
    traces += _trail_traces(kind, scene.steps, frame.place.iteration, static, sizes)
    traces.append(_centroids_trace(kind, frame.place.centroids, static, sizes))
    if static:
        traces.append(_inertia_line(scene.steps, sizes))
    traces.append(_inertia_now(frame.colours, static, sizes))
    return traces


def _styled(kind: type, xy: dict, static: bool, looks: dict):
    """A trace of ``kind`` with coordinates ``xy``, and its ``looks`` only when ``static``:
    frames carry what changes, the figure's first traces set the style once."""
    return kind(**xy, **looks) if static else kind(**xy)


def _region_traces(cells: list[np.ndarray], static: bool) -> list[go.Scatter]:
    """One filled polygon per cluster: the cell its centroid owns (an SVG fill, first, so
    it lies under the points; WebGL points are drawn on a canvas above every SVG trace)."""
    traces = []
    for j, (cell, colour) in enumerate(zip(cells, style.cluster_colours(len(cells)), strict=True)):
        looks = {
            "mode": "lines",
            "fill": "toself",
            "fillcolor": style.tint(colour, style.REGION_OPACITY),
            "line": {"width": 0, "color": style.tint(colour, 0)},
            "hoverinfo": "skip",
            "showlegend": False,
            "name": f"region {j + 1}",
        }
        traces.append(_styled(go.Scatter, {"x": cell[:, 0], "y": cell[:, 1]}, static, looks))
    return traces


def _cluster_scale(k: int) -> dict:
    """Marker colours from label numbers: value j is exactly cluster j's colour."""
    return {"colorscale": style.discrete_scale(k), "cmin": -0.5, "cmax": k - 0.5}


def _points_trace(
    kind: type, points: np.ndarray, labels: np.ndarray | None, k: int, static: bool, sizes: Sizes
):
    colour = style.GREY_POINTS if labels is None else labels
    if not static:
        return kind(marker={"color": colour})
    return kind(
        x=points[:, 0].astype(np.float32),
        y=points[:, 1].astype(np.float32),
        mode="markers",
        name=_POINTS,
        showlegend=False,
        hoverinfo="skip",
        marker={
            "color": colour,
            **_cluster_scale(k),
            "size": sizes.point,
            "opacity": style.POINT_OPACITY,
        },
    )


def _switched_trace(kind: type, switched: np.ndarray, labels, k: int, static: bool, sizes: Sizes):
    """Points that just switched, drawn larger and opaque in their *new* colour with a thin
    dark outline: the outline marks them, the fill still says where they went."""
    xy = {"x": switched[:, 0].astype(np.float32), "y": switched[:, 1].astype(np.float32)}
    if not static:
        return kind(**xy, marker={"color": labels})
    looks = {
        "mode": "markers",
        "name": "just switched",
        "showlegend": True,
        "hoverinfo": "skip",
        "marker": {
            "color": labels,
            **_cluster_scale(k),
            "size": sizes.switched,
            "line": {"color": style.INK, "width": sizes.switched_line},
        },
    }
    return kind(**xy, **looks)


def _trail_traces(
    kind: type, steps: Sequence[Step], upto: int, static: bool, sizes: Sizes
) -> list:
    path = np.stack([s.centroids for s in steps[: upto + 1]]).astype(np.float32)  # (t, k, 2)
    traces = [_trail_halo(kind, path, static, sizes)]
    for j, colour in enumerate(style.cluster_colours(path.shape[1])):
        ink = style.trail_ink(colour)  # visible over the cluster's own points
        looks = {
            "mode": "lines+markers",
            "name": f"cluster {j + 1}",
            "legendgroup": str(j),
            "showlegend": path.shape[1] <= style.LEGEND_CLUSTERS,
            "line": {"color": ink, "width": sizes.trail_line},
            "marker": {
                "color": colour,
                "size": sizes.trail_marker,
                "line": {"color": ink, "width": sizes.thin_outline},
            },
            "hoverinfo": "skip",
        }
        xy = {"x": path[:, j, 0], "y": path[:, j, 1]}
        traces.append(_styled(kind, xy, static, looks))
    return traces


def _trail_halo(kind: type, path: np.ndarray, static: bool, sizes: Sizes):
    """Every trail at once, as a wide light line under them (gaps between clusters): it edges
    the dark trails of light clusters and widens the light trails of dark ones."""
    k = path.shape[1]
    gaps = np.full((1, k, 2), np.nan, dtype=np.float32)
    joined = np.concatenate([path, gaps]).transpose(1, 0, 2).reshape(-1, 2)  # (k * (t+1), 2)
    looks = {
        "mode": "lines",
        "name": "trail halo",
        "showlegend": False,
        "hoverinfo": "skip",
        "line": {"color": style.TRAIL_HALO, "width": sizes.trail_line * 2.6},
    }
    return _styled(kind, {"x": joined[:, 0], "y": joined[:, 1]}, static, looks)


def _centroids_trace(kind: type, centroids: np.ndarray, static: bool, sizes: Sizes):
    # The points' type: an SVG trace would be drawn under the WebGL canvas.
    k = centroids.shape[0]
    looks = {
        "mode": "markers+text",
        "name": _CENTROIDS,
        "showlegend": False,
        "text": [str(j + 1) for j in range(k)],
        "textfont": style.centroid_labels(k, sizes),
        "hovertemplate": "centroid %{text}<br>(%{x:.4g}, %{y:.4g})<extra></extra>",
        "marker": {**style.centroid_marker(k, sizes), "symbol": "circle"},
    }
    return _styled(kind, {"x": centroids[:, 0], "y": centroids[:, 1]}, static, looks)


def _inertia_line(steps: Sequence[Step], sizes: Sizes) -> go.Scatter:
    return go.Scatter(
        x=[s.iteration for s in steps],
        y=[s.inertia for s in steps],
        mode="lines+markers",
        name="inertia",
        showlegend=False,
        line={"color": style.QUIET_INK, "width": sizes.inertia_line},
        marker={"size": sizes.inertia_marker, "color": style.QUIET_INK},
        hovertemplate="iteration %{x}<br>inertia %{y:,.4g}<extra></extra>",
        xaxis="x2",
        yaxis="y2",
    )


def _inertia_now(step: Step | None, static: bool, sizes: Sizes) -> go.Scatter:
    looks = {
        "mode": "markers",
        "name": _NOW,
        "showlegend": False,
        "hoverinfo": "skip",
        "marker": {
            "size": sizes.inertia_now,
            "color": style.HIGHLIGHT,
            "line": {"color": style.INK, "width": sizes.thin_outline},
        },
        "xaxis": "x2",
        "yaxis": "y2",
    }
    # Before the first assignment there is no inertia to mark.
    xy = {"x": [], "y": []} if step is None else {"x": [step.iteration], "y": [step.inertia]}
    return _styled(go.Scatter, xy, static, looks)


def _base_figure(steps, axis_titles, bounds: np.ndarray, height: int, sizes: Sizes) -> go.Figure:
    """Two panels: the data (left, equal scales when sensible) and inertia (top right)."""
    fig = make_subplots(
        rows=1,
        cols=2,
        column_widths=[0.74, 0.26],
        horizontal_spacing=0.07,
        subplot_titles=("", "Inertia per iteration"),
    )
    _data_axes(fig, axis_titles, bounds, sizes)
    _inertia_axes(fig, steps)
    fig.update_layout(
        height=height,
        autosize=True,  # a page may give the chart another height; the controls follow
        margin=style.margin(sizes.animation_margin),
        hovermode="closest",
        uirevision="kmeans",
        legend={
            "x": 0.8,
            "y": 0.4,
            "xanchor": "left",
            "yanchor": "top",
            "font": {"size": sizes.legend_font},
            "tracegroupgap": 2,
        },
        title={
            "x": 0.01,
            "xanchor": "left",
            "y": 0.975,
            "yanchor": "top",
            "font": {"size": sizes.title_font},
        },
        font={"size": sizes.font},
    )
    return fig


def _data_axes(fig: go.Figure, axis_titles, bounds: np.ndarray, sizes: Sizes) -> None:
    """The left panel's axes: the padded bounds, equal units when the data is not too long."""
    (x0, y0), (x1, y1) = bounds
    x_title, y_title = (for_plotly(title) for title in axis_titles)  # column names: data
    fig.update_xaxes(range=[x0, x1], title=x_title, row=1, col=1, showgrid=False)
    fig.update_yaxes(range=[y0, y1], title=y_title, row=1, col=1, showgrid=False)
    # Set on the axes, not only the layout: Streamlit's theme sets its own (12 px) ticks.
    fig.update_xaxes(tickfont={"size": sizes.font}, title_font={"size": sizes.axis_title_font})
    fig.update_yaxes(tickfont={"size": sizes.font}, title_font={"size": sizes.axis_title_font})
    ratio = (x1 - x0) / (y1 - y0)
    if 0.2 < ratio < 5:
        # Equal units on both axes, so the picture shows the distances k-means uses.
        fig.update_yaxes(scaleanchor="x", scaleratio=1, constrain="domain", row=1, col=1)
        fig.update_xaxes(constrain="domain", constraintoward="left", row=1, col=1)


def _inertia_axes(fig: go.Figure, steps: Sequence[Step]) -> None:
    """The right panel's axes: every iteration, inertia from 0, in the panel's top half."""
    last = steps[-1].iteration
    inertias = [s.inertia for s in steps]
    fig.update_xaxes(title="iteration", range=[-0.3, max(last, 1) + 0.3], row=1, col=2)
    # No axis title: the panel's own title names it, and "inertia" would sit in the gap.
    fig.update_yaxes(range=[0, max(inertias) * 1.05 or 1], domain=[0.56, 1.0], row=1, col=2)
