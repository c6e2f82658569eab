"""ui/choose_k.py through the page: the elbow without a click on small tables, else asked."""

from __future__ import annotations

from tests.apptest_page import assert_fine, chart_keys, open_tab, run_page
from ui import caching


def test_a_small_table_gets_the_elbow_without_a_click_and_its_k_can_be_used():
    at = open_tab(run_page(data="blobs", k=2), "Choose K")
    assert_fine(at)
    assert "elbow" in chart_keys(at)
    assert not [b for b in at.button if b.label.startswith("Compute the elbow")]
    use = next(b for b in at.button if b.label.startswith("Use K ="))
    use.click().run()
    assert_fine(at)
    assert at.slider(key="k").value == int(use.label.split("=")[1])


def test_few_distinct_rows_sweep_up_to_what_fits_and_results_stay():
    """4 distinct rows (12 rows in all): the elbow goes from K = 1 to 4, no error."""
    at = run_page(data="upload", k=2)
    rows = b"".join(b"%d,%d\n" % (x, y) for x, y in [(0, 0), (0, 1), (5, 5), (5, 6)] * 3)
    at.file_uploader(key="upload").upload("few.csv", b"x,y\n" + rows, "text/csv").run()
    open_tab(at, "Choose K")
    assert_fine(at)
    assert "elbow" in chart_keys(at)
    assert any("Only 4 distinct rows, so K goes from 1 to 4." in c.value for c in at.caption)
    assert len(open_tab(at, "Results").tabs[2].dataframe) == 1  # Results keeps its table


def test_a_large_table_waits_for_the_button(monkeypatch):
    monkeypatch.setattr(caching, "AUTO_ELBOW_ROWS", 100)  # the blobs' rows count as large
    at = open_tab(run_page(data="blobs", k=2), "Choose K")
    assert "elbow" not in chart_keys(at)
    ask = next(b for b in at.button if b.label.startswith("Compute the elbow"))
    ask.click().run()
    assert_fine(at)
    assert "elbow" in chart_keys(at)
