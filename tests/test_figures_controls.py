"""The animation's buttons and slider: what each one animates, and where they sit."""

from __future__ import annotations

import pytest

from kmeans.figures import style
from kmeans.figures.controls import animation_controls

FRAMES = [("0 start", "start"), ("1 move", "1 move"), ("1 assign", "1 assign")]


def test_play_button_redraws_webgl_frames():
    buttons = animation_controls(FRAMES, 600, style.SIZES)["updatemenus"][0]["buttons"]
    play = buttons[0]
    assert play["method"] == "animate"
    assert play["args"][1]["frame"]["redraw"] is True
    speeds = [b["args"][1]["frame"]["duration"] for b in buttons[3:]]
    assert speeds == sorted(speeds, reverse=True) == list(style.SPEEDS.values())


def test_from_the_start_plays_every_frame_in_order():
    restart = animation_controls(FRAMES, 600, style.SIZES)["updatemenus"][0]["buttons"][2]
    assert restart["args"][0] == ["0 start", "1 move", "1 assign"]
    assert restart["args"][1]["fromcurrent"] is False


def test_slider_has_one_step_per_frame_labelled_by_its_label():
    slider = animation_controls(FRAMES, 600, style.SIZES)["sliders"][0]
    assert [s["label"] for s in slider["steps"]] == ["start", "1 move", "1 assign"]
    assert [s["args"][0] for s in slider["steps"]] == [["0 start"], ["1 move"], ["1 assign"]]


@pytest.mark.parametrize("height", [500, 600, 900])
def test_controls_sit_at_fixed_pixels_below_the_plot(height):
    # By hand: the plot is height - 72 - 118 pixels tall; the buttons 56 px below it.
    controls = animation_controls(FRAMES, height, style.SIZES)
    plot_height = height - 72 - 118
    assert controls["updatemenus"][0]["y"] * plot_height == pytest.approx(-56)
    assert controls["sliders"][0]["y"] * plot_height == pytest.approx(-88)
