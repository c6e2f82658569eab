"""Tests of kmeans.data.cells: numbers, decimal commas, NA tokens, dates, the parallel path."""

import numpy as np
import pandas as pd
import pytest

from kmeans.data import (
    read_table,
)
from kmeans.data.cells import (
    cast_block,
    date_share,
    number_mask,
    parse_columns,
    parse_numbers,
    plural,
)
from tests.corpus import read_corpus


def test_decimal_comma_semicolon_excel_file_hand_checked():
    table = read_corpus("excel_europe.csv")
    assert table.frame["Preis"].tolist() == [1234.5, -2.75, 0.5]
    assert table.text["Preis"].tolist() == ["1.234,50", "-2,75", "0,5"]
    assert "decimal comma" in " ".join(table.notes)


def test_gaps_stay_gaps_and_text_stays_as_written():
    table = read_corpus("missing.csv")
    assert table.frame["x"].isna().tolist() == [False, True, True, False, False, False, False]
    assert table.text["x"].tolist()[:3] == ["1", "", "NA"]
    assert table.frame["y"].isna().sum() == 2  # "N/A" and "#DIV/0!"


def test_quoted_thousands_and_newlines():
    assert read_corpus("quoted_numbers.csv").frame["x"].tolist() == [1234.5, -3.0, 7.0]
    assert read_corpus("quoted_newline.csv").frame["note"].tolist() == [
        "two\nlines",
        "a, b",
        "plain",
    ]


def test_padded_spaces_and_mixed_line_ends_still_give_numbers():
    table = read_table(b"x , y\r\n 1 , 2\n3,  4.5 \r\n5,6\n")
    assert list(table.frame.columns) == ["x", "y"]
    assert table.frame["y"].tolist() == [2.0, 4.5, 6.0]
    assert table.text["y"].tolist() == [" 2", "  4.5 ", "6"]


def test_infinite_values_are_gaps_with_a_note():
    table = read_table(b"x,y\n1,inf\n2,3\n4,5\n")
    assert np.isnan(table.frame["y"].iloc[0])
    assert any("infinite" in note for note in table.notes)


def test_big_upload_takes_the_parallel_path_and_agrees():
    rng = np.random.default_rng(0)
    values = rng.normal(size=(110_000, 10)).round(4)
    data = pd.DataFrame(values, columns=list("abcdefghij")).to_csv(index=False).encode()
    table = read_table(data)
    np.testing.assert_allclose(table.frame.to_numpy(dtype=float), values)


def test_parse_numbers_decimal_comma_thousands_and_gaps_hand_checked():
    values, missing = parse_numbers(pd.Series(["1.234,50", " 7 ", "NA", "x"]), ",")
    np.testing.assert_array_equal(values, [1234.5, 7.0, np.nan, np.nan])
    assert missing.tolist() == [False, False, True, False]


def test_parse_numbers_dot_decimal_with_thousands_commas():
    values, missing = parse_numbers(pd.Series(["1,234.5", "-3", ""]), ".")
    np.testing.assert_array_equal(values, [1234.5, -3.0, np.nan])
    assert missing.tolist() == [False, False, True]


@pytest.mark.parametrize("token", ["", "NA", "n/a", "#DIV/0!", "null", "?", "-"])
def test_na_tokens_are_gaps_not_text(token):
    numbers, missing = number_mask(pd.Series(["1", token]), ".")
    assert numbers.tolist() == [True, False] and missing.tolist() == [False, True]


def test_parse_columns_keeps_text_and_makes_whole_numbers_int():
    text = pd.DataFrame({"a": ["1", "2"], "b": ["x", "NA"], "c": ["", "NA"]})
    frame, notes = parse_columns(text, ".")
    assert frame["a"].dtype == np.int64 and frame["a"].tolist() == [1, 2]
    assert frame["b"].iloc[0] == "x" and pd.isna(frame["b"].iloc[1])
    assert frame["c"].isna().all() and notes == []


def test_date_share_and_plural_hand_checked():
    assert date_share(pd.Series(["2024-03-01", "01/03/24", "9:30", "soon"])) == 0.75
    assert [plural(n, "row") for n in (0, 1, 2)] == ["0 rows", "1 row", "2 rows"]


def test_a_wide_table_is_cast_at_once_as_column_by_column():
    rng = np.random.default_rng(0)
    values = np.round(rng.normal(size=(6, 120)), 3)
    values[:, 0] = np.arange(6)  # whole numbers stay int64 either way
    values[2, 5] = np.inf  # and an infinite value is a gap with a note
    text = pd.DataFrame(values.astype(str), columns=[f"c{j}" for j in range(120)])
    assert cast_block(text.iloc[:, :3], ",") is None
    np.testing.assert_array_equal(cast_block(text, "."), values)
    frame, notes = parse_columns(text, ".")
    assert frame["c0"].dtype == np.int64 and frame["c1"].dtype == np.float64
    assert np.isnan(frame.iloc[2, 5]) and notes == [
        "Column 'c5' has 1 infinite value; they are treated as missing."
    ]
    for j in (1, 7, 119):
        np.testing.assert_array_equal(frame.iloc[:, j], parse_numbers(text.iloc[:, j], ".")[0])


def test_a_wide_file_reads_as_it_would_column_by_column(monkeypatch):
    """The one-cast path of a wide file (header test, frame) gives what the per-column path does:
    the same names, int64 for whole numbers, a gap and a note for an infinite value."""
    rng = np.random.default_rng(1)
    values = np.round(rng.normal(size=(30, 150)) * 100, 2)
    values[:, 3] = np.arange(30)
    values[7, 9] = np.inf
    header = ",".join(f"m{j}" for j in range(150))
    rows = "\n".join(",".join(f"{v:g}" for v in row) for row in values)
    data = f"{header}\n{rows}\n".encode()
    at_once = read_table(data)
    monkeypatch.setattr("kmeans.data.cells._WIDE_COLUMNS", 10**6)
    monkeypatch.setattr("kmeans.data.reading._WIDE_COLUMNS", 10**6)
    one_by_one = read_table(data)
    pd.testing.assert_frame_equal(at_once.frame, one_by_one.frame)
    pd.testing.assert_frame_equal(at_once.text, one_by_one.text)
    assert at_once.notes == one_by_one.notes
    assert at_once.frame["m3"].dtype == np.int64 and at_once.has_header


def test_cast_block_takes_object_columns_too():
    text = pd.DataFrame({"a": ["1", "2.5"], "b": ["-3", "1e3"]}, dtype=object)
    np.testing.assert_array_equal(cast_block(text, "."), [[1.0, -3.0], [2.5, 1000.0]])
    assert cast_block(pd.DataFrame({"a": ["1", None]}, dtype=object), ".") is None
