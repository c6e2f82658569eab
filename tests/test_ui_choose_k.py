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
