"""Presentation mode: the toggle, the URL parameter present=1 and the sizes it draws with."""

from __future__ import annotations

from kmeans.figures import SIZES
from tests.apptest_page import assert_fine, run_page
from ui.present import CHART_HEIGHT, LOWEST, PRESENT_SIZES, chart_height, sized_to_plot


def test_a_link_with_present_1_opens_in_presentation_mode_and_keeps_it():
    at = run_page(data="blobs", present=1)
    assert_fine(at)
    assert at.toggle(key="present").value is True
    assert at.query_params["present"] == "1"


def test_the_toggle_writes_present_1_into_the_url_and_takes_it_out():
    at = run_page(data="blobs")
    assert at.toggle(key="present").value is False
    assert "present" not in at.query_params
    at.toggle(key="present").set_value(True).run()
    assert at.query_params["present"] == "1"
    at.toggle(key="present").set_value(False).run()
    assert "present" not in at.query_params


def test_presentation_sizes_read_from_the_back_of_a_room():
    assert PRESENT_SIZES.title_font >= 24
    assert PRESENT_SIZES.font >= 16 and PRESENT_SIZES.axis_title_font >= 18
    assert PRESENT_SIZES.centroid_font >= 16


def test_the_chart_takes_the_window_below_its_top():
    # By hand: 720 - 48 (the tabs) - 4 (a margin) = 668 pixels.
    assert chart_height({"height": 720, "top": 48}) == 668
    assert chart_height({"height": 300, "top": 48}) == LOWEST  # never too small to hold it
    assert chart_height(None) == chart_height({"top": "x"}) == CHART_HEIGHT  # not said yet


def test_points_grow_with_the_plot_and_never_shrink():
    assert sized_to_plot(SIZES, 420).point == SIZES.point
    # By hand: the plot is 1028 - 66 - 134 = 828 pixels high against 600 - 200 = 400, and
    # 9 px x sqrt(828 / 400) = 12.9.
    grown = sized_to_plot(PRESENT_SIZES, 1028)
    assert grown.point == 13 and grown.switched > PRESENT_SIZES.switched
