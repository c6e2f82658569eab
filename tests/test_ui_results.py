"""ui/results.py through the page: the cluster table and the downloads."""

from __future__ import annotations

from tests.apptest_page import run_page


def test_results_list_clusters_and_downloads():
    at = run_page()
    assert len(at.dataframe) == 1
    assert at.dataframe[0].value["points"].sum() == 3000
    labels = [b.proto.label for b in at.get("download_button")]
    assert len(labels) == 3 and any("HTML" in label for label in labels)
