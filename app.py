"""See k-means work: the blog's animation, live, on any data, with the elbow beside it.

Run with ``streamlit run app.py``. The page is thin: widgets in, calls into ``kmeans/`` out.
Settings that make a run (data set, K, start, seed, scaling) live in the URL, so a link
reproduces it.
"""

from __future__ import annotations

import hashlib
import secrets

import numpy as np
import streamlit as st

st.set_page_config(page_title="See k-means work", page_icon="🎯", layout="wide")

from kmeans import figures, profiles, projection, samples, sampling  # noqa: E402
from kmeans.data import (  # noqa: E402
    check_k_fits,
    column_roles,
    labelled_csv,
    prepare,
    read_table,
    scaling_advice,
    to_original_units,
)
from kmeans.engine import kmeans_steps  # noqa: E402
from kmeans.selection import elbow  # noqa: E402

SHOWN_POINTS = 3000
UPLOAD = "upload"
INITS = {
    "random": "Random points (the blog's Step 1)",
    "k-means++": "k-means++ (spread out)",
    "own": "My own start (click on a chart)",
}
SCALINGS = {"none": "none", "standardize": "standardise", "minmax": "min-max"}
DEFAULTS = {
    "data": samples.BLOG,
    "k": 3,
    "init": "random",
    "seed": 0,
    "max_iter": 100,
    "scaling": "none",
}
URL_SETTINGS = ("data", "k", "init", "seed", "max_iter", "scaling")
ELBOW_KS = tuple(range(1, 11))
# A short toolbar (zoom, pan, reset, picture), so on hover it stays clear of the step title.
ANIMATION_TOOLBAR = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["zoomIn2d", "zoomOut2d", "autoScale2d", "lasso2d", "select2d"],
}
PCA = "PCA projection"
NUMBER_KINDS = ("numeric", "id", "constant")  # column roles that hold numbers k-means can use
PROGRESS_ROWS = 200_000  # above this, a run that is not cached shows its iterations
CHART_HEIGHT = 600  # the chart, its Play buttons and slider fit a 1280 x 720 projector
# Streamlit leaves 6rem above the first element; the tabs need far less, and in a classroom
# every pixel goes to the chart so its slider stays above the fold.
PAGE_CSS = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 3rem; padding-bottom: 2rem; }
</style>"""


# ---------------------------------------------------------------- cached work (plain values)
@st.cache_resource(max_entries=4, show_spinner="Reading the table…")
def _table(digest: str, _content: bytes, filename: str):
    # A resource, not data: a million-row table is shared read-only instead of being copied
    # on every rerun. Keyed on the content's digest, so only the same bytes give it back.
    return read_table(_content, filename)


@st.cache_resource(max_entries=4, show_spinner="Preparing the columns…")
def _prepared(digest: str, _content: bytes, filename: str, columns, missing, scaling):
    table = _table(digest, _content, filename)
    return prepare(table.frame, list(columns), missing=missing, scaling=scaling)


class _NotComputed(LookupError):
    """The run asked for is not in the cache yet (exceptions are never cached)."""


@st.cache_data(max_entries=32, show_spinner=False)
def _stored_run(
    digest,
    _content,
    filename,
    columns,
    missing,
    scaling,
    k,
    init,
    seed,
    max_iter,
    view,
    _fresh=None,
):
    """The cache of finished runs: look one up (``_fresh`` None) or store ``_fresh``.

    Computing happens outside, in :func:`_compute_run`, so that a long run can report its
    progress on the page: st calls inside a cached function would be replayed on a hit.
    """
    if _fresh is None:
        raise _NotComputed
    return _fresh


def _run(*args):
    """Cluster every row, or take the run from the cache; see :func:`_stored_run`."""
    try:
        return _stored_run(*args)
    except _NotComputed:
        return _stored_run(*args, _fresh=_compute_run(*args))


def _compute_run(
    digest, _content, filename, columns, missing, scaling, k, init, seed, max_iter, view
):
    """Cluster every row; return what the page shows (small) and the final full step."""
    prepared = _prepared(digest, _content, filename, columns, missing, scaling)
    check_k_fits(k, prepared.X)
    proj = _projection(prepared, view)
    rows = sampling.sample_rows(prepared.X.shape[0], SHOWN_POINTS)
    start = np.asarray(init, dtype=np.float64) if isinstance(init, tuple) else init
    steps = kmeans_steps(prepared.X, k, init=start, seed=seed, max_iter=max_iter)
    n_rows = prepared.X.shape[0]
    if n_rows <= PROGRESS_ROWS:
        with st.spinner("Running k-means on every row…"):
            run = projection.view_run(steps, rows, proj)
    else:
        bar = st.progress(0.0, text=f"Running k-means on all {n_rows:,} rows…")
        run = projection.view_run(steps, rows, proj, on_step=_reporter(bar, n_rows, max_iter))
        bar.empty()
    return run, proj.apply(prepared.X[rows]), proj


def _reporter(bar, n_rows: int, max_iter: int):
    """A callback that shows each finished iteration of a long run on the progress bar."""

    def report(step) -> None:
        bar.progress(
            min(step.iteration / max_iter, 1.0),
            text=f"Running k-means on all {n_rows:,} rows: iteration {step.iteration}, "
            f"{step.n_changed:,} point(s) switched cluster",
        )

    return report


def _projection(prepared, view: tuple) -> projection.Projection:
    """The chart's two axes: PCA or two chosen columns when there are more than two."""
    mode, x, y = view
    columns = prepared.columns
    if len(columns) <= 2:
        return projection.column_projection(columns)
    if mode == PCA:
        return projection.pca_projection(prepared.X, columns)
    return projection.column_projection(columns, columns.index(x), columns.index(y))


