"""Data input: uploaded bytes in, the matrix k-means clusters and the labelled download out.

The steps follow what a careful person does with a file from a stranger:

1. look at the first bytes: refuse workbooks, images and other non-text with a sentence;
2. decode (UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252 / Latin-1);
3. find the delimiter and the decimal mark on a sample of the first 64 KB;
4. read every cell once as text (one vectorised ``pandas.read_csv``), then turn the columns
   that hold numbers into numbers, so the download can give back every cell as written;
5. decide which columns k-means should use (:func:`column_roles`), and build the matrix
   (:func:`prepare`): gaps dropped or filled, scaling applied, nothing lost without a note.

Every problem the user can fix raises :class:`DataError` whose text is one sentence for the
page to show with ``st.error``. This module never imports streamlit.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kmeans.validation import check_int, count_distinct_rows

__all__ = [
    "ColumnRole",
    "DataError",
    "Prepared",
    "Table",
    "check_k_fits",
    "column_roles",
    "labelled_csv",
    "prepare",
    "read_table",
    "scaling_advice",
    "to_original_units",
]


class DataError(ValueError):
    """Data the user can fix; ``str(error)`` is one sentence to show on the page."""


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


@dataclass(frozen=True)
class ColumnRole:
    """What a column is and whether k-means uses it by default.

    ``kind`` is one of ``"numeric"``, ``"text"``, ``"date"``, ``"id"``, ``"constant"``,
    ``"empty"``; ``reason`` is one short sentence saying why it is (not) used.
    """

    name: str
    kind: str
    used: bool
    reason: str


@dataclass(frozen=True, eq=False)
class Prepared:
    """The matrix the engine clusters, and how to map it back to the file.

    Attributes
    ----------
    X : ndarray of shape (m, d), float64
        Scaled values of the chosen columns for the clustered rows.
    rows : ndarray of shape (m,), int
        Positions in ``Table.frame`` of the clustered rows, increasing.
    columns : tuple of str, length d
        The chosen columns, in the order of the columns of ``X``.
    offset, scale : ndarray of shape (d,)
        ``original = X * scale + offset``.
    n_left_out : int
        Rows not clustered because of a gap (0 when gaps are filled).
    notes : tuple of str
        Sentences for the user ("12 rows with missing values were left out.").
    """

    X: np.ndarray
    rows: np.ndarray
    columns: tuple[str, ...]
    offset: np.ndarray
    scale: np.ndarray
    n_left_out: int
    notes: tuple[str, ...] = ()


# ---------------------------------------------------------------------------- constants

_SAMPLE_BYTES = 65536
_PARALLEL_CELLS = 1_000_000  # below this, starting threads costs more than it saves
_DELIMITERS = ("\t", ";", "|", ",")  # preference on a tie: "," last, it is also a decimal mark
_DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "vertical bars"}
_MISSING = ("drop", "mean", "median")
_SCALINGS = ("none", "standardize", "minmax")
# Cells that mean "no value" in the files people have (R, Excel, databases, SPSS).
_NA_LOWER = frozenset(
    {"", "na", "n/a", "nan", "null", "none", "#n/a", "#na", "?", "-", ".", "missing"}
    | {"#div/0!", "#value!", "#ref!", "#name?", "#num!", "#null!"}
)
_NA_EXACT = sorted(_NA_LOWER | {t.upper() for t in _NA_LOWER} | {"NaN", "N/A", "Null"})
_NUMBER_LIKE = re.compile(r"\s*[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?\s*")
_COMMA_DECIMAL = re.compile(r"\s*[+-]?\d{1,3}(\.\d{3})*,\d+\s*|\s*[+-]?\d+,\d+\s*")
_DOT_DECIMAL = re.compile(r"\s*[+-]?\d*\.\d+\s*")
_DATE = (
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}( \d{1,2}:\d{2}(:\d{2})?)?"
    r"|\d{1,2}:\d{2}(:\d{2})?"
)
_FORMULA_START = r"[=+\-@\t\r]"
_ID_NAMES = re.compile(r"(?i)(id|index|row|rownames|no|nr|unnamed: ?0|.*[_ ]id)")
_SAVE_AS_CSV = "open it in your spreadsheet and save it as CSV (File > Save as > CSV)"
_SIGNATURES = (
    (b"PK\x03\x04", "an Excel workbook (.xlsx) or another zip file", _SAVE_AS_CSV),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Excel workbook (.xls)", _SAVE_AS_CSV),
    (b"\x89PNG", "a PNG image", "upload the data as a CSV file instead"),
    (b"\xff\xd8\xff", "a JPEG image", "upload the data as a CSV file instead"),
    (b"GIF8", "a GIF image", "upload the data as a CSV file instead"),
    (b"%PDF", "a PDF document", "copy the table into a spreadsheet and save it as CSV"),
    (b"\x1f\x8b", "a gzip-compressed file", "unpack it and upload the CSV file inside"),
    (b"PAR1", "a Parquet file", "export the table as CSV"),
    (b"SQLite format 3", "an SQLite database", "export the table as CSV"),
    (b"{\\rtf", "a Rich Text document", "save the table as CSV instead"),
)


# ---------------------------------------------------------------------------- reading


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
    notes = [] if encoding == "UTF-8" else [_encoding_note(encoding)]
    payload, sample, forced = _strip_sep_line(payload, sample)
    prefer_tab = filename.lower().endswith(".tsv")
    delimiter, n_columns = _sniff_delimiter(sample, prefer_tab, forced)
    decimal = _sniff_decimal(sample, delimiter)
    raw = _read_raw(payload, delimiter, n_columns)
    has_header = _detect_header(raw, decimal)
    text, renamed = _split_header(raw, has_header, _first_row_width(sample, delimiter))
    _check_row_count(text, has_header)
    frame, parse_notes = _parse_columns(text, decimal)
    notes += _layout_notes(delimiter, decimal, has_header, renamed) + parse_notes
    _check_has_numbers(frame, text, decimal)
    return Table(frame, text, encoding, delimiter, decimal, has_header, tuple(notes))


def _refuse_binary(data: bytes) -> None:
    """Step 1: say what a non-text upload looks like, before trying to decode it."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"data must be bytes, got {type(data).__name__}.")
    if not bytes(data[:_SAMPLE_BYTES]).strip():
        raise DataError(
            "The file is empty: upload a CSV file with a header row and rows of numbers."
        )
    for magic, looks_like, todo in _SIGNATURES:
        if data.startswith(magic):
            raise DataError(f"This looks like {looks_like}, not a CSV text file: {todo}.")
    head = bytes(data[:512]).lstrip(codecs.BOM_UTF8).lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        raise DataError(
            "This looks like a web page (HTML), not a table: download the data itself as CSV."
        )


