"""Step 1 of k-means: where the K centroids start.

The strategies live in one table, :data:`SEEDINGS`, so the page can list them and an unknown
name gets an error that lists the valid ones. A user's own start (an array of shape
(n_clusters, n_features)) is accepted too.
"""

from __future__ import annotations

import numpy as np

from kmeans.blas import one_blas_thread
from kmeans.validation import (
    check_data,
    check_int,
    check_n_clusters,
    check_random_state,
    check_unweighted,
)

_FEW_FEATURES = 4  # up to this many, k-means++ measures distances exactly, feature by feature


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


def plusplus_rows(X: np.ndarray, n_clusters: int, rng: np.random.Generator) -> np.ndarray:
    """The k-means++ strategy of :data:`SEEDINGS`: the centroids of :func:`kmeans_plusplus`."""
    return X[plusplus_indices(X, n_clusters, rng)].copy()


def kmeans_plusplus(
    X,
    n_clusters: int,
    *,
    sample_weight=None,
    x_squared_norms=None,
    random_state=None,
    n_local_trials: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """k-means++ starting centroids and the rows they come from, as scikit-learn returns them.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    n_clusters : int
    sample_weight : None
        Only unweighted points are supported; anything but None raises.
    x_squared_norms : ignored
        Accepted for scikit-learn's signature; the norms are computed here.
    random_state : None, int, numpy.random.Generator or RandomState, default=None
    n_local_trials : int, optional
        Candidates tried per centroid; default ``2 + floor(ln K)``.

    Returns
    -------
    centers : ndarray of shape (n_clusters, n_features)
    indices : ndarray of shape (n_clusters,)
        ``X[indices]`` equals ``centers``.

    Examples
    --------
    >>> centers, indices = kmeans_plusplus([[0.0], [0.1], [9.0]], 2, random_state=0)
    >>> centers.shape, sorted(indices.tolist())[-1]
    ((2, 1), 2)
    """
    del x_squared_norms
    check_unweighted(sample_weight)
    X = check_data(X)
    k = check_n_clusters(n_clusters, X)
    trials = None if n_local_trials is None else check_int(n_local_trials, "n_local_trials")
    indices = plusplus_indices(X, k, check_random_state(random_state), trials)
    return X[indices].copy(), indices


def plusplus_indices(
    X: np.ndarray, n_clusters: int, rng: np.random.Generator, n_local_trials: int | None = None
) -> np.ndarray:
    """Greedy k-means++ seeding, as scikit-learn does it: the indices of the chosen rows.

    Each new centroid is the best of ``2 + floor(ln K)`` candidates drawn with probability
    proportional to the squared distance to the nearest centroid chosen so far.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    n_clusters : int
    rng : numpy.random.Generator

    n_local_trials : int, optional
        Candidates per centroid, ``2 + floor(ln K)`` by default.

    Returns
    -------
    ndarray of shape (n_clusters,), intp

    Examples
    --------
    >>> X = np.array([[0.0, 0.0], [0.1, 0.0], [9.0, 9.0], [9.1, 9.0]])
    >>> rows = plusplus_indices(X, 2, np.random.default_rng(0))
    >>> sorted(X[rows, 0].round().tolist())[1] > 8
    True
    """
    if n_local_trials is None:
        n_local_trials = 2 + int(np.log(n_clusters))
    with one_blas_thread(X.shape[1]):
        return _plusplus(X, n_clusters, rng, n_local_trials)


def _plusplus(X, n_clusters, rng, n_local_trials):
    n_samples = X.shape[0]
    # Each feature's values side by side once, for the exact distances of a few features.
    columns = np.ascontiguousarray(X.T) if X.shape[1] <= _FEW_FEATURES else None
    indices = np.empty(n_clusters, dtype=np.intp)
    indices[0] = rng.integers(n_samples)
    closest = _squared_distances(X, X[indices[:1]], columns)[0]
    potential = closest.sum()
    for c in range(1, n_clusters):
        # Draw candidates with probability proportional to their squared distance.
        draws = rng.uniform(size=n_local_trials) * potential
        candidates = np.searchsorted(np.cumsum(closest, dtype=np.float64), draws)
        np.clip(candidates, None, n_samples - 1, out=candidates)
        # Keep the candidate that lowers the total squared distance the most.
        trial = np.minimum(closest, _squared_distances(X, X[candidates], columns))
        potentials = trial.sum(axis=1)
        best = int(np.argmin(potentials))
        potential, closest = potentials[best], trial[best]
        indices[c] = candidates[best]
    return indices


def _squared_distances(X: np.ndarray, centers: np.ndarray, columns=None) -> np.ndarray:
    """Squared distances of shape (n_centers, n_samples).

    Exact, one feature at a time, for a few features (``columns``: ``X.T`` contiguous, if
    the caller has it); with many features, from ``||x||^2 - 2 x.c + ||c||^2`` (as
    scikit-learn seeds) on data centred at the centres' mean.
    """
    if X.shape[1] > _FEW_FEATURES:
        offset = centers.mean(axis=0)
        shifted, c = X - offset, centers - offset
        out = c @ shifted.T
        out *= -2
        out += np.einsum("ij,ij->i", shifted, shifted)
        out += np.einsum("ij,ij->i", c, c)[:, None]
        return np.maximum(out, 0, out=out)
    columns = X.T if columns is None else columns
    out = np.empty((centers.shape[0], X.shape[0]), dtype=X.dtype)
    diff = np.empty_like(out) if X.shape[1] > 1 else out
    for j, column in enumerate(columns):
        target = out if j == 0 else diff
        np.subtract(column[None, :], centers[:, j][:, None], out=target)
        np.multiply(target, target, out=target)
        if j:
            out += diff
    return out


SEEDINGS = {"random": random_rows, "k-means++": plusplus_rows}
"""The named strategies for Step 1: name -> function(X, n_clusters, rng) -> centroids."""


def initial_centroids(X: np.ndarray, n_clusters: int, init, rng: np.random.Generator):
    """Return the starting centroids for ``init``: a name in :data:`SEEDINGS` or an array.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        Validated data.
    n_clusters : int
    init : {"random", "k-means++"}, callable or array-like of shape (n_clusters, n_features)
        A callable is called as scikit-learn calls it, ``init(X, n_clusters,
        random_state=...)`` with a :class:`numpy.random.RandomState` drawn from ``rng``, and
        must return the starting centroids.
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
    if callable(init):
        legacy = np.random.RandomState(int(rng.integers(2**32)))
        init = init(X, n_clusters, random_state=legacy)
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
