"""Tests of kmeans/colour.py: CIELAB against published values and scikit-image, round trips."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from kmeans.colour import colour_features, colour_view, lab_to_srgb, palette_colours, srgb_to_lab

FOUR_COLOURS = np.array([[230, 25, 75], [60, 180, 75], [255, 225, 25], [0, 130, 200]], np.uint8)


def test_an_unknown_colour_space_is_named_with_the_valid_ones():
    with pytest.raises(ValueError, match=r"space must be one of \['lab', 'rgb'\], got 'hsv'"):
        colour_features(FOUR_COLOURS, "hsv")


# Published sRGB (D65) -> CIELAB values, as computed by Bruce Lindbloom's colour calculator
# and EasyRGB (4 decimals), and one 2-decimal example from S. Cobeldick's sRGB_to_CIELab.
REFERENCE_LAB = [
    ((255, 255, 255), (100.0, 0.0, 0.0), 1e-4),
    ((0, 0, 0), (0.0, 0.0, 0.0), 1e-4),
    ((255, 0, 0), (53.2408, 80.0925, 67.2032), 1e-4),
    ((0, 255, 0), (87.7347, -86.1827, 83.1793), 1e-4),
    ((0, 0, 255), (32.2970, 79.1875, -107.8602), 1e-4),
    ((0, 255, 255), (91.1132, -48.0875, -14.1312), 1e-4),
    ((255, 0, 255), (60.3242, 98.2343, -60.8249), 1e-4),
    ((255, 255, 0), (97.1393, -21.5537, 94.4780), 1e-4),
    ((128, 128, 128), (53.5850, 0.0, 0.0), 1e-4),
    ((109, 169, 245), (68.18, 2.14, -43.80), 5e-3),
]


@pytest.mark.parametrize(("rgb", "lab", "tolerance"), REFERENCE_LAB)
def test_lab_matches_published_values(rgb, lab, tolerance):
    for given_rgb in (np.array([rgb], np.uint8), np.array([rgb], float)):
        np.testing.assert_allclose(srgb_to_lab(given_rgb)[0], lab, atol=tolerance + 5e-5)
    np.testing.assert_allclose(lab_to_srgb([lab])[0], rgb, atol=0.02)


def test_lab_agrees_with_scikit_image_on_every_grey_and_random_colours():
    from skimage.color import rgb2lab

    rng = np.random.default_rng(0)
    rgb = np.concatenate(
        [
            np.repeat(np.arange(256, dtype=np.uint8)[:, None], 3, axis=1),
            rng.integers(0, 256, (5000, 3), dtype=np.uint8),
        ]
    )
    # scikit-image's matrix has 6 digits where ours has 7, so the two differ by < 0.01.
    np.testing.assert_allclose(srgb_to_lab(rgb), rgb2lab(rgb[None])[0], atol=0.01)


@settings(max_examples=200, deadline=None)
@given(arrays(np.float64, (8, 3), elements=st.floats(0, 255)))
def test_rgb_to_lab_and_back_round_trips(rgb):
    np.testing.assert_allclose(lab_to_srgb(srgb_to_lab(rgb)), rgb, atol=1e-7)


def test_every_8_bit_colour_survives_lab_and_rounding():
    rng = np.random.default_rng(5)
    rgb = rng.integers(0, 256, (100_000, 3), dtype=np.uint8)
    np.testing.assert_array_equal(palette_colours(srgb_to_lab(rgb), "lab"), rgb)


def test_lightness_grows_with_grey_level_and_greys_have_no_colour():
    lab = srgb_to_lab(np.repeat(np.arange(256, dtype=np.uint8)[:, None], 3, axis=1))
    assert np.all(np.diff(lab[:, 0]) > 0)
    np.testing.assert_allclose(lab[:, 1:], 0, atol=1e-3)


def test_palette_colours_clip_a_lab_centroid_outside_srgb():
    # a* = 150 is redder than any screen: red above 255 and green below 0, both clipped.
    outside = np.array([[50, 150, 0], [120, 0, 0]])
    assert lab_to_srgb(outside)[0, 0] > 255 and lab_to_srgb(outside)[0, 1] < 0
    assert palette_colours(outside, "lab").tolist() == [[255, 0, 126], [255, 255, 255]]


def test_the_lab_view_is_a_star_across_and_b_star_up():
    view = colour_view(srgb_to_lab(FOUR_COLOURS), "lab")
    np.testing.assert_allclose(view.apply([[50.0, 10.0, -20.0]]), [[10.0, -20.0]])
    assert view.axis_titles == ("a* (green − to red +)", "b* (blue − to yellow +)")


def test_the_rgb_view_is_the_two_principal_components_of_the_colours():
    rng = np.random.default_rng(0)
    # Colours along the grey diagonal, spread a little across it: PC 1 is the diagonal.
    grey = rng.uniform(0, 255, 500)[:, None] * np.ones(3)
    view = colour_view(grey + rng.normal(0, 3, (500, 3)), "rgb")
    np.testing.assert_allclose(np.abs(view.components[:, 0]), np.full(3, 3**-0.5), atol=0.02)
    assert view.axis_titles[0].startswith("PC 1 (100% of variance")
