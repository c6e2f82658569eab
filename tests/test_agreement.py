"""Comparing the clusters with a column: crosstab, purity and ARI (scikit-learn as oracle)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.metrics import adjusted_rand_score

from kmeans.agreement import (
    adjusted_rand_index,
    ari_from_counts,
    compare,
    explain,
    purity_from_counts,
)


def test_ari_by_hand():
    # Clusters {0,1,2} {3,4,5}; classes {0,1} {2,3,4,5}. Table [[2, 1], [0, 3]].
    # index = C(2,2) + C(3,2) = 1 + 3 = 4; rows: C(3,2) * 2 = 6; columns: C(2,2) + C(4,2) = 7;
    # expected = 6 * 7 / C(6,2) = 42 / 15 = 2.8; top = (6 + 7) / 2 = 6.5.
    # ARI = (4 - 2.8) / (6.5 - 2.8) = 1.2 / 3.7.
    counts = np.array([[2, 1], [0, 3]])
    assert ari_from_counts(counts) == pytest.approx(1.2 / 3.7)
    clusters, classes = [0, 0, 0, 1, 1, 1], ["a", "a", "b", "b", "b", "b"]
    assert adjusted_rand_index(classes, clusters) == pytest.approx(1.2 / 3.7)


def test_purity_by_hand():
    # Cluster 1: 2 of 3 are "a"; cluster 2: 3 of 3 are "b": 5 of 6 right.
    assert purity_from_counts(np.array([[2, 1], [0, 3]])) == pytest.approx(5 / 6)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ([0, 0, 0], [1, 1, 1]),  # one group on both sides
        ([0, 1, 2], [5, 6, 7]),  # every row alone on both sides
        ([0, 0, 1, 1], [0, 1, 2, 3]),
        ([0], [0]),
    ],
)
def test_ari_edge_cases_match_scikit_learn(a, b):
    assert adjusted_rand_index(a, b) == pytest.approx(adjusted_rand_score(a, b))


@settings(max_examples=80, deadline=None)
@given(
    data=st.integers(2, 60).flatmap(
        lambda n: st.tuples(
            arrays(np.int64, n, elements=st.integers(0, 4)),
            arrays(np.int64, n, elements=st.integers(0, 6)),
        )
    )
)
def test_ari_matches_scikit_learn(data):
    a, b = data
    assert adjusted_rand_index(a, b) == pytest.approx(adjusted_rand_score(a, b), abs=1e-12)


def test_ari_on_a_million_rows_matches_scikit_learn():
    rng = np.random.default_rng(0)
    truth = rng.integers(0, 3, size=1_000_000)
    guess = np.where(rng.random(truth.size) < 0.8, truth, rng.integers(0, 4, size=truth.size))
    assert adjusted_rand_index(truth, guess) == pytest.approx(
        adjusted_rand_score(truth, guess), rel=1e-9
    )


PENGUINISH = pd.DataFrame(
    {
        "species": ["Adelie", "Adelie", "Gentoo", "Gentoo", "Gentoo", None, "Chinstrap"],
        "year": [2007, 2008, 2007, 2007, 2009, 2008, 2008],
    }
)


def test_compare_gives_the_crosstab_row_shares_and_says_what_was_left_out():
    labels = [0, 0, 1, 1, 1, 1, 0]
    result = compare(PENGUINISH, np.arange(7), labels, 2, "species")
    assert result.values == ("Adelie", "Chinstrap", "Gentoo")
    assert result.counts.tolist() == [[2, 1, 0], [0, 0, 3]]
    np.testing.assert_allclose(result.row_shares, [[2 / 3, 1 / 3, 0], [0, 0, 1]])
    assert result.n_missing == 1
    compared = [0, 1, 2, 3, 4, 6]
    species = PENGUINISH["species"].to_numpy()[compared]
    assert result.ari == pytest.approx(adjusted_rand_score(species, np.array(labels)[compared]))
    assert result.purity == pytest.approx(5 / 6)
    assert "1 clustered row has no 'species'" in result.explanation


def test_compare_with_a_column_of_numbers_reads_them_as_categories():
    result = compare(PENGUINISH, np.arange(7), [0, 0, 1, 1, 1, 1, 0], 2, "year")
    assert result.values == ("2007", "2008", "2009")
    assert result.counts.sum() == 7 and result.n_missing == 0


def test_an_empty_cluster_takes_no_part():
    result = compare(PENGUINISH, [0, 1, 2, 3], [0, 0, 2, 2], 3, "species")
    assert result.counts[1].tolist() == [0, 0] and np.isnan(result.row_shares[1]).all()
    assert result.ari == 1.0 and result.purity == 1.0


@pytest.mark.parametrize(
    ("ari", "words"),
    [
        (0.95, "almost the same grouping as"),
        (0.8, "agree strongly with"),
        (0.4, "agree in part with"),
        (0.1, "agree only weakly with"),
        (-0.02, "no better than chance"),
    ],
)
def test_the_ari_in_words(ari, words):
    text = explain("species", ari, 0.9)
    assert words in text and "Purity 90%" in text


@pytest.mark.parametrize(
    ("column", "rows", "labels", "match"),
    [
        ("nope", [0, 1], [0, 1], "no column 'nope'"),
        ("species", [2, 3], [0, 1], "has 1 different value"),
        ("species", [0, 1], [0, 1, 1], "same length"),
        ("species", [0, 9], [0, 1], "rows must be whole numbers from 0 to 6"),
        ("species", [0, 1], [0, 2], "labels must be whole numbers from 0 to 1"),
    ],
)
def test_bad_comparisons(column, rows, labels, match):
    with pytest.raises(ValueError, match=match):
        compare(PENGUINISH, rows, labels, 2, column)


def test_too_many_values_is_not_a_grouping():
    frame = pd.DataFrame({"name": [f"n{i}" for i in range(60)]})
    with pytest.raises(ValueError, match="60 different value"):
        compare(frame, np.arange(60), np.zeros(60, dtype=int), 1, "name")


def test_ari_needs_two_labellings_of_one_length():
    with pytest.raises(ValueError, match="same length"):
        adjusted_rand_index([0, 1], [0])
