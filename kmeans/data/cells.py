"""Cell parsing: text cells to numbers (decimal commas, thousands, NA tokens), and dates.

Every cell is read once as text; these functions decide which of them are numbers, which are
gaps ("", "NA", "#DIV/0!", ...) and which look like dates, column by column.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd

__all__ = ["cast_block", "date_share", "number_mask", "parse_columns", "parse_numbers", "plural"]

_PARALLEL_CELLS = 1_000_000  # below this, starting threads costs more than it saves
_WIDE_COLUMNS = 100  # from this many columns, try one cast of the whole table first
_BLOCK_CELLS = 5_000_000  # ...if it is small enough for a copy of its cells
# Cells that mean "no value" in the files people have (R, Excel, databases, SPSS).
_NA_LOWER = frozenset(
    {"", "na", "n/a", "nan", "null", "none", "#n/a", "#na", "?", "-", ".", "missing"}
    | {"#div/0!", "#value!", "#ref!", "#name?", "#num!", "#null!"}
)
_NA_EXACT = sorted(_NA_LOWER | {t.upper() for t in _NA_LOWER} | {"NaN", "N/A", "Null"})
_DATE = (
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}( \d{1,2}:\d{2}(:\d{2})?)?"
    r"|\d{1,2}:\d{2}(:\d{2})?"
)


def parse_numbers(column: pd.Series, decimal: str) -> tuple[np.ndarray, np.ndarray]:
    """Float values (NaN where not a number) and a missing-cell mask, for a text column.

    Tries the fast Arrow cast first; only columns with gaps, spaces, thousands separators
    or text go down the slower cleaning path.

    Parameters
    ----------
    column : Series of str, shape (n,)
        Cells as written.
    decimal : {".", ","}
        The file's decimal mark.

    Returns
    -------
    values : ndarray of float64, shape (n,)
    missing : ndarray of bool, shape (n,)
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


def number_mask(column: pd.Series, decimal: str) -> tuple[np.ndarray, np.ndarray]:
    """Booleans (is a number, is missing) for each cell of a text column.

    Takes the same arguments as :func:`parse_numbers`; returns two boolean arrays of shape (n,).

    Examples
    --------
    >>> numbers, missing = number_mask(pd.Series(["1,5", "NA", "x"]), ",")
    >>> numbers.tolist(), missing.tolist()
    ([True, False, False], [False, True, False])
    """
    values, missing = parse_numbers(column, decimal)
    return ~missing & ~np.isnan(values), missing


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


def parse_columns(
    text: pd.DataFrame, decimal: str, *, block: np.ndarray | None = None
) -> tuple[pd.DataFrame, list[str]]:
    """Numbers where a whole column is numbers (gaps allowed); text with NaN gaps elsewhere.

    Parameters
    ----------
    text : DataFrame of str, shape (n_rows, n_columns)
        Every cell as written.
    decimal : {".", ","}
        The file's decimal mark.
    block : ndarray of float64, shape (n_rows, n_columns), optional
        :func:`cast_block` of ``text`` when the caller has it already (the reader casts a
        wide table once, for the header test and for this).

    Returns
    -------
    frame : DataFrame of shape (n_rows, n_columns)
        ``int64`` / ``float64`` columns where every cell is a number or a gap, else text.
    notes : list of str
        Sentences about what was done (infinite values treated as gaps).
    """
    if block is None and text.shape[1] >= _WIDE_COLUMNS:
        block = cast_block(text, decimal)
    if block is not None:
        if block.shape != text.shape:
            raise ValueError(f"block has shape {block.shape}, text {text.shape}.")
        return _block_frame(block, text)
    cells = [text[name] for name in text.columns]
    if len(text) * len(cells) >= _PARALLEL_CELLS and len(cells) > 1:
        # The Arrow casts release the GIL, so columns convert in parallel on big uploads.
        with ThreadPoolExecutor(max_workers=min(len(cells), os.cpu_count() or 1)) as pool:
            parsed = list(pool.map(parse_numbers, cells, [decimal] * len(cells)))
    else:
        parsed = [parse_numbers(column, decimal) for column in cells]
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


