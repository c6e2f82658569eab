"""Reading: uploaded bytes in, a :class:`Table` of numbers and cells as written out.

The steps follow what a careful person does with a file from a stranger:

1. look at the first bytes: refuse workbooks, images and other non-text with a sentence;
2. decode (UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252 / Latin-1);
3. find the delimiter and the decimal mark on a sample of the first 64 KB;
4. read every cell once as text (one vectorised ``pandas.read_csv``), then turn the columns
   that hold numbers into numbers (:mod:`kmeans.data.cells`), so the download can give back
   every cell as written.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kmeans.data.cells import cast_block, number_mask, parse_columns, parse_numbers
from kmeans.errors import DataError

__all__ = ["MAX_COLUMNS", "Table", "read_table", "unique_names"]

MAX_COLUMNS = 10_000
"""Most columns a file may have: beyond, the first line is refused with a sentence."""
_SAMPLE_BYTES = 65536
_WIDE_COLUMNS = 100  # from this many columns, the header test looks at the table at once
_SAMPLE_LINES = 5  # whole lines the sniffing sample holds, if they fit in _SAMPLE_MAX_BYTES
_SAMPLE_MAX_BYTES = 4 * 2**20
_DELIMITERS = ("\t", ";", "|", ",")  # preference on a tie: "," last, it is also a decimal mark
_DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "vertical bars"}
_NUMBER_LIKE = re.compile(r"\s*[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?\s*")
_COMMA_DECIMAL = re.compile(r"\s*[+-]?\d{1,3}(\.\d{3})*,\d+\s*|\s*[+-]?\d+,\d+\s*")
_DOT_DECIMAL = re.compile(r"\s*[+-]?\d*\.\d+\s*")
_EMPTY = "The file is empty: upload a CSV file with a header row and rows of numbers."
_NOT_TEXT = (
    "This is not a text file (it contains binary data): upload a CSV file, for example one "
    "saved from a spreadsheet with 'Save as CSV'."
)
_SAVE_AS_CSV = "open it in your spreadsheet and save it as CSV (File > Save as > CSV)"
_UPLOAD_CSV = "upload the data as a CSV file instead"
_EXPORT_CSV = "export the table as CSV"
_SIGNATURES = (
    (b"PK\x03\x04", "an Excel workbook (.xlsx) or another zip file", _SAVE_AS_CSV),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Excel workbook (.xls)", _SAVE_AS_CSV),
    (b"\x89PNG", "a PNG image", _UPLOAD_CSV),
    (b"\xff\xd8\xff", "a JPEG image", _UPLOAD_CSV),
    (b"GIF8", "a GIF image", _UPLOAD_CSV),
    (b"%PDF", "a PDF document", "copy the table into a spreadsheet and save it as CSV"),
    (b"\x1f\x8b", "a gzip-compressed file", "unpack it and upload the CSV file inside"),
    (b"PAR1", "a Parquet file", _EXPORT_CSV),
    (b"SQLite format 3", "an SQLite database", _EXPORT_CSV),
    (b"{\\rtf", "a Rich Text document", "save the table as CSV instead"),
)


@dataclass(frozen=True, eq=False)
class Table:
    """A file as read: parsed numbers for clustering and the cells as written for the download.

    Attributes
    ----------
    frame : DataFrame of shape (n_rows, n_columns)
        Every row and column as given, in order. Numeric columns are ``int64`` (whole numbers,
        no gaps) or ``float64`` (NaN for a gap); other columns are strings with NaN for a gap.
    text : DataFrame of shape (n_rows, n_columns)
        The same cells exactly as written in the file (``""`` for an empty cell).
    encoding, delimiter, decimal : str
        How the file was read, e.g. ``"UTF-8"``, ``";"``, ``","``.
    has_header : bool
        False when the first row held data and the columns were named ``column 1``, ...
    notes : tuple of str
        Sentences for the user about what was done ("Read as Windows-1252 ...").
    """

    frame: pd.DataFrame
    text: pd.DataFrame
    encoding: str
    delimiter: str
    decimal: str
    has_header: bool
    notes: tuple[str, ...] = ()


def read_table(data: bytes, filename: str = "upload.csv") -> Table:
    """Read an uploaded delimited text file into a :class:`Table`.

    Parameters
    ----------
    data : bytes
        The whole file. UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252.
    filename : str, default "upload.csv"
        Used only as a hint: a ``.tsv`` file prefers tabs when the delimiter is ambiguous.

    Returns
    -------
    Table
        ``frame`` and ``text`` of shape (n_rows, n_columns), plus how the file was read.

    Raises
    ------
    DataError
        Empty file, not a text file, a header but fewer than two data rows, ragged rows,
        or no column of numbers. The message is one sentence saying what to do.

    Examples
    --------
    >>> table = read_table(b"x;y\\n1,5;2\\n3;4,25\\n")
    >>> table.delimiter, table.decimal, table.frame["y"].tolist()
    (';', ',', [2.0, 4.25])
    """
    _refuse_binary(data)
    payload, encoding, sample = _decode(data)
    _refuse_zero_byte(payload)
    notes = [] if encoding == "UTF-8" else [_encoding_note(encoding)]
    payload, sample, forced = _strip_sep_line(payload, sample)
    sample = _sniffing_sample(payload)
    prefer_tab = filename.lower().endswith(".tsv")
    delimiter, n_columns = _sniff_delimiter(sample, prefer_tab, forced)
    n_columns = max(n_columns, _check_width(payload, sample, delimiter))
    decimal = _sniff_decimal(sample, delimiter)
    raw = _read_raw(payload, delimiter, n_columns)
    body = raw.iloc[1:]  # sliced once: on thousands of columns each slice costs 0.1 s
    below = _cast_wide(body, decimal)
    has_header = _detect_header(raw, decimal, below)
    text, renamed = _split_header(raw, has_header, _first_row_width(sample, delimiter), body)
    _check_row_count(text, has_header)
    frame, parse_notes = parse_columns(text, decimal, block=below if has_header else None)
    notes += _layout_notes(delimiter, decimal, has_header, renamed) + parse_notes
    _check_has_numbers(frame, text, decimal)
    return Table(frame, text, encoding, delimiter, decimal, has_header, tuple(notes))


def _refuse_binary(data: bytes) -> None:
    """Step 1: say what a non-text upload looks like, before trying to decode it."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"data must be bytes, got {type(data).__name__}.")
    if not bytes(data[:_SAMPLE_BYTES]).strip():
        raise DataError(_EMPTY)
    for magic, looks_like, todo in _SIGNATURES:
        if data.startswith(magic):
            raise DataError(f"This looks like {looks_like}, not a CSV text file: {todo}.")
    head = bytes(data[:512]).lstrip(codecs.BOM_UTF8).lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        raise DataError(
            "This looks like a web page (HTML), not a table: download the data itself as CSV."
        )


