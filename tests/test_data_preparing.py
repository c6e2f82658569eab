"""Tests of kmeans.data.preparing: gaps, scaling and back, scaling advice, K that fits."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kmeans.data import (
    DataError,
    Prepared,
    check_k_fits,
    log_advice,
    prepare,
    scaling_advice,
    skewed_columns,
    to_original_units,
)


@pytest.fixture
def gappy():
    return pd.DataFrame({"x": [1.0, np.nan, 3.0, 5.0], "y": [2.0, 4.0, np.nan, 10.0]})


def test_drop_leaves_out_rows_with_gaps_and_says_so(gappy):
    prepared = prepare(gappy, ["x", "y"])
    assert isinstance(prepared, Prepared)
    assert prepared.rows.tolist() == [0, 3]
    np.testing.assert_array_equal(prepared.X, [[1.0, 2.0], [5.0, 10.0]])
    assert prepared.n_left_out == 2
    assert prepared.notes == ("2 rows with missing values were left out.",)


@pytest.mark.parametrize(("missing", "filled"), [("mean", [3.0, 16 / 3]), ("median", [3.0, 4.0])])
def test_fill_with_mean_or_median(gappy, missing, filled):
    prepared = prepare(gappy, ["x", "y"], missing=missing)
    assert prepared.rows.tolist() == [0, 1, 2, 3] and prepared.n_left_out == 0
    np.testing.assert_allclose([prepared.X[1, 0], prepared.X[2, 1]], filled)
    assert prepared.notes == (f"2 missing values were filled with the column {missing}.",)


def test_standardize_and_minmax_hand_computed():
    frame = pd.DataFrame({"a": [0.0, 2.0, 4.0], "b": [5.0, 5.0, 5.0]})
    standard = prepare(frame, ["a", "b"], scaling="standardize")
    np.testing.assert_allclose(standard.X[:, 0], [-1.224744871, 0.0, 1.224744871])
    np.testing.assert_array_equal(standard.X[:, 1], [0.0, 0.0, 0.0])  # constant: no 0/0
    assert "'b'" in standard.notes[0]
    minmax = prepare(frame, ["a"], scaling="minmax")
    np.testing.assert_array_equal(minmax.X[:, 0], [0.0, 0.5, 1.0])
    np.testing.assert_allclose(to_original_units(minmax.X, minmax), frame[["a"]].to_numpy())


@given(
    st.lists(st.tuples(*[st.floats(-1e6, 1e6, allow_nan=False)] * 2), min_size=2, max_size=30),
    st.sampled_from(["none", "standardize", "minmax"]),
)
@settings(max_examples=60, deadline=None)
def test_to_original_units_undoes_the_scaling(points, scaling):
    frame = pd.DataFrame(points, columns=["u", "v"])
    prepared = prepare(frame, ["u", "v"], scaling=scaling)
    back = to_original_units(prepared.X, prepared)
    np.testing.assert_allclose(back, frame.to_numpy(), rtol=1e-9, atol=1e-6)


@pytest.mark.parametrize(
    ("columns", "options", "error", "match"),
    [
        ([], {}, DataError, "No column is chosen"),
        (["name"], {}, DataError, "'name' holds text"),
        (["nope"], {}, DataError, "no column 'nope'"),
        (["x", "x"], {}, DataError, "chosen twice"),
        (["x", "g"], {}, DataError, "Only 1 row has a value in every chosen column"),
        (["g"], {"missing": "mean"}, DataError, "no values to fill"),
        (["x"], {"missing": "zero"}, ValueError, "missing='zero' is not one of"),
        (["x"], {"scaling": "log"}, ValueError, "scaling='log' is not one of"),
    ],
)
def test_prepare_errors(columns, options, error, match):
    frame = pd.DataFrame({"x": [1.0, 2.0, 3.0], "g": [np.nan, np.nan, 1.0], "name": list("abc")})
    frame["g"] = frame["g"].where(frame.index == 2)
    if "missing" in options and options["missing"] == "mean":
        frame["g"] = np.nan
    with pytest.raises(error, match=match):
        prepare(frame, columns, **options)


def test_huge_values_cannot_overflow_the_scaling():
    frame = pd.DataFrame({"x": [1e308, -1e308, 0.0]})
    with pytest.raises(DataError, match="too large"):
        prepare(frame, ["x"], scaling="standardize")


def test_scaling_advice_over_ten_times():
    frame = pd.DataFrame({"age": [20, 40, 60], "income": [20e3, 50e3, 90e3], "k": [1, 1, 1]})
    advice = scaling_advice(frame, ["age", "income", "k"])
    assert "'income'" in advice and "'age'" in advice and "standardise" in advice
    assert scaling_advice(frame, ["age", "k"]) is None
    assert scaling_advice(pd.DataFrame({"a": [1, 2, 3], "b": [10, 20, 30]}), ["a", "b"]) is None


def test_k_fits_distinct_rows():
    X = np.array([[0.0, 1.0], [0.0, 1.0], [2.0, 3.0], [-0.0, 1.0]])
    check_k_fits(2, X)
    with pytest.raises(
        DataError,
        match=r"K = 3 is larger than the number of distinct rows \(2\): choose K = 2 or less",
    ):
        check_k_fits(3, X)
    with pytest.raises(DataError, match=r"choose K = 1 or less"):
        check_k_fits(2, np.zeros((5000, 3)))
    check_k_fits(5, np.repeat(np.arange(5.0), 1000)[:, None])


@pytest.mark.parametrize("bad", [0, -1, 2.5, True, "3"])
def test_k_must_be_a_positive_whole_number(bad):
    with pytest.raises(ValueError, match="n_clusters"):
        check_k_fits(bad, np.zeros((3, 1)))


# --- the log transform for positive, skewed columns -------------------------------------


FRAME = pd.DataFrame({"cfu": [0.001, 0.01, 0.1, 1.0, 870.0], "t": [1.0, 2.0, 3.0, 4.0, 5.0]})


def test_log_is_taken_before_scaling_and_undone_for_the_centroids():
    prepared = prepare(FRAME, ["cfu", "t"], log=["cfu"], scaling="minmax")
    assert prepared.logged == ("cfu",)
    low, high = -3.0, np.log10(870.0)
    np.testing.assert_allclose(prepared.X[:, 0], (np.log10(FRAME["cfu"]) - low) / (high - low))
    np.testing.assert_allclose(prepared.X[:, 1], [0, 0.25, 0.5, 0.75, 1])
    # The centroid of 0.01 and 1 in log space is their geometric mean, 0.1.
    middle = prepared.X[[1, 3]].mean(axis=0, keepdims=True)
    np.testing.assert_allclose(to_original_units(middle, prepared), [[0.1, 3.0]])


def test_log_of_zero_or_less_is_refused_with_the_smallest_value():
    frame = pd.DataFrame({"x": [0.0, 1.0, 2.0]})
    with pytest.raises(DataError, match=r"'x' has values of 0 or below \(the smallest is 0\)"):
        prepare(frame, ["x"], log=["x"])
    with pytest.raises(DataError, match="'t' is not clustered"):
        prepare(FRAME, ["cfu"], log=["t"])


def test_gaps_stay_gaps_through_the_log():
    frame = pd.DataFrame({"x": [1.0, None, 100.0]})
    prepared = prepare(frame, ["x"], log="x", missing="mean")
    np.testing.assert_allclose(prepared.X[:, 0], [0.0, 1.0, 2.0])  # filled with the mean log


def test_skewness_matches_scipy_style_formula_and_only_positive_columns_count():
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(
        {
            "lognormal": rng.lognormal(sigma=1.5, size=2000),
            "normal": rng.normal(10, 1, size=2000),
            "signed": rng.lognormal(sigma=1.5, size=2000) - 1,
        }
    )
    found = skewed_columns(frame, frame.columns)
    assert list(found) == ["lognormal"]
    x = frame["lognormal"].to_numpy()
    by_hand = np.mean((x - x.mean()) ** 3) / x.std() ** 3
    assert found["lognormal"] == pytest.approx(by_hand)
    assert pd.Series(x).skew() == pytest.approx(by_hand, rel=0.01)  # pandas' adjusted g1


def test_log_advice_only_when_very_skewed():
    frame = pd.DataFrame({"y": [0.001] * 9 + [870.0], "z": np.arange(1.0, 11.0)})
    advice = log_advice(frame, ["y", "z"])
    assert advice.startswith("'y' is very skewed (skewness 2.7")
    assert log_advice(frame, ["z"]) is None


def test_advice_on_many_columns_agrees_with_each_column_alone():
    """scaling_advice and skewed_columns look at all the columns at once (5,000 columns took
    0.5 s one by one): gaps, an empty and a constant column give what pandas gives per column."""
    rng = np.random.default_rng(2)
    frame = pd.DataFrame(
        rng.lognormal(sigma=1.2, size=(40, 300)) * 10.0 ** rng.integers(-2, 3, 300)
    )
    frame.columns = [f"c{j}" for j in range(300)]
    frame.iloc[::7, 5] = np.nan
    frame["c6"] = np.nan
    frame["c7"] = 3.0
    frame.iloc[0, 8] = -1.0  # not positive: no log
    columns = list(frame.columns)
    spreads = {c: frame[c].std(ddof=0) for c in columns if frame[c].notna().sum() >= 2}
    spreads = {c: s for c, s in spreads.items() if s > 0}
    wide, narrow = max(spreads, key=spreads.get), min(spreads, key=spreads.get)
    assert f"('{wide}' varies about {spreads[wide] / spreads[narrow]:,.0f} times" in (
        scaling_advice(frame, columns)
    )
    found = skewed_columns(frame, columns)
    for name in columns:
        x = frame[name].dropna().to_numpy()
        if x.size >= 3 and x.min() > 0 and x.std() > 0:
            skew = np.mean(((x - x.mean()) / x.std()) ** 3)
            assert (name in found) == (skew >= 1.0), name
            if name in found:
                assert found[name] == pytest.approx(skew)
        else:
            assert name not in found, name
    assert list(found.values()) == sorted(found.values(), reverse=True)
