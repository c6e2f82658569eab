"""The page's cached work, on plain values and named keys (see :mod:`ui.run_key`).

Every function takes the file's bytes as ``_content``, which Streamlit leaves out of the
hash: the key's digest stands for them.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from kmeans import figures, projection, samples, sampling
from kmeans.data import check_k_fits, column_roles, prepare, read_table
from kmeans.engine import kmeans_steps
from kmeans.errors import DataError
from kmeans.model import KMeans
from kmeans.selection import elbow
from kmeans.validation import count_distinct_rows
from ui.options import BEST, N_STARTS, PCA
from ui.run_key import DataKey, ElbowKey, RunKey, TableKey

SHOWN_POINTS = 3000
ELBOW_KS = tuple(range(1, 11))
PROGRESS_ROWS = 200_000  # above this, a run that is not cached shows its iterations
AUTO_ELBOW_ROWS = 100_000  # up to this, Choose K is computed without a click


# How long a visitor's table and matrix stay cached after their last use. They are kept
# per session (released when the visitor leaves, or TTL after their last use, whichever is
# first), at most SESSION_TABLES each, so the server holds a bounded number of uploads.
TTL_SECONDS = 600
SESSION_TABLES = 2


def table(key: TableKey, _content: bytes):
    """The table read from the file; a file that failed fails again at once, not slowly."""
    outcome = _read(key, _content)
    if isinstance(outcome, str):
        raise DataError(outcome)
    return outcome


@st.cache_resource(
    max_entries=SESSION_TABLES, ttl=TTL_SECONDS, scope="session", show_spinner="Reading the table…"
)
def _read(key: TableKey, _content: bytes):
    # A resource, not data: a million-row table is shared read-only instead of being copied
    # on every rerun. Keyed on the content's digest, so only the same bytes give it back.
    try:
        return read_table(_content, key.filename)
    except DataError as error:  # remembered: a rerun on the same bytes does not read again
        return str(error)


@st.cache_data(max_entries=16, ttl=TTL_SECONDS, show_spinner=False)
def roles(key: TableKey, _content: bytes) -> tuple:
    """What each column of the file is (:func:`kmeans.data.column_roles`), found once."""
    return column_roles(table(key, _content).frame)


@st.cache_resource(
    max_entries=SESSION_TABLES,
    ttl=TTL_SECONDS,
    scope="session",
    show_spinner="Preparing the columns…",
)
def prepared(key: DataKey, _content: bytes):
    """The matrix k-means clusters, with its notes on the rows left out or filled."""
    frame = table(key.table, _content).frame
    return prepare(
        frame, list(key.columns), missing=key.missing, scaling=key.scaling, log=list(key.log)
    )


class NotComputed(LookupError):
    """The run asked for is not in the cache yet (exceptions are never cached)."""


@st.cache_data(max_entries=32, ttl=TTL_SECONDS, show_spinner=False)
def stored_run(key: RunKey, _content: bytes, _fresh=None):
    """The cache of finished runs: look one up (``_fresh`` None) or store ``_fresh``.

    Computing happens outside, in :func:`compute_run`, so that a long run can report its
    progress on the page: st calls inside a cached function would be replayed on a hit.
    """
    if _fresh is None:
        raise NotComputed
    return _fresh


def run(key: RunKey, content: bytes):
    """Cluster every row, or take the run from the cache; see :func:`stored_run`."""
    try:
        return stored_run(key, content)
    except NotComputed:
        return stored_run(key, content, _fresh=compute_run(key, content))


def compute_run(key: RunKey, content: bytes):
    """Cluster every row; return what the page shows (small) and the final full step."""
    data = prepared(key.data, content)
    check_k_fits(key.k, data.X)
    proj = chart_projection(data, key.data, key.view)
    rows = sampling.sample_rows(data.X.shape[0], SHOWN_POINTS)
    if key.init == BEST:
        steps, note = best_steps(key, content)
        shown = projection.view_run(steps, rows, proj)._replace(note=note)
    else:
        shown = single_run(key, data.X, rows, proj)
    return shown, proj.apply(data.X[rows]), proj


def single_run(key: RunKey, X, rows, proj):
    """One start, as the blog does it, with progress on a long run."""
    start = np.asarray(key.init, dtype=np.float64) if isinstance(key.init, tuple) else key.init
    steps = kmeans_steps(X, key.k, init=start, seed=key.seed, max_iter=key.max_iter)
    n_rows = X.shape[0]
    if n_rows <= PROGRESS_ROWS:
        with st.spinner("Running k-means on every row…"):
            return projection.view_run(steps, rows, proj)
    bar = st.progress(0.0, text=f"Running k-means on all {n_rows:,} rows…")
    shown = projection.view_run(steps, rows, proj, on_step=reporter(bar, n_rows, key.max_iter))
    bar.empty()
    return shown


def best_steps(key: RunKey, content: bytes) -> tuple[tuple, str]:
    """The steps of the best of ``N_STARTS`` k-means++ runs, and a sentence saying so.

    When Choose K has been computed for this data (it is, up to ``AUTO_ELBOW_ROWS`` rows)
    and its run for this K ended lower, the run from Choose K's start is taken instead, so
    the page never shows a worse fit than the curve does for the same K.
    """
    X = prepared(key.data, content).X
    with st.spinner(f"Running k-means++ {N_STARTS} times on every row…"):
        model = KMeans(key.k, n_init=N_STARTS, max_iter=key.max_iter, random_state=key.seed)
        model.fit(X)
    note = f"The run shown is the best of {N_STARTS} k-means++ starts (lowest inertia)."
    curve = elbow_if_known(key, content, X.shape[0])
    if curve is not None and key.k in curve.k_values:
        j = curve.k_values.index(key.k)
        if curve.inertias[j] < model.inertia_ * (1 - 1e-9):
            model = KMeans(key.k, init=curve.starts[j], max_iter=key.max_iter).fit(X)
            note = (
                f"Choose K's run for K = {key.k} ended lower than the best of {N_STARTS} "
                "k-means++ starts, so the run shown starts where Choose K's did."
            )
    return model.steps_, note


def elbow_if_known(key: RunKey, content: bytes, n_rows: int):
    """The elbow result when the page computes it (small tables, or after its button)."""
    wanted = n_rows <= AUTO_ELBOW_ROWS or st.session_state.get("elbow_for") == key.elbow_key()
    if wanted and len(elbow_ks(prepared(key.data, content).X)) >= 2:
        return elbow_result(key.elbow_key(), content)
    return None


def reporter(bar, n_rows: int, max_iter: int):
    """A callback that shows each finished iteration of a long run on the progress bar."""

    def report(step) -> None:
        bar.progress(
            min(step.iteration / max_iter, 1.0),
            text=f"Running k-means on all {n_rows:,} rows: iteration {step.iteration}, "
            f"{step.n_changed:,} point(s) switched cluster",
        )

    return report


def chart_projection(data, key: DataKey, view: tuple) -> projection.Projection:
    """The chart's two axes: PCA or two chosen columns when there are more than two."""
    mode, x, y = view
    columns, scaled = data.columns, {"transforms": (key.scaling,), "logged": data.logged}
    if len(columns) <= 2:
        return projection.column_projection(columns, **scaled)
    if mode == PCA:
        return projection.pca_projection(data.X, columns, **scaled)
    return projection.column_projection(columns, columns.index(x), columns.index(y), **scaled)


