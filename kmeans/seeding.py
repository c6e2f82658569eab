"""Step 1 of k-means: where the K centroids start.

The strategies live in one table, :data:`SEEDINGS`, so the page can list them and an unknown
name gets an error that lists the valid ones. A user's own start (an array of shape
(n_clusters, n_features)) is accepted too.
"""

from __future__ import annotations

import numpy as np

from kmeans.validation import check_data


def random_rows(X: np.ndarray, n_clusters: int, rng: np.random.Generator) -> np.ndarray:
    """Pick ``n_clusters`` random points of ``X`` with distinct values (the blog's Step 1).

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        At least ``n_clusters`` rows; when fewer are distinct, every distinct row is
        picked and the rest are repeats.
    n_clusters : int
    rng : numpy.random.Generator

    Returns
    -------
    ndarray of shape (n_clusters, n_features)
        Copies of the chosen rows, in the order drawn.

    Examples
    --------
    >>> X = np.array([[0.0, 0.0], [1.0, 1.0], [5.0, 5.0]])
    >>> random_rows(X, 2, np.random.default_rng(0)).shape
    (2, 2)
    """
    order = rng.permutation(X.shape[0])
    # Duplicated rows would give two identical centroids and an empty cluster: skip repeats.
    batch = n_clusters
    while True:
        candidates = X[order[:batch]]
        _, first = np.unique(candidates, axis=0, return_index=True)
        if first.size >= n_clusters:
            return candidates[np.sort(first)[:n_clusters]].copy()
        if batch >= X.shape[0]:
            # Fewer distinct rows than clusters: every distinct row, then repeats.
            repeats = np.setdiff1d(np.arange(batch), first)[: n_clusters - first.size]
            return candidates[np.concatenate([np.sort(first), repeats])].copy()
        batch = min(2 * batch + 16, X.shape[0])


def kmeans_plusplus(X: np.ndarray, n_clusters: int, rng: np.random.Generator) -> np.ndarray:
    """Greedy k-means++ seeding, as scikit-learn does it.

    Each new centroid is the best of ``2 + floor(ln K)`` candidates drawn with probability
    proportional to the squared distance to the nearest centroid chosen so far.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    n_clusters : int
    rng : numpy.random.Generator

    Returns
    -------
    ndarray of shape (n_clusters, n_features)

    Examples
    --------
    >>> X = np.array([[0.0, 0.0], [0.1, 0.0], [9.0, 9.0], [9.1, 9.0]])
    >>> centers = kmeans_plusplus(X, 2, np.random.default_rng(0))
    >>> sorted(np.round(centers[:, 0]).tolist())[1] > 8
    True
    """
    n_samples = X.shape[0]
    n_local_trials = 2 + int(np.log(n_clusters))
    centers = np.empty((n_clusters, X.shape[1]), dtype=X.dtype)
    centers[0] = X[rng.integers(n_samples)]
    closest = _squared_distances(X, centers[:1])[0]
    potential = closest.sum()
    for c in range(1, n_clusters):
        # Draw candidates with probability proportional to their squared distance.
        draws = rng.uniform(size=n_local_trials) * potential
        candidates = np.searchsorted(np.cumsum(closest, dtype=np.float64), draws)
        np.clip(candidates, None, n_samples - 1, out=candidates)
        # Keep the candidate that lowers the total squared distance the most.
        trial = np.minimum(closest, _squared_distances(X, X[candidates]))
        potentials = trial.sum(axis=1)
        best = int(np.argmin(potentials))
        potential, closest = potentials[best], trial[best]
        centers[c] = X[candidates[best]]
    return centers


def _squared_distances(X: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """Exact squared distances of shape (n_centers, n_samples), one feature at a time."""
    out = np.zeros((centers.shape[0], X.shape[0]), dtype=X.dtype)
    for j in range(X.shape[1]):
        diff = X[:, j][None, :] - centers[:, j][:, None]
        out += diff * diff
    return out


SEEDINGS = {"random": random_rows, "k-means++": kmeans_plusplus}
"""The named strategies for Step 1: name -> function(X, n_clusters, rng) -> centroids."""


def initial_centroids(X: np.ndarray, n_clusters: int, init, rng: np.random.Generator):
    """Return the starting centroids for ``init``: a name in :data:`SEEDINGS` or an array.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        Validated data.
    n_clusters : int
    init : {"random", "k-means++"} or array-like of shape (n_clusters, n_features)
    rng : numpy.random.Generator

    Returns
    -------
    ndarray of shape (n_clusters, n_features), same dtype as ``X``

    Raises
    ------
    ValueError
        For an unknown name (the message lists the valid ones) or an array of the wrong shape.
    """
    if isinstance(init, str):
        if init not in SEEDINGS:
            valid = ", ".join(repr(name) for name in SEEDINGS)
            raise ValueError(
                f"init={init!r} is not a known way to start; use one of {valid} "
                "or an array of starting centroids."
            )
        return SEEDINGS[init](X, n_clusters, rng)
    return check_init_array(init, n_clusters, X)


def check_init_array(init, n_clusters: int, X: np.ndarray) -> np.ndarray:
    """Validate a user's own starting centroids and return them as a copy in ``X``'s dtype."""
    centers = check_data(init, name="init")
    expected = (n_clusters, X.shape[1])
    if centers.shape != expected:
        raise ValueError(
            f"init has shape {centers.shape} but must have shape {expected} "
            "(one row per cluster, one column per feature); give one starting point per cluster."
        )
    return centers.astype(X.dtype, copy=True)
