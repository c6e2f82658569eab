"""The page's charts as Plotly figures: the k-means animation, the elbow, the start picker.

The only module that imports plotly. Every public function takes small arrays (already cut down
to a few thousand points and two axes by :mod:`kmeans.projection`) and returns a
``go.Figure``; nothing is shown or saved here.

The animation plays in the browser: one frame per picture, carrying only what changes (the
colours of the points, the centroids, their trails, the corners of the regions), never the
points' x and y again. Frame 0 is the blog's Step 1 and first Step 2; then every iteration
adds a "move" frame (Step 3) and an "assign" frame (Step 2), as docs/CONTRACT.md fixes.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from kmeans.projection import voronoi_cells

if TYPE_CHECKING:
    from kmeans.engine import Step

PALETTE = (
    # Okabe & Ito (2008), safe for the common colour-vision deficiencies ...
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
    "#000000",
    # ... then Paul Tol's "muted" scheme for K above 8 (centroids also carry their number).
    "#332288",
    "#88CCEE",
    "#44AA99",
    "#117733",
    "#999933",
    "#DDCC77",
    "#CC6677",
    "#882255",
    "#AA4499",
    "#BBBBBB",
    "#EE7733",
    "#5D3A9B",
)
"""Cluster colours in order: cluster ``j`` is always ``PALETTE[j]`` (20 colours)."""

SPEEDS = MappingProxyType({"½×": 1400, "1×": 700, "2×": 250})
"""Milliseconds each frame stays on screen, by the label of the speed button."""

BLOG_STEPS = MappingProxyType(
    {
        1: "pick K centroids",
        2: "assign each point to its nearest centroid",
        3: "move each centroid to the mean of its points",
        4: "repeat Steps 2 and 3 until no assignment changes",
    }
)
"""The four steps of the blog post, in its words (shortened)."""

REGION_OPACITY = 0.16
"""How strongly a region is tinted with its cluster's colour (the points stay readable)."""

LEGEND_CLUSTERS = 6
"""Most clusters listed in the legend; beyond, only their numbered centroids name them (the
legend would run into the Play buttons)."""

MARGIN = MappingProxyType({"l": 60, "r": 20, "t": 72, "b": 118})
"""Figure margins in pixels; the bottom one holds the Play buttons and the slider."""

_POINTS, _SWITCHED, _CENTROIDS, _NOW = "points", "switched", "centroids", "now"


class _Frame(NamedTuple):
    """One picture of the animation, before it becomes a ``go.Frame``."""

    name: str
    label: str
    title: str
    colours: Step  # the step whose labels colour the points
    place: Step  # the step whose centroids are drawn
    switched: np.ndarray  # (n_shown,) bool: points to highlight


def cluster_colours(n_clusters: int) -> tuple[str, ...]:
    """The colour of each cluster, ``PALETTE`` repeated if K exceeds its 20 colours.

    Examples
    --------
    >>> cluster_colours(2)
    ('#0072B2', '#E69F00')
    """
    return tuple(PALETTE[j % len(PALETTE)] for j in range(n_clusters))


def number(value: float) -> str:
    """A number as a student reads it: ``611,605`` or ``0.1234``, never ``6.1e+05``.

    Examples
    --------
    >>> number(611605.3), number(0.12344)
    ('611,605', '0.1234')
    """
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.4g}"


def frame_count(steps: Sequence[Step]) -> int:
    """Frames of the animation: 1 for step 0, then 2 per iteration (move, then assign)."""
    return 1 + 2 * steps[-1].iteration


