"""What each cluster is like: its size, its centroid and its profile over the table's columns.

The profile covers every column of the file, clustered or not: for numbers, each cluster's
mean, median and interquartile range and how many standard deviations its mean sits from the
whole table's; for text, the share of each category; and one plain sentence per cluster.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from kmeans.data.reading import unique_names
from kmeans.grouping import (
    as_categories,
    check_labelled_rows,
    cluster_order,
    crosstab,
    every_row,
    group_quartiles,
    group_sums,
)


def cluster_table(
    labels: np.ndarray, centroids: np.ndarray, columns: tuple[str, ...]
) -> pd.DataFrame:
    """One row per cluster: its number, size, share of the rows and centroid.

    Parameters
    ----------
    labels : ndarray of shape (n_samples,)
        The final cluster of every clustered row (0-based).
    centroids : ndarray of shape (n_clusters, n_features)
        In the units the table should show (the original units for the page).
    columns : tuple of str, length n_features

    Returns
    -------
    pandas.DataFrame
        Columns ``cluster`` (1-based, as on the chart), ``points``, ``share`` (a fraction),
        then one column per feature (`` (2)`` appended to a name already taken).

    Examples
    --------
    >>> cluster_table(np.array([0, 0, 1]), np.array([[1.0], [5.0]]), ("x",))["points"].tolist()
    [2, 1]
    """
    k = centroids.shape[0]
    sizes = np.bincount(labels.astype(np.intp), minlength=k)
    table = pd.DataFrame(
        {"cluster": np.arange(1, k + 1), "points": sizes, "share": sizes / max(labels.size, 1)}
    )
    # A feature called "cluster", "points" or "share" (the page's own download uploaded
    # again) is shown as "cluster (2)"...: a table's names must differ (pandas' Styler).
    names = unique_names([*table.columns, *columns])[table.shape[1] :]
    return pd.concat([table, pd.DataFrame(centroids, columns=names)], axis=1)


def cluster_numbers(labels: np.ndarray) -> np.ndarray:
    """The cluster numbers the page shows (1 to K) for the engine's labels (0 to K - 1).

    Parameters
    ----------
    labels : array-like of int, shape (n_samples,)
        0-based labels; any signed integer dtype (the engine uses int8 for K <= 127).

    Returns
    -------
    ndarray of shape (n_samples,), int32
        ``labels + 1``, widened first so that K = 127 does not wrap around in int8.

    Examples
    --------
    >>> cluster_numbers(np.array([0, 2, 1], dtype=np.int8)).tolist()
    [1, 3, 2]
    """
    return np.asarray(labels).astype(np.int32) + 1


class CategoryShares(NamedTuple):
    """How a text (or few-valued) column is shared out within each cluster.

    Attributes
    ----------
    column : str
    categories : tuple of str
        The most common values over the clustered rows, then ``"(other)"`` when there are more.
    shares : ndarray of shape (n_clusters, len(categories))
        Share of each cluster's rows (with a value in this column) holding each category;
        each row sums to 1, or is all nan for a cluster with no value.
    overall : ndarray of shape (len(categories),)
        The same shares over all clustered rows.
    """

    column: str
    categories: tuple[str, ...]
    shares: np.ndarray
    overall: np.ndarray


class Profile(NamedTuple):
    """What each cluster is like, over every column of the table.

    Attributes
    ----------
    sizes : ndarray of shape (n_clusters,)
        Rows in each cluster.
    columns : tuple of str, length n_numeric
        The numeric columns, the ones that separate the clusters most first.
    separation : ndarray of shape (n_numeric,)
        Share of each column's variance that lies between the clusters (eta squared, 0 to 1):
        1 when every cluster holds one value, 0 when every cluster has the overall mean.
    means, medians, q1, q3 : ndarray of shape (n_clusters, n_numeric)
        Per cluster, over its rows with a value in the column (nan when it has none).
    difference : ndarray of shape (n_clusters, n_numeric)
        ``(cluster mean - overall mean) / overall standard deviation``: how many standard
        deviations the cluster sits above (+) or below (-) the whole table.
    categories : tuple of CategoryShares
        One per text or few-valued column with at most ``max_categories`` distinct values.
    sentences : tuple of str, length n_clusters
        One plain sentence per cluster.
    notes : tuple of str
        Columns not profiled, each with the reason.
    """

    sizes: np.ndarray
    columns: tuple[str, ...]
    separation: np.ndarray
    means: np.ndarray
    medians: np.ndarray
    q1: np.ndarray
    q3: np.ndarray
    difference: np.ndarray
    categories: tuple[CategoryShares, ...]
    sentences: tuple[str, ...]
    notes: tuple[str, ...]


MAX_CATEGORIES = 30  # a text column with more distinct values is names or codes, not groups
TOP_CATEGORIES = 5  # categories shown per column; the rest are summed as "(other)"
NOTABLE = 0.5  # a sentence names a column when the cluster is this many deviations off
SENTENCE_COLUMNS = 3


def profile(
    frame: pd.DataFrame,
    rows,
    labels,
    n_clusters: int,
    *,
    max_categories: int = MAX_CATEGORIES,
) -> Profile:
    """Profile each cluster over every column of the table, clustered or not.

    Parameters
    ----------
    frame : DataFrame of shape (n_rows, n_columns)
        The whole table as read (``Table.frame``).
    rows : array-like of int, shape (m,)
        Positions of the clustered rows (``Prepared.rows``).
    labels : array-like of int, shape (m,)
        Their 0-based clusters.
    n_clusters : int
    max_categories : int, default=30
        Text columns with more distinct values are not profiled (a note says so).

    Returns
    -------
    Profile

    Examples
    --------
    >>> frame = pd.DataFrame({"x": [1.0, 2.0, 9.0, 10.0], "kind": ["a", "a", "b", "b"]})
    >>> result = profile(frame, [0, 1, 2, 3], [0, 0, 1, 1], 2)
    >>> result.means.ravel().tolist(), result.sentences[1]
    ([1.5, 9.5], 'Cluster 2 (2 rows, 50%): high x (+1.0 sd); 100% b (kind).')
    """
    rows, labels, k = check_labelled_rows(len(frame), rows, labels, n_clusters)
    numeric, text, notes = _split_columns(frame, rows, max_categories)
    sizes = np.bincount(labels, minlength=k)
    stats = _numeric_stats(frame, rows, labels, k, numeric)
    whole = every_row(rows, len(frame))
    categories = tuple(
        _shares(frame[name] if whole else frame[name].iloc[rows], labels, k, name) for name in text
    )
    sentences = tuple(
        _sentence(j, sizes, stats["columns"], stats["difference"][j], categories) for j in range(k)
    )
    return Profile(sizes, **stats, categories=categories, sentences=sentences, notes=notes)


def _split_columns(
    frame: pd.DataFrame, rows: np.ndarray, max_categories: int
) -> tuple[list[str], list[str], tuple[str, ...]]:
    """Numeric columns, text columns with few values, and a note for each one left out."""
    numeric, text, notes = [], [], []
    for name in frame.columns:
        column = frame[name]
        if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
            numeric.append(name)
            continue
        distinct = (column if every_row(rows, len(frame)) else column.iloc[rows]).nunique()
        if 1 <= distinct <= max_categories:
            text.append(name)
        else:
            reason = "no value" if distinct == 0 else f"{distinct:,} different values"
            notes.append(
                f"Column '{name}' is not profiled: it has {reason} in the clustered rows."
            )
    return numeric, text, tuple(notes)


def _numeric_stats(frame, rows, labels, k, names) -> dict:
    """Means, quartiles and standardised differences; columns ordered by separation."""
    order, bounds = cluster_order(labels, k)
    means, difference, quartiles = [], [], []
    separation = np.zeros(len(names))
    for i, name in enumerate(names):
        values = frame[name].to_numpy(np.float64, na_value=np.nan)
        values = values if every_row(rows, len(frame)) else values[rows]
        mean, off, separation[i] = _column_stats(values, labels, k)
        means.append(mean)
        difference.append(off)
        quartiles.append(group_quartiles(order, bounds, values))
    ranked = np.argsort(-separation, kind="stable")
    cube = np.stack(quartiles, axis=2).reshape(k, 3, len(names))[:, :, ranked]
    return {
        "columns": tuple(str(names[i]) for i in ranked),
        "separation": separation[ranked],
        "means": np.array(means).reshape(len(names), k).T[:, ranked],
        "medians": cube[:, 1],
        "q1": cube[:, 0],
        "q3": cube[:, 2],
        "difference": np.array(difference).reshape(len(names), k).T[:, ranked],
    }


def _column_stats(values: np.ndarray, labels: np.ndarray, k: int):
    """Cluster means (k,), standardised differences (k,) and eta squared of one column."""
    counts, sums, squares = group_sums(labels, values, k)
    n = counts.sum()
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.where(counts > 0, sums / counts, np.nan)
    if n == 0:
        return means, np.zeros(k), 0.0
    mean = sums.sum() / n
    spread = max(squares.sum() / n - mean * mean, 0.0)  # the variance, ddof=0
    off = np.nan_to_num(means - mean)
    if spread <= 0:
        return means, np.zeros(k), 0.0
    # Between-cluster sum of squares over the total: the share of variance the clusters explain.
    separation = min(float(counts @ off**2) / (n * spread), 1.0)
    return means, off / np.sqrt(spread), separation


def _shares(column: pd.Series, labels: np.ndarray, k: int, name) -> CategoryShares:
    """The top categories of one column, as shares of each cluster's rows."""
    codes, names = as_categories(column)
    counts = crosstab(labels, codes, k, len(names))
    overall = counts.sum(axis=0)
    top = np.argsort(-overall, kind="stable")[:TOP_CATEGORIES]
    shown = counts[:, top]
    categories = tuple(names[i] for i in top)
    if len(names) > TOP_CATEGORIES:
        shown = np.column_stack([shown, counts.sum(axis=1) - shown.sum(axis=1)])
        categories = (*categories, "(other)")
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = shown / shown.sum(axis=1, keepdims=True)
    return CategoryShares(str(name), categories, shares, shown.sum(axis=0) / shown.sum())


