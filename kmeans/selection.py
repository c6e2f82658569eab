"""Choosing K: the elbow method, with a suggestion a student can check by eye.

The blog says "use the elbow" of the inertia curve. :func:`elbow` draws that curve (K against
inertia), adds the silhouette of each K and suggests K in two stages.

The *last big drop* (:func:`suggest_k`), from the inertias alone:

1. For each K, compare its inertia with the inertia of K - 1 clusters.
2. A drop is *big* when one more cluster cuts the inertia by more than half. Splitting a round
   group that has no real structure cuts its inertia by at most 2/π ≈ 64 % in one dimension and
   by about 32 % in two, while separating two real groups cuts it by far more.
3. The suggestion is the last K with a big drop: after it the curve is flat, the "elbow".
   When no K has a big drop the inertias show no clear groups.

The silhouette as a second opinion (:func:`advise_k`):

4. No big drop, but the silhouette reaches 0.25 or more at some K: real tables with many
   correlated columns (wine, breast cancer) have groups that overlap, so no single cluster
   removes half the inertia, yet the rows sit clearly nearer their own group. The K with the
   highest silhouette is suggested, never "no clear groups".
5. A big drop and a best silhouette at another K: the elbow's K is kept (it is the better of
   the two on well-separated blobs) and the sentence names both and says why they differ.

On 120 data sets of well-separated Gaussian blobs (K from 2 to 9, in 2, 5 and 10 dimensions;
``benchmarks/bench_elbow.py``) the last big drop found the right K on 118, the Kneedle knee
detector on 40 (from the same inertias).
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

import numpy as np

from kmeans.model import KMeans
from kmeans.sampling import sample_rows
from kmeans.silhouette import pairwise_distances, silhouette_values
from kmeans.validation import check_data, check_int, check_random_state, count_distinct_rows

# Step 4: a mean silhouette of 0.25 or more is the usual sign of weak but real structure.
REAL_SILHOUETTE = 0.25
# Step 4's check: real tables beat a bell-shaped cloud of their own spread by 0.09 or more
# (wine 0.29 against 0.16); one 2-D cloud scores the same as its own reference.
CLOUD_MARGIN = 0.05
# Step 2: "more than half". Splitting a structureless round group in 2 or more dimensions
# removes at most ~32 % of the inertia, so 50 % leaves a wide margin on either side.
BIG_DROP = 0.5


class ElbowResult(NamedTuple):
    """The elbow curve and the suggested K (a NamedTuple: it unpacks and pickles).

    Attributes
    ----------
    k_values : tuple of int
        The K values tried, consecutive and increasing.
    inertias : ndarray of shape (len(k_values),)
        Best inertia found for each K, non-increasing.
    silhouettes : ndarray of shape (len(k_values),)
        Mean silhouette of each K on a random sample of the points; nan for K=1.
    elbow_k : int
        The suggested K, one of ``k_values``.
    reason : str
        What the inertias and the silhouette say, and why ``elbow_k`` was suggested.
    starts : tuple of ndarray, each of shape (K, n_features)
        The starting centroids of the best run found for each K: ``KMeans(K, init=start)``
        reproduces it, so the page can animate a run that is as good as the curve's.
    """

    k_values: tuple[int, ...]
    inertias: np.ndarray
    silhouettes: np.ndarray
    elbow_k: int
    reason: str
    starts: tuple[np.ndarray, ...] = ()


def elbow(
    X,
    k_values: Iterable[int] = range(1, 11),
    *,
    random_state=None,
    n_init: int = 3,
    sample_size: int = 2000,
) -> ElbowResult:
    """Fit k-means for each K, return the inertia curve, silhouettes and a suggested K.

    Each K is fitted with ``n_init`` k-means++ starts and the best run kept. A run can land in
    a poor local minimum, so the inertia for K could come out above the one for K - 1; then K
    is fitted again from the K - 1 centroids plus the point farthest from them. That start
    already has a lower inertia than K - 1 and Lloyd's steps never raise it, so the reported
    inertias never increase with K.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        The points.
    k_values : iterable of int, default=range(1, 11)
        Consecutive whole numbers (any order), each at most the number of distinct rows of X.
    random_state : None, int or numpy.random.Generator, default=None
        Seed for the sample and every k-means start: the same seed gives the same result.
    n_init : int, default=3
        k-means++ starts per K; the run with the lowest inertia is kept.
    sample_size : int, default=2000
        Points used for the silhouette (all of them when X has fewer); the silhouette costs
        ``sample_size ** 2`` distances, so this bounds its time and memory.

    Returns
    -------
    ElbowResult
        ``k_values``, ``inertias``, ``silhouettes``, ``elbow_k`` and ``reason``.

    Raises
    ------
    ValueError
        If X, k_values, random_state, n_init or sample_size is not valid.

    Notes
    -----
    The suggestion is :func:`advise_k`'s. One bell-shaped group in a single column, or one
    long thin group, loses about 64 % of its inertia when cut in two, so such data get K=2
    rather than K=1 from the inertias; the sentence then also gives the silhouette's view.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = np.concatenate([rng.normal(c, 0.5, size=(50, 2)) for c in (0, 5, 10)])
    >>> result = elbow(X, range(1, 7), random_state=0)
    >>> result.elbow_k
    3
    >>> bool(np.all(np.diff(result.inertias) <= 0))
    True
    """
    X = check_data(X)
    ks = check_k_values(k_values, X)
    n_init = check_int(n_init, "n_init", minimum=1)
    sample_size = check_int(sample_size, "sample_size", minimum=2)
    rng = check_random_state(random_state)
    rows = sample_rows(X.shape[0], sample_size, rng)
    inertias, labels, starts = _sweep(X, ks, n_init, rng)
    distances = pairwise_distances(X[rows])
    silhouettes = np.array([silhouette_values(distances, lab[rows]).mean() for lab in labels])
    total = float(np.sum((X - X.mean(axis=0)) ** 2))
    cloud = _cloud_silhouette(X[rows], n_init, rng)
    elbow_k, reason = advise_k(ks, inertias, silhouettes, inertia_one=total, reference=cloud)
    return ElbowResult(ks, inertias, silhouettes, elbow_k, reason, starts)


def _cloud_silhouette(sample: np.ndarray, n_init: int, rng) -> Callable[[int], float]:
    """``k -> silhouette`` of a Gaussian cloud with the sample's covariance (no groups)."""

    def score(k: int) -> float:
        covariance = np.atleast_2d(np.cov(sample, rowvar=False))
        cloud = rng.multivariate_normal(np.zeros(sample.shape[1]), covariance, len(sample))
        labels = KMeans(k, n_init=n_init, random_state=rng).fit(cloud).labels_
        return float(silhouette_values(pairwise_distances(cloud), labels).mean())

    return score


