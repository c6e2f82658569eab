"""The "Explain" tab: what each cluster is like, how it compares with a column, unusual rows
and the silhouette of every sampled row. Every number comes from ``kmeans/``; this module
only lays it out, and shows the file's text (names, cells) as written, never as markup."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd
import streamlit as st

from kmeans import sampling
from kmeans.agreement import MAX_VALUES, compare
from kmeans.figures.profile import profile_figure
from kmeans.figures.silhouette import silhouette_figure
from kmeans.markup import for_markdown, for_plotly
from kmeans.outliers import distances_to_centroid, unusual_rows
from kmeans.profiles import Profile, profile
from kmeans.silhouette import SAMPLE_SIZE, SilhouetteSample, sampled_silhouette
from ui import caching
from ui.run_key import DataKey, RunKey

COMPARABLE_KINDS = ("label", "text", "numeric", "id")
MOST_UNUSUAL = 200  # the unusual rows kept with a run; the page shows 20 unless asked


class Explanation(NamedTuple):
    """What the tab shows for one run (small, except ``distances``: one float per row)."""

    profile: Profile
    silhouette: SilhouetteSample
    distances: np.ndarray
    unusual: pd.DataFrame


@st.cache_data(max_entries=8, ttl=caching.TTL_SECONDS, show_spinner="Explaining the clusters…")
def explanation(key: RunKey, _content: bytes) -> Explanation:
    """Profile, silhouette on a sample, distances and the most unusual rows of a run."""
    run, _, _ = caching.run(key, _content)
    data = caching.prepared(key.data, _content)
    frame = caching.table(key.table, _content).frame
    labels, k = run.final.labels, run.final.centroids.shape[0]
    distances = distances_to_centroid(data.X, labels, run.final.centroids)
    return Explanation(
        profile(frame, data.rows, labels, k),
        sampled_silhouette(data.X, labels, k, random_state=key.seed),
        distances,
        unusual_rows(frame, data.rows, labels, distances, top=MOST_UNUSUAL),
    )


@st.cache_data(max_entries=16, ttl=caching.TTL_SECONDS, show_spinner=False)
def comparison(key: RunKey, _content: bytes, column: str):
    """The clusters of a run against one column of the file."""
    run, _, _ = caching.run(key, _content)
    data = caching.prepared(key.data, _content)
    frame = caching.table(key.table, _content).frame
    return compare(frame, data.rows, run.final.labels, run.final.centroids.shape[0], column)


def comparable_columns(frame: pd.DataFrame, roles, clustered: tuple[str, ...]) -> list[str]:
    """Columns to compare with: labels first, then text and numbers with 2 to 50 values.

    ``roles`` are the frame's :func:`kmeans.data.column_roles`."""
    roles = [r for r in roles if r.kind in COMPARABLE_KINDS]
    fits = [r for r in roles if r.name not in clustered and _distinct(frame, r.name) >= 2]
    order = {kind: i for i, kind in enumerate(COMPARABLE_KINDS)}
    return [r.name for r in sorted(fits, key=lambda r: order[r.kind])]


def _distinct(frame: pd.DataFrame, name: str) -> int:
    distinct = frame[name].nunique()
    return distinct if distinct <= MAX_VALUES else 0


@st.cache_resource(max_entries=8, ttl=caching.TTL_SECONDS, show_spinner=False)
def explain_figures(key: RunKey, _content: bytes) -> tuple:
    """The heat map and the silhouette plot (None where there is nothing to draw), built
    once per run: they are only ever drawn, never changed."""
    found = explanation(key, _content)
    heat = profile_figure(found.profile) if found.profile.columns else None
    bars = None if np.isnan(found.silhouette.mean) else silhouette_figure(found.silhouette)
    return heat, bars


def explore_tab(key: RunKey, content: bytes) -> None:
    """The four panels, one after the other."""
    found = explanation(key, content)
    heat, bars = explain_figures(key, content)
    profile_panel(found.profile, heat)
    compare_panel(key, content)
    unusual_panel(found.unusual)
    silhouette_panel(found.silhouette, bars)


def profile_panel(result: Profile, heat) -> None:
    """One sentence per cluster, the heat map (``heat``, from :func:`explain_figures`), the
    text shares and the numbers behind them."""
    st.markdown("#### What each cluster is like")
    st.markdown("\n".join(f"- {for_markdown(sentence)}" for sentence in result.sentences))
    if result.columns:
        st.caption(
            "Colour: how many standard deviations the cluster's mean sits above (red) or "
            "below (blue) the mean of all clustered rows; the columns that separate the "
            "clusters most come first. Hover a cell for its mean, median and IQR."
        )
        st.plotly_chart(heat, key="profile")
    for shares in result.categories:
        st.markdown(f"**{for_markdown(shares.column)}**: share of each cluster's rows")
        st.dataframe(_shares_table(shares), column_config=_percent(shares.categories))
    with st.expander("The numbers: mean, median and IQR per cluster and column"):
        st.dataframe(numbers_table(result), hide_index=True)
    for note in result.notes:
        st.caption(for_markdown(note))


