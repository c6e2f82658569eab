"""ui/url.py through the page: settings go into the URL and a link reproduces them."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest

from kmeans import samples
from kmeans.markup import for_markdown
from tests.apptest_page import assert_fine, chart_keys, charts, run_page
from ui.url import format_start, read_settings, read_start


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


START = "-5,-5;5,5;-5,5;5,-5"


def _array(value) -> np.ndarray:
    """A Plotly JSON array: a list, or {"dtype", "bdata"} (base64 of the raw numbers)."""
    if isinstance(value, dict):
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
    return np.asarray(value)


def _first_centroids(at) -> list[list[float]]:
    """The animation's first frame: where its centroids start."""
    spec = json.loads(charts(at)[chart_keys(at).index("animation")].proto.spec)
    trace = next(t for t in spec["data"] if t.get("name") == "centroids")
    return np.column_stack([_array(trace["x"]), _array(trace["y"])]).tolist()


def test_a_link_with_a_placed_start_runs_from_it_and_keeps_it():
    at = run_page(data="blobs", init="own", start=START)
    assert_fine(at)
    assert "animation" in chart_keys(at)
    assert _first_centroids(at) == [[-5, -5], [5, 5], [-5, 5], [5, -5]]
    assert at.query_params["start"] == START


def test_a_link_with_fewer_centroids_than_k_waits_for_the_rest():
    at = run_page(data="blobs", init="own", start="1,2;3,4")
    assert_fine(at)
    assert any("(2 of 4 placed)" in m.value for m in at.markdown)
    assert at.query_params["start"] == "1,2;3,4"


def test_a_link_with_a_broken_start_says_so_and_places_none():
    at = run_page(data="blobs", init="own", start="1,2;three,4")
    assert_fine(at)
    assert any(for_markdown("not a list of x,y pairs") in i.value for i in at.info)
    assert any("(0 of 4 placed)" in m.value for m in at.markdown)
    assert "start" not in at.query_params


def test_a_start_is_only_in_the_link_of_an_own_start():
    at = run_page(data="blobs", init="random", start=START)
    assert_fine(at)
    assert "start" not in at.query_params


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("1,2", [(1.0, 2.0)]),
        ("-1.5e2,+.5; 3,4", [(-150.0, 0.5), (3.0, 4.0)]),
        (";".join(f"{i},{i}" for i in range(25)), [(float(i), float(i)) for i in range(5, 25)]),
    ],
)
def test_read_start_takes_pairs_and_keeps_the_last_twenty(text, starts):
    assert read_start(text) == (starts, None)


@pytest.mark.parametrize("text", ["1", "1,2,3", "a,b", "1,2;", "nan,1", "1e999,2"])
def test_read_start_refuses_what_is_not_pairs_of_numbers(text):
    found, note = read_start(text)
    assert found == [] and "not a list of x,y pairs" in note


def test_format_start_reads_back_to_the_same_numbers():
    starts = [(1.23456789, -0.000123456789), (1e6, 2.5)]
    text = format_start(starts)
    assert text == "1.23457,-0.000123457;1e+06,2.5"
    assert read_start(text) == ([(1.23457, -0.000123457), (1e6, 2.5)], None)
