"""ui/results.py through the page: the cluster table and the downloads."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kmeans.data import labelled_csv, prepare, read_table, table_csv
from tests.apptest_page import SMALL_CSV, assert_fine, open_tab, run_page
from tests.corpus import CORPUS
from ui.results import STYLED_COLUMNS, coloured


def test_results_list_clusters_and_downloads():
    at = open_tab(run_page(), "Results")
    clusters = at.tabs[2].dataframe[0].value
    assert clusters["points"].sum() == 3000
    assert clusters["mean silhouette"].between(-1, 1).all()
    labels = [b.proto.label for b in at.get("download_button")]
    assert len(labels) == 3 and any("HTML" in label for label in labels)


def _upload(name: str, content: bytes):
    at = run_page(data="upload", k=2)
    at.file_uploader(key="upload").upload(name, content, "text/csv").run()
    assert_fine(open_tab(at, "Results"))
    return at


def test_columns_named_like_the_table_s_own_do_not_crash_it():
    at = _upload("page_columns.csv", (CORPUS / "page_columns.csv").read_bytes())
    table = at.dataframe[0].value
    assert list(table.columns)[:5] == ["cluster", "points", "share", "mean silhouette", "x"]
    assert {"cluster (2)", "points (2)", "share (2)"} <= set(table.columns)


def test_the_page_s_own_download_can_be_uploaded_again():
    """The "table with a cluster column" download, uploaded: its cluster column is a number."""
    table = read_table(SMALL_CSV)
    prepared = prepare(table.frame, ["height", "weight"])
    download = labelled_csv(table, prepared.rows, prepared.rows % 2 + 1)
    at = _upload("clustered.csv", download)
    assert "cluster (2)" in at.dataframe[0].value.columns


def test_centroids_csv_has_formula_safe_headers():
    at = _upload("mine.csv", b"=x,@y\n1,2\n1.5,2.5\n8,9\n8.5,9.5\n")
    columns = ["cluster", "points", "share", "mean silhouette", "=x", "@y"]
    assert list(at.dataframe[0].value.columns) == columns
    assert (
        table_csv(at.dataframe[0].value)
        .decode("utf-8-sig")
        .startswith("cluster,points,share,mean silhouette,'=x,'@y")
    )


def test_a_column_named_mean_silhouette_keeps_its_name():
    at = _upload("mine.csv", b"mean silhouette,y\n1,2\n1.5,2.5\n8,9\n8.5,9.5\n")
    columns = ["cluster", "points", "share", "mean silhouette (2)", "mean silhouette", "y"]
    assert list(at.dataframe[0].value.columns) == columns


def test_the_cluster_table_is_coloured_unless_it_is_very_wide():
    narrow = pd.DataFrame({"cluster": [0, 1], "points": [3, 4], "x": [0.5, 1.5]})
    styled = coloured(narrow).to_html()
    assert "background-color: #" in styled and "color: white" in styled
    wide = pd.DataFrame(np.zeros((2, STYLED_COLUMNS + 1)), columns=[f"c{i}" for i in range(101)])
    wide.insert(0, "cluster", [0, 1])
    assert coloured(wide) is wide  # a plain frame: Streamlit sends it in one block


def test_a_wide_table_s_results_say_the_colours_are_left_out():
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(rng.normal(size=(40, 150)), columns=[f"m{i}" for i in range(150)])
    at = _upload("wide.csv", frame.to_csv(index=False).encode())
    assert any("not coloured as on the chart" in c.value for c in at.tabs[2].caption)
    assert at.tabs[2].dataframe[0].value.shape[0] == 2
