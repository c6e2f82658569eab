"""The sidebar: the data set, the k-means settings, then the columns and the view."""

from __future__ import annotations

import hashlib
import secrets

import streamlit as st

from kmeans import samples
from kmeans.data import skewed_columns
from kmeans.markup import for_markdown
from ui import caching, picture
from ui.options import BEST, DEFAULTS, INITS, NUMBER_KINDS, PCA, PHOTO_K, PHOTOS, SCALINGS, UPLOAD
from ui.run_key import TableKey
from ui.url import URL_SETTINGS, settings_to_url


def new_seed() -> None:
    """Button callback: a new seed, so a new random start."""
    st.session_state["seed"] = secrets.randbelow(10_000)


def natural_k() -> None:
    """A new sample starts at the K it was made with and the blog's random start; a file
    starts from the best of several k-means++ starts; any own start is forgotten."""
    sample = samples.SAMPLES.get(st.session_state["data"])
    if sample is not None:
        st.session_state["k"] = sample.n_clusters
    elif st.session_state["data"] in PHOTOS:
        st.session_state["k"] = PHOTO_K
    st.session_state["init"] = BEST if st.session_state["data"] == UPLOAD else DEFAULTS["init"]
    st.session_state.pop("starts", None)


def use_upload() -> None:
    """Uploader callback: a new file switches the page to it."""
    if st.session_state.get("upload") is not None and st.session_state["data"] != UPLOAD:
        st.session_state["data"] = UPLOAD
        natural_k()


def sidebar() -> dict:
    """Draw the data and k-means settings; return them (also written to the URL)."""
    side = st.sidebar
    side.title(":material/scatter_plot: See k-means work")
    data, upload = _data_choice(side)
    side.header("k-means")
    k = side.slider("Number of clusters K", 1, 20, key="k")
    init = side.radio("Starting centroids", list(INITS), format_func=INITS.get, key="init")
    seed = side.number_input(
        "Seed", 0, 2**31 - 1, step=1, key="seed", help="The same seed gives the same start."
    )
    side.button(
        ":material/casino: New random start",
        on_click=new_seed,
        width="stretch",
        help="Draw a new seed: new starting centroids, maybe a different ending.",
    )
    max_iter = side.slider("Most iterations", 1, 300, key="max_iter")
    scaling = side.selectbox(
        "Scaling",
        list(SCALINGS),
        format_func=SCALINGS.get,
        key="scaling",
        help="Standardise: rescale every column to mean 0 and standard deviation 1 before "
        "clustering, so a column in large units does not dominate the distances. "
        "Min-max: rescale every column to run from 0 to 1.",
    )
    settings = dict(zip(URL_SETTINGS, (data, k, init, int(seed), max_iter, scaling), strict=True))
    settings_to_url(settings)
    return {**settings, "upload": upload}


def _data_choice(side):
    """The "Data" section: a sample table (with its lesson), a photo, or an uploaded file."""
    side.header("Data")
    options = [*samples.SAMPLES, *PHOTOS, UPLOAD]
    labels = {
        **{k: s.title for k, s in samples.SAMPLES.items()},
        **PHOTOS,
        UPLOAD: "Upload a CSV or a photo…",
    }
    data = side.selectbox(
        "Data set", options, format_func=labels.get, key="data", on_change=natural_k
    )
    if data in PHOTOS:
        side.caption(for_markdown(picture.photo_credit(data)))
    elif data != UPLOAD:
        side.caption(samples.SAMPLES[data].lesson)
    # Always in view (not behind the drop-down), and a new file switches the page to it.
    # No type filter: a workbook must reach the reader, whose sentence says what the file
    # looks like and what to do, and a photo is recognised by its content, whatever its name.
    upload = side.file_uploader(
        f"Upload your CSV or photo (up to {st.get_option('server.maxUploadSize')} MB)",
        key="upload",
        on_change=use_upload,
        help="A .csv, .tsv or .txt table: comma, semicolon, tab or | separated. Or a photo "
        "(PNG, JPEG, WebP, BMP, TIFF, GIF): k-means then finds its main colours.",
    )
    return data, upload if data == UPLOAD else None


def source(settings: dict) -> tuple[TableKey, bytes] | None:
    """The chosen file's key and bytes, or None while no file is uploaded."""
    if settings["data"] in PHOTOS:
        return picture.photo_bytes(settings["data"])
    if settings["data"] != UPLOAD:
        content = caching.sample_bytes(settings["data"])
        return TableKey(settings["data"], f"{settings['data']}.csv"), content
    upload = settings["upload"]
    if upload is None:
        return None
    content = upload.getvalue()
    return TableKey(hashlib.blake2b(content, digest_size=16).hexdigest(), upload.name), content


WIDGET_COLUMNS = 100
"""Most names the "Cluster on" list shows as chips: thousands of chips fill the sidebar and
make the browser redraw them on every rerun. A wider table lists the columns left out
instead (:func:`_leave_out`), and every column of numbers is still clustered."""
LISTED = 20
"""Most columns the "Left out" caption names one by one; it counts the rest."""


