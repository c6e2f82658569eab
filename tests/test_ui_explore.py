"""ui/explore.py through the page: profile, comparison, unusual rows, silhouette, hover."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kmeans.markup import for_plotly
from tests.apptest_page import assert_fine, chart_keys, open_tab, run_page
from ui.explore import HOVER_COLUMNS, hover_texts

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


@pytest.fixture(scope="module")
def penguins():
    """One page with the upload, shared: each test reads it or sets its own widget."""
    return upload_penguins()


def test_an_upload_runs_the_best_of_ten_starts_and_leaves_the_year_out(penguins):
    at = penguins
    assert at.radio(key="init").value == "best"
    assert at.multiselect[0].value == ["bill_length_mm", "body_mass_g"]  # not year
    shown = next(c.value for c in at.tabs[0].caption if "Showing" in c.value)
    assert "best of 10 k-means++ starts" in shown


def test_profile_sentences_heat_map_and_text_shares(penguins):
    at = open_tab(penguins, "Explain the clusters")
    explain = at.tabs[3]
    sentences = next(m.value for m in explain.markdown if m.value.startswith("- Cluster 1"))
    assert sentences.count("- Cluster") == 3
    assert r"100\% Gentoo \(species\)" in sentences  # the page's Markdown, escaped
    assert {"profile", "silhouette"} <= set(chart_keys(at))
    species = next(d.value for d in explain.dataframe if "Gentoo" in d.value.columns)
    np.testing.assert_allclose(species.sum(axis=1), 1.0)


def test_compare_with_species_gives_the_crosstab_ari_and_purity(penguins):
    at = open_tab(penguins, "Explain the clusters")
    at.selectbox(key="compare_with").set_value("species").run()
    explain = at.tabs[3]
    tables = [d.value for d in explain.dataframe if list(d.value.columns) == list(_CENTRES)]
    counts = next(t for t in tables if t.to_numpy().sum() == 60)  # shares sum to 3
    assert sorted(counts.max(axis=1)) == [20, 20, 20]
    metrics = {m.label: m.value for m in explain.metric}
    assert metrics["Adjusted Rand index"] == "1.00" and metrics["Purity"] == "100%"
    assert any("almost the same grouping as" in i.value for i in explain.info)
    assert at.selectbox(key="compare_with").options[0] == "year"  # label-like first


def test_a_closed_tab_keeps_what_was_chosen_in_it(penguins):
    at = open_tab(penguins, "Explain the clusters")
    at.selectbox(key="compare_with").set_value("species").run()
    at.number_input(key="unusual_rows").set_value(7).run()
    open_tab(at, "Watch k-means")
    assert "compare_with" not in [w.key for w in at.selectbox]  # not built while closed
    open_tab(at, "Explain the clusters")
    assert at.selectbox(key="compare_with").value == "species"
    assert at.number_input(key="unusual_rows").value == 7
    at.number_input(key="unusual_rows").set_value(20).run()


def test_unusual_rows_are_the_farthest_with_their_row_numbers(penguins):
    at = open_tab(penguins, "Explain the clusters")
    unusual = next(
        d.value for d in at.tabs[3].dataframe if "distance_to_centroid" in d.value.columns
    )
    assert len(unusual) == 20
    assert unusual["distance_to_centroid"].is_monotonic_decreasing
    assert unusual["row"].between(1, 60).all()
    at.number_input(key="unusual_rows").set_value(5).run()
    fewer = next(
        d.value for d in at.tabs[3].dataframe if "distance_to_centroid" in d.value.columns
    )
    assert fewer.equals(unusual.head(5))


def test_results_show_each_clusters_mean_silhouette_and_offer_the_extra_columns(penguins):
    at = open_tab(penguins, "Results")
    clusters = at.tabs[2].dataframe[0].value
    assert (clusters["mean silhouette"] > 0.5).all()
    at.checkbox(key="download_extras").check().run()
    assert_fine(at)


def test_hover_shows_the_row_number_and_values_of_each_shown_row():
    frame = pd.DataFrame({"x": [1.5, 2.0, 3.0], "name": ["a", None, "c"]})
    assert hover_texts(frame, np.array([2, 1]), ("x",)) == [
        "row 3<br>x: 3.0<br>name: c",
        "row 2<br>x: 2.0<br>name: (empty)",
    ]


def test_hover_shows_markup_in_names_and_cells_as_text():
    """Plotly would make a link, bold text or a template field of these: they stay text."""
    names = json.loads((Path(__file__).parent / "data" / "hostile_names.json").read_text())
    hostile = ["<b>x</b>", '<a href="http://example.com/">link</a>', "%{x}", "$x^2$"]
    frame = pd.DataFrame({name: [1.0] for name in dict.fromkeys([*hostile, *names])})
    frame["cell"] = hostile[1]
    (text,) = hover_texts(frame, np.array([0]), tuple(frame.columns[:2]))
    lines = text.split("<br>")
    assert lines[0] == "row 1" and len(lines) == 1 + HOVER_COLUMNS
    assert lines[1] == "&#60;b&#62;x&#60;/b&#62;: 1.0"
    for line in lines[1:]:  # no tag, TeX or template of the file's text is left for Plotly
        assert not set("<>${}") & set(line), line
    (cell,) = hover_texts(frame, np.array([0]), ("cell",))
    assert cell.split("<br>")[1] == "cell: " + for_plotly(hostile[1])
