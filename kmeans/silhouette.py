"""The silhouette: how much closer each row is to its own cluster than to the next one.

For a row, ``a`` is its mean distance to the other rows of its cluster and ``b`` the smallest
mean distance to the rows of another cluster; its silhouette is ``(b - a) / max(a, b)``, from
-1 (it sits nearer another cluster) to 1 (tight and far from the others), and 0 for a row
alone in its cluster. It needs every pairwise distance, so on a large table it is measured on
a seeded, fixed-size sample of rows (:func:`sampled_silhouette`).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from kmeans.sampling import sample_rows
from kmeans.validation import check_data, check_int, check_random_state

SAMPLE_SIZE = 2000  # 2000² distances: 32 MB and well under a second


class SilhouetteSample(NamedTuple):
    """Per-row silhouettes of a sample of rows, and each cluster's mean.

    Attributes
    ----------
    rows : ndarray of shape (n_sampled,)
        Positions (into X) of the sampled rows, increasing.
    values : ndarray of shape (n_sampled,)
        The silhouette of each sampled row, measured among the sampled rows.
    labels : ndarray of shape (n_sampled,)
        The cluster of each sampled row.
    cluster_means : ndarray of shape (n_clusters,)
        Mean silhouette of each cluster's sampled rows; nan for a cluster with none.
    mean : float
        Mean over all sampled rows (scikit-learn's ``silhouette_score`` on the sample).
    """

    rows: np.ndarray
    values: np.ndarray
    labels: np.ndarray
    cluster_means: np.ndarray
    mean: float


def pairwise_distances(X: np.ndarray) -> np.ndarray:
    """Euclidean distances between all rows of ``X``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)

    Returns
    -------
    ndarray of shape (n_samples, n_samples)
        Symmetric, 0 on the diagonal.

    Examples
    --------
    >>> pairwise_distances(np.array([[0.0, 0.0], [3.0, 4.0]])).tolist()
    [[0.0, 5.0], [5.0, 0.0]]
    """
    X = np.asarray(X, dtype=np.float64)
    sq = np.einsum("ij,ij->i", X, X)
    d2 = sq[:, None] + sq[None, :] - 2.0 * (X @ X.T)
    # |x|² + |y|² - 2x·y can come out slightly negative by rounding; a point is at 0 from itself.
    np.maximum(d2, 0.0, out=d2)
    np.fill_diagonal(d2, 0.0)
    return np.sqrt(d2, out=d2)


def silhouette_values(distances: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """The silhouette of every row from a distance matrix, as scikit-learn's
    ``silhouette_samples``.

    Parameters
    ----------
    distances : ndarray of shape (n_samples, n_samples)
        From :func:`pairwise_distances`.
    labels : ndarray of shape (n_samples,)
        Any values; at least two different ones for a meaningful answer.

    Returns
    -------
    ndarray of shape (n_samples,)
        From -1 to 1; all nan when the labels hold fewer than two clusters.

    Examples
    --------
    >>> d = pairwise_distances(np.array([[0.0], [1.0], [5.0]]))
    >>> silhouette_values(d, np.array([0, 0, 1])).round(3).tolist()
    [0.8, 0.75, 0.0]
    """
    _, codes = np.unique(labels, return_inverse=True)
    codes = codes.ravel()
    n_clusters = int(codes.max()) + 1 if codes.size else 0
    if n_clusters < 2:
        return np.full(codes.size, np.nan)
    # 1. Sum of distances from every row to each cluster, and the cluster sizes.
    onehot = np.zeros((codes.size, n_clusters))
    onehot[np.arange(codes.size), codes] = 1.0
    sums = distances @ onehot
    sizes = onehot.sum(axis=0)
    rows = np.arange(codes.size)
    # 2. a: mean distance to the others in the own cluster (the row itself adds 0).
    own = sizes[codes]
    a = sums[rows, codes] / np.maximum(own - 1.0, 1.0)
    # 3. b: smallest mean distance to another cluster.
    means = sums / sizes
    means[rows, codes] = np.inf
    b = means.min(axis=1)
    # 4. s = (b - a) / max(a, b); 0 for rows alone in their cluster (and for 0 / 0).
    top = np.maximum(a, b)
    s = np.divide(b - a, top, out=np.zeros_like(a), where=top > 0)
    s[own == 1] = 0.0
    return s


def silhouette(X, labels) -> float:
    """Mean silhouette of a clustering, as in scikit-learn's ``silhouette_score``.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    labels : array-like of shape (n_samples,)
        Cluster of each point; at least two different values.

    Returns
    -------
    float
        The mean over all points, nan when the labels hold fewer than two clusters.

    Examples
    --------
    >>> round(silhouette([[0.0], [1.0], [5.0], [6.0]], [0, 0, 1, 1]), 3)
    0.798
    """
    X, labels = _check_labels(X, labels)
    return float(silhouette_values(pairwise_distances(X), labels).mean())


def sampled_silhouette(
    X,
    labels,
    n_clusters: int,
    *,
    sample_size: int = SAMPLE_SIZE,
    random_state=0,
) -> SilhouetteSample:
    """Per-row silhouettes on a seeded sample of at most ``sample_size`` rows.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        The clustered (scaled) data.
    labels : array-like of int, shape (n_samples,)
        0-based clusters, below ``n_clusters``.
    n_clusters : int
        K, so a cluster without a sampled row still gets its (nan) mean.
    sample_size : int, default=2000
        The cost is ``sample_size ** 2`` distances, whatever the size of X.
    random_state : None, int or numpy.random.Generator, default=0

    Returns
    -------
    SilhouetteSample

    Examples
    --------
    >>> result = sampled_silhouette([[0.0], [1.0], [5.0], [6.0]], [0, 0, 1, 1], 2)
    >>> result.cluster_means.round(3).tolist()
    [0.798, 0.798]
    """
    X, labels = _check_labels(X, labels)
    n_clusters = check_int(n_clusters, "n_clusters", minimum=1)
    sample_size = check_int(sample_size, "sample_size", minimum=2)
    if labels.size and (labels.min() < 0 or labels.max() >= n_clusters):
        raise ValueError(
            f"labels must be cluster numbers from 0 to {n_clusters - 1}; "
            "pass the engine's labels with their K."
        )
    rows = sample_rows(X.shape[0], sample_size, check_random_state(random_state))
    values = silhouette_values(pairwise_distances(X[rows]), labels[rows])
    shown = labels[rows].astype(np.intp)
    counts = np.bincount(shown, minlength=n_clusters)
    sums = np.bincount(shown, weights=np.nan_to_num(values), minlength=n_clusters)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)
    if np.isnan(values).all():
        means[:] = np.nan
    return SilhouetteSample(rows, values, labels[rows], means, float(values.mean()))


def _check_labels(X, labels) -> tuple[np.ndarray, np.ndarray]:
    X = check_data(X)
    labels = np.asarray(labels)
    if labels.shape != (X.shape[0],):
        raise ValueError(
            f"labels has shape {labels.shape} but X has {X.shape[0]} rows; "
            "give one label per row of X."
        )
    return X, labels
