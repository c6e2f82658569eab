"""A figure as a standalone HTML file, for slides."""

from __future__ import annotations

import plotly.graph_objects as go


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
