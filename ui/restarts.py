"""Local minima in one click: "Try 20 starts" on the Watch tab, and the history of restarts.

The starts use the seeds ``seed, seed + 1, ...`` exactly as the main chart uses its seed, so
"Play" under an ending sets the sidebar's seed and start and the main chart plays that run.
"""

from __future__ import annotations

import dataclasses

import streamlit as st

from kmeans import sampling
from kmeans.figures import format_number
from kmeans.figures.restarts import MAX_PANELS, endings_figure, inertia_strip_figure
from kmeans.restarts import compare_starts
from ui import caching
from ui.run_key import DataKey, RunKey

DEFAULT_STARTS = 20
HISTORY_LENGTH = 50  # runs remembered per data set and K, for "best so far"


@dataclasses.dataclass(frozen=True)
class StartsKey:
    """Many starts: the data, K, the first seed, how many starts and the most iterations."""

    data: DataKey
    k: int
    first_seed: int
    n_starts: int
    max_iter: int


@st.cache_data(max_entries=8, show_spinner=False)
def many_starts(key: StartsKey, _content: bytes) -> dict:
    """Random and k-means++ from the same seeds, side by side (see ``compare_starts``)."""
    X = caching.prepared(key.data, _content).X
    return compare_starts(
        X, key.k, n_starts=key.n_starts, first_seed=key.first_seed, max_iter=key.max_iter
    )


def play(init: str, seed: int) -> None:
    """Button callback: the main chart plays the run from ``seed`` with ``init``.

    The whole page reruns (not only the Watch tab's fragment): the sidebar, the link and
    the other tabs show the new run too.
    """
    st.session_state["init"] = init
    st.session_state["seed"] = seed
    st.rerun()


def starts_panel(key: RunKey, content: bytes) -> None:
    """The "Try N starts" button and, once pressed, the endings of both ways of starting."""
    left, right = st.columns([1, 3], vertical_alignment="bottom")
    n_starts = left.number_input("Starts", 2, 200, DEFAULT_STARTS, key="n_starts")
    if right.button(f":material/replay: Try {n_starts} starts", key="try_starts"):
        st.session_state["starts_for"] = StartsKey(
            key.data, key.k, key.seed, int(n_starts), key.max_iter
        )
    starts = st.session_state.get("starts_for")
    # Still shown after "Play" changed the seed: only other data, K or limit hide it.
    if starts is None or (starts.data, starts.k, starts.max_iter) != (
        key.data,
        key.k,
        key.max_iter,
    ):
        return
    with st.spinner(f"Running k-means {2 * starts.n_starts} times…"):
        results = many_starts(starts, content)
    points, proj = caching.shown_points(key.data, content, key.view)
    n_rows = caching.prepared(key.data, content).X.shape[0]
    rows = sampling.sample_rows(n_rows, caching.SHOWN_POINTS)
    init = key.init if key.init in results else "random"
    _endings(results[init], init, points, proj, rows)
    st.plotly_chart(inertia_strip_figure(results), key="strip", config={"displayModeBar": False})


def _endings(restarts, init: str, points, proj, rows) -> None:
    """The small multiples, a sentence on how many endings, and a Play button per ending."""
    n = len(restarts.seeds)
    shown = restarts.endings[:MAX_PANELS]
    st.markdown(
        f"**{n} starts with {init}: {len(restarts.endings)} different ending(s).** "
        f"{restarts.share_stuck():.0%} of the starts ended more than 1 % above the best."
    )
    views = [(e.labels[rows], proj.apply(e.centroids)) for e in shown]
    fig = endings_figure(restarts, views, points)
    st.plotly_chart(fig, key="endings", config={"displayModeBar": False})
    for column, (i, ending) in zip(st.columns(len(shown)), enumerate(shown), strict=True):
        column.button(
            f"▶ Play #{i + 1}",
            help=f"Play this ending's run on the main chart: {init} from seed {ending.seeds[0]}.",
            key=f"play-ending-{i}",
            on_click=play,
            args=(init, ending.seeds[0]),
            width="stretch",
        )


def restart_history(key: RunKey, inertia: float) -> str | None:
    """Remember this run's final inertia; say "best so far … · this run …" after a restart."""
    if not isinstance(key.init, str):
        return None
    history = st.session_state.setdefault("history", {})
    runs = history.setdefault((key.data, key.k, key.max_iter), {})
    runs[(key.init, key.seed)] = inertia
    while len(runs) > HISTORY_LENGTH:
        runs.pop(next(iter(runs)))
    if len(runs) < 2:
        return None
    best = min(runs.values())
    return (
        f"best so far {format_number(best)} · this run {format_number(inertia)} "
        f"({len(runs)} starts tried)"
    )