_NOT_TEXT = (
    "This is not a text file (it contains binary data): upload a CSV file, for example one "
    "saved from a spreadsheet with 'Save as CSV'."
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
        raise DataError(
            "The file is empty: upload a CSV file with a header row and rows of numbers."
        )


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


def _sample_rows(sample: str, delimiter: str) -> list[list[str]]:
    # A sample cut at 64 KB may end mid-record: drop that last partial line.
    lines = sample if len(sample) < _SAMPLE_BYTES else sample[: sample.rfind("\n") + 1]
    rows = csv.reader(io.StringIO(lines, newline=""), delimiter=delimiter, quotechar='"')
    return [row for row in rows if row]


def _sniff_delimiter(sample: str, prefer_tab: bool, forced: str | None) -> tuple[str, int]:
    """Step 3: the delimiter whose split is most consistent and gives the most numbers.

    The stdlib csv tokenizer splits the sample (it knows about quotes); scoring each
    candidate beats ``csv.Sniffer`` on ``1,5;2,25`` where both "," and ";" are consistent.
    Returns the delimiter and the largest number of fields seen in a row.
    """
    best, best_key, best_width = ",", None, 1
    for rank, delimiter in enumerate((forced,) if forced else _DELIMITERS):
        rows = _sample_rows(sample, delimiter)
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
    cells = [cell for row in _sample_rows(sample, delimiter) for cell in row]
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
        raise DataError(
            "The file is empty: upload a CSV file with a header row and rows of numbers."
        ) from None
    except pd.errors.ParserError as error:
        raise DataError(_parser_sentence(str(error), delimiter)) from None
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


def _number_mask(column: pd.Series, decimal: str) -> tuple[np.ndarray, np.ndarray]:
    """Booleans (is a number, is missing) for each cell of a text column."""
    values, missing = _parse_numbers(column, decimal)
    return ~missing & ~np.isnan(values), missing


def _detect_header(raw: pd.DataFrame, decimal: str) -> bool:
    """A header is a first row with no number, or with text above a column of numbers."""
    head = raw.iloc[:201]
    first_numbers = 0
    for position in range(raw.shape[1]):
        numbers, missing = _number_mask(head.iloc[:, position], decimal)
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


def _unique_names(names: Sequence[str]) -> list[str]:
    """Strip, fill empty names with ``column i`` and number repeats: ``x``, ``x (2)``."""
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
    rows = _sample_rows(sample[: sample.find("\n") + 1] or sample, delimiter)
    return len(rows[0]) if rows else 0


def _split_header(
    raw: pd.DataFrame, has_header: bool, header_width: int
) -> tuple[pd.DataFrame, list[str]]:
    """Separate the header row (if any) and name the columns; list the names made up."""
    if has_header:
        given = [str(cell) for cell in raw.iloc[0]]
        if header_width == len(given) - 1:
            # R's write.table leaves out the row names' header: the names belong on the right.
            given = ["", *given[:-1]]
        text = raw.iloc[1:].reset_index(drop=True)
    else:
        given = [""] * raw.shape[1]
        text = raw.reset_index(drop=True)
    names = _unique_names(given)
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


def _parse_numbers(column: pd.Series, decimal: str) -> tuple[np.ndarray, np.ndarray]:
    """Float values (NaN where not a number) and a missing-cell mask, for a text column.

    Tries the fast Arrow cast first; only columns with gaps, spaces, thousands separators
    or text go down the slower cleaning path.
    """
    dotted = column if decimal == "." else column.str.replace(",", ".", regex=False)
    if decimal == "." or not column.str.contains(".", regex=False).any():
        values = _cast(dotted)
        if values is not None:
            return values, np.isnan(values)
        missing = column.isin(_NA_EXACT).to_numpy(dtype=bool)
        values = _cast(dotted.where(~missing))
        if values is not None:
            return values, missing
    return _parse_numbers_slowly(column, decimal)


def _cast(column: pd.Series) -> np.ndarray | None:
    """Float64 values if every non-null cell is a number, else None."""
    try:
        values = column.astype("float64[pyarrow]")
    except ImportError:
        values = column
    except (ValueError, TypeError):
        return None
    try:
        return values.to_numpy(dtype=np.float64, na_value=np.nan)
    except (ValueError, TypeError):
        return None


def _parse_numbers_slowly(column: pd.Series, decimal: str) -> tuple[np.ndarray, np.ndarray]:
    cells = column.str.strip()
    missing = (cells.str.lower().isin(_NA_LOWER) | cells.isna()).to_numpy(dtype=bool)
    cells = cells.where(~missing)
    group = "." if decimal == "," else ","
    grouped = cells.str.fullmatch(
        rf"[+-]?\d{{1,3}}(\{group}\d{{3}})+(\{decimal}\d*)?", na=False
    ).to_numpy(dtype=bool)
    if grouped.any():
        cells = cells.where(~grouped, cells.str.replace(group, "", regex=False))
    if decimal == ",":
        cells = cells.str.replace(",", ".", regex=False)
    values = pd.to_numeric(cells, errors="coerce")
    return values.to_numpy(dtype=np.float64, na_value=np.nan), missing


def _parse_columns(text: pd.DataFrame, decimal: str) -> tuple[pd.DataFrame, list[str]]:
    """Numbers where a whole column is numbers (gaps allowed); text with NaN gaps elsewhere."""
    cells = [text[name] for name in text.columns]
    if len(text) * len(cells) >= _PARALLEL_CELLS and len(cells) > 1:
        # The Arrow casts release the GIL, so columns convert in parallel on big uploads.
        with ThreadPoolExecutor(max_workers=min(len(cells), os.cpu_count() or 1)) as pool:
            parsed = list(pool.map(_parse_numbers, cells, [decimal] * len(cells)))
    else:
        parsed = [_parse_numbers(column, decimal) for column in cells]
    columns: dict[str, pd.Series | np.ndarray] = {}
    notes: list[str] = []
    for name, column, (values, missing) in zip(text.columns, cells, parsed, strict=True):
        if missing.all():
            columns[name] = np.full(len(column), np.nan)
        elif np.isnan(values[~missing]).any():
            columns[name] = column.where(~missing)
        else:
            columns[name] = _tidy_numbers(values, name, notes)
    # copy=False: the arrays are fresh, and consolidating them would copy the whole table.
    return pd.DataFrame(columns, index=text.index, copy=False), notes


def _tidy_numbers(values: np.ndarray, name: str, notes: list[str]) -> np.ndarray:
    infinite = np.isinf(values)
    if infinite.any():
        values = np.where(infinite, np.nan, values)
        notes.append(
            f"Column '{name}' has {_count(int(infinite.sum()), 'infinite value')}; "
            "they are treated as missing."
        )
    # Whole numbers become int64 (shown as 1, not 1.0); a float column fails on a sample.
    head = values[:100]
    if not np.array_equal(head, np.trunc(head)) or np.isnan(values).any():
        return values
    if np.all(np.abs(values) < 2**53) and np.array_equal(values, np.trunc(values)):
        return values.astype(np.int64)
    return values


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


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
    if any(pd.api.types.is_numeric_dtype(frame[name]) for name in _filled(frame)):
        return
    for name in frame.columns:
        values, missing = _parse_numbers(text[name], decimal)
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


def _filled(frame: pd.DataFrame) -> list[str]:
    return [name for name in frame.columns if frame[name].notna().any()]


# ---------------------------------------------------------------------------- columns


def column_roles(frame: pd.DataFrame) -> tuple[ColumnRole, ...]:
    """Say what each column is and whether k-means uses it by default.

    Numeric columns are used; text, dates, ids (unique increasing whole numbers, or unique
    whole numbers under a name like ``id``), constant and empty columns are not.

    Parameters
    ----------
    frame : DataFrame of shape (n_rows, n_columns)
        ``Table.frame`` from :func:`read_table`.

    Returns
    -------
    tuple of ColumnRole, length n_columns
        In column order.

    Examples
    --------
    >>> frame = pd.DataFrame({"id": [1, 2, 3], "x": [0.5, 2.0, 1.5], "name": ["a", "b", "c"]})
    >>> [(role.name, role.kind, role.used) for role in column_roles(frame)]
    [('id', 'id', False), ('x', 'numeric', True), ('name', 'text', False)]
    """
    roles = []
    for name in frame.columns:
        kind, reason = _role(str(name), frame[name])
        roles.append(ColumnRole(str(name), kind, kind == "numeric", reason))
    return tuple(roles)


def _role(name: str, column: pd.Series) -> tuple[str, str]:
    present = column.dropna()
    if present.empty:
        return "empty", "Every cell is empty."
    if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
        return _numeric_role(name, present.to_numpy(dtype=np.float64))
    if present.nunique() == 1:
        return "constant", f"Every row holds '{present.iloc[0]}', so it cannot separate groups."
    sample = present.iloc[:1000].astype(str).str.strip()
    if sample.str.fullmatch(_DATE).mean() >= 0.9:
        return "date", "Dates or times: k-means needs numbers, so it is not used."
    return "text", _text_reason(present, sample)


def _numeric_role(name: str, values: np.ndarray) -> tuple[str, str]:
    low, high = values.min(), values.max()
    if low == high:
        return "constant", f"Every row holds {low:g}, so it cannot separate groups."
    whole = np.array_equal(values, np.trunc(values))
    if whole and len(values) >= 3:
        steps = np.diff(values)
        # Ten rows, so a hand-typed toy column 1, 2, 4 is still a measurement.
        increasing = len(values) >= 10 and bool(np.all(steps > 0))
        named = bool(_ID_NAMES.fullmatch(name.strip()))
        if increasing or (named and len(np.unique(values)) == len(values)):
            return "id", "Whole numbers, each row different (a row number or id), not a measure."
    return "numeric", "Numbers: used for clustering."


def _text_reason(present: pd.Series, sample: pd.Series) -> str:
    numbers = pd.to_numeric(sample.str.replace(",", ".", regex=False), errors="coerce")
    if numbers.notna().mean() >= 0.8:
        bad = sample[numbers.isna()].iloc[0]
        return f"Mostly numbers, but '{bad}' is not one: fix such cells to use this column."
    distinct = present.nunique()
    if distinct == len(present):
        return "Text, different in every row (names or codes): k-means needs numbers."
    return f"Text with {distinct} different values (categories): k-means needs numbers."


# ---------------------------------------------------------------------------- matrix


def prepare(
    frame: pd.DataFrame,
    columns: Iterable[str],
    *,
    missing: str = "drop",
    scaling: str = "none",
) -> Prepared:
    """Build the matrix k-means clusters from the chosen numeric columns.

    Parameters
    ----------
    frame : DataFrame of shape (n_rows, n_columns)
        ``Table.frame``.
    columns : iterable of str
        The chosen columns, all numeric.
    missing : {"drop", "mean", "median"}, default "drop"
        Leave out rows with a gap in a chosen column, or fill gaps with the column's mean
        or median.
    scaling : {"none", "standardize", "minmax"}, default "none"
        ``standardize``: (x - mean) / std; ``minmax``: (x - min) / (max - min). A constant
        column is only shifted, never divided by zero.

    Returns
    -------
    Prepared
        ``X`` of shape (m, d), ``rows`` (m,), and the ``offset``/``scale`` (d,) to undo it.

    Examples
    --------
    >>> frame = pd.DataFrame({"x": [1.0, None, 3.0, 5.0], "y": [2.0, 4.0, 6.0, 8.0]})
    >>> prepared = prepare(frame, ["x", "y"], scaling="minmax")
    >>> prepared.rows.tolist(), prepared.X[:, 0].tolist(), prepared.notes[0]
    ([0, 2, 3], [0.0, 0.5, 1.0], '1 row with missing values was left out.')
    """
    _check_choice("missing", missing, _MISSING)
    _check_choice("scaling", scaling, _SCALINGS)
    columns = _check_columns(frame, columns)
    values = frame[list(columns)].to_numpy(dtype=np.float64, na_value=np.nan)
    values, rows, n_left_out, notes = _handle_gaps(values, columns, missing)
    X, offset, scale = _scale(values, columns, scaling, notes)
    return Prepared(X, rows, columns, offset, scale, n_left_out, tuple(notes))


def _check_choice(name: str, value: str, valid: tuple[str, ...]) -> None:
    if value not in valid:
        raise ValueError(f"{name}={value!r} is not one of {', '.join(map(repr, valid))}.")


def _check_columns(frame: pd.DataFrame, columns: Iterable[str]) -> tuple[str, ...]:
    if isinstance(columns, str):
        columns = [columns]
    chosen = tuple(columns)
    if not chosen:
        raise DataError("No column is chosen: choose at least one column of numbers.")
    for name in chosen:
        if name not in frame.columns:
            raise DataError(f"There is no column '{name}' in the file: choose another one.")
        kind = frame[name]
        if not pd.api.types.is_numeric_dtype(kind) or pd.api.types.is_bool_dtype(kind):
            raise DataError(
                f"Column '{name}' holds text, not numbers: choose only numeric columns."
            )
    if len(set(chosen)) != len(chosen):
        raise DataError("A column is chosen twice: choose each column once.")
    return chosen


def _handle_gaps(
    values: np.ndarray, columns: tuple[str, ...], missing: str
) -> tuple[np.ndarray, np.ndarray, int, list[str]]:
    gaps = np.isnan(values)
    if missing == "drop":
        complete = ~gaps.any(axis=1)
        rows = np.flatnonzero(complete)
        n_left_out = len(values) - len(rows)
        if len(rows) < 2:
            raise DataError(
                f"Only {_count(len(rows), 'row')} {'has' if len(rows) == 1 else 'have'} a "
                "value in every chosen column: k-means needs at least 2, so fill the gaps "
                "with the column mean or median, or choose other columns."
            )
        notes = []
        if n_left_out:
            verb = "was" if n_left_out == 1 else "were"
            notes.append(f"{_count(n_left_out, 'row')} with missing values {verb} left out.")
        return values[rows], rows, n_left_out, notes
    return _fill_gaps(values, gaps, columns, missing)


def _fill_gaps(
    values: np.ndarray, gaps: np.ndarray, columns: tuple[str, ...], missing: str
) -> tuple[np.ndarray, np.ndarray, int, list[str]]:
    if len(values) < 2:
        raise DataError("The data has only one row: k-means needs at least two rows.")
    empty = gaps.all(axis=0)
    if empty.any():
        name = columns[int(np.flatnonzero(empty)[0])]
        raise DataError(f"Column '{name}' has no values to fill its gaps with: choose another.")
    notes = []
    if gaps.any():
        # nanmean / nanmedian are safe here: every column has at least one value.
        fill = np.nanmean(values, axis=0) if missing == "mean" else np.nanmedian(values, axis=0)
        values = np.where(gaps, fill, values)
        verb = "was" if gaps.sum() == 1 else "were"
        notes.append(
            f"{_count(int(gaps.sum()), 'missing value')} {verb} filled with the column {missing}."
        )
    return values, np.arange(len(values)), 0, notes


def _scale(
    values: np.ndarray, columns: tuple[str, ...], scaling: str, notes: list[str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    d = values.shape[1]
    if scaling == "none":
        return values, np.zeros(d), np.ones(d)
    with np.errstate(over="ignore", invalid="ignore"):
        if scaling == "standardize":
            offset, scale = values.mean(axis=0), values.std(axis=0)
        else:
            offset = values.min(axis=0)
            scale = values.max(axis=0) - offset
    if not (np.isfinite(offset).all() and np.isfinite(scale).all()):
        raise DataError(
            "Some values are too large to scale (near the largest float): divide that "
            "column by a power of ten, or choose no scaling."
        )
    constant = scale == 0
    if constant.any():
        # Dividing by 1 keeps a constant column at 0 instead of dividing by zero.
        scale = np.where(constant, 1.0, scale)
        shown = ", ".join(f"'{columns[j]}'" for j in np.flatnonzero(constant))
        notes.append(f"Column {shown} has one value only, so it is shifted but not scaled.")
    return (values - offset) / scale, offset, scale


def to_original_units(centroids: np.ndarray, prepared: Prepared) -> np.ndarray:
    """Undo the scaling of :func:`prepare`.

    Parameters
    ----------
    centroids : array-like of shape (k, d)
        Points in the scaled space, e.g. the engine's centroids.
    prepared : Prepared
        The result the points were computed from.

    Returns
    -------
    ndarray of shape (k, d), float64
        ``centroids * prepared.scale + prepared.offset``.

    Examples
    --------
    >>> frame = pd.DataFrame({"x": [0.0, 10.0]})
    >>> prepared = prepare(frame, ["x"], scaling="minmax")
    >>> to_original_units([[0.5]], prepared).tolist()
    [[5.0]]
    """
    points = np.asarray(centroids, dtype=np.float64)
    d = len(prepared.columns)
    if points.ndim != 2 or points.shape[1] != d:
        raise ValueError(
            f"centroids must have shape (k, {d}) to match the chosen columns, got {points.shape}."
        )
    return points * prepared.scale + prepared.offset


def scaling_advice(frame: pd.DataFrame, columns: Iterable[str]) -> str | None:
    """A sentence suggesting standardising when column spreads differ by more than 10x.

    The spread is the standard deviation; constant and empty columns are ignored.

    Parameters
    ----------
    frame : DataFrame of shape (n_rows, n_columns)
    columns : iterable of str
        The chosen numeric columns.

    Returns
    -------
    str or None
        None when fewer than two columns vary, or their spreads are within 10x.

    Examples
    --------
    >>> frame = pd.DataFrame({"age": [20, 40, 60], "income": [20e3, 50e3, 90e3]})
    >>> scaling_advice(frame, ["age", "income"]) is not None
    True
    """
    spreads = {}
    for name in columns:
        column = pd.to_numeric(frame[name], errors="coerce")
        spread = float(column.std(ddof=0)) if column.notna().sum() >= 2 else 0.0
        if np.isfinite(spread) and spread > 0:
            spreads[name] = spread
    if len(spreads) < 2:
        return None
    wide, narrow = max(spreads, key=spreads.get), min(spreads, key=spreads.get)
    ratio = spreads[wide] / spreads[narrow]
    if ratio <= 10:
        return None
    return (
        f"The columns have very different scales ('{wide}' varies about {ratio:,.0f} times "
        f"as much as '{narrow}'), so '{wide}' would decide the groups alone: "
        "choose the scaling 'standardise' to give every column the same weight."
    )


def check_k_fits(n_clusters: int, X: np.ndarray) -> None:
    """Raise :class:`DataError` when K is larger than the number of distinct rows.

    Parameters
    ----------
    n_clusters : int
        K, at least 1.
    X : array-like of shape (n_samples, n_features)
        The matrix to cluster (finite).

    Raises
    ------
    DataError
        With the largest K that works.

    Examples
    --------
    >>> check_k_fits(2, [[0.0], [0.0], [1.0]])
    >>> try:
    ...     check_k_fits(3, [[0.0], [0.0], [1.0]])
    ... except DataError as error:
    ...     print(error)
    K = 3 is larger than the number of distinct rows (2): choose K = 2 or less.
    """
    n_clusters = check_int(n_clusters, "n_clusters", minimum=1)
    points = np.asarray(X, dtype=np.float64)
    if points.ndim != 2:
        raise ValueError(f"X must be 2-D (n_samples, n_features), got shape {points.shape}.")
    distinct = count_distinct_rows(points, at_least=n_clusters)
    if distinct >= n_clusters:
        return
    raise DataError(
        f"K = {n_clusters} is larger than the number of distinct rows ({distinct}): "
        f"choose K = {max(distinct, 1)} or less."
    )


# ---------------------------------------------------------------------------- writing


def labelled_csv(
    table: Table, rows: np.ndarray, labels: np.ndarray, column: str = "cluster"
) -> bytes:
    """The download: every row and cell as given, plus a cluster column.

    The file is UTF-8 with a BOM (so Excel shows accents right) and comma-separated, except
    when the upload used a decimal comma: then it is semicolon-separated, as Excel expects in
    those locales, so the numbers stay exactly as written. Text cells a spreadsheet would run
    as a formula (starting with ``= + - @``, tab or carriage return) get a leading apostrophe;
    numbers such as ``-3.5`` stay as they are. ``read_table`` reads the result back into the
    same table plus the cluster column.

    Parameters
    ----------
    table : Table
        From :func:`read_table`.
    rows : array-like of int, shape (m,)
        Positions of the clustered rows (``Prepared.rows``).
    labels : array-like of int, shape (m,)
        Cluster of each of those rows; other rows get an empty cell.
    column : str, default "cluster"
        Name of the new column; `` (2)`` etc. is appended if the table already has it.

    Returns
    -------
    bytes
        The CSV file.

    Examples
    --------
    >>> table = read_table(b"x,y\\n1,2\\n3,\\n5,6\\n")
    >>> labelled_csv(table, [0, 2], [1, 0]).decode("utf-8-sig").splitlines()
    ['x,y,cluster', '1,2,1', '3,,', '5,6,0']
    """
    rows, labels = _check_labels(table, rows, labels)
    out = _inert(table.text, table.decimal, skip=_numeric_columns(table.frame))
    cluster = np.full(len(out), "", dtype=object)
    cluster[rows] = labels.astype(str)
    out[_unique_names([*table.text.columns, column])[-1]] = cluster
    out.columns = [_inert_header(str(name), table.decimal) for name in out.columns]
    buffer = io.StringIO()
    delimiter = ";" if table.decimal == "," else ","
    out.to_csv(buffer, sep=delimiter, index=False, lineterminator="\r\n")
    return buffer.getvalue().encode("utf-8-sig")


def _check_labels(table: Table, rows, labels) -> tuple[np.ndarray, np.ndarray]:
    rows, labels = np.asarray(rows), np.asarray(labels)
    if rows.size == 0:  # np.asarray([]) is float64; an empty selection is still valid
        rows = rows.astype(np.intp)
    if rows.ndim != 1 or labels.shape != rows.shape:
        raise ValueError(
            f"rows and labels must be 1-D of the same length, got shapes {rows.shape} "
            f"and {labels.shape}."
        )
    if rows.size and (
        not np.issubdtype(rows.dtype, np.integer)
        or rows.min() < 0
        or rows.max() >= len(table.text)
    ):
        raise ValueError(f"rows must be whole numbers from 0 to {len(table.text) - 1}.")
    return rows, labels


def _numeric_columns(frame: pd.DataFrame) -> frozenset[str]:
    return frozenset(name for name in frame.columns if pd.api.types.is_numeric_dtype(frame[name]))


def _inert(text: pd.DataFrame, decimal: str, skip: frozenset[str] = frozenset()) -> pd.DataFrame:
    """Prefix an apostrophe to text cells a spreadsheet would run as a formula.

    Columns in ``skip`` hold only numbers and gaps, which are safe, so they are not scanned.
    """
    out = text.copy()
    for name in out.columns.difference(list(skip), sort=False):
        cells = out[name]
        risky = cells.str.match(_FORMULA_START).to_numpy(dtype=bool)
        if not risky.any():
            continue
        numbers, missing = _number_mask(cells[risky], decimal)
        escape = np.zeros(len(cells), dtype=bool)
        escape[np.flatnonzero(risky)[~(numbers | missing)]] = True
        out[name] = cells.where(~escape, "'" + cells)
    return out


def _inert_header(name: str, decimal: str) -> str:
    return _inert(pd.DataFrame({"h": pd.Series([name], dtype=str)}), decimal)["h"].iloc[0]
