"""Export: the labelled download, with cells a spreadsheet would run as formulas made inert."""

from __future__ import annotations

import io
from collections.abc import Mapping

import numpy as np
import pandas as pd

from kmeans.data.cells import number_mask
from kmeans.data.reading import Table, unique_names
from kmeans.markup import FORMULA_START, formula_safe

__all__ = ["labelled_csv", "table_csv"]


def labelled_csv(
    table: Table,
    rows: np.ndarray,
    labels: np.ndarray,
    column: str = "cluster",
    extra: Mapping[str, np.ndarray] | None = None,
) -> bytes:
    """The download: every row and cell as given, plus a cluster column (and any ``extra``).

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
    extra : mapping of str to array-like of float, shape (m,), optional
        More columns for the clustered rows, e.g. ``{"distance_to_centroid": d}``, written
        with 10 significant digits in the file's decimal mark; NaN and other rows stay empty.

    Returns
    -------
    bytes
        The CSV file.

    Examples
    --------
    >>> from kmeans.data.reading import read_table
    >>> table = read_table(b"x,y\\n1,2\\n3,\\n5,6\\n")
    >>> labelled_csv(table, [0, 2], [1, 0]).decode("utf-8-sig").splitlines()
    ['x,y,cluster', '1,2,1', '3,,', '5,6,0']
    """
    rows, labels = _check_labels(table, rows, labels)
    out = _inert(table.text, table.decimal, skip=_numeric_columns(table.frame))
    cluster = np.full(len(out), "", dtype=object)
    cluster[rows] = labels.astype(str)
    out[unique_names([*table.text.columns, column])[-1]] = cluster
    for name, values in (extra or {}).items():
        out[unique_names([*out.columns, name])[-1]] = _number_column(
            len(out), rows, values, table.decimal
        )
    return _write(out, ";" if table.decimal == "," else ",")


def table_csv(frame: pd.DataFrame) -> bytes:
    """A small table the page made (the centroids, a cluster summary) as a formula-safe CSV.

    Column names and text cells that a spreadsheet would run as a formula get a leading
    apostrophe, as in :func:`labelled_csv`; numbers are written as they are.

    Parameters
    ----------
    frame : DataFrame of shape (n_rows, n_columns)
        Its index is not written.

    Returns
    -------
    bytes
        UTF-8 with a BOM, comma-separated.

    Examples
    --------
    >>> table_csv(pd.DataFrame({"=1+2": [1.5], "name": ["@x"]})).decode("utf-8-sig").split()
    ["'=1+2,name", "1.5,'@x"]
    """
    out = frame.copy()
    for name in out.columns:
        if not pd.api.types.is_numeric_dtype(out[name]):
            out[name] = out[name].map(lambda cell: cell if pd.isna(cell) else formula_safe(cell))
    return _write(out, ",")


def _write(out: pd.DataFrame, delimiter: str) -> bytes:
    out.columns = [formula_safe(str(name)) for name in out.columns]
    buffer = io.StringIO()
    out.to_csv(buffer, sep=delimiter, index=False, lineterminator="\r\n")
    return buffer.getvalue().encode("utf-8-sig")


def _number_column(n_rows: int, rows: np.ndarray, values, decimal: str) -> np.ndarray:
    """Cells for one extra column: numbers at ``rows``, empty elsewhere and for NaN."""
    values = np.asarray(values, dtype=np.float64)
    if values.shape != rows.shape:
        raise ValueError(
            f"an extra column has shape {values.shape} but there are {rows.size} clustered "
            "rows; give one value per clustered row."
        )
    cells = np.full(n_rows, "", dtype=object)
    text = np.char.mod("%.10g", values).astype(object)
    if decimal == ",":
        text = np.char.replace(text.astype(str), ".", ",").astype(object)
    text[np.isnan(values)] = ""
    cells[rows] = text
    return cells


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
        risky = cells.str.match(FORMULA_START).to_numpy(dtype=bool)
        if not risky.any():
            continue
        numbers, missing = number_mask(cells[risky], decimal)
        escape = np.zeros(len(cells), dtype=bool)
        escape[np.flatnonzero(risky)[~(numbers | missing)]] = True
        out[name] = cells.where(~escape, "'" + cells)
    return out
