"""The "Choose K" tab: the elbow method (at once for small tables) and a button to use its K."""

from __future__ import annotations

import streamlit as st

from kmeans.markup import for_markdown
from ui import caching
from ui.run_key import RunKey


def set_k(k: int) -> None:
    """Button callback: move the K slider."""
    st.session_state["k"] = k


def choose_k_tab(key: RunKey, content: bytes) -> None:
    """The elbow and silhouette for K = 1 to 10 on the run's data and seed."""
    st.markdown(
        "**The elbow method** (from the blog): run k-means for K = 1 to 10 and plot the "
        "inertia. It always falls as K grows; the *elbow*, where it stops falling fast, is a "
        "good K. The *silhouette* (right, higher is better) checks how well separated the "
        "clusters are."
    )
    elbow_key = key.elbow_key()
    if not elbow_wanted(key, content, elbow_key):
        return
    ks = caching.elbow_ks(caching.prepared(key.data, content).X)
    if len(ks) < 2:
        st.warning(
            "The elbow needs at least two distinct rows to compare K = 1 with K = 2, and "
            "these columns have only one: choose other columns or upload more varied rows."
        )
        return
    if ks[-1] < 10:
        st.caption(f"Only {ks[-1]} distinct rows, so K goes from 1 to {ks[-1]}.")
    result = caching.elbow_result(elbow_key, content)
    st.plotly_chart(caching.elbow_chart(elbow_key, content, key.k), key="elbow")
    st.info(for_markdown(result.reason))
    st.button(
        f"Use K = {result.elbow_k}",
        on_click=set_k,
        args=(result.elbow_k,),
        disabled=result.elbow_k == key.k,
    )


def elbow_wanted(key: RunKey, content: bytes, elbow_key) -> bool:
    """Small tables get the elbow without a click (cached); larger ones wait for a button."""
    n_rows = caching.prepared(key.data, content).X.shape[0]
    if n_rows <= caching.AUTO_ELBOW_ROWS:
        return True
    if st.button("Compute the elbow (K = 1 to 10)", type="primary"):
        st.session_state["elbow_for"] = elbow_key
    if st.session_state.get("elbow_for") != elbow_key:
        st.caption(
            f"Not computed yet: with {n_rows:,} rows it takes a while, so press the button."
        )
        return False
    return True
