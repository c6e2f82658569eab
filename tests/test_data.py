"""Tests of kmeans/data.py: the corpus of real-looking files, hand-computed cases, fuzzing."""

import io
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kmeans.data import (
    ColumnRole,
    DataError,
    Prepared,
    Table,
    check_k_fits,
    column_roles,
    labelled_csv,
    prepare,
    read_table,
    scaling_advice,
    to_original_units,
)

CORPUS = Path(__file__).parent / "data"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
READABLE = sorted(name for name, outcome in EXPECTED.items() if "error" not in outcome)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _read(name: str) -> Table:
    return read_table((CORPUS / name).read_bytes(), name)


def _same_cells(left: list, right: list) -> bool:
    return all(
        (a is None and isinstance(b, float) and math.isnan(b)) or a == b
        for a, b in zip(left, right, strict=True)
    )


# ---------------------------------------------------------------------------- the corpus


def test_every_corpus_file_has_an_expected_outcome():
    files = {p.name for p in CORPUS.iterdir() if p.suffix not in (".py", ".json")}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file_reads_as_expected(name):
    expected = EXPECTED[name]
    if "error" in expected:
        with pytest.raises(DataError, match=expected["error"]):
            _read(name)
        return
    table = _read(name)
    assert (table.encoding, table.delimiter, table.decimal, table.has_header) == (
        expected["encoding"],
        expected["delimiter"],
        expected["decimal"],
        expected["has_header"],
    )
    assert list(table.frame.columns) == expected["columns"]
    assert len(table.frame) == expected["rows"]
    assert [role.kind for role in column_roles(table.frame)] == expected["kinds"]
    first = [None if pd.isna(v) else v for v in table.frame.iloc[0].tolist()]
    assert _same_cells(expected["first_row"], first) or first == expected["first_row"]
    assert table.text.shape == table.frame.shape


@pytest.mark.parametrize("name", READABLE)
def test_download_of_corpus_file_reads_back_the_same(name):
    table = _read(name)
    rows = np.arange(0, len(table.frame), 2)
    back = read_table(labelled_csv(table, rows, rows % 3))
    cluster = back.frame.columns[-1]
    expected_labels = pd.Series([""] * len(table.frame), dtype=object)
    expected_labels[rows] = (rows % 3).astype(str)
    assert back.text[cluster].tolist() == expected_labels.tolist()
    assert_same_table(back, table, drop=cluster)


def assert_same_table(back: Table, table: Table, drop: str) -> None:
    """The download reads back cell for cell; formula-like text comes back with its "'"."""
    text = back.text.drop(columns=drop)
    assert list(text.columns) == list(table.text.columns)
    got, given_ = text.to_numpy(dtype=object), table.text.to_numpy(dtype=object)
    escaped = got != given_
    assert all(g == "'" + o for g, o in zip(got[escaped], given_[escaped], strict=True))
    if not escaped.any():
        pd.testing.assert_frame_equal(back.frame.drop(columns=drop), table.frame)


# ---------------------------------------------------------------------------- reading


def test_decimal_comma_semicolon_excel_file_hand_checked():
    table = _read("excel_europe.csv")
    assert table.frame["Preis"].tolist() == [1234.5, -2.75, 0.5]
    assert table.text["Preis"].tolist() == ["1.234,50", "-2,75", "0,5"]
    assert "decimal comma" in " ".join(table.notes)


def test_encoding_is_named_when_not_utf8():
    table = _read("windows1252.csv")
    assert table.frame.columns[1] == "température"
    assert table.frame["ville"].tolist() == ["Nîmes", "Brest"]
    assert any("Windows-1252" in note for note in table.notes)
    assert _read("utf16_excel.txt").notes[0] == "Read as UTF-16 text."
    assert not any("UTF" in note for note in _read("utf8_bom.csv").notes)


def test_file_without_header_names_its_columns():
    table = _read("no_header.csv")
    assert list(table.frame.columns) == ["column 1", "column 2"]
    assert table.frame["column 1"].tolist() == [1.5, 3.0, 5.0]
    assert "column 1" in table.notes[0]


def test_r_write_table_header_is_aligned_right():
    table = _read("r_write_table.txt")
    assert list(table.frame.columns) == ["column 1", "x", "y"]
    assert table.frame["x"].iloc[:3].tolist() == [1.5, 3.0, 4.5]


def test_gaps_stay_gaps_and_text_stays_as_written():
    table = _read("missing.csv")
    assert table.frame["x"].isna().tolist() == [False, True, True, False, False, False, False]
    assert table.text["x"].tolist()[:3] == ["1", "", "NA"]
    assert table.frame["y"].isna().sum() == 2  # "N/A" and "#DIV/0!"


def test_quoted_thousands_and_newlines():
    assert _read("quoted_numbers.csv").frame["x"].tolist() == [1234.5, -3.0, 7.0]
    assert _read("quoted_newline.csv").frame["note"].tolist() == ["two\nlines", "a, b", "plain"]


def test_padded_spaces_and_mixed_line_ends_still_give_numbers():
    table = read_table(b"x , y\r\n 1 , 2\n3,  4.5 \r\n5,6\n")
    assert list(table.frame.columns) == ["x", "y"]
    assert table.frame["y"].tolist() == [2.0, 4.5, 6.0]
    assert table.text["y"].tolist() == [" 2", "  4.5 ", "6"]


def test_infinite_values_are_gaps_with_a_note():
    table = read_table(b"x,y\n1,inf\n2,3\n4,5\n")
    assert np.isnan(table.frame["y"].iloc[0])
    assert any("infinite" in note for note in table.notes)


