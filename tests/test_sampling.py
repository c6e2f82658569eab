"""The seeded sample of rows that the chart draws and the silhouette measures."""

from __future__ import annotations

import numpy as np

from kmeans.sampling import sample_rows


def test_sample_rows_is_seeded_sorted_and_complete_for_small_data():
    assert sample_rows(4, 10).tolist() == [0, 1, 2, 3]
    a, b = sample_rows(100_000, 3000), sample_rows(100_000, 3000)
    np.testing.assert_array_equal(a, b)
    assert len(np.unique(a)) == 3000 and np.all(np.diff(a) > 0)


def test_a_generator_is_advanced_so_two_draws_differ():
    rng = np.random.default_rng(5)
    first, second = sample_rows(1000, 10, rng), sample_rows(1000, 10, rng)
    assert not np.array_equal(first, second)
    np.testing.assert_array_equal(first, sample_rows(1000, 10, np.random.default_rng(5)))
