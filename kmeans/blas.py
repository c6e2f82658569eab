"""One BLAS thread inside the engine's loops, as scikit-learn's k-means runs them.

NumPy's OpenBLAS splits every matrix product above a small size over one thread per core,
and those threads keep spinning for a while after each product. In a loop of many small
products between other NumPy work, the spinning threads take the cores the loop itself needs
as soon as the machine is busy (a class on one server): a 1e5 x 50, K=20 fit ran 19 times
slower on a loaded 2-core machine than with one BLAS thread. scikit-learn limits BLAS to one
thread in its k-means for the same reason; :mod:`threadpoolctl` is its tool for that.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import nullcontext
from functools import cache
from typing import TypeVar

from threadpoolctl import ThreadpoolController

T = TypeVar("T")

# OpenBLAS runs a product on one thread anyway below about 2**18 multiply-adds; the engine's
# blocks of 2**15 distances reach that from 8 features. Below, limiting would only cost its
# own time (about a millisecond per step, which a 2-D elbow sweep of 600 steps noticed).
MIN_THREADED_FEATURES = 8


@cache
def _controller() -> ThreadpoolController:
    return ThreadpoolController()


def one_blas_thread(n_features: int | None = None):
    """A context manager in which NumPy's BLAS uses one thread.

    Parameters
    ----------
    n_features : int, optional
        The data's width: below :data:`MIN_THREADED_FEATURES` nothing is limited, since
        the products are too small for BLAS to split.

    Examples
    --------
    >>> import numpy as np
    >>> with one_blas_thread():
    ...     float((np.ones((2, 3)) @ np.ones((3, 2)))[0, 0])
    3.0
    """
    if n_features is not None and n_features < MIN_THREADED_FEATURES:
        return nullcontext()
    return _controller().limit(limits=1, user_api="blas")


def each_on_one_blas_thread(items: Iterator[T], n_features: int | None = None) -> Iterator[T]:
    """Yield from ``items``, computing each item with one BLAS thread.

    The limit is held while the next item is computed and released while the caller uses it,
    so code between the steps (drawing, the page) keeps its usual threads.

    Parameters
    ----------
    items : iterator
        A generator, such as :func:`kmeans.engine.lloyd_steps`'s worker.
    n_features : int, optional
        As in :func:`one_blas_thread`.

    Yields
    ------
    Each item of ``items``.
    """
    if n_features is not None and n_features < MIN_THREADED_FEATURES:
        yield from items
        return
    while True:
        with one_blas_thread():
            item = next(items, _DONE)
        if item is _DONE:
            return
        yield item


_DONE = object()
