"""The data sets the page offers: the blog's, and the teaching samples."""

from __future__ import annotations

import numpy as np
import pytest

from kmeans import samples
from kmeans.data import read_table


def test_the_blog_data_is_first_and_shipped_whole():
    assert next(iter(samples.SAMPLES)) == samples.BLOG
    frame = samples.sample_frame(samples.BLOG)
    assert frame.shape == (3000, 2)
    assert frame.columns.tolist() == ["V1", "V2"]
    assert samples.SAMPLES[samples.BLOG].n_clusters == 3


def test_the_lessons_include_the_cases_kmeans_gets_wrong():
    assert {"blobs", "uneven", "stretched", "densities", "moons", "rings", "noise"} <= set(
        samples.SAMPLES
    )


@pytest.mark.parametrize("key", list(samples.SAMPLES))
def test_every_sample_is_two_finite_columns_with_a_lesson(key):
    frame = samples.sample_frame(key)
    assert frame.shape[1] == 2 and len(frame) >= 500
    assert np.isfinite(frame.to_numpy()).all()
    sample = samples.SAMPLES[key]
    assert sample.lesson.endswith(".") and 1 <= sample.n_clusters <= 20


@pytest.mark.parametrize("key", list(samples.SAMPLES))
def test_every_sample_reads_like_an_upload(key):
    table = read_table(samples.sample_csv(key), f"{key}.csv")
    expected = samples.sample_frame(key)
    assert table.frame.shape == expected.shape
    np.testing.assert_allclose(table.frame.to_numpy(dtype=float), expected.to_numpy(), atol=1e-5)


def test_samples_are_the_same_every_time():
    assert samples.sample_csv("moons") == samples.sample_csv("moons")


def test_samples_are_read_only():
    with pytest.raises(TypeError):
        samples.SAMPLES["mine"] = samples.SAMPLES["blobs"]


def test_an_unknown_sample_names_the_valid_ones():
    with pytest.raises(ValueError, match=r"dataset='nope'.*'blog'"):
        samples.sample_frame("nope")
