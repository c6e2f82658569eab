"""How a run ended, beside its animation: the iterations and final inertia, the four steps in
words, and a warning when it stopped before converging. The table's Watch tab and the picture
page write it the same way, in the same words."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import streamlit as st

from kmeans import figures

if TYPE_CHECKING:
    from kmeans.engine import Step

STEPS_LABEL = "The four steps, in words"


def headline(final: Step) -> str:
    """The bold line under the step controls: how many iterations, and the final inertia."""
    return (
        f"**{final.iteration} iterations · final inertia {figures.format_number(final.inertia)}**"
    )


def stopped(final: Step) -> str:
    """The warning for a run that reached "Most iterations" before it converged."""
    return (
        f"Stopped after {final.iteration} iterations before converging: "
        "raise “Most iterations” to let it finish."
    )


def run_outcome(
    container, final: Step, steps_text: str, *, notes: Callable[[], None] | None = None
) -> None:
    """Write the run's outcome into ``container`` (a column beside the chart).

    Parameters
    ----------
    container : streamlit container
        Where to write, e.g. the column of the step controls.
    final : Step
        The run's last step.
    steps_text : str
        The four steps in the words of this page (Markdown), inside an expander.
    notes : callable, optional
        Writes what only one page has (e.g. the restart history) between the headline and the
        four steps.
    """
    container.markdown(headline(final))
    if notes is not None:
        notes()
    with container.expander(STEPS_LABEL):
        st.markdown(steps_text)
    if not final.converged:
        container.warning(stopped(final))