def check_k_values(k_values, X: np.ndarray) -> tuple[int, ...]:
    """Return ``k_values`` sorted, after checking it suits the elbow method on ``X``.

    Parameters
    ----------
    k_values : iterable of int
        Distinct, consecutive whole numbers from 1 up to the number of distinct rows of X.
    X : ndarray of shape (n_samples, n_features)
        Validated data (see :func:`kmeans.validation.check_data`).

    Returns
    -------
    tuple of int
        The K values, increasing.

    Examples
    --------
    >>> check_k_values([3, 1, 2], np.eye(3))
    (1, 2, 3)
    """
    ks = _as_int_tuple(k_values)
    if len(set(ks)) != len(ks):
        twice = next(k for k in ks if ks.count(k) > 1)
        raise ValueError(f"k_values has K={twice} more than once; list each K once.")
    ks = tuple(sorted(ks))
    if ks[0] < 1:
        raise ValueError(f"k_values must be 1 or more, got K={ks[0]}; start at K=1.")
    if ks[-1] - ks[0] != len(ks) - 1:
        # Step 1 of the rule compares each K with K - 1, so a gap would hide a drop.
        raise ValueError(
            f"k_values must be consecutive, got {list(ks)}; the elbow compares each K "
            f"with K - 1, so pass a range such as range({ks[0]}, {ks[-1] + 1})."
        )
    n_distinct = count_distinct_rows(X, at_least=ks[-1])
    if ks[-1] > n_distinct:
        raise ValueError(
            f"k_values goes up to K={ks[-1]} but X has only {n_distinct} distinct points, "
            f"so some clusters would be empty; use K up to {n_distinct}."
        )
    return ks


def _as_int_tuple(k_values) -> tuple[int, ...]:
    if isinstance(k_values, (str, bytes)) or not isinstance(k_values, Iterable):
        raise ValueError(
            f"k_values must be a list of whole numbers, got {k_values!r}; "
            "pass e.g. k_values=range(1, 11)."
        )
    ks = tuple(k_values)
    if not ks:
        raise ValueError("k_values is empty; pass at least one K, e.g. k_values=range(1, 11).")
    for k in ks:
        if isinstance(k, bool) or not isinstance(k, numbers.Integral):
            raise ValueError(
                f"k_values must hold whole numbers, got {k!r}; pass e.g. k_values=range(1, 11)."
            )
    return tuple(int(k) for k in ks)