def _sentence(j: int, sizes, columns, difference, categories) -> str:
    """ "Cluster 2 (124 rows, 36%): high body_mass_g (+1.2 sd), ...; 98% Gentoo (species)." """
    head = f"Cluster {j + 1} ({sizes[j]:,} row{'s' if sizes[j] != 1 else ''}, "
    head += f"{sizes[j] / max(sizes.sum(), 1):.0%})"
    if sizes[j] == 0:
        return f"{head}: empty."
    notable = [
        i for i in np.argsort(-np.abs(difference), kind="stable") if abs(difference[i]) >= NOTABLE
    ]
    numbers = (
        ", ".join(
            f"{'high' if difference[i] > 0 else 'low'} {columns[i]} ({difference[i]:+.1f} sd)"
            for i in notable[:SENTENCE_COLUMNS]
        )
        or "close to the overall average on every number"
    )
    words = _typical_categories(j, categories)
    return f"{head}: {numbers}{'; ' + words if words else ''}."


def _typical_categories(j: int, categories) -> str:
    """Categories that mark cluster j: half its rows or more, and above their overall share."""
    found = []
    for shares in categories:
        row = np.nan_to_num(shares.shares[j])
        i = int(row.argmax())
        lift = row[i] - shares.overall[i]
        if row[i] >= 0.5 and lift > 0.1 and shares.categories[i] != "(other)":
            found.append((lift, f"{row[i]:.0%} {shares.categories[i]} ({shares.column})"))
    return ", ".join(text for _, text in sorted(found, reverse=True)[:2])
