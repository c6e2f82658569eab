"""ui/picture.py through the page: a bundled photo, an uploaded one, bad pictures, downloads."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
from PIL import Image

from tests.apptest_page import assert_fine, charts, open_tab, run_page


def _png(rgb: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(rgb).save(buffer, "PNG")
    return buffer.getvalue()


# Noise does not compress, so half of this file is half of its pixels.
_NOISE_PNG = _png(np.random.default_rng(0).integers(0, 256, (64, 64, 3), dtype=np.uint8))


def _figure(at) -> dict:
    return json.loads(charts(at)[0].proto.spec)


def test_a_bundled_photo_plays_its_colours():
    at = run_page(data="photo-coffee", k=4, init="random", seed=0)
    assert_fine(at)
    figure = _figure(at)
    assert [t["type"] for t in figure["data"]][-2:] == ["image", "scatter"]
    assert figure["layout"]["xaxis"]["title"]["text"].startswith("a* (green")
    sources = [t["source"] for f in figure["frames"] for t in f["data"] if t["type"] == "image"]
    assert len(sources) == len(figure["frames"]) and sources[0] != sources[-1]
    assert any("Colour space" in r.label for r in at.radio)
    assert not at.get("download_button") and not at.dataframe, "Results is built when opened"
    open_tab(at, "Results")
    assert_fine(at)
    labels = [b.proto.label for b in at.get("download_button")]
    assert any("PNG" in label for label in labels) and any("Palette" in label for label in labels)
    assert at.dataframe[0].value["pixels"].sum() == 100_000, "the fitted sample of 600 x 400"


def test_rgb_is_offered_beside_cielab_with_a_sentence():
    at = run_page(data="photo-chelsea", k=3, init="random", seed=0)
    at.radio(key="space").set_value("rgb").run()
    assert_fine(at)
    assert _figure(at)["layout"]["xaxis"]["title"]["text"].startswith("PC 1")
    assert any("RGB: the red, green and blue values" in c.value for c in at.sidebar.caption)


def _upload(at, name: str, content: bytes):
    at.selectbox(key="data").set_value("upload").run()
    at.file_uploader(key="upload").upload(name, content, "application/octet-stream")
    return at.run()


def test_an_uploaded_picture_is_recognised_by_content_whatever_its_name():
    rgb = np.zeros((20, 30, 3), np.uint8)
    rgb[:, 15:] = [250, 30, 30]
    at = _upload(run_page(k=2, init="random", seed=0), "colours.csv", _png(rgb))
    assert_fine(at)
    assert "image" in [t["type"] for t in _figure(at)["data"]]
    caption = [c.value for c in at.sidebar.caption if "PNG" in c.value]
    assert caption and "colours\\.csv" in caption[0] and "30 × 20 PNG" in caption[0]


def test_an_uploaded_name_is_shown_as_text_not_markup():
    rgb = np.full((4, 4, 3), 9, np.uint8)
    rgb[:2] = 200
    at = _upload(run_page(k=2, init="random", seed=0), "**bold**<b>.png", _png(rgb))
    assert_fine(at)
    caption = next(c.value for c in at.sidebar.caption if "PNG" in c.value)
    assert "\\*\\*bold\\*\\*" in caption and "<b>" not in caption


@pytest.mark.parametrize(
    ("content", "sentence"),
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg"/>', "This is an SVG drawing"),
        (_NOISE_PNG[: len(_NOISE_PNG) // 2], "This PNG file is cut short or damaged"),
    ],
)
def test_a_bad_picture_gets_its_sentence(content, sentence):
    at = _upload(run_page(k=2), "picture.png", content)
    assert not at.exception
    assert [e.value for e in at.error] and sentence in at.error[0].value


def test_more_clusters_than_colours_gets_a_sentence():
    at = _upload(run_page(k=5, init="random"), "two.png", _png(np.zeros((4, 4, 3), np.uint8)))
    assert not at.exception
    assert "distinct colours of this picture" in at.error[0].value


def test_a_csv_still_goes_to_the_table_reader():
    at = _upload(run_page(k=2, init="random"), "t.csv", b"x,y\n1,2\n1.1,2.1\n8,9\n8.2,9.1\n")
    assert_fine(at)
    assert "image" not in [t["type"] for t in _figure(at)["data"]]


def test_choose_k_runs_the_elbow_on_the_pixels_and_moves_k():
    rng = np.random.default_rng(0)
    four = np.array([[230, 30, 30], [30, 200, 40], [20, 40, 220], [240, 240, 230]])
    rgb = four[rng.integers(4, size=(30, 40))] + rng.integers(-6, 7, size=(30, 40, 3))
    at = _upload(run_page(k=2, init="random", seed=0), "four.png", _png(rgb.astype(np.uint8)))
    open_tab(at, "Choose K")
    at.button(key="picture-elbow").click().run()
    assert_fine(at)
    elbow = json.loads(charts(at)[1].proto.spec)
    assert elbow["data"][0]["x"] == list(range(1, 11))
    assert "rows" not in at.info[0].value and "K\\=4" in at.info[0].value
    use = next(b for b in at.button if b.label.startswith("Use K ="))
    assert use.label == "Use K = 4"
    use.click().run()
    assert at.slider(key="k").value == 4


def _steps_list(at) -> str:
    """The step controls' list of the four steps, as the page sends it to the browser."""
    (controls,) = at.get("bidi_component")
    html = controls.proto.html_content
    return html[html.index('<ol id="steps">') : html.index("</ol>")]


def test_the_step_list_speaks_of_pixels_and_palette_colours():
    at = run_page(data="photo-coffee", k=4, init="random", seed=0)
    assert_fine(at)
    steps = _steps_list(at)
    assert "<li><b>Assign</b> each pixel to its nearest palette colour</li>" in steps
    assert "<li><b>Move</b> each colour to the mean of its pixels</li>" in steps
    assert "point" not in steps and "centroid" not in steps
    in_words = at.expander[0].markdown[0].value  # the four steps, in words
    assert "each pixel to its nearest palette colour" in in_words and "each point" not in in_words
    table = _steps_list(run_page(k=3))
    assert "<li><b>Assign</b> each point to its nearest centroid</li>" in table


def test_scaling_is_said_to_be_ignored_and_changes_nothing_on_a_picture():
    settings = {"data": "photo-chelsea", "k": 3, "init": "random", "seed": 0}
    plain = run_page(**settings)
    scaled = run_page(**settings, scaling="minmax")
    assert_fine(scaled)
    note = [c.value for c in scaled.sidebar.caption if c.value.startswith("Scaling")]
    assert note == [
        "Scaling (min-max) is for a table's columns: a picture's colours are clustered as they "
        "are, in one colour space whose three channels share one unit."
    ]
    assert not [c for c in plain.sidebar.caption if c.value.startswith("Scaling")]
    assert _figure(scaled) == _figure(plain), "the same run, whatever the scaling"