def suggest_k(
    k_values: Sequence[int], inertias: Sequence[float], *, inertia_one: float | None = None
) -> tuple[int, str]:
    """Suggest K from an inertia curve by the last big drop (see the module docstring).

    Parameters
    ----------
    k_values : sequence of int
        Consecutive, increasing K values.
    inertias : sequence of float, shape (len(k_values),)
        Non-increasing inertia for each K.
    inertia_one : float, optional
        Inertia of K=1 (the sum of squares around the mean), used to judge the drop into the
        first K when ``k_values`` starts at 2.

    Returns
    -------
    elbow_k : int
    reason : str
        One sentence explaining the suggestion.

    Examples
    --------
    >>> suggest_k([1, 2, 3, 4], [100.0, 40.0, 10.0, 8.0])[0]
    3
    """
    ks, drops = _drops(k_values, inertias, inertia_one)
    big = [k for k, drop in drops.items() if drop > BIG_DROP]
    if not big:
        return ks[0], _reason_no_big_drop(ks, drops)
    k = big[-1]
    if k == ks[-1]:
        return k, (
            f"K={k} is the largest K tried and adding its cluster still cut the inertia by "
            f"{drops[k]:.0%} (more than half), so the curve has not flattened yet: "
            "try larger K values."
        )
    later = [drops[j] for j in drops if j > k]
    after = (
        f"after it each extra cluster removes at most {max(later):.0%}"
        if later
        else "after it every distinct point already has its own centroid"
    )
    return k, (
        f"K={k} is the last K where one more cluster cut the inertia by more than half "
        f"({drops[k]:.0%} from K={k - 1}); {after}, so the curve bends (the elbow) at K={k}."
    )


def advise_k(
    k_values: Sequence[int],
    inertias: Sequence[float],
    silhouettes: Sequence[float],
    *,
    inertia_one: float | None = None,
    reference: Callable[[int], float] | None = None,
) -> tuple[int, str]:
    """Suggest K from the inertias and the silhouettes (steps 4 and 5 of the module docstring).

    Parameters
    ----------
    k_values : sequence of int
        Consecutive, increasing K values.
    inertias : sequence of float, shape (len(k_values),)
        Non-increasing inertia for each K.
    silhouettes : sequence of float, shape (len(k_values),)
        Mean silhouette for each K; nan where it is not defined (K=1).
    inertia_one : float, optional
        As in :func:`suggest_k`.
    reference : callable, optional
        ``reference(k)`` is the silhouette that one structureless, bell-shaped cloud of the
        same spread gets at K=k. When step 4 picks K and the data score hardly more than
        that, the sentence warns that the groups may be one cloud cut into pieces.

    Returns
    -------
    elbow_k : int
    reason : str
        What the inertias say, what the silhouette says, and why the suggestion follows.

    Examples
    --------
    >>> advise_k([1, 2, 3, 4], [100.0, 72.0, 55.0, 50.0], [np.nan, 0.26, 0.29, 0.25])[0]
    3
    """
    k, reason = suggest_k(k_values, inertias, inertia_one=inertia_one)
    ks, drops = _drops(k_values, inertias, inertia_one)
    scores = np.asarray(silhouettes, dtype=np.float64)
    if scores.shape != (len(ks),):
        raise ValueError(
            f"silhouettes has shape {scores.shape} but there are {len(ks)} K values; "
            "give one silhouette per K (nan for K=1)."
        )
    if np.isnan(scores).all() or not drops:
        return k, reason
    best, top = ks[int(np.nanargmax(scores))], float(np.nanmax(scores))
    if not any(drop > BIG_DROP for drop in drops.values()):
        if top < REAL_SILHOUETTE:
            return k, (
                f"{reason} The silhouette agrees: it stays below {REAL_SILHOUETTE} "
                f"(highest {top:.2f}, at K={best})."
            )
        # Step 4: overlapping groups, not no groups.
        return best, (
            f"No extra cluster cut the inertia by more than half ({_biggest_cut(drops)}), so "
            f"the inertia curve has no sharp elbow; but the silhouette reaches {top:.2f} at "
            f"K={best} ({REAL_SILHOUETTE} or more: the rows sit clearly nearer their own group "
            f"than the next one), so K={best} is suggested{_caution(best, top, reference)}"
        )
    if best == k:
        return k, f"{reason} The silhouette agrees: {_highest(ks, scores)}."
    return k, f"{reason} {_disagreement(k, best, top, scores[ks.index(k)])}"


