"""The page, run headless with Streamlit's AppTest: small data only, so the file stays fast."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kmeans import samples

APP = str(Path(__file__).resolve().parents[1] / "app.py")
SMALL_CSV = b"height,weight,name\n1.0,2.0,a\n1.1,2.1,b\n8.0,9.0,c\n8.2,9.1,d\n,5.0,e\n4.0,4.5,f\n"
# Every kind of column: a row number, a measure, a constant, text and dates; a gap in row 12.
ROLES_CSV = b"id,x,y,unit,name,day\n" + b"".join(
    f"{i},{i % 3 + 0.1 * i},{'' if i == 12 else (i * 7) % 5},1,p{i % 4},2024-01-{i:02d}\n".encode()
    for i in range(1, 21)
)


def run_page(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({k: str(v) for k, v in query.items()})
    return at.run()


def charts(at: AppTest) -> list:
    return at.get("plotly_chart")


def assert_fine(at: AppTest) -> None:
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


def test_default_page_shows_the_blog_animation_without_a_click():
    at = run_page()
    assert_fine(at)
    assert at.selectbox(key="data").value == samples.BLOG
    assert at.slider(key="k").value == 3
    assert len(charts(at)) == 1  # the animation; the elbow waits for its button
    assert next(t.label for t in at.tabs).endswith("Watch k-means")
    assert any("Showing all 3,000 points" in c.value for c in at.caption)
    assert at.query_params["data"] == [samples.BLOG] or at.query_params["data"] == samples.BLOG


def test_changing_k_reruns_and_goes_into_the_url():
    at = run_page()
    at.slider(key="k").set_value(5).run()
    assert_fine(at)
    assert at.query_params["k"] in ("5", ["5"])
    assert len(charts(at)) == 1


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


@pytest.mark.parametrize("key", [k for k in samples.SAMPLES if k != samples.BLOG])
def test_each_sample_plays_at_its_own_k(key):
    at = run_page()
    at.selectbox(key="data").set_value(key).run()
    assert_fine(at)
    assert at.slider(key="k").value == samples.SAMPLES[key].n_clusters
    assert len(charts(at)) == 1


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
    assert len(charts(at)) == 1
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


def test_rows_left_out_are_said_next_to_the_animation():
    at = run_page(data="upload", k=2)
    at.file_uploader(key="upload").upload("roles.csv", ROLES_CSV, "text/csv").run()
    assert_fine(at)
    watch = at.tabs[0]
    shown = next(c.value for c in watch.caption if "Showing" in c.value)
    assert "Showing all 19 points" in shown
    assert "1 row with missing values was left out." in shown


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


def test_scaling_advice_shows_while_scaling_is_none():
    # Halves, so neither column is whole numbers with few values (those look like labels).
    wide = b"a,b\n" + b"".join(
        f"{i % 5 + 0.5},{i * 1000 % 7000 + 0.5}\n".encode() for i in range(30)
    )
    at = run_page(data="upload", k=2)
    at.file_uploader(key="upload").upload("wide.csv", wide, "text/csv").run()
    assert any("different scales" in i.value for i in at.sidebar.info)
    at.selectbox(key="scaling").set_value("standardize").run()
    assert_fine(at)
    assert not any("different scales" in i.value for i in at.sidebar.info)


def test_a_link_with_scaling_starts_with_it():
    at = run_page(data="blobs", scaling="minmax")
    assert_fine(at)
    assert at.selectbox(key="scaling").value == "minmax"


def test_an_upload_without_numbers_is_an_error_sentence():
    at = run_page(data="upload")
    at.file_uploader(key="upload").upload("words.csv", b"a,b\nx,y\nz,w\n", "text/csv").run()
    assert not at.exception
    assert len(at.error) == 1
    assert at.error[0].value.endswith(".")
    assert "Traceback" not in at.error[0].value


def test_too_many_clusters_for_the_data_is_an_error_sentence():
    at = run_page(data="upload", k=9)
    at.file_uploader(key="upload").upload("mine.csv", SMALL_CSV, "text/csv").run()
    assert not at.exception
    assert len(at.error) == 1
    assert "9" in at.error[0].value


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


def test_own_start_waits_for_k_clicks():
    at = run_page(data="blobs", init="own")
    assert_fine(at)
    assert any("click 4 places" in m.value for m in at.markdown)
    assert len(charts(at)) == 1  # the start picker, no animation yet


def test_results_list_clusters_and_downloads():
    at = run_page()
    assert len(at.dataframe) == 1
    assert at.dataframe[0].value["points"].sum() == 3000
    labels = [b.proto.label for b in at.get("download_button")]
    assert len(labels) == 3 and any("HTML" in label for label in labels)
