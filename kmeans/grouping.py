"""Rows of a table grouped by their cluster: the one check, and the counts and sums per cluster.

The profile, the comparison with a column and the unusual rows all start from the same
thing: a table, the positions of its clustered rows and a 0-based cluster for each. This
module checks that input once and groups by cluster in O(n) with ``numpy.bincount``, so a
million rows take milliseconds.
"""

from __future__ import annotations

from itertools import pairwise
from typing import NamedTuple

import numpy as np
import pandas as pd

from kmeans.validation import check_int


class Categories(NamedTuple):
    """A column read as categories: one code per row and the name of each code.

    Attributes
    ----------
    codes : ndarray of shape (n_rows,), intp
        0 to ``len(names) - 1``, or -1 for a missing cell.
    names : tuple of str
        The distinct values, sorted (numbers in numeric order), written as text.
    """

    codes: np.ndarray
    names: tuple[str, ...]


def check_labelled_rows(
    n_rows: int, rows, labels, n_clusters: int
) -> tuple[np.ndarray, np.ndarray, int]:
    """Check the clustered rows of a table and their clusters; return them as arrays.

    Parameters
    ----------
    n_rows : int
        Rows in the table.
    rows : array-like of int, shape (m,)
        Positions of the clustered rows (``Prepared.rows``), each below ``n_rows``.
    labels : array-like of int, shape (m,)
        The engine's 0-based clusters of those rows.
    n_clusters : int
        K; every label is below it (a cluster may be empty).

    Returns
    -------
    rows : ndarray of shape (m,), intp
    labels : ndarray of shape (m,), intp
    n_clusters : int

    Examples
    --------
    >>> check_labelled_rows(3, [0, 2], [1, 0], 2)[1].tolist()
    [1, 0]
    """
    n_clusters = check_int(n_clusters, "n_clusters", minimum=1)
    rows, labels = np.asarray(rows), np.asarray(labels)
    if rows.ndim != 1 or labels.shape != rows.shape:
        raise ValueError(
            f"rows and labels must be 1-D of the same length, got shapes {rows.shape} and "
            f"{labels.shape}; give one cluster per clustered row."
        )
    if rows.size == 0:
        raise ValueError("No row is clustered; cluster at least one row first.")
    for name, values, top in (("rows", rows, n_rows), ("labels", labels, n_clusters)):
        if not np.issubdtype(values.dtype, np.integer) or values.min() < 0 or values.max() >= top:
            raise ValueError(f"{name} must be whole numbers from 0 to {top - 1}.")
    return rows.astype(np.intp), labels.astype(np.intp), n_clusters


def every_row(rows: np.ndarray, n_rows: int) -> bool:
    """True when ``rows`` is ``0, 1, ..., n_rows - 1``, so indexing by it can be skipped.

    Examples
    --------
    >>> every_row(np.arange(3), 3), every_row(np.array([0, 2]), 3), every_row([0, 0, 2], 3)
    (True, False, False)
    """
    rows = np.asarray(rows)
    return rows.size == n_rows and (n_rows == 0 or bool(np.all(np.diff(rows) == 1)))


def crosstab(labels: np.ndarray, codes: np.ndarray, n_clusters: int, n_codes: int) -> np.ndarray:
    """How many rows of each cluster hold each code; rows with code -1 are not counted.

    Parameters
    ----------
    labels : ndarray of int, shape (m,)
        0-based clusters.
    codes : ndarray of int, shape (m,)
        0-based category codes, -1 for missing.
    n_clusters, n_codes : int

    Returns
    -------
    ndarray of shape (n_clusters, n_codes), int64

    Examples
    --------
    >>> crosstab(np.array([0, 0, 1]), np.array([1, -1, 0]), 2, 2).tolist()
    [[0, 1], [1, 0]]
    """
    known = codes >= 0
    flat = labels[known].astype(np.int64) * n_codes + codes[known]
    return np.bincount(flat, minlength=n_clusters * n_codes).reshape(n_clusters, n_codes)


def as_categories(column: pd.Series) -> Categories:
    """Read any column as categories (text as written, numbers in numeric order).

    Examples
    --------
    >>> as_categories(pd.Series([2008.0, 2007.0, None, 2008.0]))
    Categories(codes=array([ 1,  0, -1,  1]), names=('2007', '2008'))
    """
    codes, uniques = pd.factorize(column, sort=True, use_na_sentinel=True)
    return Categories(codes.astype(np.intp), tuple(_category_name(value) for value in uniques))


def _category_name(value) -> str:
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    return str(value)


def group_sums(
    labels: np.ndarray, values: np.ndarray, n_clusters: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Count, sum and sum of squares of the non-missing values of each cluster.

    Parameters
    ----------
    labels : ndarray of int, shape (m,)
    values : ndarray of float, shape (m,)
        NaN for a missing value (not counted).
    n_clusters : int

    Returns
    -------
    counts, sums, squares : ndarray of shape (n_clusters,)

    Examples
    --------
    >>> [a.tolist() for a in group_sums(np.array([0, 0, 1]), np.array([1.0, 3.0, np.nan]), 2)]
    [[2.0, 0.0], [4.0, 0.0], [10.0, 0.0]]
    """
    present = ~np.isnan(values)
    at, x = (labels, values) if present.all() else (labels[present], values[present])
    counts = np.bincount(at, minlength=n_clusters).astype(np.float64)
    sums = np.bincount(at, weights=x, minlength=n_clusters)
    squares = np.bincount(at, weights=x * x, minlength=n_clusters)
    return counts, sums, squares


def cluster_order(labels: np.ndarray, n_clusters: int) -> tuple[np.ndarray, np.ndarray]:
    """Rows grouped by cluster: the order and where each cluster starts (for quartiles).

    Examples
    --------
    >>> [a.tolist() for a in cluster_order(np.array([1, 0, 1]), 2)]
    [[1, 0, 2], [0, 1, 3]]
    """
    # A stable sort of 16-bit keys is a radix sort: linear, ten times faster on 1e6 rows.
    keys = labels.astype(np.int16) if n_clusters < 2**15 else labels
    order = np.argsort(keys, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(np.bincount(labels, minlength=n_clusters))])
    return order, bounds


def group_quartiles(order: np.ndarray, bounds: np.ndarray, values: np.ndarray) -> np.ndarray:
    """First quartile, median and third quartile of each cluster's non-missing values.

    Parameters
    ----------
    order : ndarray of shape (m,)
        Rows grouped by cluster, from :func:`cluster_order`.
    bounds : ndarray of shape (n_clusters + 1,)
        Where each cluster's rows start in ``order``, from :func:`cluster_order`.
    values : ndarray of float, shape (m,)

    Returns
    -------
    ndarray of shape (n_clusters, 3)
        NaN for a cluster with no value; linear interpolation, as ``numpy.quantile``.

    Examples
    --------
    >>> group_quartiles(np.arange(4), np.array([0, 4]), np.array([1.0, 2.0, 3.0, 4.0])).tolist()
    [[1.75, 2.5, 3.25]]
    """
    grouped = values[order]
    out = np.full((len(bounds) - 1, 3), np.nan)
    for j, (start, stop) in enumerate(pairwise(bounds)):
        segment = grouped[start:stop]
        segment = segment[~np.isnan(segment)]
        if segment.size:
            out[j] = np.quantile(segment, [0.25, 0.5, 0.75])
    return out
