"""Tests for kmeans.selection: the elbow curve, its silhouettes and the suggested K."""

import pickle
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.metrics import silhouette_score

from kmeans.model import KMeans
from kmeans.selection import (
    REAL_SILHOUETTE,
    ElbowResult,
    _grow,
    advise_k,
    check_k_values,
    elbow,
    suggest_k,
)

XCLARA = Path(__file__).resolve().parents[1] / "kmeans" / "datasets" / "xclara.csv"


def blobs(centres, spread=0.5, size=60, seed=0):
    rng = np.random.default_rng(seed)
    centres = np.asarray(centres, dtype=float)
    return np.concatenate([rng.normal(c, spread, size=(size, centres.shape[1])) for c in centres])


def test_elbow_silhouettes_match_scikit_learn_when_not_sampled():
    X = blobs([[0, 0], [6, 0], [0, 6]], seed=1)
    result = elbow(X, range(1, 5), random_state=0, sample_size=len(X))
    assert np.isnan(result.silhouettes[0])
    for k, value in zip(result.k_values[1:], result.silhouettes[1:], strict=True):
        labels = KMeans(k, n_init=3, random_state=0).fit(X).labels_
        # Same K may land on another (equally good) clustering; both score high and alike.
        assert value == pytest.approx(silhouette_score(X, labels), abs=0.05)


# --- the rule -----------------------------------------------------------------------------


def test_suggest_k_by_hand():
    # Drops: K=2 cuts 60 %, K=3 cuts 75 %, K=4 cuts 20 %: the last cut above half is K=3.
    k, reason = suggest_k([1, 2, 3, 4], [100.0, 40.0, 10.0, 8.0])
    assert k == 3
    assert "K=3" in reason and "75%" in reason and "20%" in reason


def test_suggest_k_without_big_drop_says_one():
    k, reason = suggest_k([1, 2, 3], [100.0, 70.0, 50.0])
    assert k == 1
    assert "no clear groups" in reason


def test_suggest_k_at_the_top_of_the_range_asks_for_more():
    k, reason = suggest_k([1, 2, 3], [100.0, 60.0, 20.0])
    assert k == 3
    assert "try larger K" in reason


def test_suggest_k_uses_inertia_one_when_range_starts_at_two():
    assert suggest_k([2, 3], [10.0, 9.0], inertia_one=100.0)[0] == 2
    assert suggest_k([3], [10.0])[0] == 3


def test_suggest_k_ignores_a_zero_inertia():
    # K=4 puts every distinct point in its own cluster: inertia 0 says nothing about groups.
    assert suggest_k([1, 2, 3, 4], [100.0, 2.0, 1.5, 0.0])[0] == 2


# --- the silhouette's second opinion -------------------------------------------------------

NAN = float("nan")


def test_overlapping_groups_are_not_called_no_groups():
    # Drops 28%, 23%, 8%: no big drop; but the silhouette reaches 0.29 at K=3 (wine's numbers).
    k, reason = advise_k([1, 2, 3, 4], [100.0, 72.0, 55.4, 51.0], [NAN, 0.26, 0.29, 0.25])
    assert k == 3
    assert "biggest cut was 28%, at K=2" in reason
    assert "silhouette reaches 0.29 at K=3" in reason and "not absent" in reason


def test_a_low_silhouette_keeps_no_clear_groups():
    k, reason = advise_k([1, 2, 3], [100.0, 80.0, 70.0], [NAN, 0.2, 0.18])
    assert k == 1
    assert "no clear groups" in reason and "highest 0.20, at K=2" in reason


def test_agreement_names_the_runner_up():
    k, reason = advise_k([1, 2, 3], [100.0, 37.0, 30.0], [NAN, 0.58, 0.46])
    assert k == 2
    assert reason.endswith("The silhouette agrees: it is highest at K=2 (0.58; next K=3, 0.46).")


