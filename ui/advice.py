"""Advice next to the chart: standardise when the columns' scales differ, log when skewed,
each with a one-click button that changes the setting."""

from __future__ import annotations

import streamlit as st

from kmeans.data import log_advice, scaling_advice
from kmeans.markup import for_markdown
from ui import caching
from ui.run_key import RunKey


def set_scaling(value: str) -> None:
    """Button callback: change the sidebar's scaling."""
    st.session_state["scaling"] = value


def set_log(widget: str, columns: tuple[str, ...]) -> None:
    """Button callback: take the logarithm of ``columns`` (the sidebar's log choice)."""
    st.session_state[widget] = sorted({*st.session_state.get(widget, []), *columns})


def advice_box(key: RunKey, content: bytes) -> None:
    """The scaling and log advice for the clustered columns, when there is any."""
    frame = caching.table(key.table, content).frame
    columns = [c for c in key.data.columns if c not in key.data.log]
    if key.data.scaling == "none":
        advice = scaling_advice(frame, list(key.data.columns))
        if advice:
            text, button = st.columns([6, 1], vertical_alignment="center")
            text.info(for_markdown(advice))
            button.button(
                "Standardise", on_click=set_scaling, args=("standardize",), type="primary"
            )
    advice = log_advice(frame, columns) if columns else None
    if advice:
        text, button = st.columns([6, 1], vertical_alignment="center")
        text.info(for_markdown(advice))
        skewed = tuple(c for c in columns if f"'{c}'" in advice)
        button.button("Take the log", on_click=set_log, args=(f"log-{key.table.digest}", skewed))
