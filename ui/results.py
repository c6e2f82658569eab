"""The "Results" tab: the run's figures, empty clusters, the cluster table and downloads."""

from __future__ import annotations

import streamlit as st

from kmeans import figures, profiles
from kmeans.data import labelled_csv, table_csv, to_original_units
from kmeans.markup import for_markdown


def results_tab(run, prepared, table, fig_builder) -> None:
    """What the run found, in the original units, with the three downloads."""
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
    cluster_table(summary, tuple(summary.columns[3:]))
    downloads(summary, table, prepared, final.labels, fig_builder)


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


def cluster_table(summary, columns) -> None:
    """One row per cluster, coloured as on the chart."""
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


def downloads(summary, table, prepared, labels, fig_builder) -> None:
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