def _decode(data: bytes) -> tuple[bytes, str, str]:
    """Step 2: return UTF-8 bytes for pandas, the encoding's name, and a decoded sample."""
    data = bytes(data)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _transcode(data, "utf-16", "UTF-16")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    if b"\x00" in data[:_SAMPLE_BYTES]:
        # UTF-16 without a BOM puts a zero byte beside every ASCII character.
        zeros_odd = data[1:_SAMPLE_BYTES:2].count(0) / max(1, len(data[1:_SAMPLE_BYTES:2]))
        zeros_even = data[0:_SAMPLE_BYTES:2].count(0) / max(1, len(data[0:_SAMPLE_BYTES:2]))
        if max(zeros_odd, zeros_even) < 0.4:
            raise DataError(_NOT_TEXT)
        return _transcode(data, "utf-16-le" if zeros_odd > zeros_even else "utf-16-be", "UTF-16")
    try:
        if not data.isascii():  # isascii is ten times faster than a full decode
            data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return _transcode(data, "cp1252", "Windows-1252")
        except DataError:
            return _transcode(data, "latin-1", "Latin-1")
    sample = data[:_SAMPLE_BYTES].decode("utf-8", errors="ignore")
    _check_text(sample)
    return data, "UTF-8", sample


def _transcode(data: bytes, codec: str, name: str) -> tuple[bytes, str, str]:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        raise DataError(_NOT_TEXT) from None
    sample = text[:_SAMPLE_BYTES]
    _check_text(sample)
    return text.encode("utf-8"), name, sample


