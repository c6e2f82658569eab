"""Many starts on the same data: where k-means ends, and how often it gets stuck.

k-means only finds a *local* minimum of the inertia: from a bad start it settles in a worse
ending and stays there. Running it from many starts and grouping the endings shows this in one
picture, best ending first, with how many starts reached each one.

Start ``i`` of a series uses the seed ``first_seed + i`` exactly as
:func:`kmeans.engine.kmeans_steps` uses a seed, so an ending's seed replays that very run.
Two starts reach the same ending when they end with the same partition of the points (whatever
the cluster numbers) or with inertias within a relative ``rtol`` of each other (0.2 % by
default: runs that differ only by a few points on a border count as one ending, as a class
would see them).
"""

from __future__ import annotations

import hashlib
import numbers
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from kmeans.engine import lloyd_steps
from kmeans.seeding import SEEDINGS, initial_centroids
from kmeans.validation import check_int, check_random_state, check_run

INITS = ("random", "k-means++")
"""The two ways to start that the page compares side by side."""

RTOL = 0.002
"""Endings whose final inertias are within this fraction of each other count as one."""


class Ending(NamedTuple):
    """One distinct ending of k-means, and the starts that reached it.

    Attributes
    ----------
    inertia : float
        The final inertia of the run from ``seeds[0]`` (the others are within ``rtol``).
    seeds : tuple of int
        The seeds of those starts, in the order they were run; ``seeds[0]`` replays it.
    centroids : ndarray of shape (n_clusters, n_features)
        The final centroids of the run from ``seeds[0]``.
    labels : ndarray of shape (n_samples,)
        The final cluster of every point in that run.
    iterations : int
        How many moves that run made.
    """

    inertia: float
    seeds: tuple[int, ...]
    centroids: np.ndarray
    labels: np.ndarray
    iterations: int

    @property
    def count(self) -> int:
        """How many starts reached this ending."""
        return len(self.seeds)


class Restarts(NamedTuple):
    """The endings of a series of starts with one way of starting.

    Attributes
    ----------
    init : str
        How every start picked its centroids (a name in :data:`kmeans.seeding.SEEDINGS`).
    seeds : tuple of int
        The seed of each start, in order: ``first_seed, first_seed + 1, ...``.
    inertias : ndarray of shape (n_starts,)
        The final inertia of each start, in the order of ``seeds``.
    endings : tuple of Ending
        The distinct endings, lowest inertia first; their counts add up to ``n_starts``.

    Examples
    --------
    >>> X = [[0.0, 0.0], [0.0, 1.0], [9.0, 9.0], [9.0, 10.0]]
    >>> result = try_starts(X, 2, n_starts=5)
    >>> result.endings[0].inertia, result.endings[0].count
    (1.0, 5)
    """

    init: str
    seeds: tuple[int, ...]
    inertias: np.ndarray
    endings: tuple[Ending, ...]

    @property
    def best(self) -> Ending:
        """The ending with the lowest inertia."""
        return self.endings[0]

    def share_reaching(self, inertia: float, rtol: float = RTOL) -> float:
        """Share of the starts (0 to 1) that ended at ``inertia`` or lower, within ``rtol``."""
        return float(np.mean(self.inertias <= inertia * (1 + rtol)))

    def share_stuck(self, above: float = 0.01) -> float:
        """Share of the starts that ended more than ``above`` (1 % by default) above the best."""
        return float(np.mean(self.inertias > self.best.inertia * (1 + above)))


def try_starts(
    X,
    n_clusters: int,
    *,
    n_starts: int = 20,
    init: str = "random",
    first_seed: int = 0,
    max_iter: int = 300,
    tol: float = 0.0,
    rtol: float = RTOL,
) -> Restarts:
    """Run k-means from ``n_starts`` seeds on the same data and K, and group the endings.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    n_clusters : int
        K, as in :func:`kmeans.engine.kmeans_steps`.
    n_starts : int, default=20
        How many starts, at least 1.
    init : {"random", "k-means++"}, default="random"
        How every start picks its centroids.
    first_seed : int, default=0
        Seed of the first start; start ``i`` uses ``first_seed + i``.
    max_iter, tol
        As in :func:`kmeans.engine.kmeans_steps`.
    rtol : float, default=RTOL
        Endings whose inertias differ by at most this fraction count as one.

    Returns
    -------
    Restarts

    Raises
    ------
    ValueError
        For invalid data or parameters, or an ``init`` that is not the name of a way to start.
    """
    X, k, max_iter, tol = check_run(X, n_clusters, max_iter, tol)
    n_starts = check_int(n_starts, "n_starts", minimum=1)
    first_seed = check_int(first_seed, "first_seed", minimum=0)
    _check_init_name(init)
    _check_rtol(rtol)
    seeds = tuple(range(first_seed, first_seed + n_starts))
    finals = [_final_step(X, k, init, seed, max_iter, tol) for seed in seeds]
    inertias = np.array([step.inertia for step in finals])
    return Restarts(init, seeds, inertias, _group(finals, seeds, rtol))