def left_out(roles, columns) -> str:
    """A markdown list of the columns not clustered, each with the reason (at most ``LISTED``,
    then how many more)."""
    chosen = set(columns)
    lines = [
        f"- **{for_markdown(r.name)}**: "
        + ("you left it out." if r.kind == "numeric" else for_markdown(r.reason))
        for r in roles
        if r.name not in chosen
    ]
    if len(lines) > LISTED:
        lines[LISTED:] = [f"- … and {len(lines) - LISTED:,} more."]
    return "**Left out:**\n" + "\n".join(lines) if lines else ""


def _upload_columns(roles, digest: str) -> list[str]:
    """The "Cluster on" choice: every column of numbers, then the ones left out and why.

    With more than ``WIDGET_COLUMNS`` columns used and fewer left out, the list holds the
    columns to leave out instead, with a sentence saying so.
    """
    side = st.sidebar
    side.header("Columns")
    numbers = [r.name for r in roles if r.kind in NUMBER_KINDS]
    used = [r.name for r in roles if r.used]
    if len(used) > WIDGET_COLUMNS and len(numbers) - len(used) < len(used):
        columns = _leave_out(numbers, used, digest)
    else:
        columns = _cluster_on(numbers, used, digest)
    reasons = left_out(roles, columns)
    if reasons:
        side.caption(reasons)
    return columns


def _cluster_on(numbers: list[str], default: list[str], digest: str) -> list[str]:
    return st.sidebar.multiselect(
        "Cluster on",
        numbers,
        default=default,
        key=f"columns-{digest}",
        help="Every column that holds numbers; ids, label-like and constant columns are "
        "left out at first: add them if you want.",
    )


def _leave_out(numbers: list[str], used: list[str], digest: str) -> list[str]:
    """All the columns of numbers but those the visitor lists to leave out.

    The list shows the few left out (ids, labels, constants) instead of thousands of
    clustered columns, and a sentence says why it is not the usual list.
    """
    chosen = set(used)
    left = st.sidebar.multiselect(
        "Leave out",
        numbers,
        default=[name for name in numbers if name not in chosen],
        key=f"leave-{digest}",
        help="Columns of numbers k-means does not use; ids, label-like and constant columns "
        "are here at first: remove one to cluster on it too.",
    )
    dropped = set(left)
    columns = [name for name in numbers if name not in dropped]
    st.sidebar.caption(
        f"k-means clusters on {len(columns):,} of the {len(numbers):,} columns of numbers, "
        "all but those under 'Leave out' (a list of every clustered column would fill the "
        "sidebar and slow the page): add a column there to leave it out."
    )
    return columns


def column_choice(key: TableKey, content: bytes, settings: dict) -> dict:
    """Which columns to cluster, what to do with gaps, and which view (sidebar widgets)."""
    table = caching.table(key, content)
    for note in table.notes:
        st.sidebar.caption(for_markdown(note))
    roles = caching.roles(key, content)
    side = st.sidebar
    if settings["data"] == UPLOAD:
        columns = _upload_columns(roles, key.digest)
        missing = side.selectbox(
            "Rows with missing values",
            ["drop", "mean", "median"],
            format_func={
                "drop": "leave out",
                "mean": "fill with the column mean",
                "median": "fill with the column median",
            }.get,
            key="missing",
        )
        log = _log_choice(table.frame, columns, key.digest)
    else:
        columns, missing, log = [r.name for r in roles if r.used], "drop", ()
    view = _view(columns)
    return {"columns": tuple(columns), "missing": missing, "view": view, "log": log}


def _log_choice(frame, columns, digest: str) -> tuple[str, ...]:
    """Offer the logarithm for the chosen columns that are positive and skewed."""
    skewed = list(skewed_columns(frame, columns)) if columns else []
    widget = f"log-{digest}"
    chosen = [c for c in st.session_state.get(widget, []) if c in skewed]
    if not skewed:
        return ()
    st.session_state[widget] = chosen
    picked = st.sidebar.multiselect(
        "Take the logarithm of",
        skewed,
        key=widget,
        help="For positive columns where a few rows hold values far above the rest: the "
        "logarithm compares ratios (10 to 100 as far as 100 to 1000) instead of differences.",
    )
    return tuple(c for c in columns if c in picked)


def _view(columns) -> tuple[str, str, str]:
    """The chart's axes: PCA, or two columns the user picks, when there are more than two."""
    if len(columns) <= 2:
        return (PCA, "", "")
    side = st.sidebar
    side.header("View")
    mode = side.radio("Show", [PCA, "Two columns"], key="view")
    x = side.selectbox("Horizontal axis", columns, index=0, disabled=mode == PCA)
    y = side.selectbox("Vertical axis", columns, index=1, disabled=mode == PCA)
    return (mode, x, y)
