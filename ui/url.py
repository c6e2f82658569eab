"""The settings that make a run live in the URL, so a link reproduces it."""

from __future__ import annotations

import streamlit as st

from kmeans import samples
from ui.options import DEFAULTS, INITS, SCALINGS, UPLOAD

URL_SETTINGS = ("data", "k", "init", "seed", "max_iter", "scaling")


def settings_from_url() -> None:
    """On a visitor's first run, start the widgets from the URL (a shared link)."""
    if "k" in st.session_state:
        return
    params = st.query_params
    state = dict(DEFAULTS)
    if params.get("data") in (*samples.SAMPLES, UPLOAD):
        state["data"] = params["data"]
    if state["data"] in samples.SAMPLES:
        state["k"] = samples.SAMPLES[state["data"]].n_clusters
    if params.get("init") in INITS:
        state["init"] = params["init"]
    if params.get("scaling") in SCALINGS:
        state["scaling"] = params["scaling"]
    for name, low, high in (("k", 1, 20), ("seed", 0, 2**31 - 1), ("max_iter", 1, 300)):
        value = params.get(name, "")
        if value.isdigit():
            state[name] = min(max(int(value), low), high)
    st.session_state.update(state)


def settings_to_url(settings: dict) -> None:
    """Write the run's settings into the address bar."""
    st.query_params.from_dict({name: str(settings[name]) for name in URL_SETTINGS})