def animation_figure(
    steps: Sequence[Step],
    points: np.ndarray,
    *,
    axis_titles: tuple[str, str] = ("x", "y"),
    regions: bool = True,
    height: int = 600,
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

    Returns
    -------
    go.Figure
        ``1 + 2 * steps[-1].iteration`` frames, a slider with one step per frame, Play/Pause
        and speed buttons. Trace order: [one region per cluster (scatter, filled polygon)],
        points (scattergl), switched points (scattergl), one trail per cluster (scattergl),
        centroids (scattergl), inertia line, current inertia (scatter, right panel).

    Examples
    --------
    >>> from kmeans.engine import kmeans_steps
    >>> X = np.array([[0.0, 0.0], [0.0, 1.0], [5.0, 5.0], [5.0, 6.0]])
    >>> steps = list(kmeans_steps(X, 2, seed=0))
    >>> len(animation_figure(steps, X).frames) == 1 + 2 * steps[-1].iteration
    True
    """
    points = np.asarray(points, dtype=np.float64)
    plan = _frame_plan(steps)
    bounds = _bounds(points, steps)
    # One set of cells per step: a move frame and the assign frame after it share them.
    cells = [voronoi_cells(s.centroids, bounds) for s in steps] if regions else None
    fig = _base_figure(steps, axis_titles, bounds, height)
    fig.add_traces(_frame_traces(plan[0], points, steps, cells, static=True))
    n_traces = len(fig.data)
    animated = [i for i in range(n_traces) if i != n_traces - 2]  # the inertia line is fixed
    fig.frames = [
        go.Frame(
            name=f.name,
            data=_frame_traces(f, points, steps, cells, static=False),
            traces=animated,
            layout={"title": {"text": f.title}},
        )
        for f in plan
    ]
    fig.update_layout(title={"text": plan[0].title}, **_controls(plan, height))
    return fig


def _frame_plan(steps: Sequence[Step]) -> list[_Frame]:
    """Step 0, then a move frame and an assign frame for every later step."""
    none = np.zeros(steps[0].labels.shape, dtype=bool)
    plan = [_Frame("0 start", "start", _title_start(steps[0]), steps[0], steps[0], none)]
    for previous, step in itertools.pairwise(steps):
        t = step.iteration
        plan.append(_Frame(f"{t} move", f"{t} move", _title_move(step), previous, step, none))
        switched = step.labels != previous.labels
        title = _title_assign(step, is_last=step is steps[-1])
        plan.append(_Frame(f"{t} assign", f"{t} assign", title, step, step, switched))
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
    return _title(
        f"<b>Iteration 0 · Step 1:</b> {BLOG_STEPS[1]}",
        f"<b>Step 2:</b> {BLOG_STEPS[2]} · inertia {number(step.inertia)}",
    )


def _title_move(step: Step) -> str:
    relocated = ""
    if step.relocated:
        names = ", ".join(str(j + 1) for j in step.relocated)
        relocated = f" · empty cluster {names} moved to a far point"
    return _title(
        f"<b>Iteration {step.iteration} · Step 3:</b> {BLOG_STEPS[3]}",
        f"colours are still the old assignment · squared shift {number(step.center_shift)}"
        f"{relocated}",
    )


def _title_assign(step: Step, *, is_last: bool) -> str:
    ending = (
        {
            "unchanged": " · <b>Step 4:</b> no assignment changed, done",
            "tol": " · <b>Step 4:</b> the centroids barely moved, done",
            "max_iter": " · stopped at the iteration limit",
        }.get(step.stop_reason, "")
        if is_last
        else ""
    )
    return _title(
        f"<b>Iteration {step.iteration} · Step 2:</b> {BLOG_STEPS[2]}",
        f"{step.n_changed:,} point(s) switched · inertia {number(step.inertia)}{ending}",
    )


def _bounds(points: np.ndarray, steps: Sequence[Step]) -> np.ndarray:
    """Padded [[xmin, ymin], [xmax, ymax]] that holds every point and every centroid."""
    everything = np.vstack([points, *(s.centroids for s in steps)])
    low, high = everything.min(axis=0), everything.max(axis=0)
    pad = np.maximum((high - low) * 0.04, 1e-9)
    return np.array([low - pad, high + pad])


def _discrete_scale(n_clusters: int) -> list[list]:
    """A colorscale where value j (with cmin=-0.5, cmax=K-0.5) is exactly PALETTE[j]."""
    scale = []
    for j, colour in enumerate(cluster_colours(n_clusters)):
        scale += [[j / n_clusters, colour], [(j + 1) / n_clusters, colour]]
    return scale


def _frame_traces(frame: _Frame, points, steps, cells, *, static: bool) -> list:
    """The traces of one frame. ``static`` adds what never changes (x/y of points, styles)."""
    traces = [] if cells is None else _region_traces(cells[frame.place.iteration], static)
    k = frame.place.centroids.shape[0]
    traces.append(_points_trace(points, frame.colours.labels, k, static))
    traces.append(_switched_trace(points[frame.switched], static))
    traces += _trail_traces(steps, frame.place.iteration, static)
    traces.append(_centroids_trace(frame.place.centroids, static))
    if static:
        traces.append(_inertia_line(steps))
    traces.append(_inertia_now(frame.colours, static))
    return traces


def _tint(colour: str, alpha: float) -> str:
    """``"#0072B2"`` as ``"rgba(0,114,178,alpha)"``."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def _region_traces(cells: list[np.ndarray], static: bool) -> list[go.Scatter]:
    """One filled polygon per cluster: the cell its centroid owns (an SVG fill under the
    WebGL points, which are drawn on a canvas above every SVG trace)."""
    traces = []
    for j, (cell, colour) in enumerate(zip(cells, cluster_colours(len(cells)), strict=True)):
        xy = {"x": cell[:, 0], "y": cell[:, 1]}
        if not static:
            traces.append(go.Scatter(**xy))
            continue
        traces.append(
            go.Scatter(
                **xy,
                mode="lines",
                fill="toself",
                fillcolor=_tint(colour, REGION_OPACITY),
                line={"width": 0, "color": _tint(colour, 0)},
                hoverinfo="skip",
                showlegend=False,
                name=f"region {j + 1}",
            )
        )
    return traces


def _points_trace(points: np.ndarray, labels: np.ndarray, k: int, static: bool) -> go.Scattergl:
    if not static:
        return go.Scattergl(marker={"color": labels})
    return go.Scattergl(
        x=points[:, 0].astype(np.float32),
        y=points[:, 1].astype(np.float32),
        mode="markers",
        name=_POINTS,
        showlegend=False,
        hoverinfo="skip",
        marker={
            "color": labels,
            "colorscale": _discrete_scale(k),
            "cmin": -0.5,
            "cmax": k - 0.5,
            "size": 5,
            "opacity": 0.75,
        },
    )


def _switched_trace(switched: np.ndarray, static: bool) -> go.Scattergl:
    xy = {"x": switched[:, 0].astype(np.float32), "y": switched[:, 1].astype(np.float32)}
    if not static:
        return go.Scattergl(**xy)
    return go.Scattergl(
        **xy,
        mode="markers",
        name="just switched",
        showlegend=True,
        hoverinfo="skip",
        marker={"symbol": "circle-open", "size": 11, "color": "#000000", "line": {"width": 2}},
    )


def _trail_traces(steps: Sequence[Step], upto: int, static: bool) -> list[go.Scattergl]:
    path = np.stack([s.centroids for s in steps[: upto + 1]]).astype(np.float32)  # (t, k, 2)
    traces = []
    for j, colour in enumerate(cluster_colours(path.shape[1])):
        xy = {"x": path[:, j, 0], "y": path[:, j, 1]}
        if not static:
            traces.append(go.Scattergl(**xy))
            continue
        traces.append(
            go.Scattergl(
                **xy,
                mode="lines+markers",
                name=f"cluster {j + 1}",
                legendgroup=str(j),
                showlegend=path.shape[1] <= LEGEND_CLUSTERS,
                # A dark line: a trail in the cluster's own colour vanishes among its points.
                line={"color": "rgba(20,20,20,0.85)", "width": 2.5},
                marker={"color": colour, "size": 9, "line": {"color": "#141414", "width": 1.5}},
                hoverinfo="skip",
            )
        )
    return traces


def _centroids_trace(centroids: np.ndarray, static: bool) -> go.Scattergl:
    # WebGL like the points: an SVG trace would be drawn under the WebGL canvas.
    xy = {"x": centroids[:, 0], "y": centroids[:, 1]}
    if not static:
        return go.Scattergl(**xy)
    k = centroids.shape[0]
    return go.Scattergl(
        **xy,
        mode="markers+text",
        name=_CENTROIDS,
        showlegend=False,
        text=[str(j + 1) for j in range(k)],
        textfont={"color": "#ffffff", "size": 12},
        hovertemplate="centroid %{text}<br>(%{x:.4g}, %{y:.4g})<extra></extra>",
        marker={
            "color": list(cluster_colours(k)),
            "size": 24,
            "symbol": "circle",
            "line": {"color": "#000000", "width": 2.5},
        },
    )


def _inertia_line(steps: Sequence[Step]) -> go.Scatter:
    return go.Scatter(
        x=[s.iteration for s in steps],
        y=[s.inertia for s in steps],
        mode="lines+markers",
        name="inertia",
        showlegend=False,
        line={"color": "#555555", "width": 2},
        marker={"size": 5, "color": "#555555"},
        hovertemplate="iteration %{x}<br>inertia %{y:,.4g}<extra></extra>",
        xaxis="x2",
        yaxis="y2",
    )


def _inertia_now(step: Step, static: bool) -> go.Scatter:
    xy = {"x": [step.iteration], "y": [step.inertia]}
    if not static:
        return go.Scatter(**xy)
    return go.Scatter(
        **xy,
        mode="markers",
        name=_NOW,
        showlegend=False,
        hoverinfo="skip",
        marker={"size": 13, "color": "#D55E00", "line": {"color": "#000000", "width": 1.5}},
        xaxis="x2",
        yaxis="y2",
    )


def _base_figure(steps, axis_titles, bounds: np.ndarray, height: int) -> go.Figure:
    """Two panels: the data (left, equal scales when sensible) and inertia (top right)."""
    fig = make_subplots(
        rows=1,
        cols=2,
        column_widths=[0.74, 0.26],
        horizontal_spacing=0.07,
        subplot_titles=("", "Inertia per iteration"),
    )
    (x0, y0), (x1, y1) = bounds
    fig.update_xaxes(range=[x0, x1], title=axis_titles[0], row=1, col=1, showgrid=False)
    fig.update_yaxes(range=[y0, y1], title=axis_titles[1], row=1, col=1, showgrid=False)
    ratio = (x1 - x0) / (y1 - y0)
    if 0.2 < ratio < 5:
        # Equal units on both axes, so the picture shows the distances k-means uses.
        fig.update_yaxes(scaleanchor="x", scaleratio=1, constrain="domain", row=1, col=1)
        fig.update_xaxes(constrain="domain", constraintoward="left", row=1, col=1)
    last = steps[-1].iteration
    inertias = [s.inertia for s in steps]
    fig.update_xaxes(title="iteration", range=[-0.3, max(last, 1) + 0.3], row=1, col=2)
    # No axis title: the panel's own title names it, and "inertia" would sit in the gap.
    fig.update_yaxes(range=[0, max(inertias) * 1.05 or 1], domain=[0.56, 1.0], row=1, col=2)
    fig.update_layout(
        height=height,
        margin=dict(MARGIN),
        hovermode="closest",
        uirevision="kmeans",
        legend={
            "x": 0.8,
            "y": 0.4,
            "xanchor": "left",
            "yanchor": "top",
            "font": {"size": 13},
            "tracegroupgap": 2,
        },
        title={"x": 0.01, "xanchor": "left", "y": 0.975, "yanchor": "top", "font": {"size": 17}},
        font={"size": 14},
    )
    return fig


def _controls(plan: list[_Frame], height: int) -> dict:
    """Play/Pause/Restart and speed buttons, and a slider with one step per frame.

    They sit in the bottom margin at fixed distances in pixels below the plot (under the
    axis title), whatever the figure's height.
    """
    plot_height = height - MARGIN["t"] - MARGIN["b"]
    return {
        "sliders": [_slider(plan, y=-88 / plot_height)],
        "updatemenus": [_buttons([f.name for f in plan], y=-56 / plot_height)],
    }


def _play(duration: int, frames=None) -> dict:
    """Animation options: play from the current frame (or through ``frames``)."""
    return {
        "frame": {"duration": duration, "redraw": True},  # scattergl needs redraw
        "transition": {"duration": 0},
        "fromcurrent": frames is None,
        "mode": "immediate",
    }


_STILL = {
    "frame": {"duration": 0, "redraw": True},
    "transition": {"duration": 0},
    "mode": "immediate",
}
"""Animation options that jump to one frame and stay there."""


def _buttons(names: list[str], y: float) -> dict:
    """One row of buttons: Play, Pause, From the start, then one per speed.

    Plotly places separate button groups in fractions of the width, so two groups overlap
    on a narrow screen (a 1024-pixel projector); one group never does.
    """
    normal = SPEEDS["1×"]
    pause = {**_STILL, "frame": {"duration": 0, "redraw": False}}
    buttons = [
        {"label": "▶ Play", "method": "animate", "args": [None, _play(normal)]},
        {"label": "❚❚ Pause", "method": "animate", "args": [[None], pause]},
        {"label": "⟲ From the start", "method": "animate", "args": [names, _play(normal, names)]},
    ] + [
        {"label": f"▶ {label}", "method": "animate", "args": [None, _play(ms)]}
        for label, ms in SPEEDS.items()
    ]
    return {
        "type": "buttons",
        "direction": "left",
        "showactive": False,
        "x": 0.0,
        "y": y,
        "xanchor": "left",
        "yanchor": "top",
        "buttons": buttons,
        "pad": {"r": 6},
    }


def _slider(plan: list[_Frame], y: float) -> dict:
    """A slider with one step per frame; the current frame's name is shown above it."""
    return {
        "active": 0,
        "x": 0.0,
        "len": 0.74,
        "y": y,
        "yanchor": "top",
        "pad": {"t": 0, "b": 0},
        "currentvalue": {"prefix": "frame: ", "font": {"size": 14, "color": "#333333"}},
        # Tick labels would overlap for long runs; the current frame's name shows above.
        "font": {"size": 11, "color": "rgba(0,0,0,0)"},
        "steps": [
            {"label": f.label, "method": "animate", "args": [[f.name], _STILL]} for f in plan
        ],
    }


def standalone_html(fig: go.Figure) -> bytes:
    """The figure as one HTML file for slides: Plotly's code inside, white background,
    waiting for Play (Streamlit's theme is not there to style it).

    Examples
    --------
    >>> standalone_html(go.Figure()).startswith(b"<!doctype html>")
    True
    """
    styled = go.Figure(fig).update_layout(template="plotly_white")
    return styled.to_html(include_plotlyjs=True, auto_play=False).encode("utf-8")


def elbow_figure(result, current_k: int | None = None) -> go.Figure:
    """Inertia against K with the suggested K marked, and the silhouette beside it.

    Parameters
    ----------
    result : ElbowResult
        From :func:`kmeans.selection.elbow`: ``k_values`` (m,), ``inertias`` (m,),
        ``silhouettes`` (m,) with NaN for K=1, and ``elbow_k``.
    current_k : int, optional
        The K in use on the page, drawn as a faint vertical line.

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
    for trace in _elbow_traces(ks, np.asarray(result.inertias, dtype=np.float64), result):
        fig.add_trace(trace, row=1, col=1)
    silhouettes = np.asarray(result.silhouettes, dtype=np.float64)
    fig.add_trace(_silhouette_bars(ks, silhouettes, result.elbow_k), row=1, col=2)
    if current_k is not None:
        fig.add_vline(x=current_k, line={"color": "#888888", "dash": "dash"}, row=1, col=1)
    fig.update_xaxes(title="K (number of clusters)", dtick=1)
    fig.update_yaxes(title="inertia", rangemode="tozero", row=1, col=1)
    fig.update_yaxes(
        title="silhouette", range=[min(0, np.nanmin(silhouettes, initial=0)), 1], row=1, col=2
    )
    fig.update_layout(height=420, showlegend=False, margin={"t": 60, "b": 50}, font={"size": 14})
    return fig


def _elbow_traces(ks: list[int], inertias: np.ndarray, result) -> list[go.Scatter]:
    """The inertia curve and a star on the suggested K."""
    best = ks.index(result.elbow_k)
    curve = go.Scatter(
        x=ks,
        y=inertias,
        mode="lines+markers",
        name="inertia",
        line={"color": PALETTE[0], "width": 3},
        marker={"size": 8},
    )
    star = go.Scatter(
        x=[result.elbow_k],
        y=[inertias[best]],
        mode="markers+text",
        name=f"suggested K = {result.elbow_k}",
        text=[f"K = {result.elbow_k}"],
        textposition="top right",
        textfont={"size": 15},
        marker={
            "symbol": "star",
            "size": 22,
            "color": PALETTE[3],
            "line": {"color": "#000000", "width": 1},
        },
    )
    return [curve, star]


def _silhouette_bars(ks: list[int], silhouettes: np.ndarray, elbow_k: int) -> go.Bar:
    """One bar per K (none for K=1), the suggested K in the highlight colour."""
    return go.Bar(
        x=ks,
        y=np.nan_to_num(silhouettes),
        marker={"color": [PALETTE[3] if k == elbow_k else PALETTE[5] for k in ks]},
        name="silhouette",
        hovertemplate="K = %{x}<br>silhouette %{y:.3f}<extra></extra>",
    )


def start_picker_figure(
    points: np.ndarray, starts: np.ndarray, axis_titles: tuple[str, str] = ("x", "y")
) -> go.Figure:
    """The data with a clickable grid, for placing your own starting centroids.

    Parameters
    ----------
    points : ndarray of shape (n_shown, 2)
        The drawn points, in the clustered space.
    starts : ndarray of shape (n_starts, 2)
        The starting centroids placed so far (may be empty).
    axis_titles : tuple of two str

    Returns
    -------
    go.Figure
        Traces: the points (scattergl, grey), a faint grid of clickable places (scattergl) so
        that a click on empty space counts too, and the starts (numbered, in cluster colours).
    """
    points = np.asarray(points, dtype=np.float64)
    starts = np.asarray(starts, dtype=np.float64).reshape(-1, 2)
    (x0, y0), (x1, y1) = _bounds(points, [])
    gx, gy = np.meshgrid(np.linspace(x0, x1, 40), np.linspace(y0, y1, 40))
    fig = go.Figure()
    fig.add_trace(
        go.Scattergl(
            x=points[:, 0],
            y=points[:, 1],
            mode="markers",
            name="points",
            marker={"color": "#777777", "size": 5, "opacity": 0.6},
        )
    )
    fig.add_trace(
        go.Scattergl(
            x=gx.ravel(),
            y=gy.ravel(),
            mode="markers",
            name="place",
            marker={"color": "#0072B2", "size": 7, "opacity": 0.12},
            hovertemplate="place a centroid here<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scattergl(
            x=starts[:, 0],
            y=starts[:, 1],
            mode="markers+text",
            name="your start",
            text=[str(j + 1) for j in range(len(starts))],
            textfont={"color": "#ffffff"},
            marker={
                "color": list(cluster_colours(len(starts))),
                "size": 24,
                "line": {"color": "#000000", "width": 2.5},
            },
        )
    )
    fig.update_xaxes(title=axis_titles[0], range=[x0, x1], constrain="domain")
    fig.update_yaxes(title=axis_titles[1], range=[y0, y1], scaleanchor="x", constrain="domain")
    fig.update_layout(
        height=480,
        showlegend=False,
        clickmode="event+select",
        dragmode=False,
        margin={"t": 20, "b": 40},
        font={"size": 14},
    )
    return fig
