"""Plotly's script loaded while the page waits for a file, not after the file arrives.

The browser fetches and compiles Streamlit's Plotly component (4.7 MB of script) only when a
page first draws a chart. On the empty upload page that was after the upload: a photo's
animation then waited 2 to 5 s for it on a busy machine. A hidden, empty chart on the empty
page makes the browser do it while the visitor chooses the file.
"""

from __future__ import annotations

import streamlit as st

KEY = "plotly-preload"
_HIDDEN = f"<style>.st-key-{KEY} {{ display: none; }}</style>"
_EMPTY = {"data": [{"type": "scatter"}], "layout": {"height": 10}}


def plotly_script() -> None:
    """Draw an empty chart that the visitor never sees, so Plotly's script is ready."""
    st.html(_HIDDEN)
    with st.container(key=KEY):
        st.plotly_chart(_EMPTY, key=f"{KEY}-chart", config={"staticPlot": True})
