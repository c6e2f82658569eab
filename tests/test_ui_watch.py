"""ui/watch.py through the page: the animation's captions and the own-start picker."""

from __future__ import annotations

import base64
import json

import numpy as np
from streamlit.testing.v1 import AppTest

from kmeans.markup import for_markdown
from tests.apptest_page import ROLES_CSV, assert_fine, chart_keys, charts, run_page


def test_rows_left_out_are_said_next_to_the_animation():
    at = run_page(data="upload", k=2)
    at.file_uploader(key="upload").upload("roles.csv", ROLES_CSV, "text/csv").run()
    assert_fine(at)
    watch = at.tabs[0]
    shown = next(c.value for c in watch.caption if "Showing" in c.value)
    assert "Showing all 19 points" in shown
    assert for_markdown("1 row with missing values was left out.") in shown


def test_own_start_waits_for_k_clicks():
    at = run_page(data="blobs", init="own")
    assert_fine(at)
    assert any("click 4 places" in m.value for m in at.markdown)
    # The start picker takes the main chart's place: grey points, no animation yet.
    spec = json.loads(charts(at)[chart_keys(at).index("animation")].proto.spec)
    assert [t["name"] for t in spec["data"]] == ["points", "your start"]
    assert not spec.get("frames")


def _numbers(values) -> list:
    """A trace's coordinates, as Plotly packs them into the JSON (base64) or plainly."""
    if isinstance(values, dict):
        return np.frombuffer(base64.b64decode(values["bdata"]), values["dtype"]).tolist()
    return list(values)


def _figures(size: int) -> None:
    # Session-scoped caches need a page run: AppTest gives this function one.
    import streamlit as st

    from kmeans import samples
    from kmeans.figures import SIZES
    from ui import caching
    from ui.run_key import DataKey, RunKey, TableKey
    from ui.watch import animation

    data = DataKey(TableKey("blog", "blog.csv"), ("V1", "V2"), "drop", "none")
    key = RunKey(data, view=("PCA projection", "", ""), k=3, init="random", seed=0, max_iter=100)
    content = caching.sample_bytes(samples.BLOG)
    first = animation(key, content, 600, SIZES, True)
    st.session_state["same"] = animation(key, content, 600, SIZES, True) is first
    st.session_state["taller"] = animation(key, content, size, SIZES, True)
    st.session_state["heights"] = (first.layout.height, len(first.frames))


def test_a_rerun_that_changes_nothing_about_the_run_draws_the_same_figure():
    at = AppTest.from_function(_figures, args=(792,), default_timeout=60).run()
    assert_fine(at)
    assert at.session_state["same"], "the figure was built again for the same run and size"
    assert at.session_state["taller"].layout.height == 792  # another size: its own figure
    assert at.session_state["heights"][0] == 600 and at.session_state["heights"][1] > 2


def test_an_own_start_is_the_run_once_k_centroids_are_placed():
    at = run_page(data="blobs", init="own", start="1,1;2,2;3,3")
    assert_fine(at)
    assert any("3 of 4 placed" in m.value for m in at.markdown)
    at = run_page(data="blobs", init="own", start="1,1;2,2;3,3;4,4")
    assert_fine(at)
    spec = json.loads(charts(at)[chart_keys(at).index("animation")].proto.spec)
    centroids = next(t for t in spec["data"] if t["name"] == "centroids")
    assert _numbers(centroids["x"]) == _numbers(centroids["y"]) == [1, 2, 3, 4]
    assert at.query_params["start"] == "1,1;2,2;3,3;4,4"
