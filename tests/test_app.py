"""The page's frame, run headless with Streamlit's AppTest: the default page and bad input."""

from __future__ import annotations

from kmeans import samples
from tests.apptest_page import SMALL_CSV, assert_fine, chart_keys, open_tab, run_page


def test_default_page_shows_the_blog_animation_without_a_click():
    at = run_page()
    assert_fine(at)
    assert at.selectbox(key="data").value == samples.BLOG
    assert at.slider(key="k").value == 3
    # Only the open tab is built: the other tabs' charts wait until they are opened.
    assert chart_keys(at) == ["animation"]
    assert next(t.label for t in at.tabs).endswith("Watch k-means")
    assert any("Showing all 3,000 points" in c.value for c in at.caption)
    assert at.query_params["data"] == [samples.BLOG] or at.query_params["data"] == samples.BLOG


def test_each_tab_is_built_when_it_is_opened():
    at = run_page()
    # The elbow is computed without a click on a table this small; Explain draws two charts.
    assert chart_keys(open_tab(at, "Choose K")) == ["animation", "elbow"]
    explain = ["animation", "profile", "silhouette"]
    assert chart_keys(open_tab(at, "Explain the clusters")) == explain
    assert_fine(open_tab(at, "Results"))
    assert chart_keys(at) == ["animation"] and len(at.tabs[2].dataframe) == 1
    assert chart_keys(open_tab(at, "Watch k-means")) == ["animation"]
    assert_fine(at)


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