def test_tsv_extension_prefers_tabs_on_a_tie():
    data = b"a,b\tc,d\n1,2\t3,4\n5,6\t7,8\n"
    assert read_table(data, "x.tsv").delimiter == "\t"


def test_utf16_without_bom_is_read():
    assert read_table("x,y\n1,2\n3,4\n".encode("utf-16-le")).encoding == "UTF-16"


@pytest.mark.parametrize(
    ("data", "match"),
    [
        (b"", "empty"),
        (b"\xef\xbb\xbf", "empty"),
        (b"\r;", "empty"),
        (b"PK\x03\x04rest", r"Excel workbook \(\.xlsx\)"),
        (b"\xff\xd8\xff\xe0", "JPEG image"),
        (b"GIF89a", "GIF image"),
        (b"\x1f\x8b\x08\x00", "gzip"),
        (b"x,y\n\x00\x01\x02\x03,1\n", "not a text file"),
        (b"x;y\n", "no data rows"),
        (b"x,y\n1,2\n", "only one data row"),
        (b"1,2\n", "only one data row"),
        (b"a,b\nc,d\ne,f\n", "No column holds numbers"),
        (b'x,y\n1,"2\n3,4\n', "never closed"),
    ],
)
def test_read_errors_are_one_sentence(data, match):
    with pytest.raises(DataError, match=match) as caught:
        read_table(data)
    message = str(caught.value)
    assert message.endswith(".") and "\n" not in message and ":" in message


def test_long_row_beyond_the_sample_names_its_line():
    body = b"".join(b"%d,%d\n" % (i, i + 1) for i in range(20000))
    with pytest.raises(DataError, match=r"Line 20002 has 3 fields .* 2"):
        read_table(b"x,y\n" + body + b"1,2,3\n")


def test_big_upload_takes_the_parallel_path_and_agrees():
    rng = np.random.default_rng(0)
    values = rng.normal(size=(110_000, 10)).round(4)
    data = pd.DataFrame(values, columns=list("abcdefghij")).to_csv(index=False).encode()
    table = read_table(data)
    np.testing.assert_allclose(table.frame.to_numpy(dtype=float), values)


def test_data_error_is_a_value_error():
    assert issubclass(DataError, ValueError)


# ---------------------------------------------------------------------------- roles


def test_roles_say_why_each_column_is_left_out():
    roles = {role.name: role for role in column_roles(_read("roles.csv").frame)}
    assert [name for name, role in roles.items() if role.used] == ["x", "y"]
    assert roles["id"].kind == "id"
    assert roles["date"].kind == "date"
    assert roles["constant"].reason == "Every row holds 7, so it cannot separate groups."
    assert roles["empty"].kind == "empty"
    assert "categories" in roles["group"].reason
    assert all(isinstance(role, ColumnRole) and role.reason for role in roles.values())


def test_mostly_numbers_column_names_the_bad_cell():
    roles = column_roles(_read("mostly_numbers.csv").frame)
    assert roles[1].kind == "text"
    assert "'abc' is not one" in roles[1].reason


def test_short_increasing_column_is_still_a_measurement():
    frame = pd.DataFrame({"x": [1, 2, 4], "user_id": [7, 3, 5], "z": [0.5, 0.1, 0.2]})
    assert [role.kind for role in column_roles(frame)] == ["numeric", "id", "numeric"]


# ---------------------------------------------------------------------------- prepare


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


# ---------------------------------------------------------------------------- K


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


# ---------------------------------------------------------------------------- download


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
    table = _read("formula.csv")
    lines = labelled_csv(table, [], []).decode("utf-8-sig").split("\r\n")
    assert lines[1:6] == ["'=SUM(A1:A2),1,", "'+cmd,-3.5,", "'-x,2,", "'@here,-4,", "safe,5,"]


def test_decimal_comma_download_keeps_numbers_as_written():
    table = _read("excel_europe.csv")
    lines = labelled_csv(table, [0, 1, 2], [0, 1, 0]).decode("utf-8-sig").split("\r\n")
    assert lines[:3] == ["Produkt;Preis;Menge;cluster", "A;1.234,50;3;0", "B;-2,75;10;1"]


def test_labels_must_match_rows():
    table = _read("comma_basic.csv")
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


# ---------------------------------------------------------------------------- fuzzing


def _only_data_errors(data: bytes) -> None:
    try:
        table = read_table(data)
    except DataError:
        return
    roles = column_roles(table.frame)
    used = [role.name for role in roles if role.used]
    try:
        prepared = prepare(table.frame, used, missing="median", scaling="standardize")
        check_k_fits(2, prepared.X)
    except DataError:
        pass
    labelled_csv(table, [], [])


@given(st.binary(max_size=400))
@FUZZ
def test_random_bytes_raise_only_data_errors(data):
    _only_data_errors(data)


_CSVISH = st.text(alphabet=st.sampled_from(list('0123456789.,;\t|"\r\n -eE+xyNA=é\x00')))


@given(_CSVISH, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
@FUZZ
def test_random_csv_like_text_raises_only_data_errors(text, encoding):
    _only_data_errors(text.encode(encoding, errors="replace"))


def test_text_frame_is_exactly_what_was_written():
    data = b"a;b\n 007 ;x\n1,50;\n"
    table = read_table(data)
    assert table.text.to_numpy().tolist() == [[" 007 ", "x"], ["1,50", ""]]
    assert io.BytesIO(data).read() == data  # the input is not modified
