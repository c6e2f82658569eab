"""Tests of kmeans.data.reading: the corpus, encodings, delimiters, headers, errors, fuzzing."""

import io

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kmeans.data import (
    DataError,
    check_k_fits,
    column_roles,
    labelled_csv,
    prepare,
    read_table,
)
from kmeans.data.reading import unique_names
from tests.corpus import CORPUS, EXPECTED, read_corpus, same_cells

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_every_corpus_file_has_an_expected_outcome():
    files = {p.name for p in CORPUS.iterdir() if p.suffix not in (".py", ".json")}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file_reads_as_expected(name):
    expected = EXPECTED[name]
    if "error" in expected:
        with pytest.raises(DataError, match=expected["error"]):
            read_corpus(name)
        return
    table = read_corpus(name)
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
    assert same_cells(expected["first_row"], first) or first == expected["first_row"]
    assert table.text.shape == table.frame.shape


def test_encoding_is_named_when_not_utf8():
    table = read_corpus("windows1252.csv")
    assert table.frame.columns[1] == "température"
    assert table.frame["ville"].tolist() == ["Nîmes", "Brest"]
    assert any("Windows-1252" in note for note in table.notes)
    assert read_corpus("utf16_excel.txt").notes[0] == "Read as UTF-16 text."
    assert not any("UTF" in note for note in read_corpus("utf8_bom.csv").notes)


def test_file_without_header_names_its_columns():
    table = read_corpus("no_header.csv")
    assert list(table.frame.columns) == ["column 1", "column 2"]
    assert table.frame["column 1"].tolist() == [1.5, 3.0, 5.0]
    assert "column 1" in table.notes[0]


def test_r_write_table_header_is_aligned_right():
    table = read_corpus("r_write_table.txt")
    assert list(table.frame.columns) == ["column 1", "x", "y"]
    assert table.frame["x"].iloc[:3].tolist() == [1.5, 3.0, 4.5]


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


def test_data_error_is_a_value_error():
    assert issubclass(DataError, ValueError)


def test_text_frame_is_exactly_what_was_written():
    data = b"a;b\n 007 ;x\n1,50;\n"
    table = read_table(data)
    assert table.text.to_numpy().tolist() == [[" 007 ", "x"], ["1,50", ""]]
    assert io.BytesIO(data).read() == data  # the input is not modified


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


def test_unique_names_fill_and_number_repeats():
    assert unique_names(["x", " ", "x", "x (2)", " y "]) == [
        "x",
        "column 2",
        "x (2)",
        "x (2) (2)",
        "y",
    ]


def test_data_error_lives_in_kmeans_errors():
    from kmeans import errors

    assert DataError is errors.DataError


def test_a_whole_file_on_one_line_is_refused_in_one_pass():
    """A first line longer than any sample is counted on the bytes, not read as a table."""
    import tracemalloc

    content = b"1.5," * (2 * 2**20)  # 8 MB, one line, two million fields
    tracemalloc.start()
    with pytest.raises(DataError, match="The first line has 2,097,153 fields separated by"):
        read_table(content)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 3 * len(content)


def test_a_header_longer_than_the_sample_keeps_every_name():
    table = read_corpus("wide_header.csv")
    assert table.frame.shape == (4, 300)
    assert table.frame.columns[299].startswith("measure 299 mmm")
    assert table.frame.iloc[3, 299] == 3 * 300 + 299 + 0.5
    assert not table.notes


def test_a_zero_byte_far_down_the_file_gets_a_sentence():
    with pytest.raises(DataError, match="Line 17,501 contains a zero byte"):
        read_corpus("late_zero_byte.csv")
