"""The page for a picture: k-means on its colours, step by step, in the same three tabs.

Watch: the pixels in colour space beside the picture recoloured by each frame's centroids, and
the palette. Choose K: the elbow and silhouette on a sample of the pixels. Results: the photo
and its quantised copy side by side, the palette, and the three downloads.
"""

from __future__ import annotations

import dataclasses
import io

import numpy as np
import pandas as pd
import streamlit as st

from kmeans import figures
from kmeans.colour import COLOUR_SPACES
from kmeans.figures.picture import frame_sources, picture_animation_figure
from kmeans.figures.style import label_ink
from kmeans.images import (
    DISPLAY_LONG_SIDE,
    SAMPLE_PHOTOS,
    downscale,
    image_format,
    pixels_from_image,
    read_sample_photo,
)
from kmeans.markup import for_markdown
from kmeans.quantising import (
    FIT_SAMPLE,
    PREVIEW_LONG_SIDE,
    Quantised,
    fit_colours,
    palette_csv,
    quantise,
    quantised_png,
)
from kmeans.sampling import sample_rows
from kmeans.selection import elbow
from ui import present
from ui.choose_k import set_k
from ui.clicker import clicker
from ui.options import BEST, PHOTO, PHOTOS, SCALINGS
from ui.outcome import run_outcome
from ui.run_key import TableKey
from ui.watch import ANIMATION_TOOLBAR, chart_columns

ELBOW_PIXELS = 20_000
ELBOW_KS = range(1, 11)
SPACE_LABELS = {"lab": "CIELAB (as the eye sees)", "rgb": "RGB (as the file stores)"}
FOUR_STEPS = (
    "Every pixel is a point in colour space (left), drawn in its own colour.\n"
    "1. **Pick K palette colours**: the centroids (the numbered discs).\n"
    "2. **Assign** each pixel to its nearest palette colour: the picture (right) shows every "
    "pixel in that colour.\n"
    "3. **Move** each colour to the mean of its pixels (the dark line is its trail): the "
    "palette changes.\n"
    "4. **Repeat** 2 and 3 until the colours stop changing."
)


@dataclasses.dataclass(frozen=True)
class ColourRunKey:
    """One run of k-means on a picture's colours."""

    picture: TableKey
    space: str
    k: int
    init: str
    seed: int
    max_iter: int


def is_picture(data_set: str, content: bytes) -> bool:
    """A bundled photo, or an upload whose first bytes are a picture's (whatever its name)."""
    return data_set in PHOTOS or image_format(content) is not None


def photo_bytes(data_set: str) -> tuple[TableKey, bytes]:
    """The key and bytes of a bundled photo."""
    name = data_set.removeprefix(PHOTO)
    return TableKey(data_set, SAMPLE_PHOTOS[name].file), read_sample_photo(name)


def photo_credit(data_set: str) -> str:
    """What a bundled photo shows, who took it, and its licence (see docs/IMAGES.md)."""
    photo = SAMPLE_PHOTOS[data_set.removeprefix(PHOTO)]
    return f"{photo.title}: photo by {photo.credit}, {photo.licence}."


@st.cache_resource(max_entries=2, show_spinner="Reading the picture…")
def quick_picture(key: TableKey, _content: bytes):
    """The picture k-means is fitted on and the page shows: a large JPEG decoded at 1/2 to 1/8
    of its size (at least DISPLAY_LONG_SIDE pixels on its long side; 1000 × 750, 2 MB, for a
    12-megapixel photo, decoded 5 to 10 times as fast), any other picture whole."""
    return pixels_from_image(_content, draft=DISPLAY_LONG_SIDE)


@st.cache_resource(max_entries=2, show_spinner="Reading every pixel of the picture…")
def picture(key: TableKey, _content: bytes):
    """Every pixel of the picture, for the downloads (a 12-megapixel photo holds 36 MB)."""
    quick = quick_picture(key, _content)
    return pixels_from_image(_content) if quick.is_draft else quick


@st.cache_resource(max_entries=2, show_spinner="Shrinking the picture for the screen…")
def shown_picture(key: TableKey, _content: bytes):
    """The picture at most DISPLAY_LONG_SIDE pixels on its long side, as the page shows it."""
    return downscale(quick_picture(key, _content), DISPLAY_LONG_SIDE)