@st.cache_data(max_entries=16, ttl=TTL_SECONDS, show_spinner=False)
def shown_points(key: DataKey, _content: bytes, view: tuple):
    """The sampled points in chart coordinates (for the start picker, before any run)."""
    data = prepared(key, _content)
    proj = chart_projection(data, key, view)
    rows = sampling.sample_rows(data.X.shape[0], SHOWN_POINTS)
    return proj.apply(data.X[rows]), proj


@st.cache_data(
    max_entries=16, ttl=TTL_SECONDS, show_spinner="Trying K = 1 to 10 (the elbow method)…"
)
def elbow_result(key: ElbowKey, _content: bytes):
    """The elbow method's runs for K = 1 to 10 (fewer when there are fewer rows)."""
    data = prepared(key.data, _content)
    return elbow(data.X, elbow_ks(data.X), random_state=key.seed)


@st.cache_resource(max_entries=16, ttl=TTL_SECONDS, show_spinner=False)
def elbow_chart(key: ElbowKey, _content: bytes, k: int):
    """The elbow figure with K = ``k`` marked, built once; it is only ever drawn, never changed."""
    return figures.elbow_figure(elbow_result(key, _content), k)


def elbow_ks(X: np.ndarray) -> tuple[int, ...]:
    """K = 1 to 10, or up to the number of distinct rows when there are fewer."""
    distinct = count_distinct_rows(X, at_least=ELBOW_KS[-1])
    return tuple(k for k in ELBOW_KS if k <= distinct)


@st.cache_data(max_entries=8, show_spinner=False)
def sample_bytes(key: str) -> bytes:
    """The CSV bytes of a bundled sample."""
    return samples.sample_csv(key)
