"""The k-means engine: the blog's four steps as a generator of :class:`Step` records.

Step 1  pick K starting centroids (:mod:`kmeans.seeding`).
Step 2  assign every point to its nearest centroid (Euclidean distance).
Step 3  move every centroid to the mean of the points assigned to it.
Step 4  repeat Steps 2 and 3 until no assignment changes (or the centroids move less than
        ``tol``, or ``max_iter`` moves were made).

The results are those of scikit-learn's Lloyd algorithm: the same start gives the same
centroids, labels and inertia. What makes it fast in plain NumPy:

* distances come from ``||x||^2 - 2 x.c + ||c||^2`` computed in row chunks with a matrix
  product, the way scikit-learn does it, on data centred at its mean (so data far from the
  origin loses no precision);
* the points carry a column of ones, so one matrix product with ``[-2 c, ||c||^2]`` gives
  the distance terms with no second pass;
* the rows are split over the cores in threads (NumPy releases the GIL in its loops): each
  core checks the bounds of its own part of the rows and measures its doubtful points, with
  NumPy's BLAS held to one thread meanwhile (:mod:`kmeans.blas`). Each row is computed the
  same way whatever the part, so the cores never change the numbers;
* Hamerly-style bounds: each point keeps a lower bound on the gap between its second-nearest
  and its nearest centroid. When centroids move by ``shift``, the gap shrinks by at most the
  shift of its own centroid plus the largest other shift; only points whose gap may have
  closed are measured again. After a few moves almost every point is skipped. The bounds are
  widened by the rounding error of the distance formula, so near-ties are always re-measured
  and settled exactly as Lloyd's algorithm settles them (lowest cluster index wins).

Cluster sums are updated with the points that changed cluster only, and the inertia of each
step comes from per-cluster sums of squares, so a settled iteration costs a few passes over
``n`` numbers instead of ``n * k * d`` operations.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from typing import NamedTuple

import numpy as np

from kmeans.blas import each_on_one_blas_thread, one_blas_thread
from kmeans.seeding import initial_centroids
from kmeans.validation import (
    check_random_state,
    check_run,
    resolve_seed,
    warn_if_clusters_missing,
)

# Below this fraction of the total sum of squares, the inertia from cluster sums
# (sum ||x||^2 - 2 c.S + n ||c||^2) may have lost more than a few of its 16 digits.
_FEW_DIGITS_LEFT = 1e-4

# Rows per chunk of the distance matrix: a (chunk, k) block stays in the CPU cache.
_CHUNK_ELEMENTS = 1 << 15

# Up to this many features, cluster sums come from one bincount per feature.
_BINCOUNT_FEATURES = 8

# Distance blocks of at least this many (row, centroid) pairs are split over the cores.
_THREADED_ELEMENTS = 1 << 17
_WORKERS = min(os.cpu_count() or 1, 4)


class Step(NamedTuple):
    """One step of k-means, as the page animates it.

    Step 0 is the blog's Step 1 (the initial centroids) with the first Step 2 (assignment).
    Every later step is a Step 3 (move each centroid to the mean of its points, from
    ``previous_centroids`` to ``centroids``) followed by a Step 2 (re-assign every point).
    Each step owns its arrays.

    Attributes
    ----------
    iteration : int
        0 for the start, then 1, 2, ... (the number of moves made so far).
    centroids : ndarray of shape (n_clusters, n_features)
        The centroids the points were assigned to in this step.
    labels : ndarray of shape (n_samples,)
        Index of each point's nearest centroid, in the smallest signed integer type that
        holds ``n_clusters`` (int8 up to 127 clusters).
    inertia : float
        Sum of squared distances of every point to its assigned centroid.
    n_changed : int
        How many labels changed since the previous step (every point at step 0).
    converged : bool
        True on the last step only, when it stopped because nothing changed (or the move was
        within ``tol``); False when it stopped at ``max_iter``.
    previous_centroids : ndarray of shape (n_clusters, n_features)
        The centroids before this step's move (equal to ``centroids`` at step 0).
    relocated : tuple of int
        Clusters that had no points and were moved to the points farthest from their
        centroids during this step's move.
    center_shift : float
        Total squared distance the centroids moved in this step.
    stop_reason : str or None
        None on every step but the last; then ``"unchanged"`` (no assignment changed: the
        blog's Step 4), ``"tol"`` (the centroids moved less than ``tol`` allows) or
        ``"max_iter"`` (the most moves were made).
    """

    iteration: int
    centroids: np.ndarray
    labels: np.ndarray
    inertia: float
    n_changed: int
    converged: bool
    previous_centroids: np.ndarray
    relocated: tuple[int, ...]
    center_shift: float
    stop_reason: str | None


def kmeans_steps(
    X,
    n_clusters: int,
    *,
    init="k-means++",
    random_state=None,
    max_iter: int = 300,
    tol: float = 0.0,
    seed=None,
) -> Iterator[Step]:
    """Run k-means on ``X`` and yield a :class:`Step` after the start and after every move.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        The points. float32 stays float32; other numbers are computed in float64.
    n_clusters : int
        K, from 1 to the number of rows of ``X``. More than the distinct rows of ``X`` warns
        (:class:`~kmeans.validation.ConvergenceWarning`) after the last step, as
        scikit-learn does, since some clusters then stay empty.
    init : {"k-means++", "random"} or array-like of shape (n_clusters, n_features)
        How to pick the starting centroids: ``"random"`` picks K distinct points (the blog's
        Step 1), ``"k-means++"`` spreads them out, an array is used as given.
    random_state : None, int, numpy.random.Generator or RandomState, default=None
        Makes the start reproducible: the same seed gives the same steps.
    max_iter : int, default=300
        The most moves (Step 3) to make.
    tol : float, default=0.0
        0 stops when no assignment changes (the blog's Step 4). A positive value also stops
        when the total squared centroid move is at most ``tol`` times the mean feature
        variance (scikit-learn's rule).
    seed : None, int, numpy.random.Generator or RandomState, default=None
        Another name for ``random_state`` (the page's word); give one or the other.

    Yields
    ------
    Step
        Step 0, then one step per move; the last has ``converged=True`` unless ``max_iter``
        stopped it.

    Raises
    ------
    ValueError
        For invalid data or parameters, when called (before the first step).

    Examples
    --------
    >>> X = [[0.0, 0.0], [2.0, 0.0], [10.0, 0.0], [12.0, 0.0]]
    >>> steps = list(kmeans_steps(X, 2, init=[[0.0, 0.0], [2.0, 0.0]]))
    >>> [s.n_changed for s in steps], steps[-1].centroids.tolist()
    ([4, 1, 0], [[1.0, 0.0], [11.0, 0.0]])
    """
    X, k, max_iter, tol = check_run(X, n_clusters, max_iter, tol)
    rng = check_random_state(resolve_seed(random_state, seed))
    centroids = initial_centroids(X, k, init, rng)
    return _warn_after(lloyd_steps(X, centroids, max_iter, tol), k)


def _warn_after(steps: Iterator[Step], n_clusters: int) -> Iterator[Step]:
    for step in steps:
        yield step
        if step.stop_reason:
            warn_if_clusters_missing(step.labels, n_clusters)


def lloyd_steps(X: np.ndarray, centroids: np.ndarray, max_iter: int, tol: float):
    """The worker behind :func:`kmeans_steps`: Lloyd's steps from given starting centroids.

    It trusts its input: call it with what :func:`kmeans.validation.check_run` returns
    and centroids from :func:`kmeans.seeding.initial_centroids`.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features), float32 or float64, C-contiguous
    centroids : ndarray of shape (n_clusters, n_features)
        The starting centroids.
    max_iter : int
        At least 1.
    tol : float
        At least 0 (see :func:`kmeans_steps`).

    Yields
    ------
    Step
        As :func:`kmeans_steps` yields them.

    Examples
    --------
    >>> X = np.array([[0.0], [1.0], [9.0], [10.0]])
    >>> [round(s.inertia, 2) for s in lloyd_steps(X, X[[0, 1]], 300, 0.0)]
    [145.0, 17.56, 1.0]
    """
    return each_on_one_blas_thread(_lloyd(X, centroids, max_iter, tol), X.shape[1])


def _lloyd(X, centroids, max_iter, tol):
    state = _LloydState(X, centroids)
    # scikit-learn's tolerance: tol times the mean variance of the features.
    threshold = tol * state.total_sq / X.size
    yield state.step(0, state.centroids, (), X.shape[0], None)
    for iteration in range(1, max_iter + 1):
        previous = state.centroids
        relocated, shift = state.move()
        n_changed = state.assign(shift)
        if tol > 0 and state.center_shift <= threshold:
            reason = "tol"  # checked first: scikit-learn meets this rule one iteration earlier
        elif n_changed == 0:
            reason = "unchanged"
        else:
            reason = "max_iter" if iteration == max_iter else None
        yield state.step(iteration, previous, relocated, n_changed, reason)
        if reason:
            return


class _LloydState:
    """Centred data, labels, bounds and per-cluster sums of one k-means run."""

    def __init__(self, X, centroids):
        # X.mean, as scikit-learn centres: the same rounding settles near-ties the same way.
        self.offset = X.mean(axis=0)
        # The centred points with a column of ones: one matrix product then gives
        # ||c||^2 - 2 x.c directly (see _nearest).
        self.ones, self.sq_norms = _with_ones(X, self.offset)
        self.X = self.ones[:, :-1]
        self.centroids = centroids.astype(X.dtype) - self.offset
        self.k = centroids.shape[0]
        self.label_dtype = np.min_scalar_type(-self.k)
        self.eps = np.finfo(X.dtype).eps
        self.total_sq = float(self.sq_norms.sum())
        self.center_shift = 0.0
        self.bounds = _Bounds(X.shape[0])
        self.doubtful = X.shape[0]  # rows in doubt at the last assignment
        self.labels = labels = self.bounds.measure_slice(self, 0, X.shape[0], threaded=True)
        self.sums = _cluster_sums(self.X, labels, self.k)
        self.counts = np.bincount(labels, minlength=self.k)
        self.sq_sums = np.bincount(labels, weights=self.sq_norms, minlength=self.k)

    def move(self):
        """Step 3: move centroids to the means of their points; relocate empty clusters."""
        sums, counts = self.sums.copy(), self.counts.astype(np.float64)
        relocated = tuple(int(j) for j in np.flatnonzero(counts == 0))
        if relocated:
            _relocate_empty(self.X, self.centroids, self.labels, relocated, sums, counts)
        new = np.divide(sums, counts[:, None], out=sums, where=counts[:, None] > 0)
        new = new.astype(self.X.dtype)
        moved = new - self.centroids
        shift = np.sqrt(np.einsum("ij,ij->i", moved, moved, dtype=np.float64))
        self.center_shift = float(np.square(shift).sum())
        self.centroids = new
        return relocated, shift

    def assign(self, shift) -> int:
        """Step 2: re-assign the points whose bounds say they may have a new nearest centroid.

        While many points are in doubt, the rows are split in one part per core, each
        checked and measured on its own thread (NumPy releases the GIL); once few are (the
        last step's count), one thread does it all, since handing work over would cost more.
        Which rows are measured never changes a label.
        """
        own, other = _shift_margins(shift)
        margins = own + other
        n = self.labels.size
        parts = _row_parts(n, self.k)
        if len(parts) < 2 or self.doubtful * self.k < _THREADED_ELEMENTS:
            found = [self._assign_rows(margins, 0, n, threaded=True)]
        else:
            found = _on_cores(lambda part: self._assign_rows(margins, *part), parts)
        self.doubtful = sum(doubtful for _, _, doubtful in found)
        changed = np.concatenate([rows for rows, _, _ in found])
        if changed.size == 0:
            return 0
        new = np.concatenate([labels for _, labels, _ in found])
        self._update_sums(changed, self.labels[changed], new)
        self.labels[changed] = new
        return int(changed.size)

    def _assign_rows(self, margins, start, stop, threaded=False):
        """The rows in ``start:stop`` whose nearest centroid changed, their new labels, and
        how many rows were in doubt."""
        stale = self.bounds.stale(self.labels, margins, start, stop)
        if stale.size == 0:
            return stale, stale, 0
        if 2 * stale.size > stop - start:
            # Most points may have a new nearest centroid: measuring all of them in place
            # is cheaper than gathering them first.
            labels = self.bounds.measure_slice(self, start, stop, threaded)
            changed = np.flatnonzero(labels != self.labels[start:stop])
            return changed + start, labels[changed], stale.size
        labels = self.bounds.measure_rows(self, stale, threaded)
        moved = labels != self.labels[stale]
        return stale[moved], labels[moved], stale.size

    def _update_sums(self, rows, old, new):
        """Move the points ``rows`` from clusters ``old`` to clusters ``new`` in the sums."""
        self.sums += _moved_sums(self.X[rows], old, new, self.k)
        self.counts += np.bincount(new, minlength=self.k) - np.bincount(old, minlength=self.k)
        norms = self.sq_norms[rows]
        self.sq_sums += np.bincount(new, norms, self.k) - np.bincount(old, norms, self.k)

    def inertia(self) -> float:
        """Sum of squared distances from per-cluster sums: sum ||x||^2 - 2 c.S + n ||c||^2."""
        c = self.centroids.astype(np.float64)
        total = self.sq_sums - 2 * np.einsum("ij,ij->i", c, self.sums)
        total += self.counts * np.einsum("ij,ij->i", c, c)
        return max(float(total.sum()), 0.0)

    def step(self, iteration, previous, relocated, n_changed, stop_reason) -> Step:
        """Package the current state as a :class:`Step` that owns its arrays."""
        inertia = self.inertia()
        # From cluster sums the inertia loses digits when it is tiny next to the spread of
        # the data; then, and for the last step, it is measured point by point.
        if stop_reason and inertia < _FEW_DIGITS_LEFT * self.total_sq:
            inertia = _exact_inertia(self.X, self.centroids, self.labels)
        return Step(
            iteration=iteration,
            centroids=(self.centroids + self.offset).astype(self.X.dtype),
            labels=self.labels.astype(self.label_dtype),
            inertia=inertia,
            n_changed=int(n_changed),
            converged=stop_reason in ("unchanged", "tol"),
            previous_centroids=(previous + self.offset).astype(self.X.dtype),
            relocated=relocated,
            center_shift=self.center_shift,
            stop_reason=stop_reason,
        )


class _Bounds:
    """Hamerly's bound: per point, a lower bound on the gap between the distances to its
    second-nearest and its nearest centroid.

    When centroids move, the gap shrinks by at most the shift of the point's own centroid
    plus the largest other shift; points whose gap may have closed are measured again.
    (Checking a doubtful point against its own centroid first, as Hamerly does, cost more
    time than it saved here, even with 50 features.)
    """

    def __init__(self, n_samples):
        self.gap = np.full(n_samples, np.inf)

    def stale(self, labels, margins, start, stop):
        """The rows in ``start:stop`` that may have a new nearest centroid after the
        centroids moved; ``margins[j]``: how much the gap of cluster ``j``'s points shrinks."""
        gap = self.gap[start:stop]
        gap -= np.take(margins, labels[start:stop])
        return np.flatnonzero(gap < 0) + start

    def measure_slice(self, state, start, stop, threaded):
        """Measure the rows ``start:stop`` (a view: nothing is gathered); their labels."""
        part = slice(start, stop)
        labels, upper, second = _nearest(
            state.ones[part], state.sq_norms[part], state.centroids, state.eps, threaded
        )
        np.subtract(second, upper, out=self.gap[part])
        return labels

    def measure_rows(self, state, rows, threaded):
        ones, sq_norms = state.ones[rows], state.sq_norms[rows]
        labels, upper, second = _nearest(ones, sq_norms, state.centroids, state.eps, threaded)
        self.gap[rows] = second - upper
        return labels


def _row_parts(n_samples, k):
    """(start, stop) of one part of the rows per core, or a single part when the work is
    too small to be worth a thread."""
    if n_samples * k < _THREADED_ELEMENTS or _WORKERS < 2:
        return [(0, n_samples)]
    edges = np.linspace(0, n_samples, _WORKERS + 1).astype(int)
    return list(zip(edges[:-1].tolist(), edges[1:].tolist(), strict=True))


def nearest_centroid(X, centroids) -> np.ndarray:
    """Index of the nearest of ``centroids`` for each row of ``X`` (ties: lowest index).

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        Validated data.
    centroids : ndarray of shape (n_clusters, n_features)

    Returns
    -------
    ndarray of shape (n_samples,), intp

    Examples
    --------
    >>> nearest_centroid(np.array([[0.0], [4.0]]), np.array([[1.0], [5.0]])).tolist()
    [0, 1]
    """
    offset = centroids.mean(axis=0)
    ones, sq_norms = _with_ones(X, offset)
    X = ones[:, :-1]
    with one_blas_thread(X.shape[1]):
        labels, _, _ = _nearest(
            ones, sq_norms, (centroids - offset).astype(X.dtype), np.finfo(X.dtype).eps
        )
    return labels


def _with_ones(X, offset):
    """``X - offset`` with a last column of ones, and the squared norm of each row.

    Computed in one part of the rows per core (each row on its own: the same numbers).

    Returns
    -------
    ones : ndarray of shape (n, n_features + 1), the dtype of ``X``
    sq_norms : ndarray of shape (n,), float64
    """
    n, d = X.shape
    ones = np.empty((n, d + 1), dtype=X.dtype)
    sq_norms = np.empty(n)

    def fill(part):
        rows = slice(*part)
        centred = ones[rows, :d]
        np.subtract(X[rows], offset, out=centred)
        ones[rows, d] = 1
        np.einsum("ij,ij->i", centred, centred, dtype=np.float64, out=sq_norms[rows])

    _on_cores(fill, _row_parts(n, d))
    return ones, sq_norms


def _shift_margins(shift):
    """How far each cluster's points' bounds can move: own shift, largest other shift.

    Parameters
    ----------
    shift : ndarray of shape (n_clusters,)
        Distance each centroid moved.

    Returns
    -------
    own, largest_other : ndarray of shape (n_clusters,)
    """
    order = np.argsort(shift)[::-1]
    largest_other = np.full_like(shift, shift[order[0]])
    if shift.size > 1:
        largest_other[order[0]] = shift[order[1]]
    # A relative margin keeps the bounds safe against rounding in the shift itself.
    return shift * (1 + 1e-9), largest_other * (1 + 1e-9)


def _nearest(ones, sq_norms, centroids, eps, threaded=True):
    """Nearest centroid of each row, with safe bounds on its nearest and second distances.

    Distances use ``||c||^2 - 2 x.c`` (plus ``||x||^2``), as scikit-learn's Lloyd does, and
    ties go to the lowest cluster index. The points carry a last column of ones, so one
    matrix product with ``[-2 c, ||c||^2]`` gives both terms.

    Parameters
    ----------
    ones : ndarray of shape (m, n_features + 1)
        The points, then a column of ones (:func:`_with_ones`).
    sq_norms : ndarray of shape (m,), float64
        ``||x||^2`` of each row.
    centroids : ndarray of shape (n_clusters, n_features)
    eps : float
        Machine epsilon of the data's dtype.
    threaded : bool, default=True
        False when called from one of the engine's own threads: it then stays on it.

    Returns
    -------
    labels : ndarray of shape (m,), intp
    upper : ndarray of shape (m,), float64
        The distance to the nearest centroid plus its rounding error.
    second : ndarray of shape (m,), float64
        The distance to the second nearest minus its rounding error; ``inf`` when K=1.
    """
    k, m = centroids.shape[0], ones.shape[0]
    c_norms = np.einsum("ij,ij->i", centroids, centroids)
    terms = np.hstack([-2 * centroids, c_norms[:, None]])
    labels = np.empty(m, dtype=np.intp)
    upper, second = np.zeros(m), np.full(m, np.inf)
    chunk = max(256, _CHUNK_ELEMENTS // k)
    blocks = [(start, min(start + chunk, m)) for start in range(0, m, chunk)]

    def measure(part):
        _nearest_in_blocks(
            ones, sq_norms, terms, c_norms.max(), eps, part, (labels, upper, second)
        )

    # NumPy releases the GIL in its loops, so halves of the rows run on two cores at once.
    if not threaded or m * k < _THREADED_ELEMENTS or len(blocks) < 2 or _WORKERS < 2:
        measure(blocks)
    else:
        _on_cores(measure, np.array_split(np.array(blocks), _WORKERS))
    return labels, upper, second


def _nearest_in_blocks(ones, sq_norms, terms, c_norm_max, eps, blocks, out):
    """Fill ``out = (labels, upper, second)`` for the rows in ``blocks``, (start, stop) pairs.

    ``terms`` is ``[-2 c, ||c||^2]`` of shape (k, n_features + 1), so ``terms @ ones.T`` is
    ``||c||^2 - 2 x.c``.
    """
    labels, upper, second = out
    k, n_features = terms.shape[0], terms.shape[1] - 1
    # One (k, rows) block at a time, cluster-major, so the minima run along memory.
    buffer = np.empty((k, max(stop - start for start, stop in blocks)), dtype=ones.dtype)
    for start, stop in blocks:
        dist = buffer[:, : stop - start]
        np.matmul(terms, ones[start:stop].T, out=dist)
        best, nearest = _nearest_in_block(dist)
        labels[start:stop] = best
        rows = sq_norms[start:stop]
        error = _rounding_error(rows, c_norm_max, eps, n_features)
        # >= 0: the true squared distance is within `error` of the formula's.
        near = upper[start:stop]
        np.add(nearest, rows, out=near)
        near += error
        np.sqrt(near, out=near)
        if k > 1:
            _second_lower(dist, best, rows, error, out=second[start:stop])


def _on_cores(work, parts) -> list:
    """``[work(part) for part in parts]``, the first part on this thread and the others on
    the engine's threads at the same time. ``work`` must not call this again."""
    others = [_pool().submit(work, part) for part in parts[1:]]
    first = work(parts[0])
    return [first, *(other.result() for other in others)]


@cache
def _pool() -> ThreadPoolExecutor:
    """The threads that measure row blocks side by side, shared by every run."""
    return ThreadPoolExecutor(max_workers=_WORKERS, thread_name_prefix="kmeans")


def _nearest_in_block(dist):
    """``dist.argmin(axis=0)`` and ``dist.min(axis=0)`` of a (k, m) block, ties to the lowest.

    Both ways below are several times faster than argmin along the short first axis: for
    small k, k comparisons against the minima, writing the cluster indices from the last to
    the first (so the lowest index wins a tie); for larger k, the first row equal to the
    minimum (argmax of booleans stops at the first True).
    """
    minimum = dist.min(axis=0)
    if dist.shape[0] > 12:
        return np.equal(dist, minimum).argmax(axis=0), minimum
    best = np.empty(dist.shape[1], dtype=np.intp)
    for j in range(dist.shape[0] - 1, -1, -1):
        np.putmask(best, dist[j] == minimum, j)
    return best, minimum


def _rounding_error(sq_norms, c_norm_max, eps, n_features):
    """Bound on the error of ``||x||^2 - 2 x.c + ||c||^2``: about (n_features + 2) eps of
    the norms, with room to spare. ndarray of shape (m,), float64."""
    error = sq_norms + c_norm_max
    error *= (n_features + 8) * eps
    return error


def _second_lower(dist, best, sq_norms, error, out):
    """Lower bound of the second-nearest distance from one (k, m) block of distances,
    written to ``out``, ndarray of shape (m,), float64."""
    # Hide each nearest distance to find the second nearest (flat indices: cheaper).
    flat = best * dist.shape[1]
    flat += np.arange(best.size)
    dist.reshape(-1)[flat] = np.inf
    if dist.dtype == out.dtype:
        np.min(dist, axis=0, out=out)
    else:
        out[:] = dist.min(axis=0)
    out += sq_norms
    out -= error
    np.maximum(out, 0, out=out)
    np.sqrt(out, out=out)


def _cluster_sums(X, labels, k):
    """Per-cluster sums of the rows of ``X``: ndarray of shape (k, n_features), float64.

    Many rows are summed in two halves, side by side on two threads when there are two
    cores; the halves are the same either way, so the sums do not depend on the cores.
    """
    if X.shape[1] <= _BINCOUNT_FEATURES:
        return _bincount_sums(X, labels, k)
    if X.shape[0] * k < _THREADED_ELEMENTS:
        return _one_hot_sums(X, labels, k)
    half = X.shape[0] // 2
    halves = [(X[:half], labels[:half]), (X[half:], labels[half:])]

    def add(part):
        return _one_hot_sums(*part, k)

    first, second = _on_cores(add, halves) if _WORKERS > 1 else map(add, halves)
    return first + second


def _moved_sums(points, old, new, k):
    """What moving ``points`` from clusters ``old`` to ``new`` adds to each cluster's sum.

    One pass: each point counts +1 in its new cluster and -1 in its old one (they differ).

    Parameters
    ----------
    points : ndarray of shape (m, n_features)
    old, new : ndarray of shape (m,)
        Cluster indices, ``old != new`` row by row.
    k : int

    Returns
    -------
    ndarray of shape (k, n_features), float64
    """
    if points.shape[1] <= _BINCOUNT_FEATURES:
        return _bincount_sums(np.concatenate([points, -points]), np.concatenate([new, old]), k)
    return _one_hot_sums(points, new, k, minus=old)


def _bincount_sums(X, labels, k):
    """Per-cluster sums of the rows of ``X``, one ``bincount`` per feature (few features)."""
    return np.stack([np.bincount(labels, weights=column, minlength=k) for column in X.T], axis=1)


def _one_hot_sums(X, labels, k, minus=None):
    """Per-cluster sums of the rows of ``X`` as products of (k, rows) indicator blocks with
    ``X``; with ``minus``, each row also counts -1 in cluster ``minus`` (never its label)."""
    sums = np.zeros((k, X.shape[1]), dtype=np.float64)
    chunk = max(256, _CHUNK_ELEMENTS // k)
    for start in range(0, X.shape[0], chunk):
        part = labels[start : start + chunk]
        columns = np.arange(part.size)
        one_hot = np.zeros((k, part.size), dtype=np.float64)
        one_hot[part, columns] = 1.0
        if minus is not None:
            one_hot[minus[start : start + chunk], columns] = -1.0
        sums += one_hot @ X[start : start + chunk]
    return sums


def _relocate_empty(X, centroids, labels, empty, sums, counts):
    """Move empty clusters to the points farthest from their centroids (scikit-learn's rule).

    The far points keep their labels; their coordinates leave their old cluster's sum and
    become the empty cluster's centroid. ``sums`` and ``counts`` are updated in place.
    """
    distances = ((X - centroids[labels]) ** 2).sum(axis=1)
    n_empty = len(empty)
    far = np.argpartition(distances, -n_empty)[: -n_empty - 1 : -1]
    for cluster, row in zip(empty, far, strict=True):
        old = labels[row]
        sums[old] -= X[row]
        counts[old] -= 1
        sums[cluster] = X[row]
        counts[cluster] = 1


def _exact_inertia(X, centroids, labels) -> float:
    """Sum of squared distances of each row to its centroid, computed directly in chunks."""
    total = 0.0
    chunk = 1 << 16
    for start in range(0, X.shape[0], chunk):
        diff = X[start : start + chunk] - centroids[labels[start : start + chunk]]
        total += float(np.einsum("ij,ij->", diff, diff))
    return total
