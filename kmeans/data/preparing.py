"""Preparing: the chosen columns to the matrix k-means clusters, and back to the file's units.

Gaps are dropped or filled, scaling applied, and nothing is lost without a note.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kmeans.data.cells import plural
from kmeans.errors import DataError
from kmeans.validation import check_int, count_distinct_rows

__all__ = [
    "Prepared",
    "check_k_fits",
    "log_advice",
    "prepare",
    "scaling_advice",
    "skewed_columns",
    "to_original_units",
]

_MISSING = ("drop", "mean", "median")
_SCALINGS = ("none", "standardize", "minmax")
SKEWED = 1.0  # a positive column this skewed is offered the log transform
VERY_SKEWED = 2.0  # ... and above this the page advises it


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
    logged : tuple of str
        The columns whose base-10 logarithm was clustered (before scaling).
    """

    X: np.ndarray
    rows: np.ndarray
    columns: tuple[str, ...]
    offset: np.ndarray
    scale: np.ndarray
    n_left_out: int
    notes: tuple[str, ...] = ()
    logged: tuple[str, ...] = ()


def prepare(
    frame: pd.DataFrame,
    columns: Iterable[str],
    *,
    missing: str = "drop",
    scaling: str = "none",
    log: Iterable[str] = (),
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
    log : iterable of str, default ()
        Chosen columns to take the base-10 logarithm of first (every value must be above 0),
        so that a column spanning 0.001 to 1000 is compared by ratios, not differences.

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
    values, logged = _take_logs(values, columns, log)
    values, rows, n_left_out, notes = _handle_gaps(values, columns, missing)
    X, offset, scale = _scale(values, columns, scaling, notes)
    return Prepared(X, rows, columns, offset, scale, n_left_out, tuple(notes), logged)


def _take_logs(
    values: np.ndarray, columns: tuple[str, ...], log: Iterable[str]
) -> tuple[np.ndarray, tuple[str, ...]]:
    """``values`` with the chosen columns replaced by their base-10 logarithm."""
    logged = (log,) if isinstance(log, str) else tuple(log)
    if logged:
        values = values.copy()  # pandas may hand out a read-only view of its own memory
    for name in logged:
        if name not in columns:
            raise DataError(
                f"Column '{name}' is not clustered, so it cannot be logged: choose it first."
            )
        j = columns.index(name)
        low = np.nanmin(values[:, j], initial=np.inf)
        if low <= 0:
            raise DataError(
                f"Column '{name}' has values of 0 or below (the smallest is {low:g}), which "
                "have no logarithm: leave it out of the log transform."
            )
        values[:, j] = np.log10(values[:, j])
    return values, tuple(name for name in columns if name in logged)


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
                f"Only {plural(len(rows), 'row')} {'has' if len(rows) == 1 else 'have'} a "
                "value in every chosen column: k-means needs at least 2, so fill the gaps "
                "with the column mean or median, or choose other columns."
            )
        notes = []
        if n_left_out:
            verb = "was" if n_left_out == 1 else "were"
            notes.append(f"{plural(n_left_out, 'row')} with missing values {verb} left out.")
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
            f"{plural(int(gaps.sum()), 'missing value')} {verb} filled with the column {missing}."
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
        ``centroids * prepared.scale + prepared.offset``, then ``10 ** value`` for the
        logged columns (so a centroid there is a geometric mean).

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
    original = points * prepared.scale + prepared.offset
    for name in prepared.logged:
        j = prepared.columns.index(name)
        original[:, j] = 10.0 ** original[:, j]
    return original


def skewed_columns(
    frame: pd.DataFrame, columns: Iterable[str], at_least: float = SKEWED
) -> dict[str, float]:
    """The columns with every value above 0 and a skewness of ``at_least`` or more.

    Skewness is the Fisher-Pearson coefficient ``mean((x - mean)³) / std³``: 0 for a
    symmetric column, large when a few rows hold values far above the rest.

    Parameters
    ----------
    frame : DataFrame of shape (n_rows, n_columns)
    columns : iterable of str
        Numeric columns.
    at_least : float, default=1.0

    Returns
    -------
    dict of str to float
        Column name to its skewness, most skewed first.

    Examples
    --------
    >>> frame = pd.DataFrame({"x": np.arange(1.0, 11.0), "y": [0.001] * 9 + [870.0]})
    >>> {name: round(skew, 2) for name, skew in skewed_columns(frame, ["x", "y"]).items()}
    {'y': 2.67}
    """
    names, values = _numeric_block(frame, columns)
    present = ~np.isnan(values)
    count = present.sum(axis=0)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # an empty column: NaN, skipped
        low = np.min(np.where(present, values, np.inf), axis=0, initial=np.inf)
        mean = np.nanmean(values, axis=0)
        spread = np.nanstd(values, axis=0)
        skew = np.nanmean(((values - mean) / spread) ** 3, axis=0)
    keep = (count >= 3) & (low > 0) & (spread > 0) & (skew >= at_least)
    found = {names[j]: float(skew[j]) for j in np.flatnonzero(keep)}
    return dict(sorted(found.items(), key=lambda item: -item[1]))


def _numeric_block(frame: pd.DataFrame, columns) -> tuple[list[str], np.ndarray]:
    """The distinct names of ``columns`` (one name or several, in order), and those columns
    as one float64 array of shape (n_rows, len(names)), NaN for a gap.

    One conversion for all the columns: a column-by-column loop cost 0.5 s on 5,000 columns.
    A column that is not numeric becomes numbers where it can (``pd.to_numeric``), else NaN.
    """
    names = list(dict.fromkeys([columns] if isinstance(columns, str) else columns))
    try:
        return names, frame[names].to_numpy(dtype=np.float64, na_value=np.nan)
    except (TypeError, ValueError):
        parsed = {name: pd.to_numeric(frame[name], errors="coerce") for name in names}
        return names, pd.DataFrame(parsed).to_numpy(dtype=np.float64, na_value=np.nan)


def log_advice(frame: pd.DataFrame, columns: Iterable[str]) -> str | None:
    """A sentence advising the log transform when a positive column is very skewed (>= 2).

    Examples
    --------
    >>> frame = pd.DataFrame({"y": [0.001] * 9 + [870.0]})
    >>> log_advice(frame, ["y"])[:30]
    "'y' is very skewed (skewness 2"
    """
    skewed = skewed_columns(frame, columns, VERY_SKEWED)
    if not skewed:
        return None
    names = ", ".join(f"'{name}'" for name in skewed)
    first, skew = next(iter(skewed.items()))
    which = (
        f"is very skewed (skewness {skew:.1f}"
        if len(skewed) == 1
        else (f"are very skewed (up to {skew:.1f}, for '{first}'")
    )
    return (
        f"{names} {which}: a few rows hold values far above the rest), so those rows would "
        "make clusters of their own: take the logarithm (all their values are above 0) to "
        "compare ratios instead of differences."
    )


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
    names, values = _numeric_block(frame, columns)
    count = (~np.isnan(values)).sum(axis=0)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # an empty column: NaN, ignored
        spreads = np.where(count >= 2, np.nanstd(values, axis=0), 0.0)
    varying = np.flatnonzero(np.isfinite(spreads) & (spreads > 0))
    if len(varying) < 2:
        return None
    wide = names[varying[np.argmax(spreads[varying])]]
    narrow = names[varying[np.argmin(spreads[varying])]]
    ratio = spreads[varying].max() / spreads[varying].min()
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
