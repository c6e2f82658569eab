"""The "Watch k-means" tab: the animation with the blog's four steps, or the start picker."""

from __future__ import annotations

import dataclasses

import numpy as np
import streamlit as st

from kmeans import figures
from kmeans.figures import Sizes
from kmeans.markup import for_markdown
from ui import caching, present
from ui.clicker import clicker, placed, reports_viewport
from ui.explore import point_hover
from ui.outcome import run_outcome
from ui.restarts import restart_history, starts_panel
from ui.run_key import DataKey, RunKey
from ui.url import MAX_STARTS, format_start

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


def shown_key(key: RunKey, content: bytes) -> RunKey | None:
    """The run the Watch tab shows: ``key``, or for an own start ``key`` with the K placed
    centroids as its start; None while fewer than K are placed or the chart cannot take them
    (it must show the clustered space itself)."""
    if key.init != "own":
        return key
    starts = st.session_state.get("starts", [])[-key.k :]
    if len(starts) < key.k or not caching.shown_points(key.data, content, key.view)[1].is_identity:
        return None
    return dataclasses.replace(key, init=tuple(starts))


@st.fragment
def watch_fragment(key: RunKey, content: bytes, *, page_key: RunKey | None, follow: bool) -> None:
    """The Watch tab's chart, its step controls and "Try N starts", rerun on their own.

    A click on the chart, a window's size reported, "Try N starts" or the presentation toggle
    reruns only this part of the page. ``page_key`` is the run the rest of the page was built
    for (:func:`shown_key` in the last full run); when a click changes the run (an own start
    placed or moved) and ``follow`` says the other tabs show it, the whole page reruns after
    the chart is drawn, so they show the new run too.
    """
    shown = shown_key(key, content)
    if key.init == "own":
        _link_start(key.k)
    try:
        if shown is None:
            own_start(key.data, content, key.view, key.k)
        else:
            run, points, _proj = caching.run(shown, content)
            history = restart_history(shown, run.final.inertia)
            watch_tab(shown, content, run, points, history=history, placing=key.init == "own")
            starts_panel(shown, content)
    except ValueError as error:  # as the page does: a sentence to act on, not a traceback
        st.error(for_markdown(str(error)))
    if follow and shown != page_key:
        st.rerun()


def _link_start(k: int) -> None:
    """Keep the placed centroids in the link (the sidebar writes the rest of it on a full
    run; a click reruns only the Watch tab)."""
    text = format_start(st.session_state.get("starts", [])[-k:])
    if st.query_params.get("start", "") != text:
        if text:
            st.query_params["start"] = text
        else:
            del st.query_params["start"]


def own_start(key: DataKey, content: bytes, view: tuple, k: int) -> None:
    """The start picker: the points and the centroids placed so far, K clicks to go."""
    points, proj = caching.shown_points(key, content, view)
    if not proj.is_identity:
        st.warning(
            "Your own start needs exactly two clustered columns (the chart must show the "
            "space k-means works in); pick two columns or another way to start."
        )
        return
    starts = st.session_state.get("starts", [])[-k:]
    chart, text = chart_columns()
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


def chart_columns():
    """The chart and, beside it, the step controls (a little narrower in presentation mode,
    so a 1024-pixel projector gives the chart the width)."""
    return st.columns([4.2, 1] if present.is_on() else [4, 1.1])


@st.cache_resource(max_entries=16, ttl=caching.TTL_SECONDS, show_spinner=False)
def animation(key: RunKey, _content: bytes, height: int, sizes: Sizes, frame_name: bool):
    """The run's animation figure, built once per run and drawing options (it takes 0.2-0.5 s
    at 3000 points): a rerun that changes nothing about the run draws the same figure.

    Shared by every visitor and never changed after it is built (Streamlit copies it to
    send it). ``height``, ``sizes`` and ``frame_name`` are :func:`ui.present.chart_options`.
    """
    run, points, proj = caching.run(key, _content)
    return figures.animation_figure(
        run.steps,
        points,
        axis_titles=proj.axis_titles,
        regions=proj.is_identity,
        hover=point_hover(key.data, _content),
        height=height,
        sizes=sizes,
        frame_name=frame_name,
    )


def watch_tab(
    key: RunKey, content: bytes, run, points, *, history: str | None = None, placing: bool = False
) -> None:
    """The animation (as tall as the window allows), the step controls and the run's outcome.

    The step controls come first (in the right column) because they report the window's
    height the chart is drawn at; until a browser has said it, the chart's place waits
    empty rather than drawing at a guess and again at the right size (which would stop a
    Play pressed meanwhile). ``placing``: the run starts from the user's own centroids, and
    a click on the chart moves the oldest one.
    """
    chart, text = chart_columns()
    with text:
        on = present.toggle()
        viewport = clicker(present=on, on_place=place_start if placing else None)
    if viewport is None and reports_viewport():
        chart.container(height=present.CHART_HEIGHT, border=False).caption("Drawing the chart…")
    else:
        fig = animation(key, content, **present.chart_options(viewport))
        chart.plotly_chart(fig, key="animation", config=ANIMATION_TOOLBAR)
    chart.caption(_shown(points.shape[0], caching.prepared(key.data, content), run.note))

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
