"""Checks shared by the public functions: each failure is one sentence a student can act on.

Every check raises :class:`ValueError` naming the parameter, the value it got and what to do,
so that the page can show ``str(error)`` as it is.
"""

from __future__ import annotations

import numbers
import warnings

import numpy as np
import pandas as pd

# Enough rows to find K distinct ones almost always, without sorting a million rows.
_DISTINCT_PROBE_ROWS = 4096


def check_data(X, name: str = "X") -> np.ndarray:
    """Return ``X`` as a 2-D, finite, non-empty floating-point array.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        The points to cluster. float32 stays float32; every other numeric type becomes float64.
    name : str, default="X"
        The name used in error messages.

    Returns
    -------
    ndarray of shape (n_samples, n_features)
        C-contiguous float32 or float64 array (a view of ``X`` when no conversion was needed).

    Raises
    ------
    ValueError
        If ``X`` is not 2-D, is empty, holds something other than numbers, NaN or infinity.

    Examples
    --------
    >>> check_data([[1, 2], [3, 4]]).dtype
    dtype('float64')
    """
    try:
        array = _as_array(X)
    except (TypeError, ValueError) as error:
        raise ValueError(
            f"{name} could not be read as a table of numbers ({error}); "
            "pass a 2-D array or a list of equal-length rows."
        ) from None
    array = _as_float(array, name)
    if array.ndim != 2:
        raise ValueError(
            f"{name} must be 2-D (rows of points, columns of features) but has "
            f"{array.ndim} dimension(s) with shape {array.shape}; "
            "for a single feature use X.reshape(-1, 1)."
        )
    if array.shape[0] == 0 or array.shape[1] == 0:
        raise ValueError(
            f"{name} is empty (shape {array.shape}); give at least one row with one number."
        )
    _check_finite_and_small(array, name)
    return np.ascontiguousarray(array)


def _as_array(X) -> np.ndarray:
    """``np.asarray(X)``, with pandas' missing values (``<NA>``) read as NaN."""
    if hasattr(X, "to_numpy") and not isinstance(X, np.ndarray):
        try:
            return X.to_numpy(dtype=np.float64, na_value=np.nan)
        except (TypeError, ValueError):
            pass  # text cells: np.asarray below keeps them, so the error can name one
    return np.asarray(X)


def _as_float(array: np.ndarray, name: str) -> np.ndarray:
    if array.dtype == np.float32 or array.dtype == np.float64:
        return array
    if array.dtype.kind in "iub":
        return array.astype(np.float64)
    if array.dtype.kind == "c":
        raise ValueError(
            f"{name} holds complex numbers; k-means needs real numbers, "
            "so pass the real and imaginary parts as two columns."
        )
    try:
        return array.astype(np.float64)
    except (TypeError, ValueError):
        bad = next((v for v in array.ravel() if not _is_number(v)), None)
        if _is_missing(bad):
            raise ValueError(
                f"{name} has missing values ({bad}); remove those rows or fill the gaps "
                "before clustering."
            ) from None
        raise ValueError(
            f"{name} must hold only numbers but contains '{bad}'; "
            "remove or convert the text columns before clustering."
        ) from None


def _is_number(value) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True


