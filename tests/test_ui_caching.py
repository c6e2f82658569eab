"""ui/caching.py on its own: an upload's run is the best of several starts, never worse than
the Choose K curve for the same K."""

from __future__ import annotations

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from kmeans.model import KMeans
from tests.test_ui_explore import PENGUINISH
from ui import caching
from ui.options import BEST, N_STARTS, PCA
from ui.run_key import DataKey, RunKey, TableKey

DATA = DataKey(
    TableKey("penguinish", "penguins.csv"),
    ("bill_length_mm", "body_mass_g"),
    "drop",
    "standardize",
)


def measure(k: int, seed: int) -> dict:
    """The best run's inertia and note, Choose K's inertia at ``k``, one k-means++ start's."""
    key = RunKey(DATA, view=(PCA, "", ""), k=k, init=BEST, seed=seed, max_iter=100)
    shown = caching.compute_run(key, PENGUINISH)[0]
    curve = caching.elbow_result(key.elbow_key(), PENGUINISH)
    X = caching.prepared(DATA, PENGUINISH).X
    return {
        "best": shown.final.inertia,
        "animated": shown.steps[-1].inertia,
        "note": shown.note,
        "choose_k": curve.inertias[curve.k_values.index(k)],
        "one_start": KMeans(k, n_init=1, random_state=seed).fit(X).inertia_,
    }


def _script(k: int, seed: int) -> None:
    # Session-scoped caches need a page run: AppTest gives this function one.
    import streamlit as st

    from tests.test_ui_caching import measure

    st.session_state["measured"] = measure(k, seed)


def measured(k: int, seed: int = 0) -> dict:
    at = AppTest.from_function(_script, args=(k, seed), default_timeout=60).run()
    assert not at.exception, at.exception
    return at.session_state["measured"]


@pytest.mark.parametrize("k", [2, 3, 5])
def test_the_best_of_ten_is_never_worse_than_choose_k_for_the_same_k(k):
    found = measured(k)
    assert found["best"] <= found["choose_k"] * (1 + 1e-9)
    assert found["best"] <= found["one_start"] * (1 + 1e-9)
    assert f"best of {N_STARTS} k-means++ starts" in found["note"]
    np.testing.assert_allclose(found["animated"], found["best"])  # the Watch tab's run


def test_a_lower_choose_k_run_replaces_the_best_of_ten(monkeypatch):
    """A poor best of ten (one step from the first rows, all Adelie): Choose K's start wins."""

    class Poor(KMeans):
        def fit(self, X):
            if self.n_init == N_STARTS:  # the best of ten, not the rerun from Choose K's start
                self.init, self.n_init, self.max_iter = X[: self.n_clusters], 1, 1
            return super().fit(X)

    monkeypatch.setattr(caching, "KMeans", Poor)
    found = measured(k=3, seed=1)
    assert "ended lower than the best of 10" in found["note"]
    np.testing.assert_allclose(found["best"], found["choose_k"])
