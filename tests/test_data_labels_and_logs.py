"""Column hygiene: numbers that look like a label, and the log transform for skewed columns."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kmeans.data import DataError, column_roles, prepare, to_original_units
from kmeans.data.preparing import log_advice, skewed_columns


def kinds(frame):
    return {role.name: (role.kind, role.used) for role in column_roles(frame)}


def test_few_whole_values_in_a_long_table_look_like_a_label():
    frame = pd.DataFrame(
        {
            "year": np.tile([2007, 2008, 2009], 10),
            "mass": np.linspace(3000, 6000, 30),
            "count": np.arange(30) % 11,  # 11 distinct values: a measure
        }
    )
    roles = kinds(frame)
    assert roles["year"] == ("label", False)
    assert roles["mass"] == ("numeric", True) and roles["count"] == ("numeric", True)
    reason = next(r.reason for r in column_roles(frame) if r.name == "year")
    assert "only 3 different values" in reason and "compare the clusters with it" in reason


@pytest.mark.parametrize("name", ["target", "Class", "label", "species_label", "class id"])
def test_a_name_like_a_label_is_left_out(name):
    frame = pd.DataFrame({name: [0.5, 1.5, 2.5, 0.5], "x": [1.0, 2.0, 3.0, 4.0]})
    assert kinds(frame)[name] == ("label", False)


@pytest.mark.parametrize("name", ["classic", "targets_met", "width", "idle"])
def test_names_that_only_contain_the_word_are_measures(name):
    frame = pd.DataFrame({name: [0.5, 1.5, 2.5, 0.5]})
    assert kinds(frame)[name] == ("numeric", True)


def test_a_small_table_of_whole_numbers_is_still_measured():
    frame = pd.DataFrame({"legs": [2, 4, 4, 6, 8, 2, 4]})  # 7 rows: too few to call it codes
    assert kinds(frame)["legs"] == ("numeric", True)


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


def test_the_download_can_add_number_columns_that_read_back():
    from kmeans.data import labelled_csv, read_table

    table = read_table(b"x,y\n1,2\n3,\n5,6\n")
    extra = {"distance_to_centroid": np.array([0.25, 1 / 3]), "silhouette": [np.nan, -0.5]}
    csv = labelled_csv(table, [0, 2], [1, 2], extra=extra)
    assert csv.decode("utf-8-sig").splitlines() == [
        "x,y,cluster,distance_to_centroid,silhouette",
        "1,2,1,0.25,",
        "3,,,,",
        "5,6,2,0.3333333333,-0.5",
    ]
    back = read_table(csv).frame
    assert back["distance_to_centroid"].iloc[[0, 2]].tolist() == [0.25, 0.3333333333]


def test_extra_columns_follow_a_decimal_comma_and_check_their_length():
    from kmeans.data import labelled_csv, read_table

    table = read_table(b"x;y\n1,5;2\n3,5;4\n")
    csv = labelled_csv(table, [0, 1], [1, 2], extra={"d": [0.5, 1.25]})
    assert csv.decode("utf-8-sig").splitlines()[1:] == ["1,5;2;1;0,5", "3,5;4;2;1,25"]
    with pytest.raises(ValueError, match="one value per clustered row"):
        labelled_csv(table, [0, 1], [1, 2], extra={"d": [0.5]})
