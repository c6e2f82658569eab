"""ui/choose_k.py through the page: the elbow, computed when asked."""

from __future__ import annotations

from tests.apptest_page import assert_fine, charts, run_page


def test_elbow_is_computed_when_asked_and_its_k_can_be_used():
    at = run_page(data="blobs", k=2)
    ask = next(b for b in at.button if b.label.startswith("Compute the elbow"))
    ask.click().run()
    assert_fine(at)
    assert len(charts(at)) == 2
    use = next(b for b in at.button if b.label.startswith("Use K ="))
    use.click().run()
    assert_fine(at)
    assert at.slider(key="k").value == int(use.label.split("=")[1])


def test_few_distinct_rows_sweep_up_to_what_fits_and_results_stay():
    """4 distinct rows (12 rows in all): the elbow goes from K = 1 to 4, no error."""
    at = run_page(data="upload", k=2)
    rows = b"".join(b"%d,%d\n" % (x, y) for x, y in [(0, 0), (0, 1), (5, 5), (5, 6)] * 3)
    at.file_uploader(key="upload").upload("few.csv", b"x,y\n" + rows, "text/csv").run()
    next(b for b in at.button if b.label.startswith("Compute the elbow")).click().run()
    assert_fine(at)
    assert len(charts(at)) == 2
    assert any("Only 4 distinct rows, so K goes from 1 to 4." in c.value for c in at.caption)
    assert len(at.dataframe) == 1  # the Results tab keeps its table
