"""ui/explore.py through the page: profile, comparison, unusual rows, silhouette, hover."""

from __future__ import annotations

import numpy as np
import pandas as pd

from tests.apptest_page import assert_fine, chart_keys, run_page

# Three groups of 20 rows with a species each, and a year that must not be clustered.
_RNG = np.random.default_rng(0)
_CENTRES = {"Adelie": (38.0, 3700.0), "Chinstrap": (49.0, 3730.0), "Gentoo": (47.5, 5100.0)}
PENGUINISH = (
    pd.DataFrame(
        [
            {
                "species": name,
                "bill_length_mm": round(bill + _RNG.normal(0, 1.0), 1),
                "body_mass_g": round(mass + _RNG.normal(0, 150.0)),
                "year": 2007 + i % 3,
            }
            for name, (bill, mass) in _CENTRES.items()
            for i in range(20)
        ]
    )
    .to_csv(index=False)
    .encode()
)


def upload_penguins(**query):
    at = run_page(data="upload", k=3, scaling="standardize", **query)
    at.file_uploader(key="upload").upload("penguins.csv", PENGUINISH, "text/csv").run()
    assert_fine(at)
    return at


def test_an_upload_runs_the_best_of_ten_starts_and_leaves_the_year_out():
    at = upload_penguins()
    assert at.radio(key="init").value == "best"
    assert at.multiselect[0].value == ["bill_length_mm", "body_mass_g"]  # not year
    shown = next(c.value for c in at.tabs[0].caption if "Showing" in c.value)
    assert "best of 10 k-means++ starts" in shown


def test_profile_sentences_heat_map_and_text_shares():
    at = upload_penguins()
    explain = at.tabs[3]
    sentences = next(m.value for m in explain.markdown if m.value.startswith("- Cluster 1"))
    assert sentences.count("- Cluster") == 3
    assert r"100\% Gentoo \(species\)" in sentences  # the page's Markdown, escaped
    assert {"profile", "silhouette"} <= set(chart_keys(at))
    species = next(d.value for d in explain.dataframe if "Gentoo" in d.value.columns)
    np.testing.assert_allclose(species.sum(axis=1), 1.0)


def test_compare_with_species_gives_the_crosstab_ari_and_purity():
    at = upload_penguins()
    at.selectbox(key="compare_with").set_value("species").run()
    explain = at.tabs[3]
    tables = [d.value for d in explain.dataframe if list(d.value.columns) == list(_CENTRES)]
    counts = next(t for t in tables if t.to_numpy().sum() == 60)  # shares sum to 3
    assert sorted(counts.max(axis=1)) == [20, 20, 20]
    metrics = {m.label: m.value for m in explain.metric}
    assert metrics["Adjusted Rand index"] == "1.00" and metrics["Purity"] == "100%"
    assert any("almost the same grouping as" in i.value for i in explain.info)
    assert at.selectbox(key="compare_with").options[0] == "year"  # label-like first


def test_unusual_rows_are_the_farthest_with_their_row_numbers():
    at = upload_penguins()
    unusual = next(
        d.value for d in at.tabs[3].dataframe if "distance_to_centroid" in d.value.columns
    )
    assert len(unusual) == 20
    assert unusual["distance_to_centroid"].is_monotonic_decreasing
    assert unusual["row"].between(1, 60).all()


def test_results_show_each_clusters_mean_silhouette_and_offer_the_extra_columns():
    at = upload_penguins()
    clusters = at.tabs[2].dataframe[0].value
    assert (clusters["mean silhouette"] > 0.5).all()
    at.checkbox(key="download_extras").check().run()
    assert_fine(at)
