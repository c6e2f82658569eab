"""The shared look: colours, number formatting, padded bounds, margins and scalable sizes."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kmeans import figures
from kmeans.figures import style


def test_cluster_colours_are_stable_and_colour_blind_safe():
    assert figures.cluster_colours(3) == ("#0072B2", "#E69F00", "#009E73")
    assert len(set(figures.cluster_colours(20))) == 20
    assert figures.cluster_colours(21)[20] == figures.PALETTE[0]  # repeats beyond 20
    scale = style.discrete_scale(3)
    assert scale[0][1] == scale[1][1] == figures.PALETTE[0]


def test_discrete_scale_gives_each_cluster_an_equal_band():
    # By hand, K=2: [0, 0.5] is colour 0 and [0.5, 1] colour 1.
    assert style.discrete_scale(2) == [
        [0.0, "#0072B2"],
        [0.5, "#0072B2"],
        [0.5, "#E69F00"],
        [1.0, "#E69F00"],
    ]


def test_tint_reads_the_hex_channels():
    assert style.tint("#D55E00", 0.16) == "rgba(213,94,0,0.16)"


def test_format_number_never_shows_exponents():
    assert figures.format_number(611605.6) == "611,606"
    assert figures.format_number(0.5) == "0.5"
    assert figures.format_number(-1234.5) == "-1,234"


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
def test_format_number_has_no_exponent_from_a_thousand_up(value):
    text = figures.format_number(value)
    if abs(value) >= 1000:
        assert "e" not in text and float(text.replace(",", "")) == pytest.approx(value, abs=0.5)


def test_padded_bounds_hold_points_and_centroids_with_four_percent_room():
    points = np.array([[0.0, 0.0], [10.0, 5.0]])
    centroids = [np.array([[20.0, 5.0]])]
    # By hand: x spans [0, 20] -> pad 0.8; y spans [0, 5] -> pad 0.2.
    bounds = style.padded_bounds(points, centroids)
    assert bounds.ravel().tolist() == pytest.approx([-0.8, -0.2, 20.8, 5.2])


def test_margin_leaves_out_the_sides_plotly_keeps():
    assert style.margin((60, 20, 72, 118)) == {"l": 60, "r": 20, "t": 72, "b": 118}
    assert style.margin((None, None, 60, 50)) == {"t": 60, "b": 50}


def test_sizes_are_frozen_and_scale_every_field():
    with pytest.raises(dataclasses.FrozenInstanceError):
        style.SIZES.font = 20
    big = style.SIZES.scaled(1.5)
    assert (big.font, big.centroid, big.trail_line) == (21, 36, 3.75)
    assert big.animation_margin == (90, 30, 108, 177)
    assert big.elbow_margin == (None, None, 90, 75)
    assert style.SIZES.scaled(1) == style.SIZES


# Machado, Oliveira & Fernandes (2009), severity 1: linear-RGB matrices that simulate
# deuteranopia, protanopia and tritanopia.
_VISION = {
    "normal": np.eye(3),
    "deutan": np.array([[0.367, 0.861, -0.228], [0.280, 0.673, 0.047], [-0.012, 0.043, 0.969]]),
    "protan": np.array([[0.152, 1.053, -0.205], [0.115, 0.786, 0.099], [-0.004, -0.048, 1.052]]),
    "tritan": np.array([[1.256, -0.077, -0.179], [-0.078, 0.931, 0.148], [0.005, 0.691, 0.304]]),
}


def _lab(colours, vision):
    from kmeans.colour import srgb_to_lab

    rgb = np.array([[int(c[i : i + 2], 16) for i in (1, 3, 5)] for c in colours]) / 255
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    seen = np.clip(linear @ _VISION[vision].T, 0, 1)
    srgb = np.where(seen <= 0.0031308, 12.92 * seen, 1.055 * seen ** (1 / 2.4) - 0.055)
    return srgb_to_lab(np.round(srgb * 255))


def _closest_pair(colours, vision="normal") -> float:
    lab = _lab(colours, vision)
    gaps = np.linalg.norm(lab[:, None] - lab[None, :], axis=-1)
    return float(gaps[np.triu_indices(len(colours), 1)].min())


def test_twenty_colours_stay_apart_and_none_is_black_or_grey():
    colours = figures.cluster_colours(20)
    assert _closest_pair(colours) >= 25  # CIELAB distance; 11.5 with the old palette
    lab = _lab(colours, "normal")
    assert lab[:, 0].min() >= 25  # no near-black cluster: its dark trail would vanish
    grey = _lab([style.GREY_POINTS], "normal")[0]
    assert np.linalg.norm(lab - grey, axis=1).min() >= 25  # unassigned points stay apart


def test_no_two_of_the_twenty_colours_look_alike_in_ciede2000():
    from skimage.color import deltaE_ciede2000

    lab = _lab(figures.cluster_colours(20), "normal")
    first, second = np.triu_indices(len(lab), 1)
    gaps = deltaE_ciede2000(lab[first], lab[second])
    # 9.3 with the palette before (#00FF00 and #88FF88); #0072B2 and #4466EE, clusters 1
    # and 14, looked alike at 12.9 although 47 apart in plain CIELAB.
    worst = int(gaps.argmin())
    assert gaps[worst] >= 14, (first[worst] + 1, second[worst] + 1)


def test_every_trail_ink_stands_out_from_its_cluster_colour():
    # WCAG 2.1's 3:1 for graphics; a dark trail on #660088 was 1.68:1.
    for colour in figures.cluster_colours(20):
        assert style.contrast_ratio(style.trail_ink(colour), colour) >= 3, colour
    assert style.trail_ink("#660088") == style.TRAIL_LIGHT_INK  # dark cluster: light trail
    assert style.trail_ink("#F0E442") == style.TRAIL_INK  # light cluster: dark trail
    # By hand from WCAG 2: #141414 on #660088, luminances 0.0070 and 0.0462, is 1.68:1.
    assert style.contrast_ratio("#141414", "#660088") == pytest.approx(1.68, abs=0.01)


@pytest.mark.parametrize("vision", ["deutan", "protan", "tritan"])
def test_the_first_eight_colours_stay_apart_for_colour_blind_eyes(vision):
    assert _closest_pair(figures.cluster_colours(8), vision) >= 15


def test_centroid_labels_pick_the_ink_that_reads_best():
    assert style.label_ink("#F0E442") == "#000000"  # yellow: black text
    assert style.label_ink("#0072B2") == "#ffffff"  # blue: white text
    # Worst case of the better ink over every fill is about 4.58:1.
    for colour in figures.cluster_colours(20):
        assert style.contrast_ratio(style.label_ink(colour), colour) >= 4.5
    # By hand from WCAG 2: white on #777777 is 4.48:1.
    assert style.contrast_ratio("#ffffff", "#777777") == pytest.approx(4.48, abs=0.01)
