"""ui/outcome.py: the run's outcome, written the same way on the table and the picture page."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest


def _outcome_page(converged: bool, with_notes: bool) -> None:
    import numpy as np
    import streamlit as st

    from kmeans.engine import Step
    from ui.outcome import run_outcome

    final = Step(
        iteration=7,
        centroids=np.zeros((2, 2)),
        labels=np.zeros(3, np.int8),
        inertia=12.5,
        n_changed=0,
        converged=converged,
        previous_centroids=np.zeros((2, 2)),
        relocated=(),
        center_shift=0.0,
        stop_reason="unchanged" if converged else "max_iter",
    )
    notes = (lambda: st.caption("a note of this page")) if with_notes else None
    run_outcome(st.container(), final, "1. **Pick K centroids**", notes=notes)


def _run(converged: bool, with_notes: bool = False) -> AppTest:
    at = AppTest.from_function(_outcome_page, args=(converged, with_notes)).run()
    assert not at.exception, at.exception
    return at


def test_headline_and_the_four_steps_in_their_expander():
    at = _run(converged=True)
    assert at.markdown[0].value == "**7 iterations · final inertia 12.5**"
    (steps,) = at.expander
    assert steps.label == "The four steps, in words"
    assert [m.value for m in steps.markdown] == ["1. **Pick K centroids**"]
    assert not at.warning


def test_a_run_stopped_by_most_iterations_says_so():
    (warning,) = _run(converged=False).warning
    assert warning.value == (
        "Stopped after 7 iterations before converging: raise “Most iterations” to let it finish."
    )


@pytest.mark.parametrize("with_notes", [False, True])
def test_notes_come_between_the_headline_and_the_steps(with_notes):
    at = _run(converged=True, with_notes=with_notes)
    assert [c.value for c in at.caption] == (["a note of this page"] if with_notes else [])
    # The note is in the main area before the expander, not inside it.
    assert not at.expander[0].caption
