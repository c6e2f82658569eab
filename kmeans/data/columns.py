"""Column roles: which columns k-means uses by default, and one sentence on why (not)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kmeans.data.cells import date_share

__all__ = ["ColumnRole", "column_roles"]

_EMPTY = ("empty", "Every cell is empty.")
_ID_NAMES = re.compile(r"(?i)(id|index|row|rownames|no|nr|unnamed: ?0|.*[_ ]id)")
# Names of a known grouping: "class", "label", "target", "id", alone or as a word of the name.
_LABEL_NAMES = re.compile(r"(?i)(.*[_ .-])?(id|label|labels|class|target)([_ .-].*)?")
LABEL_VALUES = 10  # whole numbers with this many distinct values or fewer look like codes
LABEL_ROWS = 20  # ... in a table of at least this many rows (a toy table is all measures)


@dataclass(frozen=True)
class ColumnRole:
    """What a column is and whether k-means uses it by default.

    ``kind`` is one of ``"numeric"``, ``"label"``, ``"text"``, ``"date"``, ``"id"``,
    ``"constant"``, ``"empty"``; ``reason`` is one short sentence saying why it is (not)
    used. A ``"label"`` holds numbers that look like a known grouping (a class code, a
    year): it is left out so it cannot leak into the clusters, and offered for comparison.
    """

    name: str
    kind: str
    used: bool
    reason: str


def column_roles(frame: pd.DataFrame) -> tuple[ColumnRole, ...]:
    """Say what each column is and whether k-means uses it by default.

    Numeric columns are used; text, dates, ids (unique increasing whole numbers, or unique
    whole numbers under a name like ``id``), labels (whole numbers with at most 10 distinct
    values in 20 rows or more, or numbers under a name like ``class``, ``label``, ``target``
    or ``id``), constant and empty columns are not.

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
    for name, column in frame.items():
        kind, reason = _role(str(name), column)
        roles.append(ColumnRole(str(name), kind, kind == "numeric", reason))
    return tuple(roles)


def _role(name: str, column: pd.Series) -> tuple[str, str]:
    if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
        values = column.to_numpy(dtype=np.float64, na_value=np.nan)
        values = values[~np.isnan(values)]
        return _numeric_role(name, values) if values.size else _EMPTY
    present = column.dropna()
    if present.empty:
        return _EMPTY
    if present.nunique() == 1:
        return _constant(f"'{present.iloc[0]}'")
    cells = present.astype(str).str.strip()  # every value: one odd cell can be anywhere
    if date_share(cells) >= 0.9:
        return "date", "Dates or times: k-means needs numbers, so it is not used."
    return "text", _text_reason(present, cells)


def _numeric_role(name: str, values: np.ndarray) -> tuple[str, str]:
    low, high = values.min(), values.max()
    if low == high:
        return _constant(f"{low:g}")
    whole = np.array_equal(values, np.trunc(values))
    if whole and len(values) >= 3:
        steps = np.diff(values)
        # Ten rows, so a hand-typed toy column 1, 2, 4 is still a measurement.
        increasing = len(values) >= 10 and bool(np.all(steps > 0))
        named = bool(_ID_NAMES.fullmatch(name.strip()))
        if increasing or (named and len(np.unique(values)) == len(values)):
            return "id", "Whole numbers, each row different (a row number or id), not a measure."
    return _label_role(name, values, whole) or ("numeric", "Numbers: used for clustering.")


def _label_role(name: str, values: np.ndarray, whole: bool) -> tuple[str, str] | None:
    """("label", reason) for numbers that look like a known grouping, else None."""
    compare = "left out of the clustering; compare the clusters with it instead."
    if _LABEL_NAMES.fullmatch(name.strip()):
        return "label", f"Looks like a label (its name): {compare}"
    if whole and len(values) >= LABEL_ROWS:
        distinct = len(np.unique(values))
        if distinct <= LABEL_VALUES:
            return "label", (
                f"Looks like a label (whole numbers with only {distinct} different values, "
                f"such as a year or a class code): {compare}"
            )
    return None


def _constant(shown: str) -> tuple[str, str]:
    return "constant", f"Every row holds {shown}, so it cannot separate groups."


def _text_reason(present: pd.Series, cells: pd.Series) -> str:
    numbers = pd.to_numeric(cells.str.replace(",", ".", regex=False), errors="coerce")
    bad = cells[numbers.isna().to_numpy(dtype=bool)]
    if numbers.notna().mean() >= 0.8 and len(bad):
        row = int(np.flatnonzero(numbers.isna().to_numpy(dtype=bool))[0])
        return (
            f"Mostly numbers, but '{bad.iloc[0]}' is not one (data row "
            f"{present.index[row] + 1}): fix such cells to use this column."
        )
    if not len(bad):
        return "Numbers written differently from the file's other numbers: k-means needs numbers."
    distinct = present.nunique()
    if distinct == len(present):
        return "Text, different in every row (names or codes): k-means needs numbers."
    return f"Text with {distinct} different values (categories): k-means needs numbers."
