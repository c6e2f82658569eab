"""What each cluster is like: its size, its centroid and its profile over the table's columns."""

from __future__ import annotations

import numpy as np
import pandas as pd


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
        then one column per feature.

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
    return pd.concat([table, pd.DataFrame(centroids, columns=list(columns))], axis=1)


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
