"""Presentation mode: the toggle, the URL parameter present=1 and the sizes it draws with."""

from __future__ import annotations

from tests.apptest_page import assert_fine, run_page
from ui.present import PRESENT_SIZES


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
