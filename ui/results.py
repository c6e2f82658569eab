"""The "Results" tab: the run's figures, empty clusters, the cluster table and downloads."""

from __future__ import annotations

import numpy as np
import streamlit as st

from kmeans import figures, profiles
from kmeans.data import labelled_csv, table_csv, to_original_units
from kmeans.data.reading import unique_names
from kmeans.markup import for_markdown

# Streamlit sends a styled table cell by cell: 3 rows x 5,000 columns took 5.5 s to send
# styled against 0.26 s plain (idle), 85 s at load 8. Wider tables go without colours.
STYLED_COLUMNS = 100


def results_tab(run, prepared, table, fig_builder, found=None) -> None:
    """What the run found, in the original units, with the three downloads.

    ``found`` is the Explain tab's :class:`ui.explore.Explanation` (each cluster's mean
    silhouette, every row's distance to its centroid), or None."""
    final = run.final
    a, b, c, d = st.columns(4)
    a.metric("Rows clustered", f"{prepared.X.shape[0]:,}")
    b.metric("Iterations", final.iteration)
    c.metric("Final inertia", figures.format_number(final.inertia))
    d.metric("Converged", "yes" if final.converged else "no (iteration limit)")
    for note in prepared.notes:
        st.caption(for_markdown(note))
    relocations(run.steps)
    centroids = to_original_units(final.centroids, prepared)
    summary = profiles.cluster_table(final.labels, centroids, prepared.columns)
    features = tuple(summary.columns[3:])  # made unique by cluster_table
    silhouette = None
    if found is not None:  # a column of the file may be called "mean silhouette" too
        silhouette = unique_names([*summary.columns, "mean silhouette"])[-1]
        summary.insert(3, silhouette, found.silhouette.cluster_means)
    cluster_table(summary, features, silhouette)
    downloads(summary, table, prepared, final.labels, fig_builder, found)


def relocations(steps) -> None:
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


def cluster_table(summary, columns, silhouette: str | None = None) -> None:
    """One row per cluster, coloured as on the chart."""
    st.markdown("**Clusters** (centroids in the original units of the columns)")
    if summary.shape[1] > STYLED_COLUMNS:
        st.caption(
            f"The cluster numbers are not coloured as on the chart: with "
            f"{summary.shape[1]:,} columns the colours would take seconds to draw."
        )
    st.dataframe(
        coloured(summary),
        hide_index=True,
        column_config={
            "share": st.column_config.NumberColumn("share", format="percent"),
            **{c: st.column_config.NumberColumn(c, format="%.4g") for c in columns},
            **({silhouette: st.column_config.NumberColumn(format="%.2f")} if silhouette else {}),
        },
    )


def coloured(summary):
    """The cluster table with each cluster number on its colour from the chart, or the
    table itself when it has more than :data:`STYLED_COLUMNS` columns."""
    if summary.shape[1] > STYLED_COLUMNS:
        return summary
    colours = figures.cluster_colours(len(summary))
    return summary.style.apply(
        lambda _: [f"background-color: {c}; color: white" for c in colours], subset=["cluster"]
    )


def extra_columns(found, n_rows: int) -> dict:
    """``distance_to_centroid`` for every clustered row, ``silhouette`` for the sampled ones."""
    silhouette = np.full(n_rows, np.nan)
    silhouette[found.silhouette.rows] = found.silhouette.values
    return {"distance_to_centroid": found.distances, "silhouette": silhouette}


def downloads(summary, table, prepared, labels, fig_builder, found=None) -> None:
    """The three downloads, each built only when its button is pressed."""
    extra = None
    if found is not None and st.checkbox(
        "Add distance_to_centroid and silhouette columns to the table", key="download_extras"
    ):
        extra = extra_columns(found, len(labels))
        if len(found.silhouette.rows) < len(labels):
            st.caption(
                f"The silhouette compares every pair of rows, so it is given for the "
                f"{len(found.silhouette.rows):,} sampled rows only; the others are empty."
            )
    left, middle, right = st.columns(3)
    left.download_button(
        "⬇ Table with a cluster column (CSV)",
        # The same numbers as the chart and the table above: 1 to K.
        data=lambda: labelled_csv(
            table, prepared.rows, profiles.cluster_numbers(labels), extra=extra
        ),
        file_name="clustered.csv",
        mime="text/csv",
        on_click="ignore",
    )
    middle.download_button(
        "⬇ Centroids (CSV)",
        data=table_csv(summary),
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
