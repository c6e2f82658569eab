"""The settings that make a run live in the URL, so a link reproduces it."""

from __future__ import annotations

import re

import numpy as np
import streamlit as st

from kmeans import samples
from ui.options import BEST, DEFAULTS, INITS, PHOTO_K, PHOTOS, SCALINGS, UPLOAD

URL_SETTINGS = ("data", "k", "init", "seed", "max_iter", "scaling")


def settings_from_url() -> None:
    """On a visitor's first run, start the widgets from the URL (a shared link).

    Any query string works: a value that is not one the page offers is replaced by the
    default, and a note (kept for the page to show once) says which and why.
    """
    if "k" in st.session_state:
        return
    try:
        params = {name: str(st.query_params.get(name, "")) for name in URL_SETTINGS}
    except Exception:  # a query string Streamlit itself cannot parse: defaults for all
        params = {}
    state, notes = read_settings(params)
    state["present"] = _present_from_url()
    starts, note = read_start(_param("start"))
    if starts:
        state["starts"] = starts
    notes += [note] if note else []
    st.session_state.update(state)
    st.session_state["url_notes"] = notes


def read_settings(params: dict[str, str]) -> tuple[dict, list[str]]:
    """The settings a link asks for, with defaults where it asks for what cannot be.

    Parameters
    ----------
    params : dict of str to str
        Query parameters by name; an empty string means "not in the link".

    Returns
    -------
    settings : dict
        One value per name in ``URL_SETTINGS``.
    notes : list of str
        One sentence per value replaced (shown as plain text).
    """
    state, notes = dict(DEFAULTS), []
    if params.get("data") == UPLOAD:
        state["init"] = BEST  # a file starts from the best of several starts
    choices = {"data": (*samples.SAMPLES, *PHOTOS, UPLOAD), "init": INITS, "scaling": SCALINGS}
    for name, valid in choices.items():
        if params.get(name) in valid:
            state[name] = params[name]
        elif params.get(name):
            notes.append(
                f"The link's {name}={params[name][:40]} is not one of the choices: "
                f"the page uses {state[name]}."
            )
    if state["data"] in samples.SAMPLES:
        state["k"] = samples.SAMPLES[state["data"]].n_clusters
    elif state["data"] in PHOTOS:
        state["k"] = PHOTO_K
    for name, low, high in (("k", 1, 20), ("seed", 0, 2**31 - 1), ("max_iter", 1, 300)):
        value = params.get(name, "")
        if re.fullmatch(r"[0-9]{1,12}", value):  # ASCII digits only: "²".isdigit() is True
            state[name] = min(max(int(value), low), high)
        elif value:
            notes.append(
                f"The link's {name}={value[:40]} is not a whole number: the page "
                f"uses {state[name]}."
            )
    return state, notes


def _param(name: str) -> str:
    """One query parameter, or "" when it is absent or the query string cannot be parsed."""
    try:
        return str(st.query_params.get(name, ""))
    except Exception:  # a query string Streamlit itself cannot parse
        return ""


def _present_from_url() -> bool:
    """Whether the link asks for presentation mode (``present=1``)."""
    return _param("present") == "1"


MAX_STARTS = 20
"""Most starting centroids a link (or the clicks on the chart) keeps: K is at most 20."""

_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d{1,3})?"
_PAIR = re.compile(rf"({_NUMBER}),({_NUMBER})")


def read_start(text: str) -> tuple[list[tuple[float, float]], str | None]:
    """The starting centroids a link places (``start=x,y;x,y;...``), and a note if it is bad.

    Parameters
    ----------
    text : str
        The ``start`` parameter; "" when the link has none.

    Returns
    -------
    starts : list of (float, float)
        At most :data:`MAX_STARTS` pairs (the last ones); empty when there are none or the
        text is not a list of pairs.
    note : str or None
        One sentence when the link's start could not be used.

    Examples
    --------
    >>> read_start("1.5,2;-3,4e-1")
    ([(1.5, 2.0), (-3.0, 0.4)], None)
    >>> read_start("")
    ([], None)
    """
    if not text:
        return [], None
    pairs = [_PAIR.fullmatch(part.strip()) for part in text.split(";")]
    starts = [(float(m[1]), float(m[2])) for m in pairs if m]
    if len(starts) < len(pairs) or not np.isfinite(starts).all() or len(text) > 40 * MAX_STARTS:
        return [], (
            f"The link's start={text[:40]} is not a list of x,y pairs: the page starts "
            "without your own centroids; click on the chart to place them."
        )
    return starts[-MAX_STARTS:], None


def format_start(starts) -> str:
    """``start=`` text for the URL: each centroid as x,y with six significant digits.

    Examples
    --------
    >>> format_start([(1.5, 2.0), (-3.0, 0.123456789)])
    '1.5,2;-3,0.123457'
    """
    return ";".join(f"{x:.6g},{y:.6g}" for x, y in starts)


def settings_to_url(settings: dict) -> None:
    """Write the run's settings into the address bar, with ``present=1`` in presentation mode
    (a link opens straight into it) and the placed centroids of an own start."""
    params = {name: str(settings[name]) for name in URL_SETTINGS}
    if st.session_state.get("present"):
        params["present"] = "1"
    starts = st.session_state.get("starts")
    if settings["init"] == "own" and starts:  # a shared link reproduces the placed start
        params["start"] = format_start(starts[-settings["k"] :])
    st.query_params.from_dict(params)