@st.cache_resource(max_entries=8, show_spinner="Running k-means on the colours…")
def colour_run(key: ColourRunKey, _content: bytes):
    """k-means on a sample of the pixels, with the preview recoloured at every step."""
    return fit_colours(
        quick_picture(key.picture, _content),
        key.k,
        key.space,
        init=key.init,
        random_state=key.seed,
        max_iter=key.max_iter,
    )


@st.cache_resource(max_entries=8, show_spinner="Drawing the frames…")
def frame_pictures(key: ColourRunKey, _content: bytes) -> tuple[str, ...]:
    """The picture of every frame, made once per run: the same at every drawing option."""
    return frame_sources(colour_run(key, _content))


@st.cache_resource(max_entries=8, show_spinner="Drawing the frames…")
def animation(key: ColourRunKey, _content: bytes, **options):
    """The run's animation, built once per drawing option (:func:`ui.present.chart_options`).
    Shared, so never modified."""
    run = colour_run(key, _content)
    return picture_animation_figure(run, sources=frame_pictures(key, _content), **options)


@st.cache_resource(max_entries=4, show_spinner="Giving every pixel its colour…")
def quantised(key: ColourRunKey, _content: bytes):
    """Every pixel of the full picture assigned to the run's final centroids."""
    run = colour_run(key, _content)
    return quantise(picture(key.picture, _content), run.centroids[-1], key.space)


@st.cache_data(max_entries=8, show_spinner="Trying K = 1 to 10 on the colours…")
def colour_elbow(key: ColourRunKey, _content: bytes):
    """The elbow on a seeded sample of the fitted pixels (K and the start play no part)."""
    fitted = colour_run(key, _content).fitted
    rows = sample_rows(fitted.shape[0], ELBOW_PIXELS, key.seed)
    return elbow(fitted[rows], ELBOW_KS, random_state=key.seed)


def scaling_ignored(scaling: str) -> str:
    """Why a picture's colours are not rescaled, whatever "Scaling" says."""
    return (
        f"Scaling ({SCALINGS[scaling]}) is for a table's columns: a picture's colours are "
        "clustered as they are, in one colour space whose three channels share one unit."
    )


def space_choice() -> str:
    """The sidebar's colour space choice, with its one-sentence explanation."""
    side = st.sidebar
    side.header("Colours")
    space = side.radio(
        "Colour space", list(SPACE_LABELS), format_func=SPACE_LABELS.get, key="space"
    )
    side.caption(COLOUR_SPACES[space])
    return space


def picture_page(settings: dict, table: TableKey, content: bytes, tabs) -> None:
    """The three tabs for a picture, with the sidebar's colour space choice."""
    if settings["scaling"] != "none":  # right under the "Scaling" choice
        st.sidebar.caption(scaling_ignored(settings["scaling"]))
    space = space_choice()
    init = settings["init"]
    if init == "own":
        st.sidebar.info("Your own start works on tables; this picture starts from random pixels.")
        init = "random"
    elif init == BEST:
        st.sidebar.caption("A picture runs one k-means++ start (the best of 10 is for tables).")
        init = "k-means++"
    key = ColourRunKey(table, space, settings["k"], init, settings["seed"], settings["max_iter"])
    photo = quick_picture(key.picture, content)
    st.sidebar.caption(
        f"**{for_markdown(key.picture.filename)}**: {photo.describe()}. "
        + " ".join(for_markdown(note) for note in photo.notes)
    )
    run = colour_run(key, content)
    # As on a table's page, only the open tab is built and sent (opening one reruns the page):
    # an upload draws the animation alone, not the Results tab's pictures too.
    watch, choose, results = st.tabs(list(tabs), key="tab", on_change="rerun")
    with watch:
        _watch(key, content, run, photo)
    if choose.open:
        with choose:
            _choose_k(key, content)
    if results.open:
        with results:
            _results(key, content, run, photo)


def _watch(key: ColourRunKey, content: bytes, run, photo) -> None:
    """The animation with the table's step controls and presentation mode, and its story."""
    chart, text = chart_columns()
    with text:
        viewport = clicker(present=present.toggle(), pixels=True)
    fig = animation(key, content, **present.chart_options(viewport))
    chart.plotly_chart(fig, key="animation", config=ANIMATION_TOOLBAR)
    chart.caption(
        f"Showing {run.points.shape[0]:,} pixels in {SPACE_LABELS[key.space]}; "
        f"{fitted_on(run.fitted.shape[0], photo)}. The "
        f"picture is recoloured at {PREVIEW_LONG_SIDE} pixels on its long side at every "
        "frame. Press ▶ Play, Next ▶, or a clicker key to go step by step."
    )
    run_outcome(text, run.final, FOUR_STEPS)


