"""Page tests of "Try 20 starts" and the restart history (AppTest)."""

from __future__ import annotations

from kmeans import samples
from kmeans.restarts import try_starts
from tests.apptest_page import assert_fine, run_page


def _plays(at):
    return [b for b in at.button if b.key and b.key.startswith("play-ending-")]


def test_try_twenty_starts_shows_the_endings_best_first_and_plays_one():
    at = run_page(data="eight")
    assert not _plays(at)  # nothing runs before the button is pressed
    at.button(key="try_starts").click().run()
    assert_fine(at)
    oracle = try_starts(samples.sample_frame("eight").to_numpy(), 8, n_starts=20, max_iter=100)
    summary = next(m.value for m in at.markdown if "different ending(s)" in m.value)
    assert f"{len(oracle.endings)} different ending(s)" in summary
    assert f"{oracle.share_stuck():.0%} of the starts ended more than 1 % above" in summary
    plays = _plays(at)
    assert [p.label for p in plays[:2]] == ["▶ Play #1", "▶ Play #2"]
    assert f"seed {oracle.endings[1].seeds[0]}" in plays[1].help
    plays[1].click().run()
    assert at.number_input(key="seed").value == oracle.endings[1].seeds[0]
    assert at.query_params["seed"] == str(oracle.endings[1].seeds[0])
    # The endings stay on screen after Play, and the history compares the two runs.
    assert _plays(at)
    history = next(c.value for c in at.caption if "best so far" in c.value)
    best = min(oracle.inertias[0], oracle.endings[1].inertia)
    assert history.startswith(f"best so far {best:,.0f} · this run ")


def test_the_number_of_starts_can_be_changed():
    at = run_page(data="blobs")
    at.number_input(key="n_starts").set_value(5).run()
    at.button(key="try_starts").click().run()
    assert_fine(at)
    assert any("5 starts with random" in m.value for m in at.markdown)