def _disagreement(k: int, best: int, top: float, at_k: float) -> str:
    """Step 5: one sentence on where the silhouette differs from the elbow, and why."""
    why = (
        "it prefers fewer groups that are far apart, while some of the elbow's clusters sit "
        "close together"
        if best < k
        else "its extra clusters are well apart even though each removes less than half of "
        "the inertia"
    )
    at = f"{at_k:.2f} at K={k}" if np.isfinite(at_k) else f"undefined at K={k}"
    return (
        f"The silhouette is highest at K={best} instead ({top:.2f}, against {at}): {why}. "
        "Both are reasonable; compare the two on the chart."
    )


def _caution(k: int, top: float, reference: Callable[[int], float] | None) -> str:
    """How step 4's sentence ends: overlapping groups, or a warning when a structureless cloud
    of the same spread scores nearly as high."""
    cloud = np.nan if reference is None else reference(k)
    if not top - cloud < CLOUD_MARGIN:
        return ": the groups overlap, they are not absent."
    return (
        f", with care: one bell-shaped cloud of the same spread, with no groups at all, "
        f"scores {cloud:.2f} at K={k} too, so these may be one cloud cut into pieces; look at "
        "the chart before trusting them."
    )


def _highest(ks: tuple[int, ...], scores: np.ndarray) -> str:
    """ "it is highest at K=2 (0.58; next K=3, 0.46)": the runner-up is worth a look."""
    order = [int(i) for i in np.argsort(-np.nan_to_num(scores, nan=-np.inf))]
    first = f"it is highest at K={ks[order[0]]} ({scores[order[0]]:.2f}"
    if len(order) < 2 or not np.isfinite(scores[order[1]]):
        return first + ")"
    return f"{first}; next K={ks[order[1]]}, {scores[order[1]]:.2f})"


def _biggest_cut(drops: dict[int, float]) -> str:
    k_best = max(drops, key=drops.get)
    return f"the biggest cut was {drops[k_best]:.0%}, at K={k_best}"


def _drops(k_values, inertias, inertia_one) -> tuple[tuple[int, ...], dict[int, float]]:
    """Fraction of the inertia removed by each K's extra cluster, for K with a known K - 1."""
    ks = tuple(int(k) for k in k_values)
    known = dict(zip(ks, map(float, inertias), strict=True))
    if inertia_one is not None:
        known.setdefault(1, float(inertia_one))
    drops = {}
    for k in ks:
        before, now = known.get(k - 1), known[k]
        # now == 0 means every distinct point has its own centroid: a split that explains
        # nothing about groups, so it is never a candidate.
        if before is not None and before > 0 and now > 0:
            drops[k] = 1.0 - now / before
    return ks, drops


def _reason_no_big_drop(ks: tuple[int, ...], drops: dict[int, float]) -> str:
    if not drops:
        return f"Only K={ks[0]} was tried, so it is the suggestion; try a range such as 1 to 10."
    biggest = _biggest_cut(drops)
    if ks[0] == 1:
        return (
            f"No extra cluster cut the inertia by more than half ({biggest}), so the data "
            "show no clear groups and K=1 is suggested."
        )
    return (
        f"No extra cluster cut the inertia by more than half ({biggest}), so the data show "
        f"no clear groups and the smallest K tried, K={ks[0]}, is suggested."
    )


def _sweep(X, ks, n_init, rng) -> tuple[np.ndarray, list[np.ndarray], tuple[np.ndarray, ...]]:
    """Best inertia, labels and start for each K, kept non-increasing (see :func:`elbow`)."""
    inertias, labels, starts, previous = [], [], [], None
    for k in ks:
        model = KMeans(k, n_init=n_init, random_state=rng).fit(X)
        if previous is not None and model.inertia_ > previous.inertia_:
            model = _grow(X, previous)
        inertias.append(model.inertia_)
        labels.append(model.labels_)
        starts.append(model.steps_[0].centroids)
        previous = model
    # The refit is strictly below K - 1 in exact arithmetic; this only absorbs rounding.
    return np.minimum.accumulate(np.array(inertias, dtype=float)), labels, tuple(starts)


def _grow(X: np.ndarray, model: KMeans) -> KMeans:
    """Fit K + 1 clusters starting from ``model``'s K centroids plus its farthest point."""
    centers = model.cluster_centers_
    residual = np.sum((X - centers[model.labels_]) ** 2, axis=1)
    start = np.vstack([centers, X[np.argmax(residual)]])
    return KMeans(len(start), init=start).fit(X)