@pytest.mark.parametrize(
    ("silhouettes", "best", "why"),
    [
        ([NAN, 0.6, 0.4, 0.35], 2, "fewer groups that are far apart"),
        ([NAN, 0.3, 0.4, 0.5], 4, "well apart even though each removes less than half"),
    ],
)
def test_disagreement_says_both_and_why(silhouettes, best, why):
    # Drops 70% (K=2), 60% (K=3), 10% (K=4): the elbow is K=3.
    k, reason = advise_k([1, 2, 3, 4], [100.0, 30.0, 12.0, 10.8], silhouettes)
    assert k == 3
    assert "the elbow) at K=3" in reason
    assert f"The silhouette is highest at K={best} instead" in reason and why in reason


@given(
    cuts=st.lists(st.floats(0.0, 0.95), min_size=2, max_size=9),
    scores=st.lists(st.floats(-0.5, 1.0), min_size=9, max_size=9),
)
def test_never_no_clear_groups_while_the_silhouette_reaches_a_quarter(cuts, scores):
    """Item: K = 1 ("no clear groups") only when every silhouette stays below 0.25."""
    inertias = 100.0 * np.cumprod([1.0, *(1.0 - c for c in cuts)])
    silhouettes = [NAN, *scores[: len(cuts)]]
    k, reason = advise_k(list(range(1, len(inertias) + 1)), inertias, silhouettes)
    if np.nanmax(silhouettes) >= REAL_SILHOUETTE:
        assert k > 1, reason
    assert reason


def test_the_cloud_check_only_speaks_when_the_data_score_no_better():
    args = ([1, 2, 3], [100.0, 70.0, 60.0], [NAN, 0.35, 0.3])
    assert "cut into pieces" in advise_k(*args, reference=lambda k: 0.33)[1]
    assert "not absent" in advise_k(*args, reference=lambda k: 0.2)[1]


def test_silhouettes_must_match_the_k_values():
    with pytest.raises(ValueError, match="one silhouette per K"):
        advise_k([1, 2], [10.0, 5.0], [NAN])


# --- elbow() on data ----------------------------------------------------------------------


def test_xclara_gives_three():
    X = np.loadtxt(XCLARA, delimiter=",", skiprows=1)
    result = elbow(X, random_state=0)
    assert result.elbow_k == 3
    assert result.reason.startswith("K=3 ")


@pytest.mark.parametrize(
    ("centres", "expected"),
    [
        ([[0, 0], [8, 0], [0, 8], [8, 8]], 4),
        (np.vstack([np.zeros(5), 10 * np.eye(5)]), 6),  # 6 blobs in 5 dimensions
    ],
)
def test_known_k_blobs(centres, expected):
    result = elbow(blobs(centres), random_state=0)
    assert result.elbow_k == expected


def test_no_groups_gives_one():
    # One round cloud in 5 dimensions: no big drop and a silhouette below 0.25 everywhere.
    X = np.random.default_rng(0).normal(size=(500, 5))
    result = elbow(X, range(1, 7), random_state=0)
    assert result.elbow_k == 1
    assert np.nanmax(result.silhouettes) < 0.25
    assert "no clear groups" in result.reason and "stays below 0.25" in result.reason


def test_one_flat_cloud_gets_a_warning_not_confidence():
    # A 2-D cloud scores a silhouette above 0.25 when cut, yet has no groups: the advice
    # must not say "no clear groups" (silhouette >= 0.25) and must say it may be one cloud.
    X = np.random.default_rng(0).normal(size=(500, 2))
    result = elbow(X, range(1, 7), random_state=0)
    assert result.elbow_k > 1
    assert "one cloud cut into pieces" in result.reason


@settings(max_examples=40, deadline=None)
@given(
    X=arrays(
        np.float64,
        st.tuples(st.integers(4, 25), st.integers(1, 3)),
        elements=st.floats(-100, 100, allow_nan=False, allow_infinity=False),
    ),
    seed=st.integers(0, 2**16),
)
def test_inertias_never_increase(X, seed):
    k_max = min(6, np.unique(X, axis=0).shape[0])
    result = elbow(X, range(1, k_max + 1), random_state=seed, n_init=1)
    assert np.all(np.diff(result.inertias) <= 0)
    assert np.all(result.inertias >= 0)
    assert result.elbow_k in result.k_values
    finite = result.silhouettes[np.isfinite(result.silhouettes)]
    assert np.all((finite >= -1 - 1e-12) & (finite <= 1 + 1e-12))