def _check_text(sample: str) -> None:
    # Random bytes decode as Latin-1 without error; control characters give them away.
    controls = len(re.findall(r"[\x00-\x08\x0e-\x1f\x7f]", sample))
    if "\x00" in sample or controls > 0.01 * len(sample):
        raise DataError(_NOT_TEXT)
    if not sample.strip():
        raise DataError(_EMPTY)


def _encoding_note(encoding: str) -> str:
    if encoding == "UTF-16":
        return "Read as UTF-16 text."
    return f"Read as {encoding} (the file is not UTF-8): check that accented letters look right."


def _strip_sep_line(payload: bytes, sample: str) -> tuple[bytes, str, str | None]:
    """Honour Excel's optional first line ``sep=;`` and remove it."""
    match = re.match(r"sep=(.)\r?\n", sample)
    if match is None or match.group(1) not in _DELIMITERS:
        return payload, sample, None
    return payload[len(match.group(0)) :], sample[len(match.group(0)) :], match.group(1)


def _sniffing_sample(payload: bytes) -> str:
    """The text the delimiter, decimal mark and width are guessed from.

    The first 64 KB, or more when they hold fewer than ``_SAMPLE_LINES`` whole lines (a wide
    header), up to ``_SAMPLE_MAX_BYTES``; decoded UTF-8 (``payload`` is UTF-8 by now).
    """
    end = 0
    for _ in range(_SAMPLE_LINES):
        found = payload.find(b"\n", end, _SAMPLE_MAX_BYTES)
        if found < 0:
            break
        end = found + 1
    return payload[: max(_SAMPLE_BYTES, end)].decode("utf-8", errors="ignore")


def _check_width(payload: bytes, sample: str, delimiter: str) -> int:
    """Step 3b: the number of fields on the first line, refused beyond ``MAX_COLUMNS``.

    Counted on the bytes when the line is longer than the sample (a whole file on one
    line), so an absurd line costs one pass over the file, not a table of millions of columns.
    """
    if "\n" in sample:
        width = _first_row_width(sample, delimiter)
    else:
        width = payload[: payload.find(b"\n") % (len(payload) + 1)].count(delimiter.encode()) + 1
    if width > MAX_COLUMNS:
        raise DataError(
            f"The first line has {width:,} fields separated by {_DELIMITER_NAMES[delimiter]}, "
            f"more than the {MAX_COLUMNS:,} columns this page reads: keep the columns you need, "
            "and check that each row of the table is on its own line."
        )
    return width


def _refuse_zero_byte(payload: bytes) -> None:
    """A zero byte anywhere (not only in the first 64 KB) means binary data, not text."""
    position = payload.find(b"\x00")
    if position >= 0:
        line = payload.count(b"\n", 0, position) + 1
        raise DataError(
            f"Line {line:,} contains a zero byte, which a text file never has: save the table "
            "again as CSV from a spreadsheet, or remove that line."
        )


def _sample_lines(sample: str, delimiter: str) -> list[list[str]]:
    # A cut sample may end mid-record: drop that last partial line (unless it is the only one).
    cut = sample.rfind("\n") + 1
    lines = sample if len(sample) < _SAMPLE_BYTES or cut == 0 else sample[:cut]
    rows = csv.reader(io.StringIO(lines, newline=""), delimiter=delimiter, quotechar='"')
    try:
        return [row for row in rows if row]
    except csv.Error:  # a field over the csv module's 128 KB limit: not this delimiter
        return []


def _sniff_delimiter(sample: str, prefer_tab: bool, forced: str | None) -> tuple[str, int]:
    """Step 3: the delimiter whose split is most consistent and gives the most numbers.

    The stdlib csv tokenizer splits the sample (it knows about quotes); scoring each
    candidate beats ``csv.Sniffer`` on ``1,5;2,25`` where both "," and ";" are consistent.
    Returns the delimiter and the largest number of fields seen in a row.
    """
    best, best_key, best_width = ",", None, 1
    for rank, delimiter in enumerate((forced,) if forced else _DELIMITERS):
        rows = _sample_lines(sample, delimiter)
        widths = Counter(len(row) for row in rows)
        mode, count = widths.most_common(1)[0] if widths else (1, 0)
        if delimiter == ",":
            best_width = (
                max(best_width, max(widths, default=1)) if best_key is None else best_width
            )
        if mode < 2 and not forced:
            continue
        cells = [cell for row in rows for cell in row if cell.strip()]
        numeric = sum(bool(_NUMBER_LIKE.fullmatch(cell)) for cell in cells) / max(1, len(cells))
        consistent = count / max(1, len(rows))
        preference = len(_DELIMITERS) if prefer_tab and delimiter == "\t" else -rank
        key = (consistent >= 0.9, numeric, consistent, preference)
        if best_key is None or key > best_key:
            best, best_key, best_width = delimiter, key, max(widths, default=1)
    return best, best_width


