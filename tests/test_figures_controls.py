"""The animation's buttons and slider: what each one animates, and where they sit."""

from __future__ import annotations

import pytest

from kmeans.figures import style
from kmeans.figures.controls import animation_controls

FRAMES = [("0 start", "start"), ("1 move", "1 move"), ("1 assign", "1 assign")]


def test_play_button_redraws_webgl_frames():
    buttons = animation_controls(FRAMES, style.SIZES)["updatemenus"][0]["buttons"]
    play = buttons[0]
    assert play["method"] == "animate"
    assert play["args"][1]["frame"]["redraw"] is True
    speeds = [b["args"][1]["frame"]["duration"] for b in buttons[3:]]
    assert speeds == sorted(speeds, reverse=True) == list(style.SPEEDS.values())


def test_from_the_start_plays_every_frame_in_order():
    restart = animation_controls(FRAMES, style.SIZES)["updatemenus"][0]["buttons"][2]
    assert restart["args"][0] == ["0 start", "1 move", "1 assign"]
    assert restart["args"][1]["fromcurrent"] is False


def test_slider_has_one_step_per_frame_labelled_by_its_label():
    slider = animation_controls(FRAMES, style.SIZES)["sliders"][0]
    assert [s["label"] for s in slider["steps"]] == ["start", "1 move", "1 assign"]
    assert [s["args"][0] for s in slider["steps"]] == [["0 start"], ["1 move"], ["1 assign"]]


@pytest.mark.parametrize("scale", [1, 1.5])
def test_controls_sit_at_fixed_pixels_below_the_plot_whatever_its_height(scale):
    # At the plot's bottom edge, pushed down by their top padding: 56 and 88 px at scale 1.
    controls = animation_controls(FRAMES, style.SIZES.scaled(scale))
    buttons, slider = controls["updatemenus"][0], controls["sliders"][0]
    assert buttons["y"] == slider["y"] == 0 and buttons["yanchor"] == slider["yanchor"] == "top"
    assert buttons["pad"]["t"] == round(56 * scale) and slider["pad"]["t"] == round(88 * scale)