def _is_missing(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _check_finite_and_small(array: np.ndarray, name: str) -> None:
    """NaN, infinity, or values whose squared distances would overflow: one sentence each."""
    # Two reductions, no copy: NaN propagates through max and min, infinity is the peak.
    peak = max(float(array.max()), -float(array.min()))
    if not np.isfinite(peak):
        _report_not_finite(array, name)
    # Squared distances of centred data sum up to about 16 n d peak^2 (norms, products,
    # per-cluster sums): keep that below the largest float.
    limit = float(np.sqrt(np.finfo(array.dtype).max / (16 * array.size)))
    if peak > limit:
        raise ValueError(
            f"{name} holds values as large as {peak:.3g}, too large to square without "
            f"overflowing (about {limit:.2g} at most for {array.shape[0]} x {array.shape[1]} "
            "values); scale the data first, e.g. standardise each column."
        )


def _report_not_finite(array: np.ndarray, name: str) -> None:
    finite = np.isfinite(array)
    bad_rows = np.flatnonzero(~finite.all(axis=1))
    raise ValueError(
        f"{name} contains NaN or infinite values in {bad_rows.size} row(s) "
        f"(first at row {bad_rows[0]}); remove those rows or fill the gaps before clustering."
    )


class NotFittedError(ValueError, AttributeError):
    """Raised when a model is used before ``fit``; scikit-learn's class of the same name."""


class ConvergenceWarning(UserWarning):
    """Warned when a fit found fewer distinct clusters than asked for (as scikit-learn does)."""


def check_unweighted(sample_weight) -> None:
    """Accept ``sample_weight=None`` only: the engine clusters unweighted points.

    Examples
    --------
    >>> check_unweighted(None)
    """
    if sample_weight is not None:
        raise ValueError(
            "sample_weight is not supported: every point counts once here; pass "
            "sample_weight=None, or repeat the rows that should count more."
        )


def check_run(X, n_clusters, max_iter, tol) -> tuple[np.ndarray, int, int, float]:
    """Check the arguments every k-means run takes, the one validation path of the engine.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    n_clusters : int
    max_iter : int
    tol : float

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
        As :func:`check_data` returns it.
    n_clusters, max_iter : int
    tol : float

    Raises
    ------
    ValueError
        With one sentence naming the first bad argument.

    Examples
    --------
    >>> X, k, max_iter, tol = check_run([[0, 0], [1, 1]], 2, 300, 0)
    >>> X.dtype, k, max_iter, tol
    (dtype('float64'), 2, 300, 0.0)
    """
    X = check_data(X)
    k = check_n_clusters(n_clusters, X)
    return X, k, check_int(max_iter, "max_iter", minimum=1), check_tol(tol)


def check_n_clusters(n_clusters, X: np.ndarray) -> int:
    """Return ``n_clusters`` as an int between 1 and the number of rows of ``X``.

    More clusters than *distinct* rows is allowed, as in scikit-learn: the fit warns with a
    :class:`ConvergenceWarning` (see :func:`warn_if_clusters_missing`).

    Parameters
    ----------
    n_clusters : int
        The number of clusters K.
    X : ndarray of shape (n_samples, n_features)
        Validated data (see :func:`check_data`).

    Returns
    -------
    int

    Raises
    ------
    ValueError
        If ``n_clusters`` is not an integer, is below 1 or above the number of rows.
    """
    k = check_int(n_clusters, "n_clusters", minimum=1)
    if k > X.shape[0]:
        raise ValueError(
            f"n_clusters={k} is more than the {X.shape[0]} points in X; "
            f"choose n_clusters between 1 and {X.shape[0]}."
        )
    return k


def warn_if_clusters_missing(labels: np.ndarray, n_clusters: int) -> None:
    """Warn when a fit's ``labels`` use fewer than ``n_clusters`` clusters.

    That happens when ``X`` has fewer distinct points than clusters: some centroids then
    coincide and their clusters stay empty.

    Parameters
    ----------
    labels : ndarray of shape (n_samples,)
    n_clusters : int
    """
    found = np.count_nonzero(np.bincount(labels, minlength=n_clusters))
    if found < n_clusters:
        warnings.warn(
            f"Only {found} distinct clusters were found for n_clusters={n_clusters}: some "
            "centroids ended up on the same points, as happens when X has fewer distinct "
            f"points than clusters; choose n_clusters={found} or less.",
            ConvergenceWarning,
            stacklevel=3,
        )


def count_distinct_rows(X: np.ndarray, at_least: int | None = None) -> int:
    """Count the distinct rows of ``X``, stopping early once ``at_least`` are found.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    at_least : int, optional
        When given, a count of at least this many may be returned without sorting every row.

    Returns
    -------
    int
        The number of distinct rows (or a number >= ``at_least``).
    """
    if at_least is not None:
        # Rows with different projections on a fixed direction are different rows, and
        # sorting numbers is far cheaper than sorting rows: try the first rows, then all.
        direction = np.linspace(1.0, 2.0, X.shape[1])
        for rows in (X[:_DISTINCT_PROBE_ROWS], X):
            n_found = np.unique(rows @ direction).shape[0]
            if n_found >= at_least:
                return n_found
    return np.unique(X, axis=0).shape[0]


def check_int(value, name: str, minimum: int = 1) -> int:
    """Return ``value`` as an int at least ``minimum``, or raise a ValueError naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be a whole number, got {value!r}; pass e.g. {name}=3.")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}; pass a larger value.")
    return int(value)


def check_tol(tol) -> float:
    """Return ``tol`` as a finite float >= 0, or raise a ValueError."""
    if isinstance(tol, bool) or not isinstance(tol, numbers.Real) or not np.isfinite(tol):
        raise ValueError(f"tol must be a finite number, got {tol!r}; pass e.g. tol=1e-4.")
    if tol < 0:
        raise ValueError(
            f"tol must be 0 or more, got {tol}; pass tol=0 to stop only when "
            "no assignment changes."
        )
    return float(tol)


def check_random_state(seed) -> np.random.Generator:
    """Return a :class:`numpy.random.Generator` for ``seed``.

    Parameters
    ----------
    seed : None, int, numpy.random.Generator or numpy.random.RandomState
        None draws fresh entropy; an int gives the same sequence every time; a Generator is
        used as it is (and advanced), so one generator can be passed down a whole computation;
        a legacy RandomState (scikit-learn's kind) seeds a new Generator and is advanced.

    Returns
    -------
    numpy.random.Generator

    Examples
    --------
    >>> int(check_random_state(0).integers(10)) == int(check_random_state(0).integers(10))
    True
    """
    if isinstance(seed, np.random.Generator):
        return seed
    if isinstance(seed, np.random.RandomState):
        return np.random.default_rng(seed.randint(0, 2**32, size=4, dtype=np.uint64))
    if seed is None:
        return np.random.default_rng()
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise ValueError(
            f"the seed (random_state) must be None, a whole number >= 0, a "
            f"numpy.random.Generator or RandomState, got {seed!r}; pass e.g. random_state=0."
        )
    return np.random.default_rng(int(seed))


def resolve_seed(random_state, seed):
    """The one seed given as ``random_state`` or under its other name ``seed``.

    Raises
    ------
    ValueError
        When both are given.

    Examples
    --------
    >>> resolve_seed(None, 3), resolve_seed(3, None)
    (3, 3)
    """
    if seed is not None and random_state is not None:
        raise ValueError(
            f"random_state={random_state!r} and seed={seed!r} were both given; they are two "
            "names for the same thing, so pass only random_state."
        )
    return random_state if seed is None else seed