def fitted_on(fitted: int, photo) -> str:
    """Which pixels k-means ran on: all, a sample, or a sample of a JPEG's quick decode."""
    if fitted == photo.n_pixels and not photo.is_draft:
        return f"k-means ran on all {fitted:,} pixels"
    sample = (
        f"all {fitted:,}"
        if fitted == photo.n_pixels
        else f"{fitted:,} (a fixed random sample, at most {FIT_SAMPLE:,})"
    )
    of = f"the {photo.n_pixels:,} pixels"
    if photo.is_draft:
        scale = round(photo.file_size[0] / photo.width)
        of += (
            f" of the JPEG decoded at 1/{scale} of its size ({photo.width} × {photo.height}, "
            f"each pixel the mean of {scale} × {scale} of the photo's)"
        )
    return (
        f"k-means ran on {sample} of {of}, then the Results tab gives every one of the "
        f"photo's {photo.file_pixels:,} pixels its colour"
    )


def _choose_k(key: ColourRunKey, content: bytes) -> None:
    st.markdown(
        "**The elbow method on colours**: k-means for K = 1 to 10 on "
        f"{ELBOW_PIXELS:,} of the pixels. Where the inertia stops falling fast, more colours "
        "add little; the silhouette (right) says how distinct the colours are."
    )
    elbow_key = dataclasses.replace(key, k=0, init="", max_iter=0)
    if st.button("Compute the elbow (K = 1 to 10)", type="primary", key="picture-elbow"):
        st.session_state["elbow_for"] = elbow_key
    if st.session_state.get("elbow_for") != elbow_key:
        st.caption("Not computed yet for this picture: press the button.")
        return
    result = colour_elbow(key, content)
    st.plotly_chart(figures.elbow_figure(result, key.k), key="picture-elbow-chart")
    st.info(for_markdown(result.reason.replace("rows", "pixels")))
    st.button(
        f"Use K = {result.elbow_k}",
        on_click=set_k,
        args=(result.elbow_k,),
        disabled=result.elbow_k == key.k,
    )


def _results(key: ColourRunKey, content: bytes, run, photo) -> None:
    small = shown_picture(key.picture, content)
    before, after = st.columns(2)
    before.image(_rgba(small.rgb, small.opaque), caption=f"The photo, {photo.describe()}")
    shown = quantise(small, run.centroids[-1], key.space)
    after.image(
        _rgba(shown.palette[np.minimum(shown.labels, key.k - 1)], small.opaque),
        caption=f"In {key.k} colours (the download gives every one of its "
        f"{photo.file_pixels:,} pixels its colour)",
    )
    fitted = run.final.labels
    sample = Quantised(fitted, shown.palette, np.bincount(fitted, minlength=key.k))
    st.markdown(
        f"**Palette**: each colour's share of the {fitted.size:,} pixels k-means was fitted "
        "on (the CSV counts every pixel of the picture)"
    )
    st.dataframe(
        pd.read_csv(io.BytesIO(palette_csv(sample))).style.apply(
            lambda column: [f"background-color: {c}; color: {label_ink(c)}" for c in column],
            subset=["hex"],
        ),
        hide_index=True,
        column_config={"share": st.column_config.NumberColumn("share", format="percent")},
    )
    # Every pixel is assigned only when a download asks for it: 12 million take seconds.
    files = (
        ("⬇ Picture in K colours (PNG, full size)", quantised_png, "quantised.png"),
        ("⬇ Palette with every pixel counted (CSV)", palette_csv, "palette.csv"),
    )
    columns = st.columns(len(files) + 1)
    for column, (label, build, name) in zip(columns, files, strict=False):
        column.download_button(
            label,
            data=lambda build=build: build(quantised(key, content)),
            file_name=name,
            mime="image/png" if name.endswith(".png") else "text/csv",
            on_click="ignore",
        )
    columns[-1].download_button(
        "⬇ Animation for slides (HTML)",
        data=lambda: figures.standalone_html(
            animation(key, content, **present.chart_options(None))
        ),
        file_name="kmeans-colours.html",
        mime="text/html",
        on_click="ignore",
    )


def _rgba(rgb: np.ndarray, opaque: np.ndarray | None) -> np.ndarray:
    """Pixels for ``st.image``, transparent where the picture was."""
    alpha = np.full(rgb.shape[:2], 255, np.uint8) if opaque is None else opaque * np.uint8(255)
    return np.dstack([rgb, alpha])
