"""ui/preload.py: the empty upload page holds a hidden chart, so Plotly loads before a file."""

from __future__ import annotations

from tests.apptest_page import assert_fine, chart_keys, run_page


def test_the_empty_upload_page_draws_one_hidden_empty_chart():
    at = run_page(data="upload")
    assert_fine(at)
    assert chart_keys(at) == ["plotly-preload-chart"]
    assert any(".st-key-plotly-preload { display: none; }" in h.proto.body for h in at.get("html"))


def test_a_page_with_data_has_no_hidden_chart():
    at = run_page(data="photo-chelsea", k=3)
    assert_fine(at)
    assert "plotly-preload-chart" not in chart_keys(at)
