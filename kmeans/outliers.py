"""Unusual rows: the ones farthest from the centroid of their own cluster.

Distance is measured where k-means measured it (the clustered columns, after scaling), so a
row far from its centroid is one the clustering explains badly: a typing error, a rare case,
or a hint that K is too small. Rows are numbered as in the file: row 1 is the first row of
data under the header.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kmeans.grouping import check_labelled_rows
from kmeans.validation import check_data, check_int

TOP = 20


def distances_to_centroid(X, labels, centroids) -> np.ndarray:
    """Euclidean distance of every row to the centroid of its cluster.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        The clustered (scaled) data.
    labels : array-like of int, shape (n_samples,)
        0-based clusters.
    centroids : array-like of shape (n_clusters, n_features)

    Returns
    -------
    ndarray of shape (n_samples,)

    Examples
    --------
    >>> distances_to_centroid([[0.0, 0.0], [3.0, 4.0]], [0, 0], [[0.0, 0.0]]).tolist()
    [0.0, 5.0]
    """
    X = check_data(X)
    centroids = check_data(centroids, "centroids")
    if centroids.shape[1] != X.shape[1]:
        raise ValueError(
            f"centroids have {centroids.shape[1]} columns but X has {X.shape[1]}; "
            "pass the centroids of this clustering."
        )
    _, labels, _ = check_labelled_rows(len(X), np.arange(len(X)), labels, len(centroids))
    # Row by row in blocks, so a million rows never need a second (n, d) copy of X at once.
    out = np.empty(len(X))
    for start in range(0, len(X), 65536):
        block = slice(start, start + 65536)
        out[block] = np.sqrt(((X[block] - centroids[labels[block]]) ** 2).sum(axis=1))
    return out


def unusual_rows(frame: pd.DataFrame, rows, labels, distances, top: int = TOP) -> pd.DataFrame:
    """The ``top`` clustered rows farthest from their centroid, farthest first.

    Parameters
    ----------
    frame : DataFrame of shape (n_rows, n_columns)
        The table as read (``Table.frame``).
    rows : array-like of int, shape (m,)
        Positions of the clustered rows.
    labels : array-like of int, shape (m,)
        Their 0-based clusters.
    distances : array-like of float, shape (m,)
        From :func:`distances_to_centroid`.
    top : int, default=20

    Returns
    -------
    DataFrame of shape (min(top, m), 3 + n_columns)
        ``row`` (1 = the first row of data in the file), ``cluster`` (1 to K, as on the
        page), ``distance_to_centroid``, then every column of the row as read.

    Examples
    --------
    >>> frame = pd.DataFrame({"x": [0.0, 1.0, 9.0]})
    >>> unusual_rows(frame, [0, 1, 2], [0, 0, 0], [4.0, 3.0, 5.0], top=2)["row"].tolist()
    [3, 1]
    """
    top = check_int(top, "top", minimum=1)
    distances = np.asarray(distances, dtype=np.float64)
    n_clusters = int(np.max(labels, initial=0)) + 1
    rows, labels, _ = check_labelled_rows(len(frame), rows, labels, n_clusters)
    if distances.shape != rows.shape:
        raise ValueError(
            f"distances has shape {distances.shape} but there are {rows.size} clustered rows; "
            "give one distance per clustered row."
        )
    keep = min(top, rows.size)
    picked = np.argpartition(-distances, keep - 1)[:keep]
    # Farthest first; on a tie, the row that comes first in the file.
    picked = picked[np.lexsort((rows[picked], -distances[picked]))]
    head = pd.DataFrame(
        {
            "row": rows[picked] + 1,
            "cluster": labels[picked] + 1,
            "distance_to_centroid": distances[picked],
        }
    )
    values = frame.iloc[rows[picked]].reset_index(drop=True)
    values.columns = [str(name) for name in values.columns]
    return pd.concat([head, values.add_suffix("" if not _clash(values) else " (file)")], axis=1)


def _clash(values: pd.DataFrame) -> bool:
    """Does the table already have a column called row, cluster or distance_to_centroid?"""
    return bool({"row", "cluster", "distance_to_centroid"} & set(values.columns))
