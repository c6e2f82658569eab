"""The animation figure, checked on the figure object: frames, titles, trace types, payload."""

from __future__ import annotations

import json
import re

import numpy as np
import plotly.io as pio
import pytest

from kmeans import figures
from kmeans.engine import kmeans_steps
from kmeans.figures import style
from kmeans.figures.style import SVG_POINTS
from kmeans.markup import for_plotly

# Two pairs of points, both centroids starting in the left pair. By hand:
# step 0: labels [0, 1, 1, 1] (everything right of x=1 is nearer (2, 1));
# step 1: centroids move to (0, 0) and (8, 2/3); (2, 1) switches to cluster 0;
# step 2: centroids move to (1, 0.5) and (11, 0.5); nothing switches: converged.
TOY = np.array([[0.0, 0.0], [2.0, 1.0], [10.0, 0.0], [12.0, 1.0]])
TOY_START = [[0.0, 0.0], [2.0, 1.0]]


def trace_index(fig, name: str) -> int:
    """Position of the trace called ``name`` (frames list their traces in the same order)."""
    return next(i for i, trace in enumerate(fig.data) if trace.name == name)


@pytest.fixture(scope="module")
def toy_steps():
    return list(kmeans_steps(TOY, 2, init=TOY_START))


@pytest.fixture(scope="module")
def blobs():
    rng = np.random.default_rng(0)
    centres = np.array([[0.0, 0.0], [8.0, 0.0], [4.0, 7.0]])
    return np.vstack([c + rng.normal(size=(1000, 2)) for c in centres])


def test_toy_run_is_what_the_frames_show(toy_steps):
    assert [s.iteration for s in toy_steps] == [0, 1, 2]
    assert [s.labels.tolist() for s in toy_steps] == [[0, 1, 1, 1], [0, 0, 1, 1], [0, 0, 1, 1]]
    fig = figures.animation_figure(toy_steps, TOY)
    assert len(fig.frames) == figures.frame_count(toy_steps) == 2 + 2 * 2
    names = ["0 start", "0 assign", "1 move", "1 assign", "2 move", "2 assign"]
    assert [f.name for f in fig.frames] == names


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_two_frames_for_the_start_then_two_per_iteration(blobs, seed):
    steps = list(kmeans_steps(blobs, 3, init="random", seed=seed))
    fig = figures.animation_figure(steps, blobs)
    assert len(fig.frames) == 2 + 2 * steps[-1].iteration
    slider = fig.layout.sliders[0]
    assert len(slider.steps) == len(fig.frames)
    assert [s.args[0][0] for s in slider.steps] == [f.name for f in fig.frames]


def test_frame_titles_name_the_blog_steps(toy_steps):
    titles = [f.layout.title.text for f in figures.animation_figure(toy_steps, TOY).frames]
    assert "Step 1:" in titles[0] and "Step 2:" not in titles[0]  # Step 1 on its own
    assert "Step 2:" in titles[1] and "inertia" in titles[1]
    # Two short lines, so the title is not cut off on a 1280-pixel projector.
    for title in titles:
        first, _details = title.split("<br>")
        assert len(re.sub("<[^>]+>", "", first)) <= 70, first
    assert "Step 3:" in titles[2] and "mean of its points" in titles[2]
    assert "regions already follow the new centroids" in titles[2]
    assert "Step 2:" in titles[3] and "1 point(s) switched" in titles[3]
    assert "Step 4:" in titles[-1]  # converged: no assignment changed


MARKER_TRACES = slice(2, -2)  # after the toy's two regions: points, switched, trails, centroids


@pytest.mark.parametrize("webgl", [True, False])
def test_trace_types_and_webgl_points(toy_steps, webgl):
    fig = figures.animation_figure(toy_steps, TOY, webgl=webgl)
    types = [t.type for t in fig.data]
    # First the regions, one filled polygon per cluster, so they are drawn under the rest.
    assert [t.name for t in fig.data[:2]] == ["region 1", "region 2"]
    assert types[:2] == ["scatter", "scatter"] and fig.data[0].fill == "toself"
    assert fig.data[0].hoverinfo == "skip"
    # Points, switched, halo, 2 trails, centroids: all one type, or the centroids (SVG)
    # would be drawn under WebGL points.
    kind = "scattergl" if webgl else "scatter"
    assert types[MARKER_TRACES] == [kind] * 6
    assert types[-2:] == ["scatter", "scatter"]  # inertia line and current inertia
    for frame in fig.frames:  # a frame updates each trace with a trace of its own type
        assert [t.type for t in frame.data] == [types[i] for i in frame.traces]


