"""One step at a time: ◀ Previous / Next ▶, "frame n of N", the four steps with the one on
screen highlighted, and a presentation clicker's keys.

A small ``st.components.v2`` component (its script is ``ui/clicker.js``, run in the page
itself) moves the animation the way a person does: it presses the slider exactly on the tick
of the wanted frame, so each key press is one frame however long the run, and it cancels the
keys' default action (scrolling). It also reports the window's height and the chart's top,
so the page can give the chart the screen, and, while the user places their own start, where
on the chart they clicked.

Keys: PageDown, → and Space go forward one frame; PageUp and ← go back; Home and End go to
the first and the last frame. In presentation mode they work at once; on the normal page
after a click on the chart (so typing in a field never moves the animation).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

from kmeans.figures import BLOG_STEPS
from kmeans.figures.picture import PICTURE_STEPS

KEY = "clicker"


def _steps_list(steps) -> str:
    """The four steps as list items, the first word of each in bold and capitalised (the
    rest as written: "K", "Steps 2 and 3")."""
    words = (steps[n].split(" ", 1) for n in range(1, 5))
    return "".join(f"<li><b>{first.title()}</b> {rest}</li>" for first, rest in words)


_HTML = """
<div class="bar">
  <button id="prev" title="PageUp or ←">◀ Previous</button>
  <button id="next" title="PageDown, → or Space">Next ▶</button>
  <span id="counter" data-testid="frame-counter">frame – of –</span>
</div>
<ol id="steps">{steps}</ol>
<div class="hint">Keys: PageDown/→/Space next, PageUp/← back, Home/End first/last<span
 id="when"></span>.</div>
"""
_CSS = """
:host { font-family: "Source Sans Pro", sans-serif; color: #31333F; }
.bar { display: flex; gap: 6px; align-items: center; flex-wrap: wrap; }
button { font: inherit; font-size: 16px; padding: 4px 10px; border: 1px solid #c0c0c8;
         border-radius: 6px; background: #fff; color: inherit; cursor: pointer; }
button:hover { border-color: #ff4b4b; }
#counter { font-size: 16px; font-weight: 600; }
ol { padding-left: 1.3em; margin: 8px 0; }
li { padding: 3px 4px; border-radius: 4px; font-size: 15px; }
li.now { background: #FFE08A; font-weight: 700; }
.hint { font-size: 13px; color: #555; }
"""

_JS = Path(__file__).with_name("clicker.js").read_text(encoding="utf-8")
# The same controls twice, the four steps said of a table's points or of a picture's pixels.
_COMPONENTS = {
    pixels: st.components.v2.component(
        name, html=_HTML.format(steps=_steps_list(steps)), css=_CSS, js=_JS
    )
    for pixels, name, steps in (
        (False, "kmeans_clicker", BLOG_STEPS),
        (True, "kmeans_clicker_pixels", PICTURE_STEPS),
    )
}


def clicker(
    *,
    present: bool,
    on_place: Callable[[], None] | None = None,
    pixels: bool = False,
) -> dict | None:
    """The step controls and the four steps; return the window's size as last reported.

    The browser reports the size again only when it differs from the one this run returns
    (the chart's height is drawn from it), so a size already used never reruns the page.

    Parameters
    ----------
    present : bool
        Presentation mode: the keys work without a click first.
    on_place : callable, optional
        While the user places their own start: called after a click on the chart, with the
        clicked ``[x, y]`` (chart coordinates) in ``st.session_state[KEY]["place"]``.
    pixels : bool, default False
        The four steps said of a picture's pixels and palette colours
        (:data:`kmeans.figures.picture.PICTURE_STEPS`), not of a table's points.

    Returns
    -------
    dict or None
        ``{"height": ..., "top": ...}`` in pixels (see :func:`ui.present.chart_height`), or
        None before the browser has reported it.
    """
    callbacks = {"on_viewport_change": _ignore}
    if on_place is not None:
        callbacks["on_place_change"] = on_place
    data = {
        "present": bool(present),
        "placing": on_place is not None,
        "used": _viewport(st.session_state.get(KEY)),
    }
    result = _COMPONENTS[pixels](key=KEY, data=data, **callbacks)
    return _viewport(result)


def _viewport(state) -> dict | None:
    """The ``{"height", "top"}`` the browser last reported, from the component's state."""
    value = state.get("viewport") if hasattr(state, "get") else None
    return dict(value) if hasattr(value, "get") else None


def reports_viewport() -> bool:
    """Whether a browser is on the other end of this session, so the step controls will
    report the window's size (a script run by Streamlit's AppTest has no request headers
    and never gets one)."""
    try:
        return bool(st.context.headers)
    except Exception:  # no request to read headers from
        return False


def placed() -> list | None:
    """The ``[x, y]`` of the click that triggered this run, if any."""
    state = st.session_state.get(KEY)
    value = state.get("place") if hasattr(state, "get") else None
    return value if isinstance(value, list) and len(value) == 2 else None


def _ignore() -> None:
    """The viewport only needs a rerun, which a state change already makes."""