def _sniff_decimal(sample: str, delimiter: str) -> str:
    """A decimal comma is possible only when the comma is not the delimiter."""
    if delimiter == ",":
        return "."
    cells = [cell for row in _sample_lines(sample, delimiter) for cell in row]
    commas = sum(bool(_COMMA_DECIMAL.fullmatch(cell)) for cell in cells)
    dots = sum(bool(_DOT_DECIMAL.fullmatch(cell)) for cell in cells)
    return "," if commas > dots else "."


def _read_raw(payload: bytes, delimiter: str, n_columns: int) -> pd.DataFrame:
    """Step 4: every cell as a string, in one vectorised read."""
    options = {
        "sep": delimiter,
        "header": None,
        "names": list(range(n_columns)),
        "dtype": str,
        "keep_default_na": False,
        "quotechar": '"',
    }
    # The multithreaded Arrow reader is about 4x faster than the C parser on text, but it
    # reads an unclosed quote to the end of the file; an odd count of quotes goes to C.
    if payload.count(b'"') % 2 == 0:
        try:
            return pd.read_csv(io.BytesIO(payload), engine="pyarrow", **options)
        except (ImportError, ValueError):
            pass  # no pyarrow, or ragged rows: the C parser pads short ones, names long ones
    try:
        raw = pd.read_csv(io.BytesIO(payload), engine="c", **options)
    except pd.errors.EmptyDataError:
        raise DataError(_EMPTY) from None
    except pd.errors.ParserError as error:
        raise DataError(_parser_sentence(str(error), delimiter)) from None
    if raw.empty:  # only delimiters and line ends, e.g. "\r;": no row at all
        raise DataError(_EMPTY)
    return raw.fillna("")


def _parser_sentence(message: str, delimiter: str) -> str:
    name = _DELIMITER_NAMES[delimiter]
    ragged = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message)
    if ragged:
        expected, line, saw = ragged.groups()
        return (
            f"Line {line} has {saw} fields but the lines above have {expected}: a cell "
            f"probably contains one of the {name} that separate the columns; put that cell "
            "in double quotes or remove the extra field."
        )
    if "EOF inside string" in message:
        line = re.search(r"line (\d+)", message)
        where = f" at line {line.group(1)}" if line else ""
        return f"A double quote{where} is opened but never closed: check the quotes in the file."
    return (
        f"The file could not be read as a table of columns separated by {name}: "
        "save it again as CSV from a spreadsheet."
    )


def _cast_wide(body: pd.DataFrame, decimal: str) -> np.ndarray | None:
    """A wide table's cells below its first row (``body``) as numbers in one cast, or None.

    Cast once here, they serve both the header test and, under a header, the frame
    (:func:`~kmeans.data.cells.parse_columns`); None for narrow tables, gaps or text.
    """
    if body.shape[1] < _WIDE_COLUMNS or body.empty:
        return None
    return cast_block(body, decimal)


def _detect_header(raw: pd.DataFrame, decimal: str, below: np.ndarray | None = None) -> bool:
    """A header is a first row with no number, or with text above a column of numbers.

    ``below``: :func:`_cast_wide` of the rows below the first, when it is known.
    """
    if below is not None:
        return _first_row_is_header(raw, decimal)
    head = raw.iloc[:201]
    if raw.shape[1] >= _WIDE_COLUMNS and cast_block(head.iloc[1:], decimal) is not None:
        return _first_row_is_header(head, decimal)
    first_numbers = 0
    for position in range(raw.shape[1]):
        numbers, missing = number_mask(head.iloc[:, position], decimal)
        first_numbers += int(numbers[0])
        below_present = ~missing[1:]
        if (
            not missing[0]
            and not numbers[0]
            and below_present.any()
            and numbers[1:][below_present].all()
        ):
            return True
    return first_numbers == 0


