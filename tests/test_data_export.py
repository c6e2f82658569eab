"""Tests of kmeans.data.export: the labelled download reads back the same, formulas made inert."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kmeans.data import (
    labelled_csv,
    read_table,
    table_csv,
)
from tests.corpus import READABLE, assert_same_table, read_corpus


@pytest.mark.parametrize("name", READABLE)
def test_download_of_corpus_file_reads_back_the_same(name):
    table = read_corpus(name)
    rows = np.arange(0, len(table.frame), 2)
    back = read_table(labelled_csv(table, rows, rows % 3))
    cluster = back.frame.columns[-1]
    expected_labels = pd.Series([""] * len(table.frame), dtype=object)
    expected_labels[rows] = (rows % 3).astype(str)
    assert back.text[cluster].tolist() == expected_labels.tolist()
    assert_same_table(back, table, drop=cluster)


def test_download_hand_checked():
    table = read_table(b"x,cluster\n1,a\n3,b\n5,c\n")
    out = labelled_csv(table, [0, 2], [1, 0])
    assert out.startswith(b"\xef\xbb\xbf")
    assert out.decode("utf-8-sig").split("\r\n") == [
        "x,cluster,cluster (2)",
        "1,a,1",
        "3,b,",
        "5,c,0",
        "",
    ]


def test_formula_cells_are_inert_but_numbers_stay():
    table = read_corpus("formula.csv")
    lines = labelled_csv(table, [], []).decode("utf-8-sig").split("\r\n")
    assert lines[1:6] == ["'=SUM(A1:A2),1,", "'+cmd,-3.5,", "'-x,2,", "'@here,-4,", "safe,5,"]


def test_decimal_comma_download_keeps_numbers_as_written():
    table = read_corpus("excel_europe.csv")
    lines = labelled_csv(table, [0, 1, 2], [0, 1, 0]).decode("utf-8-sig").split("\r\n")
    assert lines[:3] == ["Produkt;Preis;Menge;cluster", "A;1.234,50;3;0", "B;-2,75;10;1"]


def test_labels_must_match_rows():
    table = read_corpus("comma_basic.csv")
    with pytest.raises(ValueError, match="same length"):
        labelled_csv(table, [0, 1], [0])
    with pytest.raises(ValueError, match="from 0 to 2"):
        labelled_csv(table, [3], [0])


_CELL = st.text(alphabet=st.sampled_from(list('ab é,;"\t\n|=-+@.0123456789')), max_size=6)


_NUMBER = st.floats(-1e9, 1e9, allow_nan=False).map(lambda v: repr(round(v, 3)))


@st.composite
def tables(draw):
    """A small uploaded table: some number columns (with gaps), some text columns."""
    n_rows = draw(st.integers(2, 8))
    columns = {}
    for j in range(draw(st.integers(1, 4))):
        numbers = j == 0 or draw(st.booleans())
        cells = st.one_of(_NUMBER, st.just("")) if numbers else _CELL
        columns[f"c{j}"] = draw(st.lists(cells, min_size=n_rows, max_size=n_rows))
    columns["c0"][0] = "1.5"  # one number, so the file is acceptable
    return pd.DataFrame(columns)


@given(tables(), st.sampled_from([",", ";", "\t"]))
@settings(max_examples=120, deadline=None)
def test_download_round_trip(frame, delimiter):
    data = frame.to_csv(index=False, sep=delimiter).encode()
    table = read_table(data)
    rows = np.arange(len(table.frame))[::2]
    back = read_table(labelled_csv(table, rows, np.zeros(len(rows), dtype=int)))
    assert_same_table(back, table, drop=back.frame.columns[-1])
    again = read_table(labelled_csv(back, [], []))
    assert_same_table(again, back, drop=again.frame.columns[-1])


def test_every_csv_the_page_writes_has_formula_safe_headers():
    frame = pd.DataFrame({"=1+2": [1.5, -2.0], "@x": ["=cmd", "-3.5"], "-y": [1, 2]})
    lines = table_csv(frame).decode("utf-8-sig").split("\r\n")
    assert lines[:3] == ["'=1+2,'@x,'-y", "1.5,'=cmd,1", "-2.0,-3.5,2"]
    table = read_table(b"=1+2,@x,-y\n1,2,3\n4,5,6\n")
    assert labelled_csv(table, [], []).decode("utf-8-sig").split("\r\n")[0] == (
        "'=1+2,'@x,'-y,cluster"
    )


# --- extra number columns in the download -----------------------------------------------


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
