"""Checks shared by the public functions: each failure is one sentence a student can act on.

Every check raises :class:`ValueError` naming the parameter, the value it got and what to do,
so that the page can show ``str(error)`` as it is.
"""

from __future__ import annotations

import numbers

import numpy as np

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
        array = np.asarray(X)
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
    _check_finite(array, name)
    return np.ascontiguousarray(array)


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


def _check_finite(array: np.ndarray, name: str) -> None:
    finite = np.isfinite(array)
    if finite.all():
        return
    bad_rows = np.flatnonzero(~finite.all(axis=1))
    raise ValueError(
        f"{name} contains NaN or infinite values in {bad_rows.size} row(s) "
        f"(first at row {bad_rows[0]}); remove those rows or fill the gaps before clustering."
    )


def check_n_clusters(n_clusters, X: np.ndarray) -> int:
    """Return ``n_clusters`` as an int between 1 and the number of distinct rows of ``X``.

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
        If ``n_clusters`` is not an integer, is below 1 or above the number of distinct rows.
    """
    k = check_int(n_clusters, "n_clusters", minimum=1)
    if k > X.shape[0]:
        raise ValueError(
            f"n_clusters={k} is more than the {X.shape[0]} points in X; "
            f"choose n_clusters between 1 and {X.shape[0]}."
        )
    n_distinct = count_distinct_rows(X, at_least=k)
    if k > n_distinct:
        raise ValueError(
            f"n_clusters={k} is more than the {n_distinct} distinct points in X, so some "
            f"clusters would have to be empty; choose n_clusters between 1 and {n_distinct}."
        )
    return k


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
    seed : None, int or numpy.random.Generator
        None draws fresh entropy; an int gives the same sequence every time; a Generator is
        used as it is (and advanced), so one generator can be passed down a whole computation.

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
    if seed is None:
        return np.random.default_rng()
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise ValueError(
            f"the seed (random_state) must be None, a whole number >= 0 or a "
            f"numpy.random.Generator, got {seed!r}; pass e.g. random_state=0."
        )
    return np.random.default_rng(int(seed))