def _first_row_is_header(raw: pd.DataFrame, decimal: str) -> bool:
    """Every cell below the first row is a number: a header is any text in the first row."""
    numbers, missing = number_mask(raw.iloc[0].reset_index(drop=True), decimal)
    return bool((~numbers & ~missing).any() or not numbers.any())


def unique_names(names: Sequence[str]) -> list[str]:
    """Strip, fill empty names with ``column i`` and number repeats: ``x``, ``x (2)``.

    Parameters
    ----------
    names : sequence of str, length n

    Returns
    -------
    list of str, length n
        All different.

    Examples
    --------
    >>> unique_names(["x", " ", "x"])
    ['x', 'column 2', 'x (2)']
    """
    result: list[str] = []
    taken: set[str] = set()
    for position, name in enumerate(names):
        base = str(name).strip() or f"column {position + 1}"
        candidate, count = base, 2
        while candidate in taken:
            candidate, count = f"{base} ({count})", count + 1
        taken.add(candidate)
        result.append(candidate)
    return result


def _first_row_width(sample: str, delimiter: str) -> int:
    rows = _sample_lines(sample[: sample.find("\n") + 1] or sample, delimiter)
    return len(rows[0]) if rows else 0


def _split_header(
    raw: pd.DataFrame, has_header: bool, header_width: int, body: pd.DataFrame | None = None
) -> tuple[pd.DataFrame, list[str]]:
    """Separate the header row (if any) and name the columns; list the names made up.

    ``body``: ``raw.iloc[1:]`` when the caller has it already.
    """
    if has_header:
        given = [str(cell) for cell in raw.iloc[0]]
        if header_width == len(given) - 1:
            # R's write.table leaves out the row names' header: the names belong on the right.
            given = ["", *given[:-1]]
        text = (raw.iloc[1:] if body is None else body).reset_index(drop=True)
    else:
        given = [""] * raw.shape[1]
        text = raw.reset_index(drop=True)
    names = unique_names(given)
    text.columns = names
    renamed = [new for old, new in zip(given, names, strict=True) if old.strip() != new]
    return text, renamed if has_header else []


def _check_row_count(text: pd.DataFrame, has_header: bool) -> None:
    if len(text) == 0:
        raise DataError(
            "The file has a header row but no data rows: add at least two rows of numbers."
        )
    if len(text) == 1:
        raise DataError(
            "The file has only one data row: k-means needs at least two rows to form groups."
        )


def _layout_notes(delimiter: str, decimal: str, has_header: bool, renamed: list[str]) -> list:
    notes = []
    if delimiter != ",":
        mark = " and numbers have a decimal comma" if decimal == "," else ""
        notes.append(f"Columns are separated by {_DELIMITER_NAMES[delimiter]}{mark}.")
    if not has_header:
        notes.append(
            "The first row holds numbers, so it is read as data and the columns are named "
            "'column 1', 'column 2', …"
        )
    if renamed:
        shown = ", ".join(f"'{name}'" for name in renamed[:5])
        notes.append(f"Empty or repeated column names were renamed: {shown}.")
    return notes


def _check_has_numbers(frame: pd.DataFrame, text: pd.DataFrame, decimal: str) -> None:
    # Column by column, so a wide table of numbers stops at its first column.
    if any(
        pd.api.types.is_numeric_dtype(dtype) and frame[name].notna().any()
        for name, dtype in frame.dtypes.items()
    ):
        return
    for name in frame.columns:
        values, missing = parse_numbers(text[name], decimal)
        bad = ~missing & np.isnan(values)
        if (~missing).any() and bad.mean() <= 0.2:
            row = int(np.flatnonzero(bad)[0])
            raise DataError(
                f"No column holds only numbers: column '{name}' is almost all numbers, but "
                f"its cell '{text[name].iloc[row]}' in data row {row + 1} is not one; fix "
                "that cell, since k-means needs at least one column of numbers."
            )
    raise DataError(
        "No column holds numbers: k-means groups rows by their numbers, so the file needs "
        "at least one column of numbers."
    )