def compare_starts(X, n_clusters: int, *, inits: Sequence[str] = INITS, **options):
    """:func:`try_starts` with each of ``inits`` on the same seeds, side by side.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    n_clusters : int
    inits : sequence of str, default=("random", "k-means++")
    **options
        ``n_starts``, ``first_seed``, ``max_iter``, ``tol``, ``rtol`` of :func:`try_starts`.

    Returns
    -------
    dict of str to Restarts
        In the order of ``inits``.

    Examples
    --------
    >>> X = [[0.0, 0.0], [0.0, 1.0], [9.0, 9.0], [9.0, 10.0]]
    >>> sorted(compare_starts(X, 2, n_starts=3))
    ['k-means++', 'random']
    """
    X, k, _, _ = check_run(X, n_clusters, options.get("max_iter", 300), options.get("tol", 0))
    return {init: try_starts(X, k, init=init, **options) for init in inits}


def best_inertia(results) -> float:
    """The lowest final inertia of any start in ``results`` (a mapping of :class:`Restarts`)."""
    return min(r.best.inertia for r in results.values())


def _check_init_name(init) -> None:
    if not isinstance(init, str) or init not in SEEDINGS:
        valid = ", ".join(repr(name) for name in SEEDINGS)
        raise ValueError(
            f"init={init!r} cannot be restarted; many starts need a way to pick new "
            f"centroids each time: use one of {valid}."
        )


def _check_rtol(rtol) -> None:
    if isinstance(rtol, bool) or not isinstance(rtol, numbers.Real) or not 0 <= rtol < 1:
        raise ValueError(
            f"rtol must be a number from 0 up to 1, got {rtol!r}; pass e.g. rtol=0.002 "
            "to count endings within 0.2 % of each other as one."
        )


def _final_step(X: np.ndarray, k: int, init: str, seed: int, max_iter: int, tol: float):
    """The last step of the run ``kmeans_steps(X, k, init=init, seed=seed)`` would make."""
    centroids = initial_centroids(X, k, init, check_random_state(seed))
    for step in lloyd_steps(X, centroids, max_iter, tol):
        last = step
    return last


def _group(finals, seeds: tuple[int, ...], rtol: float) -> tuple[Ending, ...]:
    """Distinct endings, lowest inertia first: one per partition, near-equal inertias merged."""
    by_partition: dict[bytes, list[int]] = {}
    for i, step in enumerate(finals):
        by_partition.setdefault(partition_key(step.labels), []).append(i)
    groups = sorted(by_partition.values(), key=lambda g: min(finals[i].inertia for i in g))
    merged: list[list[int]] = []
    for group in groups:
        lowest = min(finals[i].inertia for i in group)
        if merged and lowest <= min(finals[i].inertia for i in merged[-1]) * (1 + rtol):
            merged[-1] += group
        else:
            merged.append(list(group))
    return tuple(_ending(finals, sorted(g), seeds) for g in merged)


def _ending(finals, members: list[int], seeds: tuple[int, ...]) -> Ending:
    first = finals[members[0]]
    return Ending(
        inertia=first.inertia,
        seeds=tuple(seeds[i] for i in members),
        centroids=first.centroids,
        labels=first.labels,
        iterations=first.iteration,
    )


def partition_key(labels: np.ndarray) -> bytes:
    """A digest that is the same for two labellings exactly when they group points alike.

    Clusters are renumbered in the order their first point appears, so the digest ignores
    which number each cluster carries.

    Parameters
    ----------
    labels : ndarray of shape (n_samples,)

    Returns
    -------
    bytes
        16 bytes.

    Examples
    --------
    >>> partition_key(np.array([2, 2, 0, 1])) == partition_key(np.array([0, 0, 1, 2]))
    True
    >>> partition_key(np.array([0, 0, 1, 1])) == partition_key(np.array([0, 1, 1, 1]))
    False
    """
    values, first = np.unique(labels, return_index=True)
    renumber = np.zeros(int(values.max()) + 1, dtype=np.int32)
    renumber[values[np.argsort(first)]] = np.arange(values.size, dtype=np.int32)
    canonical = renumber[labels]
    return hashlib.blake2b(canonical.tobytes(), digest_size=16).digest()