def test_svg_markers_up_to_svg_points_then_webgl(blobs):
    """SVG draws faster where WebGL is software (benchmarks/bench_markers.py), up to a size."""
    steps = list(kmeans_steps(blobs, 3, seed=0, max_iter=2))
    few = figures.animation_figure(steps, blobs)
    assert len(blobs) <= SVG_POINTS and few.data[2].type == "scatter"
    many = np.vstack([blobs, blobs[:1] + 0.5])  # one point above the limit
    steps = list(kmeans_steps(many, 3, seed=0, max_iter=2))
    assert len(many) == SVG_POINTS + 1
    fig = figures.animation_figure(steps, many, regions=False)
    assert {t.type for t in fig.data[:-2]} == {"scattergl"}  # all but the inertia panel's


def test_no_regions_leaves_out_their_traces(toy_steps):
    fig = figures.animation_figure(toy_steps, TOY)
    no_regions = figures.animation_figure(toy_steps, TOY, regions=False)
    assert not any(t.name.startswith("region") for t in no_regions.data)
    assert len(no_regions.frames[0].data) == len(fig.frames[0].data) - 2


def test_frames_carry_colours_not_coordinates(toy_steps):
    fig = figures.animation_figure(toy_steps, TOY)
    points = fig.frames[1].data[trace_index(fig, "points")]
    assert points.x is None and points.y is None
    assert list(points.marker.color) == list(toy_steps[0].labels)
    # The inertia line never changes, so no frame updates it.
    inertia_line = len(fig.data) - 2
    assert all(inertia_line not in f.traces for f in fig.frames)


def test_move_frames_keep_old_colours_and_assign_frames_highlight_switches(toy_steps):
    fig = figures.animation_figure(toy_steps, TOY)
    move, assign = fig.frames[2], fig.frames[3]
    points, switched = trace_index(fig, "points"), trace_index(fig, "just switched")
    assert list(move.data[points].marker.color) == list(toy_steps[0].labels)
    assert len(move.data[switched].x) == 0
    assert list(assign.data[points].marker.color) == list(toy_steps[1].labels)
    # (2, 1) is the one point that switches in step 1, highlighted where it is.
    assert toy_steps[1].n_changed == 1
    assert list(assign.data[switched].x) == [2.0] and list(assign.data[switched].y) == [1.0]
    # The highlight is filled with the point's new colour (cluster 0), so it stays readable.
    assert list(assign.data[switched].marker.color) == [0]
    assert fig.data[switched].marker.colorscale[0][1] == style.PALETTE[0]


def test_trails_grow_by_one_position_per_move(toy_steps):
    fig = figures.animation_figure(toy_steps, TOY)
    trail = trace_index(fig, "cluster 1")
    assert [len(f.data[trail].x) for f in fig.frames] == [1, 1, 2, 2, 3, 3]


def test_regions_are_the_exact_voronoi_cells_of_the_centroids_on_screen(toy_steps):
    fig = figures.animation_figure(toy_steps, TOY)
    left, right = fig.frames[-1].data[0], fig.frames[-1].data[1]
    # Final centroids (1, 0.5) and (11, 0.5): the border is the bisector x = 6, exactly.
    assert max(left.x) == pytest.approx(6.0) and min(right.x) == pytest.approx(6.0)
    assert min(left.x) == fig.layout.xaxis.range[0] and max(right.x) == fig.layout.xaxis.range[1]
    # The "1 move" frame already shows the cells of the moved centroids (0, 0) and (8, 2/3).
    move = fig.frames[2].data[0]
    assert max(move.x) > 3.9 and max(move.x) < 4.5
    # Frames carry only the corners of the polygons; the style is set once.
    assert move.fillcolor is None and fig.data[0].fillcolor.startswith("rgba(0,114,178,")


def test_regions_keep_each_clusters_colour(blobs):
    steps = list(kmeans_steps(blobs, 3, init="random", seed=0))
    fig = figures.animation_figure(steps, blobs)
    tints = [fig.data[j].fillcolor for j in range(3)]
    assert tints == [style.tint(c, style.REGION_OPACITY) for c in style.PALETTE[:3]]


def test_inertia_panel_has_no_axis_title_in_the_gap(toy_steps):
    fig = figures.animation_figure(toy_steps, TOY)
    assert fig.layout.yaxis2.title.text is None
    assert fig.layout.annotations[0].text == "Inertia per iteration"


def test_payload_stays_small_for_3000_points(blobs):
    steps = list(kmeans_steps(blobs, 3, init="random", seed=3))
    fig = figures.animation_figure(steps, blobs)
    payload = len(pio.to_json(fig, validate=False))
    per_frame = payload / len(fig.frames)
    assert per_frame < 25_000, per_frame
    assert payload < 5_000_000


def test_frame_json_is_valid_for_plotly(toy_steps):
    fig = figures.animation_figure(toy_steps, TOY)
    spec = json.loads(pio.to_json(fig))
    assert len(spec["frames"]) == 6
    assert spec["layout"]["sliders"][0]["steps"][0]["method"] == "animate"


