"""Which rows a picture or a sample statistic looks at: a seeded, fixed-size sample.

The chart draws a few thousand points and the silhouette compares every pair of a sample, so
both need the same thing: all the rows when there are few, else a seeded sample in table order.
"""

from __future__ import annotations

import numpy as np


def sample_rows(n_rows: int, size: int, seed: int | np.random.Generator = 0) -> np.ndarray:
    """Positions of the rows the chart draws: all of them, or a seeded sample of ``size``.

    Parameters
    ----------
    n_rows : int
    size : int
    seed : int or numpy.random.Generator, default=0
        A Generator is used as it is (and advanced), so a computation can pass its own down.

    Returns
    -------
    ndarray of shape (min(n_rows, size),)
        Sorted row positions, so the sample keeps the table's order.

    Examples
    --------
    >>> sample_rows(5, 10).tolist()
    [0, 1, 2, 3, 4]
    >>> len(sample_rows(10_000, 3000))
    3000
    """
    if n_rows <= size:
        return np.arange(n_rows)
    rng = np.random.default_rng(seed)
    return np.sort(rng.choice(n_rows, size=size, replace=False))
