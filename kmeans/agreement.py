"""Compare the clusters with a column the table already has (a species, a class, a year).

Three answers, from the most detailed to one number:

1. the crosstab: how many rows of each cluster hold each value, and as a share of the cluster;
2. the purity: name each cluster after its most common value; the share of rows that would
   then be right;
3. the adjusted Rand index (ARI): of all pairs of rows, how often the clusters and the column
   agree on "same group" or "different groups", corrected so that chance scores 0 and the
   same grouping scores 1 (Hubert and Arabie, 1985).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from kmeans.grouping import as_categories, check_labelled_rows, crosstab

MAX_VALUES = 50  # a column with more distinct values is not a grouping to compare with
# Words for the ARI, from its top: the thresholds are the usual reading of the index.
ARI_WORDS = (
    (0.9, "almost the same grouping as"),
    (0.65, "agree strongly with"),
    (0.3, "agree in part with"),
    (0.05, "agree only weakly with"),
    (-np.inf, "agree no better than chance with"),
)


class Comparison(NamedTuple):
    """The clusters against one column of the table.

    Attributes
    ----------
    column : str
    values : tuple of str
        The column's distinct values, sorted.
    counts : ndarray of shape (n_clusters, len(values)), int64
        Rows of each cluster holding each value.
    row_shares : ndarray of shape (n_clusters, len(values))
        ``counts`` as a share of each cluster's compared rows (rows sum to 1; nan if none).
    ari : float
        Adjusted Rand index, 1 for the same grouping, about 0 for chance, below 0 for worse.
    purity : float
        From 1 / len(values) or so (no agreement) to 1.
    n_missing : int
        Clustered rows with no value in the column, left out of the comparison.
    explanation : str
        The two numbers in words.
    """

    column: str
    values: tuple[str, ...]
    counts: np.ndarray
    row_shares: np.ndarray
    ari: float
    purity: float
    n_missing: int
    explanation: str


def adjusted_rand_index(labels_true, labels_pred) -> float:
    """The adjusted Rand index of two groupings, as scikit-learn's ``adjusted_rand_score``.

    Parameters
    ----------
    labels_true, labels_pred : array-like of shape (n_samples,)
        Any hashable values.

    Returns
    -------
    float

    Examples
    --------
    >>> adjusted_rand_index([0, 0, 1, 1], [5, 5, 7, 7])
    1.0
    >>> round(adjusted_rand_index([0, 0, 1, 1], [0, 1, 0, 1]), 3)
    -0.5
    """
    a, b = np.asarray(labels_true), np.asarray(labels_pred)
    if a.ndim != 1 or a.shape != b.shape:
        raise ValueError(
            f"labels_true and labels_pred must be 1-D of the same length, got shapes "
            f"{a.shape} and {b.shape}."
        )
    codes_a = np.unique(a, return_inverse=True)[1].ravel()
    codes_b = np.unique(b, return_inverse=True)[1].ravel()
    n_a, n_b = int(codes_a.max(initial=-1)) + 1, int(codes_b.max(initial=-1)) + 1
    return ari_from_counts(crosstab(codes_a, codes_b, max(n_a, 1), max(n_b, 1)))


def ari_from_counts(counts: np.ndarray) -> float:
    """The adjusted Rand index from a contingency table.

    With ``n_ij`` rows in cluster i and class j, ``a_i`` and ``b_j`` the row and column sums:
    ``index = sum C(n_ij, 2)``, ``expected = sum C(a_i, 2) * sum C(b_j, 2) / C(n, 2)``,
    ``ARI = (index - expected) / (mean(sum C(a_i, 2), sum C(b_j, 2)) - expected)``; 1 when
    both groupings are the same trivial one (all rows together, or every row alone).

    Parameters
    ----------
    counts : ndarray of shape (n_clusters, n_classes)

    Returns
    -------
    float

    Examples
    --------
    >>> ari_from_counts(np.array([[2, 0], [0, 2]]))
    1.0
    """
    counts = np.asarray(counts, dtype=np.float64)
    n = counts.sum()
    index = _pairs(counts).sum()
    rows, cols = _pairs(counts.sum(axis=1)).sum(), _pairs(counts.sum(axis=0)).sum()
    expected = rows * cols / _pairs(n) if n > 1 else 0.0
    top = (rows + cols) / 2
    if top == expected:  # one group, or every row alone, on both sides
        return 1.0
    return float((index - expected) / (top - expected))


def _pairs(x):
    """C(x, 2), elementwise: the number of pairs among x rows."""
    return x * (x - 1) / 2


def purity_from_counts(counts: np.ndarray) -> float:
    """Share of rows in the most common class of their cluster.

    Examples
    --------
    >>> purity_from_counts(np.array([[3, 1], [0, 4]]))
    0.875
    """
    counts = np.asarray(counts)
    total = counts.sum()
    return float(counts.max(axis=1).sum() / total) if total else float("nan")


def compare(frame: pd.DataFrame, rows, labels, n_clusters: int, column: str) -> Comparison:
    """Compare the clusters with one column: crosstab, ARI and purity, in words.

    Parameters
    ----------
    frame : DataFrame of shape (n_rows, n_columns)
        The table as read (``Table.frame``).
    rows : array-like of int, shape (m,)
        Positions of the clustered rows.
    labels : array-like of int, shape (m,)
        Their 0-based clusters.
    n_clusters : int
    column : str
        A column with 2 to 50 distinct values (text or numbers).

    Returns
    -------
    Comparison

    Examples
    --------
    >>> frame = pd.DataFrame({"kind": ["a", "a", "b", "b"]})
    >>> result = compare(frame, [0, 1, 2, 3], [0, 0, 1, 1], 2, "kind")
    >>> result.ari, result.purity, result.counts.tolist()
    (1.0, 1.0, [[2, 0], [0, 2]])
    """
    rows, labels, k = check_labelled_rows(len(frame), rows, labels, n_clusters)
    if column not in frame.columns:
        raise ValueError(f"There is no column '{column}' in the table; choose another one.")
    codes, values = as_categories(frame[column].iloc[rows])
    if not 2 <= len(values) <= MAX_VALUES:
        raise ValueError(
            f"Column '{column}' has {len(values)} different value(s) in the clustered rows; "
            f"compare with a column of 2 to {MAX_VALUES} categories (a class, a species)."
        )
    counts = crosstab(labels, codes, k, len(values))
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = counts / counts.sum(axis=1, keepdims=True)
    present = counts.sum(axis=1) > 0  # empty clusters take no part in either measure
    ari, purity = ari_from_counts(counts[present]), purity_from_counts(counts)
    n_missing = int((codes < 0).sum())
    words = explain(column, ari, purity, n_missing)
    return Comparison(column, values, counts, shares, ari, purity, n_missing, words)


def explain(column: str, ari: float, purity: float, n_missing: int = 0) -> str:
    """The ARI and the purity in words.

    Examples
    --------
    >>> explain("species", 0.8, 0.92).split(":")[0]
    'Adjusted Rand index 0.80'
    """
    verdict = next(words for floor, words in ARI_WORDS if ari >= floor)
    text = (
        f"Adjusted Rand index {ari:.2f}: the clusters {verdict} '{column}' (1 means the same "
        f"grouping, 0 no better than chance). Purity {purity:.0%}: naming each cluster after "
        f"its most common '{column}' would be right for {purity:.0%} of the rows."
    )
    if n_missing:
        rows = "1 clustered row has" if n_missing == 1 else f"{n_missing:,} clustered rows have"
        text += f" {rows} no '{column}': left out of the comparison."
    return text
