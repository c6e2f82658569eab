"""The data sets the page offers: the blog's, and the teaching samples."""

from __future__ import annotations

import numpy as np
import pytest

from kmeans import samples
from kmeans.data import read_table
from kmeans.engine import kmeans_steps
from kmeans.restarts import compare_starts


def test_the_blog_data_is_first_and_shipped_whole():
    assert next(iter(samples.SAMPLES)) == samples.BLOG
    frame = samples.sample_frame(samples.BLOG)
    assert frame.shape == (3000, 2)
    assert frame.columns.tolist() == ["V1", "V2"]
    assert samples.SAMPLES[samples.BLOG].n_clusters == 3


def test_the_lessons_include_the_cases_kmeans_gets_wrong():
    assert {
        "blobs",
        "eight",
        "uneven",
        "stretched",
        "densities",
        "moons",
        "rings",
        "smiley",
    } <= set(samples.SAMPLES)


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


def _page_run(key: str):
    """The run the page shows for a sample at its default settings (seed 0, random start)."""
    X = samples.sample_frame(key).to_numpy()
    *_, last = kmeans_steps(
        X, samples.SAMPLES[key].n_clusters, init="random", seed=0, max_iter=100
    )
    return X, last.labels


def test_stretched_bands_have_empty_gaps_and_kmeans_cuts_across_them():
    X, labels = _page_run("stretched")
    angle = np.deg2rad(40.0)
    across = X @ np.array([-np.sin(angle), np.cos(angle)])  # distance across the bands
    band = np.round(across / 3.0).astype(int)
    assert np.bincount(band + 1).tolist() == [300, 300, 300]
    # The eye separates them: nothing lies within 0.4 of the lines halfway between bands.
    assert not (np.abs(np.abs(across) - 1.5) < 0.4).any()
    # k-means does not: each of its clusters takes a piece of all three bands.
    assert all(np.unique(band[labels == j]).size == 3 for j in range(3))


def test_uneven_small_clusters_take_in_about_a_fifth_of_the_big_group():
    _, labels = _page_run("uneven")
    big, small = labels[:1000], (labels[1000:1100], labels[1100:])
    # Each small group is whole in a cluster of its own; the big group's edge joins them.
    assert all(np.unique(group).size == 1 for group in small)
    assert small[0][0] != small[1][0]
    taken = np.isin(big, [small[0][0], small[1][0]]).mean()
    assert 0.15 <= taken <= 0.25


def test_the_smiley_is_cut_into_wedges_instead_of_eyes_and_mouth():
    _, labels = _page_run("smiley")
    outline, eyes, mouth = labels[:700], labels[700:1000], labels[1000:]
    assert np.unique(outline).size >= 3
    assert np.unique(eyes).size == 2  # each eye goes in with a piece of the outline
    assert np.unique(mouth).size >= 2


def test_random_starts_often_get_stuck_on_eight_groups():
    X = samples.sample_frame("eight").to_numpy()
    both = compare_starts(X, 8, n_starts=100, max_iter=100)
    # Measured: 71 of 100 random starts end more than 1 % above the best, 1 of 100 k-means++.
    assert both["random"].share_stuck() >= 0.5
    assert both["k-means++"].share_stuck() <= 0.1
