"""Tests of kmeans/quantising.py: a 4-colour picture back to its 4 colours, blocks, PNG, CSV."""

import io

import numpy as np
import pytest
from PIL import Image

from kmeans import kmeans_steps
from kmeans.colour import COLOUR_SPACES, colour_features, srgb_to_lab
from kmeans.errors import DataError
from kmeans.images import Picture, pixels_from_image
from kmeans.quantising import (
    FIT_SAMPLE,
    Quantised,
    fit_colours,
    palette_csv,
    pixel_sample,
    quantise,
    quantised_png,
)

FOUR_COLOURS = np.array([[230, 25, 75], [60, 180, 75], [255, 225, 25], [0, 130, 200]], np.uint8)


def _save(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def _four_colour_picture() -> np.ndarray:
    """40 x 40 pixels: four blocks of different sizes, one colour each."""
    rgb = np.empty((40, 40, 3), np.uint8)
    rgb[:10], rgb[10:20], rgb[20:35], rgb[35:] = FOUR_COLOURS
    return rgb


def _fit(picture: Picture, k: int, space: str) -> np.ndarray:
    X = colour_features(pixel_sample(picture, seed=np.random.default_rng(0)), space)
    *_, last = kmeans_steps(X, k, random_state=np.random.default_rng(1))
    return last.centroids


@pytest.mark.parametrize("space", sorted(COLOUR_SPACES))
def test_four_colour_picture_is_quantised_back_to_exactly_its_four_colours(space):
    picture = pixels_from_image(_save(Image.fromarray(_four_colour_picture()), "PNG"))
    result = quantise(picture, _fit(picture, 4, space), space)
    assert sorted(map(tuple, result.palette.tolist())) == sorted(map(tuple, FOUR_COLOURS.tolist()))
    recoloured = result.palette[result.labels]
    np.testing.assert_array_equal(recoloured, _four_colour_picture())
    assert sorted(result.counts.tolist()) == [200, 400, 400, 600]
    assert picture.notes == ()


def test_quantised_png_and_palette_csv_give_back_the_four_colours_and_their_shares():
    picture = Picture(_four_colour_picture(), None, "PNG")
    result = quantise(picture, FOUR_COLOURS, "rgb")
    png = Image.open(io.BytesIO(quantised_png(result)))
    assert (png.mode, png.size) == ("P", (40, 40))
    np.testing.assert_array_equal(np.asarray(png.convert("RGB")), _four_colour_picture())
    assert palette_csv(result).decode().splitlines() == [
        "cluster,hex,red,green,blue,pixels,share",
        "1,#e6194b,230,25,75,400,0.250000",
        "2,#3cb44b,60,180,75,400,0.250000",
        "3,#ffe119,255,225,25,600,0.375000",
        "4,#0082c8,0,130,200,200,0.125000",
    ]


def test_transparent_pixels_stay_transparent_in_the_png_and_out_of_the_shares():
    rgba = np.zeros((2, 3, 4), np.uint8)
    rgba[..., :3] = [200, 10, 10]
    rgba[0, :, 3] = 255  # the top row is visible, the bottom row transparent
    picture = pixels_from_image(_save(Image.fromarray(rgba), "PNG"))
    result = quantise(picture, [[200, 10, 10]], "rgb")
    assert result.labels.tolist() == [[0, 0, 0], [1, 1, 1]]
    assert result.counts.tolist() == [3]
    png = np.asarray(Image.open(io.BytesIO(quantised_png(result))).convert("RGBA"))
    assert png[0, 0].tolist() == [200, 10, 10, 255]
    assert png[1, 0, 3] == 0
    assert palette_csv(result).decode().splitlines()[1] == "1,#c80a0a,200,10,10,3,1.000000"


def test_quantise_assigns_every_pixel_in_blocks_as_one_pass_would(monkeypatch):
    rng = np.random.default_rng(3)
    picture = Picture(rng.integers(0, 256, (37, 41, 3), dtype=np.uint8), None, "PNG")
    centroids = srgb_to_lab(rng.integers(0, 256, (5, 3), dtype=np.uint8))
    whole = quantise(picture, centroids, "lab")
    monkeypatch.setattr("kmeans.quantising._BLOCK", 100)
    in_blocks = quantise(picture, centroids, "lab")
    np.testing.assert_array_equal(whole.labels, in_blocks.labels)
    monkeypatch.setattr("kmeans.quantising._BY_COLOUR", 1)  # each distinct colour once
    by_colour = quantise(picture, centroids, "lab")
    np.testing.assert_array_equal(whole.labels, by_colour.labels)
    distances = ((colour_features(picture.pixels, "lab")[:, None] - centroids) ** 2).sum(axis=2)
    np.testing.assert_array_equal(whole.labels.ravel(), distances.argmin(axis=1))
    assert whole.counts.sum() == 37 * 41


@pytest.mark.parametrize(
    ("centroids", "match"),
    [
        (np.zeros((2, 2)), r"shape \(n_clusters, 3\)"),
        (np.zeros((0, 3)), r"1 to 255 clusters"),
        (np.zeros((256, 3)), r"1 to 255 clusters"),
    ],
)
def test_quantise_refuses_centroids_that_are_not_colours(centroids, match):
    with pytest.raises(ValueError, match=match):
        quantise(Picture(_four_colour_picture(), None, "PNG"), centroids, "rgb")


def test_the_fit_sample_is_seeded_and_drawn_without_replacement():
    rgb = np.arange(300 * 400 * 3, dtype=np.uint32).reshape(300, 400, 3)
    # Pixels numbered by position, so a sample's pixels name the rows they came from.
    picture = Picture((rgb % 251).astype(np.uint8), None, "PNG")
    first = pixel_sample(picture, 1000, seed=np.random.default_rng(7))
    again = pixel_sample(picture, 1000, seed=np.random.default_rng(7))
    np.testing.assert_array_equal(first, again)
    assert first.shape == (1000, 3)
    assert pixel_sample(picture, FIT_SAMPLE).shape == (FIT_SAMPLE, 3)
    small = Picture(picture.rgb[:10, :10], None, "PNG")
    np.testing.assert_array_equal(pixel_sample(small, FIT_SAMPLE), small.pixels)


def test_a_quantised_record_unpacks():
    labels, palette, counts = Quantised(np.zeros((1, 1), np.uint8), FOUR_COLOURS[:1], np.ones(1))
    assert labels.shape == (1, 1) and palette.shape == (1, 3) and counts.tolist() == [1]


def test_fit_colours_keeps_a_recoloured_picture_and_the_centroids_of_every_step():
    picture = Picture(_four_colour_picture(), None, "PNG")
    run = fit_colours(picture, 4, "lab", random_state=3)
    assert len(run.pictures) == len(run.steps) == len(run.centroids)
    assert sorted(run.pictures[-1].palette.tolist()) == sorted(FOUR_COLOURS.tolist())
    assert run.points.shape == (1600, 2) and run.point_colours.shape == (1600, 3)
    np.testing.assert_allclose(run.points, run.fitted[:, 1:])  # a* and b*
    again = fit_colours(picture, 4, "lab", random_state=3)
    np.testing.assert_array_equal(run.centroids[-1], again.centroids[-1])


def test_fit_colours_refuses_more_clusters_than_colours():
    picture = Picture(_four_colour_picture(), None, "PNG")
    with pytest.raises(
        DataError,
        match=r"^K = 5 is more than the 4 distinct colours of this picture: choose K = 4",
    ):
        fit_colours(picture, 5, "rgb")