def _shares_table(shares) -> pd.DataFrame:
    index = [f"cluster {j + 1}" for j in range(shares.shares.shape[0])]
    return pd.DataFrame(shares.shares, index=index, columns=list(shares.categories))


def _percent(columns) -> dict:
    return {c: st.column_config.NumberColumn(c, format="percent") for c in columns}


def numbers_table(result: Profile) -> pd.DataFrame:
    """One row per (column, cluster): mean, median, quartiles, sd from the mean."""
    k, c = result.means.shape
    return pd.DataFrame(
        {
            "column": np.repeat(result.columns, k),
            "cluster": np.tile(np.arange(1, k + 1), c),
            "mean": result.means.T.ravel(),
            "median": result.medians.T.ravel(),
            "Q1": result.q1.T.ravel(),
            "Q3": result.q3.T.ravel(),
            "sd from the mean": result.difference.T.ravel(),
        }
    )


def compare_panel(key: RunKey, content: bytes) -> None:
    """Pick a column; see the crosstab (counts and row %), the ARI and the purity."""
    st.markdown("#### Compare with a column")
    frame = caching.table(key.table, content).frame
    options = comparable_columns(frame, caching.roles(key.table, content), key.data.columns)
    if not options:
        st.caption(
            f"No column left out of the clustering has 2 to {MAX_VALUES} different values "
            "(a class, a species, a year) to compare the clusters with."
        )
        return
    column = st.selectbox("Compare the clusters with", options, key="compare_with")
    result = comparison(key, content, column)
    counts = pd.DataFrame(
        result.counts,
        index=[f"cluster {j + 1}" for j in range(result.counts.shape[0])],
        columns=list(result.values),
    )
    left, right = st.columns(2)
    left.markdown("**Rows** (counts)")
    left.dataframe(counts)
    right.markdown("**Share of each cluster** (row %)")
    right.dataframe(
        pd.DataFrame(result.row_shares, index=counts.index, columns=counts.columns),
        column_config=_percent(result.values),
    )
    a, b = st.columns(2)
    a.metric("Adjusted Rand index", f"{result.ari:.2f}")
    b.metric("Purity", f"{result.purity:.0%}")
    st.info(for_markdown(result.explanation))


def unusual_panel(unusual: pd.DataFrame) -> None:
    """The rows farthest from their centroid: 20 unless the visitor asks for more or fewer."""
    st.markdown("#### Unusual rows")
    shown = st.number_input(
        "Rows to show", 1, len(unusual), min(20, len(unusual)), key="unusual_rows"
    )
    st.caption(
        f"The {shown} rows farthest from the centroid of their own cluster, measured "
        "where k-means measures (the clustered columns, after scaling). Row 1 is the first "
        "row of data under the header."
    )
    st.dataframe(
        unusual.head(shown),
        hide_index=True,
        column_config={
            "distance_to_centroid": st.column_config.NumberColumn(
                "distance_to_centroid", format="%.3g"
            )
        },
    )


def silhouette_panel(sample: SilhouetteSample, bars) -> None:
    """The silhouette of every sampled row, cluster by cluster (``bars``, from
    :func:`explain_figures`), and each cluster's mean."""
    st.markdown("#### Silhouette of each row")
    n = len(sample.values)
    st.caption(
        f"One bar per row ({n:,} rows{', a fixed sample' if n == SAMPLE_SIZE else ''}): "
        "near 1, the row sits well inside its cluster; near 0, on the border; below 0, it is "
        "nearer another cluster. The dashed line is the mean."
    )
    if np.isnan(sample.mean):
        st.caption("With one cluster there is no silhouette.")
        return
    negative = int((sample.values < 0).sum())
    st.plotly_chart(bars, key="silhouette")
    st.caption(f"{negative:,} of the {n:,} rows have a negative silhouette.")


HOVER_COLUMNS = 8  # a hover label taller than this covers the chart


def hover_texts(frame: pd.DataFrame, rows: np.ndarray, first: tuple[str, ...]) -> list[str]:
    """ "row 17<br>bill_length_mm: 39.1<br>…" for each of ``rows`` (positions in ``frame``):
    the clustered columns ``first``, then the others, at most 8; safe for Plotly."""
    names = [*first, *(c for c in frame.columns if c not in first)][:HOVER_COLUMNS]
    part = frame.iloc[rows][names]
    lines = [[f"row {r + 1}" for r in rows]]
    for name in names:
        cells = part[name].astype(object).where(part[name].notna(), "(empty)").astype(str)
        label = for_plotly(name)
        escaped = {cell: f"{label}: {for_plotly(cell)}" for cell in cells.unique()}
        lines.append([escaped[cell] for cell in cells])
    return ["<br>".join(texts) for texts in zip(*lines, strict=True)]


@st.cache_data(max_entries=16, ttl=caching.TTL_SECONDS, show_spinner=False)
def point_hover(key: DataKey, _content: bytes) -> list[str]:
    """The hover text of each point the chart shows (the same sample as :mod:`ui.caching`)."""
    data = caching.prepared(key, _content)
    shown = data.rows[sampling.sample_rows(data.X.shape[0], caching.SHOWN_POINTS)]
    return hover_texts(caching.table(key.table, _content).frame, shown, data.columns)