def test_legend_lists_clusters_only_while_it_fits_above_the_buttons(blobs):
    for k, listed in ((3, 3), (figures.LEGEND_CLUSTERS + 1, 0)):
        steps = list(kmeans_steps(blobs, k, init="random", seed=0))
        fig = figures.animation_figure(steps, blobs)
        clusters = [t for t in fig.data if t.name.startswith("cluster ")]
        assert sum(t.showlegend is not False for t in clusters) == listed


def test_sizes_scale_the_look_and_leave_the_data_alone(toy_steps):
    plain = figures.animation_figure(toy_steps, TOY)
    big = figures.animation_figure(toy_steps, TOY, sizes=style.SIZES.scaled(2))
    centroids = trace_index(plain, "centroids")
    assert plain.data[centroids].marker.size == 24 and big.data[centroids].marker.size == 48
    assert plain.layout.font.size == 14 and big.layout.font.size == 28
    assert [f.name for f in big.frames] == [f.name for f in plain.frames]
    assert list(big.frames[2].data[centroids].x) == list(plain.frames[2].data[centroids].x)


def test_step_one_alone_shows_grey_points_and_only_the_starting_centroids(toy_steps):
    fig = figures.animation_figure(toy_steps, TOY)
    start, first_assign = fig.frames[0], fig.frames[1]
    points, centroids = trace_index(fig, "points"), trace_index(fig, "centroids")
    assert start.data[points].marker.color == style.GREY_POINTS
    assert fig.data[points].marker.color == style.GREY_POINTS  # what shows before Play
    assert list(start.data[centroids].x) == [0.0, 2.0]  # TOY_START
    assert all(len(start.data[j].x) == 0 for j in range(2))  # no region owned yet
    assert len(start.data[-1].x) == 0  # the "now" marker: no inertia yet
    assert list(first_assign.data[points].marker.color) == [0, 1, 1, 1]
    assert len(first_assign.data[0].x) > 0


def test_centroid_numbers_read_at_least_4_5_to_1_on_their_fill(blobs):
    steps = list(kmeans_steps(blobs, 20, init="random", seed=0))
    trace = figures.animation_figure(steps, blobs).data
    centroids = next(t for t in trace if t.name == "centroids")
    assert centroids.textfont.size >= 16
    for ink, fill in zip(centroids.textfont.color, centroids.marker.color, strict=True):
        assert style.contrast_ratio(ink, fill) >= 4.5, (ink, fill)


def test_every_trail_stands_out_from_its_own_points_at_k_20(blobs):
    # A trail lies over its cluster's points: the old dark trail was 1.7:1 on #660088.
    steps = list(kmeans_steps(blobs, 20, init="random", seed=0))
    fig = figures.animation_figure(steps, blobs)
    for j, fill in enumerate(figures.cluster_colours(20)):
        trail = fig.data[trace_index(fig, f"cluster {j + 1}")]
        assert trail.marker.color == fill
        assert trail.line.color == trail.marker.line.color == style.trail_ink(fill)
        assert style.contrast_ratio(trail.line.color, fill) >= 3, (j + 1, fill)


def test_every_trail_lies_on_a_light_halo(toy_steps):
    fig = figures.animation_figure(toy_steps, TOY)
    halo = trace_index(fig, "trail halo")
    assert halo < trace_index(fig, "cluster 1")  # drawn under the dark trails
    # By hand: two clusters, one position each at the start, a gap after each.
    xs = fig.frames[0].data[halo].x
    assert list(xs[[0, 2]]) == [0.0, 2.0] and np.isnan(xs[1]) and np.isnan(xs[3])


def test_a_column_name_with_plotly_markup_is_shown_as_text(toy_steps):
    name = '<a href="http://x">x</a> <span style="font-size:60px">$y$</span>'
    fig = figures.animation_figure(toy_steps, TOY, axis_titles=(name, "{y}"))
    assert fig.layout.xaxis.title.text == for_plotly(name)
    assert "<" not in fig.layout.xaxis.title.text and "{" not in fig.layout.yaxis.title.text


def test_hover_shows_each_points_own_text(toy_steps):
    texts = [f"row {i + 1}" for i in range(len(TOY))]
    fig = figures.animation_figure(toy_steps, TOY, hover=texts)
    (shown,) = [t for t in fig.data if t.name == "points"]
    assert list(shown.text) == texts and shown.hovertemplate == "%{text}<extra></extra>"
    assert shown.hoverinfo == "text"
    (plain,) = [t for t in figures.animation_figure(toy_steps, TOY).data if t.name == "points"]
    assert plain.hoverinfo == "skip" and plain.text is None
