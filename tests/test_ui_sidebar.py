"""ui/sidebar.py through the page: data sets, seeds, uploads, columns and scaling."""

from __future__ import annotations

import secrets

import pytest

from kmeans import samples
from kmeans.data import read_table
from kmeans.markup import for_markdown
from tests.apptest_page import ROLES_CSV, SMALL_CSV, assert_fine, chart_keys, run_page


@pytest.mark.parametrize("key", [k for k in samples.SAMPLES if k != samples.BLOG])
def test_each_sample_plays_at_its_own_k(key):
    at = run_page()
    at.selectbox(key="data").set_value(key).run()
    assert_fine(at)
    assert at.slider(key="k").value == samples.SAMPLES[key].n_clusters
    assert "animation" in chart_keys(at)


def test_new_random_start_changes_the_seed():
    at = run_page()
    new_start = next(b for b in at.button if "New random start" in b.label)
    new_start.click().run()
    assert_fine(at)
    seed = at.number_input(key="seed").value
    assert seed != 0
    assert at.query_params["seed"] in (str(seed), [str(seed)])


def test_upload_a_csv_clusters_it():
    at = run_page(data="upload", k=2)
    assert any("Upload a CSV" in i.value for i in at.info)
    at.file_uploader(key="upload").upload("mine.csv", SMALL_CSV, "text/csv").run()
    assert_fine(at)
    assert "animation" in chart_keys(at)
    assert at.multiselect[0].value == ["height", "weight"]
    assert any("Showing all 5 points" in c.value for c in at.caption)


def test_every_column_of_numbers_is_offered_and_the_others_are_listed_with_a_reason():
    at = run_page(data="upload", k=2)
    at.file_uploader(key="upload").upload("roles.csv", ROLES_CSV, "text/csv").run()
    assert_fine(at)
    chosen = at.multiselect[0]
    assert chosen.options == ["id", "x", "y", "unit"]  # numbers, ids and constants
    assert chosen.value == ["x", "y"]  # what column_roles uses by default
    left_out = next(c.value for c in at.sidebar.caption if "Left out" in c.value)
    for name in ("id", "unit", "name", "day"):
        assert f"**{name}**:" in left_out
    assert "Dates" in left_out and "id" in left_out.lower()
    chosen.set_value(["id", "x", "y"]).run()
    assert_fine(at)
    left_out = next(c.value for c in at.sidebar.caption if "Left out" in c.value)
    assert "**id**" not in left_out and "**unit**" in left_out


def test_scaling_has_three_choices_and_goes_into_the_url():
    at = run_page(data="upload", k=2)
    at.file_uploader(key="upload").upload("mine.csv", ROLES_CSV, "text/csv").run()
    scaling = at.selectbox(key="scaling")
    assert scaling.options == ["none", "standardise", "min-max"]
    assert scaling.value == "none"
    scaling.set_value("minmax").run()
    assert_fine(at)
    assert at.query_params["scaling"] in ("minmax", ["minmax"])
    assert any("Showing all 19 points" in c.value for c in at.caption)


def test_a_failed_read_is_remembered_for_the_same_bytes(monkeypatch):
    """Rerunning on a file that failed ("New random start") gives the sentence at once."""
    from ui import caching

    calls = []

    def counting(content, filename):
        calls.append(filename)
        return read_table(content, filename)

    monkeypatch.setattr(caching, "read_table", counting)
    at = run_page(data="upload")
    bad = b"x,y\n" + secrets.token_hex(8).encode() + b",text\n"  # new bytes: not cached yet
    at.file_uploader(key="upload").upload("bad.csv", bad, "text/csv").run()
    at.button[0].click().run()  # New random start: a rerun
    assert len(calls) == 1
    sentence = "The file has only one data row: k-means needs at least two rows to form groups."
    assert [e.value for e in at.error] == [for_markdown(sentence)]


def _wide_csv(n_columns: int, n_rows: int = 30) -> bytes:
    """An id, a constant, then ``n_columns`` measures: a table too wide for chips."""
    names = ["id", "unit", *(f"m{j}" for j in range(n_columns))]
    rows = [
        ",".join([str(i), "1", *(f"{(i * 7 + j * 3) % 11 + 0.5 * j:g}" for j in range(n_columns))])
        for i in range(n_rows)
    ]
    return ("\n".join([",".join(names), *rows]) + "\n").encode()


def test_a_wide_table_lists_the_columns_left_out_instead_and_says_why():
    """With more columns used than WIDGET_COLUMNS, every one is clustered and the list holds
    the few left out; taking one off the list clusters on it too."""
    from ui.sidebar import WIDGET_COLUMNS

    n = WIDGET_COLUMNS + 20
    at = run_page(data="upload", k=2)
    at.file_uploader(key="upload").upload("wide.csv", _wide_csv(n), "text/csv").run()
    assert_fine(at)
    assert "animation" in chart_keys(at)
    leave = at.multiselect[0]
    assert leave.label == "Leave out" and leave.value == ["id", "unit"]
    assert len(leave.options) == n + 2
    said = " ".join(c.value for c in at.sidebar.caption)
    assert f"k-means clusters on {n:,} of the {n + 2:,} columns of numbers" in said
    assert "would fill the sidebar" in said
    leave.set_value(["unit"]).run()
    assert_fine(at)
    said = " ".join(c.value for c in at.sidebar.caption)
    assert f"k-means clusters on {n + 1:,} of the {n + 2:,} columns" in said
    assert "**id**" not in next(c.value for c in at.sidebar.caption if "Left out" in c.value)


def test_a_narrow_table_keeps_the_usual_list():
    from ui.sidebar import WIDGET_COLUMNS

    at = run_page(data="upload", k=2)
    at.file_uploader(key="upload").upload("w.csv", _wide_csv(WIDGET_COLUMNS), "text/csv").run()
    assert_fine(at)
    assert at.multiselect[0].label == "Cluster on"
    assert len(at.multiselect[0].value) == WIDGET_COLUMNS


def test_the_left_out_caption_names_twenty_columns_then_counts_the_rest():
    from kmeans.data import ColumnRole
    from ui.sidebar import LISTED, left_out

    roles = [ColumnRole(f"t{j}", "text", False, "Text") for j in range(LISTED + 5)]
    lines = left_out(roles, ()).splitlines()
    assert lines[1] == "- **t0**: Text" and lines[LISTED] == f"- **t{LISTED - 1}**: Text"
    assert lines[-1] == "- … and 5 more." and len(lines) == LISTED + 2
    assert len(left_out(roles[:LISTED], ()).splitlines()) == LISTED + 1
