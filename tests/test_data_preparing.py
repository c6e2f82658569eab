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
    prepare,
    scaling_advice,
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
