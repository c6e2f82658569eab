"""The "Watch k-means" tab: the animation with the blog's four steps, or the start picker."""

from __future__ import annotations

import numpy as np
import streamlit as st

from kmeans import figures
from kmeans.markup import for_markdown
from ui import caching, present
from ui.clicker import clicker, placed
from ui.outcome import run_outcome
from ui.run_key import DataKey
from ui.url import MAX_STARTS

# A short toolbar (zoom, pan, reset, picture), so on hover it stays clear of the step title.
ANIMATION_TOOLBAR = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["zoomIn2d", "zoomOut2d", "autoScale2d", "lasso2d", "select2d"],
}
FOUR_STEPS = (
    "#### The four steps (from the blog)\n"
    "1. **Pick K centroids** (the big numbered dots).\n"
    "2. **Assign** each point to its nearest centroid: the colours; the shaded "
    "regions show where each centroid is nearest.\n"
    "3. **Move** each centroid to the mean of its points: the dark line is its trail.\n"
    "4. **Repeat** 2 and 3 until no assignment changes.\n\n"
    "A ring ○ marks a point that just switched cluster. The title of the chart names "
    "the step on screen; the small chart shows the inertia (total squared distance) "
    "falling."
)


def place_start() -> None:
    """Clicker callback: a click on the chart puts the next starting centroid there (six
    significant digits, as the link keeps it); the last K clicks count."""
    clicked = placed()
    if clicked is None:
        return
    starts = st.session_state.setdefault("starts", [])
    place = tuple(float(f"{value:.6g}") for value in clicked)
    if starts and starts[-1] == place:  # one click, reported with another change too
        return
    starts.append(place)
    del starts[:-MAX_STARTS]


def clear_start() -> None:
    """Button callback: forget the placed centroids."""
    st.session_state.pop("starts", None)


def own_start(key: DataKey, content: bytes, view: tuple, k: int) -> tuple | None:
    """Let the user click K starting centroids on the main chart; return them once there are
    K, else show the points and the centroids placed so far and return None."""
    points, proj = caching.shown_points(key, content, view)
    if not proj.is_identity:
        st.warning(
            "Your own start needs exactly two clustered columns (the chart must show the "
            "space k-means works in); pick two columns or another way to start."
        )
        return None
    starts = st.session_state.get("starts", [])[-k:]
    if len(starts) == k:
        return tuple(starts)
    chart, text = _columns()
    with text:
        viewport = clicker(present=present.toggle(), on_place=place_start)
        st.markdown(
            f"**Your own start:** click {k} places on the chart for the starting centroids "
            f"({len(starts)} of {k} placed)."
        )
        st.button("Clear my start", on_click=clear_start)
    options = present.chart_options(viewport)
    picker = figures.start_picker_figure(
        points,
        np.array(starts),
        proj.axis_titles,
        sizes=options["sizes"],
        height=options["height"],
    )
    chart.plotly_chart(picker, key="animation", config={"displayModeBar": False})
    return None


def _columns():
    """The chart and, beside it, the step controls (a little narrower in presentation mode,
    so a 1024-pixel projector gives the chart the width)."""
    return st.columns([4.2, 1] if present.is_on() else [4, 1.1])


def watch_tab(
    run, points, prepared, figure, *, history: str | None = None, placing: bool = False
) -> None:
    """The animation (as tall as the window allows), the step controls and the run's outcome.

    ``figure(**options)`` builds the animation with the options of
    :func:`ui.present.chart_options`; the step controls come first (in the right column)
    because they report the window's height the chart is drawn at. ``placing``: the run
    starts from the user's own centroids, and a click on the chart moves the oldest one.
    """
    chart, text = _columns()
    with text:
        on = present.toggle()
        viewport = clicker(present=on, on_place=place_start if placing else None)
    fig = figure(**present.chart_options(viewport))
    chart.plotly_chart(fig, key="animation", config=ANIMATION_TOOLBAR)
    chart.caption(_shown(points.shape[0], prepared, run.note))

    def notes() -> None:
        if history:
            text.caption(history)
        if placing:
            text.caption("Your own start: a click on the chart moves the oldest centroid there.")
            text.button("Clear my start", on_click=clear_start)

    run_outcome(text, run.final, FOUR_STEPS, notes=notes)


def _shown(shown: int, prepared, note: str) -> str:
    """How many points the chart shows, the rows left out or filled (never silently), and
    how the run was chosen."""
    n_rows = prepared.X.shape[0]
    sample = (
        f"Showing all {n_rows:,} points."
        if shown == n_rows
        else f"Showing {shown:,} of {n_rows:,} points (a fixed random sample); "
        "k-means used every row."
    )
    notes = for_markdown(" ".join(prepared.notes))
    return f"{sample} {notes} {note} Press ▶ Play, Next ▶, or a clicker key to go step by step."