@st.cache_data(max_entries=16, show_spinner=False)
def _shown_points(digest, _content, filename, columns, missing, scaling, view):
    """The sampled points in chart coordinates (for the start picker, before any run)."""
    prepared = _prepared(digest, _content, filename, columns, missing, scaling)
    proj = _projection(prepared, view)
    rows = sampling.sample_rows(prepared.X.shape[0], SHOWN_POINTS)
    return proj.apply(prepared.X[rows]), proj


@st.cache_data(max_entries=16, show_spinner="Trying K = 1 to 10 (the elbow method)…")
def _elbow(digest, _content, filename, columns, missing, scaling, seed):
    prepared = _prepared(digest, _content, filename, columns, missing, scaling)
    ks = tuple(k for k in ELBOW_KS if k <= prepared.X.shape[0])
    return elbow(prepared.X, ks, random_state=seed)


@st.cache_data(max_entries=8, show_spinner=False)
def _sample_bytes(key: str) -> bytes:
    return samples.sample_csv(key)


# ---------------------------------------------------------------- the URL and the sidebar
def _settings_from_url() -> None:
    """On a visitor's first run, start the widgets from the URL (a shared link)."""
    if "k" in st.session_state:
        return
    params = st.query_params
    state = dict(DEFAULTS)
    if params.get("data") in (*samples.SAMPLES, UPLOAD):
        state["data"] = params["data"]
    if state["data"] in samples.SAMPLES:
        state["k"] = samples.SAMPLES[state["data"]].n_clusters
    if params.get("init") in INITS:
        state["init"] = params["init"]
    if params.get("scaling") in SCALINGS:
        state["scaling"] = params["scaling"]
    for name, low, high in (("k", 1, 20), ("seed", 0, 2**31 - 1), ("max_iter", 1, 300)):
        value = params.get(name, "")
        if value.isdigit():
            state[name] = min(max(int(value), low), high)
    st.session_state.update(state)


def _settings_to_url(settings: dict) -> None:
    st.query_params.from_dict({name: str(settings[name]) for name in URL_SETTINGS})


def _new_seed() -> None:
    st.session_state["seed"] = secrets.randbelow(10_000)


def _natural_k() -> None:
    """A new sample starts at the K it was made with; its own start is forgotten."""
    sample = samples.SAMPLES.get(st.session_state["data"])
    if sample is not None:
        st.session_state["k"] = sample.n_clusters
    st.session_state.pop("starts", None)


