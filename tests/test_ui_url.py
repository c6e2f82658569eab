"""ui/url.py through the page: settings go into the URL and a link reproduces them."""

from __future__ import annotations

from kmeans import samples
from tests.apptest_page import assert_fine, chart_keys, run_page
from ui.url import read_settings


def test_changing_k_reruns_and_goes_into_the_url():
    at = run_page()
    at.slider(key="k").set_value(5).run()
    assert_fine(at)
    assert at.query_params["k"] in ("5", ["5"])
    assert "animation" in chart_keys(at)


def test_a_shared_link_reproduces_the_run():
    at = run_page(data="moons", k=4, init="k-means++", seed=7)
    assert_fine(at)
    assert at.selectbox(key="data").value == "moons"
    assert at.slider(key="k").value == 4
    assert at.radio(key="init").value == "k-means++"
    assert at.number_input(key="seed").value == 7


def test_a_broken_link_falls_back_to_the_defaults():
    at = run_page(data="nope", k="many", init="guess")
    assert_fine(at)
    assert at.selectbox(key="data").value == samples.BLOG
    assert at.slider(key="k").value == 3


def test_a_link_with_scaling_starts_with_it():
    at = run_page(data="blobs", scaling="minmax")
    assert_fine(at)
    assert at.selectbox(key="scaling").value == "minmax"


def test_digits_that_int_refuses_get_defaults_and_a_note():
    """'²', '①' and '¹²' pass str.isdigit() but not int(): the page must still open."""
    at = run_page(k="²", seed="①", max_iter="¹²", data="<b>x</b>")
    assert_fine(at)
    assert (at.slider(key="k").value, at.number_input(key="seed").value) == (3, 0)
    notes = " ".join(info.value for info in at.info)
    assert "k\\=²" in notes and "is not a whole number" in notes
    assert "\\<\u2060b\\>\u2060x" in notes  # the link's text is shown, never rendered


def test_read_settings_replaces_each_impossible_value():
    state, notes = read_settings({"k": "99", "seed": "-1", "max_iter": "", "init": "random"})
    assert (state["k"], state["seed"], state["max_iter"], state["init"]) == (20, 0, 100, "random")
    assert notes == ["The link's seed=-1 is not a whole number: the page uses 0."]


def test_a_link_to_a_photo_starts_at_its_k_unless_the_link_says_one():
    assert read_settings({"data": "photo-coffee"}) == (
        {**read_settings({})[0], "data": "photo-coffee", "k": 6},
        [],
    )
    assert read_settings({"data": "photo-coffee", "k": "3"})[0]["k"] == 3
