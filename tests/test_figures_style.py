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