def _block_frame(block: np.ndarray, text: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The frame of a table whose every cell is a number, built from its cast at once.

    What :func:`_tidy_numbers` does column by column (infinite values become gaps with a
    note, whole numbers become int64), here on the whole block: a frame of two blocks
    (float64, int64) instead of one per column, which every later step reads faster.
    """
    names = text.columns
    infinite = np.isinf(block)
    notes = []
    if infinite.any():
        counts = infinite.sum(axis=0)
        block = np.where(infinite, np.nan, block)
        notes = [
            f"Column '{names[j]}' has {plural(int(counts[j]), 'infinite value')}; "
            "they are treated as missing."
            for j in np.flatnonzero(counts)
        ]
    with np.errstate(invalid="ignore"):
        whole = np.all(block == np.trunc(block), axis=0) & np.all(np.abs(block) < 2**53, axis=0)
    if not whole.any():
        return pd.DataFrame(block, index=text.index, columns=names), notes
    parts = [
        pd.DataFrame(block[:, ~whole], index=text.index, columns=names[~whole]),
        pd.DataFrame(block[:, whole].astype(np.int64), index=text.index, columns=names[whole]),
    ]
    return pd.concat(parts, axis=1)[names], notes


def cast_block(text: pd.DataFrame, decimal: str) -> np.ndarray | None:
    """All cells as float64 in one cast, when every cell is a plain number (no gaps).

    A wide table (thousands of columns) costs one Arrow cast instead of one per column; any
    gap, text or decimal comma gives None, and the caller goes column by column.

    Parameters
    ----------
    text : DataFrame of str, shape (n_rows, n_columns)
    decimal : {".", ","}

    Returns
    -------
    ndarray of float64, shape (n_rows, n_columns), or None

    Examples
    --------
    >>> cast_block(pd.DataFrame({"a": ["1", "2.5"], "b": ["-3", "1e3"]}), ".").tolist()
    [[1.0, -3.0], [2.5, 1000.0]]
    >>> cast_block(pd.DataFrame({"a": ["1", ""]}), ".") is None
    True
    """
    if decimal != "." or text.size == 0 or text.size > _BLOCK_CELLS:
        return None
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
    except ImportError:
        return None
    try:
        # Every cell column after column in one Arrow array, cast once (one cast per
        # column, or a detour through Python objects, took twice as long on 5,000 columns).
        values = pc.cast(_arrow_cells(text, pa), pa.float64()).to_numpy(zero_copy_only=False)
    except (TypeError, ValueError, pa.ArrowException):
        return None
    if np.isnan(values).any():
        return None
    return values.reshape(text.shape[::-1]).T


def _arrow_cells(text: pd.DataFrame, pa):
    """Every cell of ``text``, column after column, as one Arrow string array.

    The reader's columns are Arrow strings already: their chunks are joined without a copy
    to Python objects. Other frames (object columns) go through ``to_numpy``.
    """
    arrays = list(text._iter_column_arrays()) if hasattr(text, "_iter_column_arrays") else []
    chunked = [getattr(array, "_pa_array", None) for array in arrays]
    if chunked and all(isinstance(c, pa.ChunkedArray) for c in chunked):
        chunks = [chunk for column in chunked for chunk in column.chunks]
        types = {chunk.type for chunk in chunks}
        if len(types) == 1 and types & {pa.string(), pa.large_string()}:
            return pa.concat_arrays(chunks)
    return pa.array(text.to_numpy(dtype=object).ravel(order="F"), type=pa.string())


def _tidy_numbers(values: np.ndarray, name: str, notes: list[str]) -> np.ndarray:
    infinite = np.isinf(values)
    if infinite.any():
        values = np.where(infinite, np.nan, values)
        notes.append(
            f"Column '{name}' has {plural(int(infinite.sum()), 'infinite value')}; "
            "they are treated as missing."
        )
    # Whole numbers become int64 (shown as 1, not 1.0); a float column fails on a sample.
    head = values[:100]
    if not np.array_equal(head, np.trunc(head)) or np.isnan(values).any():
        return values
    if np.all(np.abs(values) < 2**53) and np.array_equal(values, np.trunc(values)):
        return values.astype(np.int64)
    return values


def plural(n: int, noun: str) -> str:
    """``n`` and the noun, with an ``s`` unless ``n`` is 1.

    Examples
    --------
    >>> plural(1, "row"), plural(3, "missing value")
    ('1 row', '3 missing values')
    """
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def date_share(cells: pd.Series) -> float:
    """The fraction of text cells that are a date or a time (``2024-03-01``, ``1/3/24``, ``9:30``).

    Parameters
    ----------
    cells : Series of str, shape (n,)
        Stripped, non-missing cells.

    Returns
    -------
    float
        From 0 to 1 (NaN for no cells).

    Examples
    --------
    >>> date_share(pd.Series(["2024-03-01", "9:30", "soon"]))
    0.6666666666666666
    """
    return float(cells.str.fullmatch(_DATE).mean())
