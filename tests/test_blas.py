"""One BLAS thread inside the engine's loops, and the usual threads outside them."""

from __future__ import annotations

import numpy as np
from threadpoolctl import threadpool_info

from kmeans.blas import each_on_one_blas_thread, one_blas_thread


def _blas_threads() -> set[int]:
    return {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"}


def test_one_blas_thread_inside_and_restored_after():
    before = _blas_threads()
    with one_blas_thread():
        assert _blas_threads() == {1}
    assert _blas_threads() == before


def test_each_item_is_computed_on_one_thread_and_the_caller_keeps_its_threads():
    before = _blas_threads()
    seen = []

    def items():
        for i in range(3):
            seen.append(_blas_threads())
            yield float((np.ones((2, 2)) * i).sum())

    out = []
    for item in each_on_one_blas_thread(items()):
        out.append((item, _blas_threads()))
    assert [item for item, _ in out] == [0.0, 4.0, 8.0]
    assert seen == [{1}] * 3
    assert all(threads == before for _, threads in out)