def _sidebar() -> dict:
    side = st.sidebar
    side.title(":material/scatter_plot: See k-means work")
    side.header("Data")
    options = [*samples.SAMPLES, UPLOAD]
    labels = {**{k: s.title for k, s in samples.SAMPLES.items()}, UPLOAD: "Upload a CSV…"}
    data = side.selectbox(
        "Data set", options, format_func=labels.get, key="data", on_change=_natural_k
    )
    upload = None
    if data == UPLOAD:
        # No type filter: a workbook or an image must reach the reader, whose sentence says
        # what the file looks like and what to do, instead of a silent refusal.
        upload = side.file_uploader(
            f"CSV file (up to {st.get_option('server.maxUploadSize')} MB)",
            key="upload",
            help="A .csv, .tsv or .txt table: comma, semicolon, tab or | separated.",
        )
    else:
        side.caption(samples.SAMPLES[data].lesson)
    side.header("k-means")
    k = side.slider("Number of clusters K", 1, 20, key="k")
    init = side.radio("Starting centroids", list(INITS), format_func=INITS.get, key="init")
    seed = side.number_input(
        "Seed", 0, 2**31 - 1, step=1, key="seed", help="The same seed gives the same start."
    )
    side.button(
        ":material/casino: New random start",
        on_click=_new_seed,
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
    _settings_to_url(settings)
    return {**settings, "upload": upload}


def _source(settings: dict) -> tuple[str, bytes, str] | None:
    """(digest, content, filename) of the chosen data, or None while no file is uploaded."""
    if settings["data"] != UPLOAD:
        content = _sample_bytes(settings["data"])
        return settings["data"], content, f"{settings['data']}.csv"
    upload = settings["upload"]
    if upload is None:
        return None
    content = upload.getvalue()
    return hashlib.blake2b(content, digest_size=16).hexdigest(), content, upload.name


def _left_out(roles, columns) -> str:
    """A markdown list of the columns not clustered, each with the reason."""
    lines = [
        f"- **{r.name}**: {'you left it out.' if r.kind == 'numeric' else r.reason}"
        for r in roles
        if r.name not in columns
    ]
    return "**Left out:**\n" + "\n".join(lines) if lines else ""


def _upload_columns(roles, digest: str) -> list[str]:
    """The "Cluster on" choice: every column of numbers, then the ones left out and why."""
    side = st.sidebar
    side.header("Columns")
    columns = side.multiselect(
        "Cluster on",
        [r.name for r in roles if r.kind in NUMBER_KINDS],
        default=[r.name for r in roles if r.used],
        key=f"columns-{digest}",
        help="Every column that holds numbers; ids and constant columns are left out at "
        "first: add them if you want.",
    )
    left_out = _left_out(roles, columns)
    if left_out:
        side.caption(left_out)
    return columns


def _column_choice(source, settings: dict) -> dict:
    """Which columns to cluster, what to do with gaps, and which view (sidebar widgets)."""
    table = _table(*source)
    for note in table.notes:
        st.sidebar.caption(note)
    roles = column_roles(table.frame)
    default = [r.name for r in roles if r.used]
    side = st.sidebar
    if settings["data"] == UPLOAD:
        columns = _upload_columns(roles, source[0])
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
    else:
        columns, missing = default, "drop"
    view = (PCA, "", "")
    if len(columns) > 2:
        side.header("View")
        mode = side.radio("Show", [PCA, "Two columns"], key="view")
        x = side.selectbox("Horizontal axis", columns, index=0, disabled=mode == PCA)
        y = side.selectbox("Vertical axis", columns, index=1, disabled=mode == PCA)
        view = (mode, x, y)
    advice = scaling_advice(table.frame, columns) if columns else None
    if advice and settings["scaling"] == "none":
        side.info(advice)
    return {"columns": tuple(columns), "missing": missing, "view": view}


# ---------------------------------------------------------------- the main area
def _set_k(k: int) -> None:
    st.session_state["k"] = k


def _add_start() -> None:
    """Chart selection callback: every clicked point becomes the next starting centroid."""
    clicked = st.session_state["picker"]["selection"]["points"]
    starts = st.session_state.setdefault("starts", [])
    starts += [(float(p["x"]), float(p["y"])) for p in clicked]
    del starts[:-20]


def _own_start(key: tuple, settings: dict) -> tuple | None:
    """Let the user click K starting centroids; return them once there are K, else None."""
    k = settings["k"]
    points, proj = _shown_points(*key)
    if not proj.is_identity:
        st.warning(
            "Your own start needs exactly two clustered columns (the chart must show the "
            "space k-means works in); pick two columns or another way to start."
        )
        return None
    starts = st.session_state.get("starts", [])[-k:]
    box = st.expander(f"Your own start ({len(starts)} of {k} placed)", expanded=len(starts) < k)
    box.markdown(
        f"**Your own start:** click {k} places on this chart for the starting centroids "
        f"({len(starts)} of {k} placed; the last {k} clicks count)."
    )
    picker = figures.start_picker_figure(points, np.array(starts), proj.axis_titles)
    box.plotly_chart(
        picker,
        key="picker",
        on_select=_add_start,
        selection_mode="points",
        config={"displayModeBar": False},
    )
    box.button("Clear my start", on_click=lambda: st.session_state.pop("starts", None))
    return tuple(starts) if len(starts) == k else None


def _watch_tab(run, points, proj, prepared, fig) -> None:
    chart, text = st.columns([4, 1.1])
    n_rows = prepared.X.shape[0]
    chart.plotly_chart(fig, key="animation", config=ANIMATION_TOOLBAR)
    shown = points.shape[0]
    sample = (
        f"Showing all {n_rows:,} points."
        if shown == n_rows
        else f"Showing {shown:,} of {n_rows:,} points (a fixed random sample); "
        "k-means used every row."
    )
    # Rows left out or filled are said here too, next to the count: nothing is dropped silently.
    notes = " ".join(prepared.notes)
    chart.caption(f"{sample} {notes} Press ▶ Play, or drag the slider to go step by step.")
    text.markdown(
        "#### The four steps (from the blog)\n"
        "1. **Pick K centroids** (the big numbered dots).\n"
        "2. **Assign** each point to its nearest centroid: the colours; the shaded "
        "regions show where each centroid is nearest.\n"
        "3. **Move** each centroid to the mean of its points: the dark line is its trail.\n"
        "4. **Repeat** 2 and 3 until no assignment changes.\n\n"
        "A ring ○ marks a point that just switched cluster. The title of the chart names "
        "the step on screen; the small chart shows the inertia (total squared distance) "
        "falling."
    )
    final = run.final
    text.metric("Iterations", final.iteration)
    text.metric("Final inertia", figures.format_number(final.inertia))
    if not final.converged:
        text.warning(
            f"Stopped after {final.iteration} iterations before converging: "
            "raise “Most iterations” to let it finish."
        )


def _choose_k_tab(key: tuple, settings: dict) -> None:
    st.markdown(
        "**The elbow method** (from the blog): run k-means for K = 1 to 10 and plot the "
        "inertia. It always falls as K grows; the *elbow*, where it stops falling fast, is a "
        "good K. The *silhouette* (right, higher is better) checks how well separated the "
        "clusters are."
    )
    elbow_key = (*key[:1], *key[2:6], settings["seed"])
    if st.button("Compute the elbow (K = 1 to 10)", type="primary"):
        st.session_state["elbow_for"] = elbow_key
    if st.session_state.get("elbow_for") != elbow_key:
        st.caption("Not computed yet for this data: press the button (it takes a few seconds).")
        return
    result = _elbow(*key[:6], settings["seed"])
    st.plotly_chart(figures.elbow_figure(result, settings["k"]), key="elbow")
    st.info(result.reason)
    st.button(
        f"Use K = {result.elbow_k}",
        on_click=_set_k,
        args=(result.elbow_k,),
        disabled=result.elbow_k == settings["k"],
    )


def _results_tab(run, prepared, table, fig_builder) -> None:
    final = run.final
    a, b, c, d = st.columns(4)
    a.metric("Rows clustered", f"{prepared.X.shape[0]:,}")
    b.metric("Iterations", final.iteration)
    c.metric("Final inertia", figures.format_number(final.inertia))
    d.metric("Converged", "yes" if final.converged else "no (iteration limit)")
    for note in prepared.notes:
        st.caption(note)
    _relocations(run.steps)
    centroids = to_original_units(final.centroids, prepared)
    summary = profiles.cluster_table(final.labels, centroids, prepared.columns)
    _cluster_table(summary, prepared.columns)
    _downloads(summary, table, prepared, final.labels, fig_builder)


def _relocations(steps) -> None:
    """Say which clusters became empty and where they went; nothing is relocated silently."""
    relocated = [step for step in steps if step.relocated]
    if not relocated:
        st.caption("No cluster became empty during the run.")
    for step in relocated:
        names = ", ".join(str(j + 1) for j in step.relocated)
        st.warning(
            f"Iteration {step.iteration}: cluster {names} had no points and was moved to "
            "the point farthest from its centroid."
        )


def _cluster_table(summary, columns) -> None:
    st.markdown("**Clusters** (centroids in the original units of the columns)")
    colours = figures.cluster_colours(len(summary))
    st.dataframe(
        summary.style.apply(
            lambda _: [f"background-color: {c}; color: white" for c in colours], subset=["cluster"]
        ),
        hide_index=True,
        column_config={
            "share": st.column_config.NumberColumn("share", format="percent"),
            **{c: st.column_config.NumberColumn(c, format="%.4g") for c in columns},
        },
    )


def _downloads(summary, table, prepared, labels, fig_builder) -> None:
    """The three downloads, each built only when its button is pressed."""
    left, middle, right = st.columns(3)
    left.download_button(
        "⬇ Table with a cluster column (CSV)",
        # The same numbers as the chart and the table above: 1 to K.
        data=lambda: labelled_csv(table, prepared.rows, profiles.cluster_numbers(labels)),
        file_name="clustered.csv",
        mime="text/csv",
        on_click="ignore",
    )
    middle.download_button(
        "⬇ Centroids (CSV)",
        data=summary.to_csv(index=False).encode("utf-8"),
        file_name="centroids.csv",
        mime="text/csv",
        on_click="ignore",
    )
    right.download_button(
        "⬇ Animation for slides (HTML)",
        data=lambda: figures.standalone_html(fig_builder()),
        file_name="kmeans-animation.html",
        mime="text/html",
        on_click="ignore",
    )


def main() -> None:
    _settings_from_url()
    settings = _sidebar()
    st.html(PAGE_CSS)
    try:
        source = _source(settings)
        if source is None:
            st.info("Upload a CSV file in the sidebar to see its clusters (or pick a sample).")
            return
        choice = _column_choice(source, settings)
        key = (*source, choice["columns"], choice["missing"], settings["scaling"])
        _page(key, choice, settings)
    except ValueError as error:  # DataError and the engine's checks: a sentence to act on
        st.error(str(error))
    except MemoryError:
        st.error("This table is too large for the server's memory; upload fewer rows.")


def _page(key: tuple, choice: dict, settings: dict) -> None:
    if not choice["columns"]:
        st.error("No column is chosen for clustering: pick at least one in the sidebar.")
        return
    init = settings["init"]
    watch, choose, results = st.tabs(
        [
            ":material/play_circle: Watch k-means",
            ":material/insights: Choose K",
            ":material/table_chart: Results",
        ]
    )
    if init == "own":
        with watch:
            init = _own_start((*key, choice["view"]), settings)
        if init is None:
            with choose:
                _choose_k_tab(key, settings)
            return
    args = (*key, settings["k"], init, settings["seed"], settings["max_iter"], choice["view"])
    with watch:
        run, points, proj = _run(*args)
    prepared = _prepared(*key)

    def figure():
        return figures.animation_figure(
            run.steps,
            points,
            axis_titles=proj.axis_titles,
            regions=proj.is_identity,
            height=CHART_HEIGHT,
        )

    with watch:
        _watch_tab(run, points, proj, prepared, figure())
    with choose:
        _choose_k_tab(key, settings)
    with results:
        _results_tab(run, prepared, _table(*key[:3]), figure)


main()
