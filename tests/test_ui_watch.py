"""ui/watch.py through the page: the animation's captions and the own-start picker."""

from __future__ import annotations

import json

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
