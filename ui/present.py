"""Presentation mode: larger type and marks for a projector, kept in the URL as ``present=1``.

A link with ``present=1`` opens straight into it (the sidebar folded away); the toggle on the
Watch tab turns it on and off. In either mode the animation takes the window's height below
its top (measured in the browser by :mod:`ui.clicker`), so it grows with the screen.
"""

from __future__ import annotations

import dataclasses

import streamlit as st

from kmeans.figures import SIZES, Sizes

PRESENT_SIZES: Sizes = dataclasses.replace(
    SIZES.scaled(1.5),
    # Tighter than 1.5 x the normal margins, so the plot keeps 60 % of a 720-pixel window:
    # the title's two lines, then under the plot its ticks and axis title, the buttons and
    # the slider (without the frame's name above it: the title and the counter say it).
    animation_margin=(62, 20, 66, 134),
    buttons_below=66,
    slider_below=106,
    slider_font=6,  # its tick labels are hidden; they only take room
)
"""Step title 26 px, ticks and axis titles 21 px, centroid numbers 24 px, points 9 px."""

CHART_HEIGHT = 600
"""The chart, its Play buttons and slider before the browser has said how tall it is."""

LOWEST = 420
"""Below this the chart would not fit its title, plot and controls."""

HIGHEST = 1600

PRESENT_CSS = """<style>
header[data-testid="stHeader"] { display: none; }
[data-testid="stMainBlockContainer"] { padding: 0.25rem 1rem 0 1rem; max-width: none; }
[data-testid="stTabPanel"] { padding-top: 0.25rem; }
</style>"""
"""No header, and the page's and the tabs' padding down to a few pixels: the chart gets
the screen."""


def is_on() -> bool:
    """Whether presentation mode is on (the toggle's state, first set from the URL)."""
    return bool(st.session_state.get("present", False))


def toggle(where=st) -> bool:
    """The "Present" toggle (presentation mode); when on, the page loses its header and
    padding. One short word: at 1024 x 768 with the sidebar open its column leaves the label
    about 58 pixels ("Presentation mode" was cut to "Pre…")."""
    on = where.toggle(
        "Present",
        key="present",
        help="Presentation mode: larger text and points for a projector; the link keeps it "
        "(present=1).",
    )
    if on:
        st.html(PRESENT_CSS)
    # The sidebar writes the link on a full run; a rerun of the Watch tab alone writes this.
    if on and st.query_params.get("present") != "1":
        st.query_params["present"] = "1"
    elif not on and "present" in st.query_params:
        del st.query_params["present"]
    return on


def chart_height(viewport: dict | None) -> int:
    """The animation's height: the window below the chart's top, once the browser said it.

    Parameters
    ----------
    viewport : dict or None
        ``{"height": window height, "top": the chart's top in the page}`` in pixels, as
        :func:`ui.clicker.clicker` reports it; None before the first report.

    Examples
    --------
    >>> chart_height({"height": 720, "top": 60}), chart_height(None)
    (656, 600)
    """
    try:
        free = int(viewport["height"]) - int(viewport["top"]) - 4
    except (TypeError, KeyError, ValueError):
        return CHART_HEIGHT
    return min(max(free, LOWEST), HIGHEST)


def chart_options(viewport: dict | None) -> dict:
    """How to draw the animation in the current mode: its height, sizes and slider label."""
    on = is_on()
    height = chart_height(viewport)
    return {
        "height": height,
        "sizes": sized_to_plot(PRESENT_SIZES if on else SIZES, height),
        "frame_name": not on,
    }


def sized_to_plot(sizes: Sizes, height: int) -> Sizes:
    """``sizes`` with the points (and the rings of switched points) grown with the plot: as
    drawn on a 600-pixel chart, larger on a taller one (by the square root of the heights'
    ratio, so thousands of points do not run together), never smaller.

    Examples
    --------
    >>> sized_to_plot(SIZES, 600).point, sized_to_plot(SIZES, 1000).point
    (6, 8)
    """
    _left, _right, top, bottom = sizes.animation_margin
    plot, normal = height - top - bottom, CHART_HEIGHT - top - bottom
    factor = max(1.0, plot / normal) ** 0.5
    return dataclasses.replace(
        sizes, point=round(sizes.point * factor), switched=round(sizes.switched * factor)
    )
