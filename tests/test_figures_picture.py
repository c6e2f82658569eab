"""The picture animation, checked on the figure object: frames, recoloured picture, swatches."""

from __future__ import annotations

import base64
import io

import numpy as np
import pytest
from PIL import Image

from kmeans.engine import kmeans_steps
from kmeans.figures.animation import frame_plan
from kmeans.figures.picture import frame_picture, frame_sources, picture_animation_figure
from kmeans.images import Picture
from kmeans.quantising import fit_colours

# Four greys in a 2 x 2 picture; both centroids start on the two dark ones. By hand:
# step 0: labels [0, 1, 1, 1] (20, 200 and 220 are all nearer 20 than 0);
# step 1: centroids move to 0 and (20 + 200 + 220) / 3 = 146.67; 20 switches to cluster 0;
# step 2: centroids move to 10 and 210; nothing switches: converged.
GREYS = np.array([[[0] * 3, [20] * 3], [[200] * 3, [220] * 3]], np.uint8)
START = [[0.0] * 3, [20.0] * 3]


@pytest.fixture(scope="module")
def toy():
    picture = Picture(GREYS, None, "PNG")
    run = fit_colours(picture, 2, "rgb", init=np.array(START))
    steps = list(kmeans_steps(picture.pixels.astype(float), 2, init=np.array(START)))
    return steps, run.pictures, picture_animation_figure(run)


def _shown(source: str) -> np.ndarray:
    """The RGB pixels of an image trace's data URI (PNG, or JPEG for the picture itself)."""
    png = base64.b64decode(source.split(",", 1)[1])
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def test_the_toy_run_is_the_hand_computed_one(toy):
    steps, pictures, _ = toy
    assert [s.labels.tolist() for s in steps] == [[0, 1, 1, 1], [0, 0, 1, 1], [0, 0, 1, 1]]
    assert pictures[1].palette.tolist() == [[0, 0, 0], [147, 147, 147]]


def test_one_frame_per_picture_of_the_table_animation_and_the_trace_order(toy):
    *_, fig = toy
    names = ["0 start", "0 assign", "1 move", "1 assign", "2 move", "2 assign"]
    assert [f.name for f in fig.frames] == names
    assert [t.type for t in fig.data] == ["scatter"] * 3 + ["image", "scatter"]
    assert [t.name for t in fig.data] == ["pixels", "trails", "centroids", "picture", "palette"]
    # The pixels are sent once; frames carry the trails, centroids, picture and swatches.
    assert all(list(f.traces) == [1, 2, 3, 4] for f in fig.frames)
    assert fig.layout.sliders[0].steps[-1].label == "2 assign"


def test_pixels_are_drawn_in_their_own_colour(toy):
    _, _, fig = toy
    assert list(fig.data[0].marker.color) == ["#000000", "#141414", "#c8c8c8", "#dcdcdc"]


def test_a_move_frame_shows_the_old_assignment_in_the_new_colours(toy):
    _, _, fig = toy
    alone, start, move, assign = (_shown(fig.frames[i].data[2].source) for i in range(4))
    # Step 1 alone: the picture itself (a JPEG, so within a few levels)
    np.testing.assert_allclose(alone[:, :, 0], [[0, 20], [200, 220]], atol=6)
    assert start[:, :, 0].tolist() == [[0, 20], [20, 20]]  # step 0: centroids 0 and 20
    assert move[:, :, 0].tolist() == [[0, 147], [147, 147]]  # labels of step 0, new palette
    assert assign[:, :, 0].tolist() == [[0, 0], [147, 147]]  # 20 has switched
    assert fig.data[3].source == fig.frames[0].data[2].source


def test_the_centroids_and_swatches_take_each_frames_palette_and_shares(toy):
    _, _, fig = toy
    last = fig.frames[-1].data
    assert list(last[1].marker.color) == ["#0a0a0a", "#d2d2d2"]
    assert list(last[3].marker.color) == ["#0a0a0a", "#d2d2d2"]
    assert list(last[3].text) == ["1<br>50%", "2<br>50%"]
    assert list(fig.frames[2].data[3].text) == ["1<br>25%", "2<br>75%"]
    assert list(fig.frames[0].data[3].text) == ["1", "2"]  # no pixel assigned yet
    # Numbers on the discs: white on the dark colour, black on the light one.
    assert list(last[1].textfont.color) == ["#ffffff", "#000000"]


def test_frame_picture_recounts_for_the_frames_assignment(toy):
    steps, pictures, _ = toy
    move = frame_plan(steps)[2]
    assert move.name == "1 move"
    shown = frame_picture(move, pictures)
    assert shown.counts.tolist() == [1, 3]
    assert shown.palette.tolist() == pictures[1].palette.tolist()


def test_transparent_pixels_stay_transparent_and_out_of_the_shares():
    opaque = np.array([[True, True], [True, False]])
    run = fit_colours(Picture(GREYS, opaque, "PNG"), 2, "rgb", init=np.array(START[:2]))
    fig = picture_animation_figure(run)
    png = base64.b64decode(fig.frames[1].data[2].source.split(",")[1])
    assert np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))[1, 1, 3] == 0
    assert sum(int(t.split("<br>")[1][:-1]) for t in fig.frames[-1].data[3].text) == 100


def test_the_payload_stays_small_for_a_real_photo():
    from kmeans.images import downscale, pixels_from_image, read_sample_photo

    photo = pixels_from_image(read_sample_photo("coffee"))
    fig = picture_animation_figure(fit_colours(photo, 4, "lab", max_iter=3))
    per_frame = max(len(t.source) for f in fig.frames for t in f.data if t.type == "image")
    small = downscale(photo, 320)
    assert (small.width, small.height) == (320, 213)
    assert per_frame < 40_000  # a 320-pixel picture in 4 colours, base64, under 40 KB


def test_the_trails_are_one_trace_with_a_gap_between_centroids(toy):
    steps, _, fig = toy
    trails = fig.frames[-1].data[0]
    assert len(trails.x) == 2 * (len(steps) + 1)
    assert np.isnan(trails.x[len(steps)]) and np.isnan(trails.x[-1])


def test_the_titles_speak_of_pixels_without_regions_or_grey(toy):
    _, _, fig = toy
    titles = [fig.layout.title.text, *(frame.layout.title.text for frame in fig.frames)]
    assert "Step 1:</b> pick K palette colours<" in titles[0]
    assert "no pixel is assigned yet<" in titles[0]
    assert "Step 2:</b> assign each pixel to its nearest palette colour<" in titles[2]
    assert "every pixel takes its nearest palette colour ·" in titles[2]
    assert "Step 3:</b> move each colour to the mean of its pixels<" in titles[3]
    assert "the trails show each move; colours are still the old assignment ·" in titles[3]
    assert not [t for t in titles if "point" in t or "region" in t or "grey" in t]


def test_frame_sources_made_once_draw_the_same_figure_at_any_height():
    picture = Picture(GREYS, None, "PNG")
    run = fit_colours(picture, 2, "rgb", init=np.array(START))
    sources = frame_sources(run)
    assert len(sources) == len(frame_plan(run.steps))
    tall = picture_animation_figure(run, sources=sources, height=900)
    made_here = picture_animation_figure(run, height=900)
    assert tall.to_dict()["frames"] == made_here.to_dict()["frames"]
    shown = [f.data[2].source for f in tall.frames]
    assert shown == list(sources) and tall.data[3].source == sources[0]