def test_grow_starts_below_the_smaller_k():
    X = blobs([[0, 0], [5, 0], [0, 5]], seed=2)
    model = KMeans(2, random_state=0).fit(X)
    assert _grow(X, model).inertia_ < model.inertia_


def test_same_seed_same_result():
    X = blobs([[0, 0], [4, 4]], seed=3)
    first, second = (elbow(X, range(1, 6), random_state=11) for _ in range(2))
    np.testing.assert_array_equal(first.inertias, second.inertias)
    np.testing.assert_array_equal(first.silhouettes, second.silhouettes)
    assert first.elbow_k == second.elbow_k
    # A Generator seeded the same way gives the same result as the int seed.
    third = elbow(X, range(1, 6), random_state=np.random.default_rng(11))
    np.testing.assert_array_equal(first.inertias, third.inertias)


def test_result_unpacks_and_pickles():
    X = blobs([[0, 0], [5, 5]], size=20)
    result = elbow(X, [3, 1, 2], random_state=0, sample_size=10)
    k_values, inertias, silhouettes, elbow_k, reason, starts = result
    assert k_values == (1, 2, 3) and [s.shape for s in starts] == [(1, 2), (2, 2), (3, 2)]
    assert inertias.shape == silhouettes.shape == (3,)
    again = pickle.loads(pickle.dumps(result))
    assert isinstance(again, ElbowResult)
    np.testing.assert_array_equal(again.inertias, inertias)
    assert (again.elbow_k, again.reason) == (elbow_k, reason)


def test_each_start_reproduces_the_inertia_of_its_k():
    X = blobs([[0, 0], [5, 5], [0, 5]], size=30, seed=3)
    result = elbow(X, range(1, 6), random_state=1)
    for k, start, inertia in zip(result.k_values, result.starts, result.inertias, strict=True):
        assert KMeans(k, init=start).fit(X).inertia_ == pytest.approx(inertia, rel=1e-9)


# --- errors -------------------------------------------------------------------------------

SMALL = np.arange(10.0).reshape(5, 2)


@pytest.mark.parametrize(
    ("k_values", "match"),
    [
        ([], "k_values is empty"),
        (5, "k_values must be a list of whole numbers, got 5"),
        ("123", "k_values must be a list"),
        ([1, 2.5], "k_values must hold whole numbers, got 2.5"),
        ([1, True], "whole numbers, got True"),
        ([0, 1, 2], "k_values must be 1 or more, got K=0"),
        ([1, 2, 2], "K=2 more than once"),
        ([1, 2, 4], r"must be consecutive, got \[1, 2, 4\].*range\(1, 5\)"),
        (range(1, 7), "up to K=6 but X has only 5 distinct points"),
    ],
)
def test_bad_k_values(k_values, match):
    with pytest.raises(ValueError, match=match):
        elbow(SMALL, k_values)


def test_k_values_counts_distinct_rows():
    X = np.array([[0.0, 0.0]] * 4 + [[1.0, 1.0]])
    with pytest.raises(ValueError, match="only 2 distinct points"):
        check_k_values(range(1, 4), X)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"random_state": -1}, "random_state.*got -1"),
        ({"random_state": "seed"}, "random_state.*got 'seed'"),
        ({"n_init": 0}, "n_init must be at least 1, got 0"),
        ({"sample_size": 1}, "sample_size must be at least 2, got 1"),
        ({"sample_size": 2.0}, "sample_size must be a whole number"),
    ],
)
def test_bad_options(kwargs, match):
    with pytest.raises(ValueError, match=match):
        elbow(SMALL, range(1, 3), **kwargs)


def test_bad_data():
    with pytest.raises(ValueError, match="NaN"):
        elbow([[0.0, np.nan], [1.0, 1.0]], range(1, 2))
