"""The settings that make a run live in the URL, so a link reproduces it."""

from __future__ import annotations

import re

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


def _present_from_url() -> bool:
    """Whether the link asks for presentation mode (``present=1``)."""
    try:
        return st.query_params.get("present") == "1"
    except Exception:  # a query string Streamlit itself cannot parse
        return False


def settings_to_url(settings: dict) -> None:
    """Write the run's settings into the address bar (and ``present=1`` in presentation mode,
    so a link opens straight into it)."""
    params = {name: str(settings[name]) for name in URL_SETTINGS}
    if st.session_state.get("present"):
        params["present"] = "1"
    st.query_params.from_dict(params)
