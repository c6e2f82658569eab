"""See k-means work: the blog's animation, live, on any data, with the elbow beside it.

Run with ``streamlit run app.py``. This file is the page's frame: the sidebar and each tab
render from their own module in ``ui/``, which call into ``kmeans/``. Settings that make a
run (data set, K, start, seed, scaling) live in the URL, so a link reproduces it.
"""

from __future__ import annotations

import streamlit as st


def _opens_presenting() -> bool:
    """Whether the link asks for presentation mode, which opens with the sidebar folded."""
    try:
        return st.query_params.get("present") == "1"
    except Exception:  # a query string Streamlit cannot parse: the page's defaults
        return False


st.set_page_config(
    page_title="See k-means work",
    page_icon="🎯",
    layout="wide",
    initial_sidebar_state="collapsed" if _opens_presenting() else "auto",
)

from kmeans.figures import SIZES  # noqa: E402
from kmeans.markup import for_markdown  # noqa: E402
from ui import caching  # noqa: E402
from ui.advice import advice_box  # noqa: E402
from ui.choose_k import choose_k_tab  # noqa: E402
from ui.explore import explanation, explore_tab  # noqa: E402
from ui.picture import is_picture, picture_page  # noqa: E402
from ui.preload import plotly_script  # noqa: E402
from ui.results import results_tab  # noqa: E402
from ui.run_key import DataKey, RunKey  # noqa: E402
from ui.sidebar import column_choice, sidebar, source  # noqa: E402
from ui.url import settings_from_url  # noqa: E402
from ui.watch import animation, shown_key, watch_fragment  # noqa: E402

# Streamlit leaves 6rem above the first element; the tabs need far less, and in a classroom
# every pixel goes to the chart so its slider stays above the fold.
#
# Streamlit's spinner ring turns 60 times a second for as long as a step takes; with thirty
# visitors waiting at once on one machine (browsers drawing in software), each turning ring
# cost about 0.1 CPU s per second (benchmarks/profile_visitor.py, README), more than the page's
# own drawing. The ring stays, still; its sentence says what is running. The status widget's
# running figure changes 5 times a second while the script runs (0.02 CPU s per second in a
# waiting tab, half of it its layouts and paints): a still word stands in for it, and its
# "Stop" stays.
PAGE_CSS = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 3rem; padding-bottom: 2rem; }
[data-testid="stSpinnerIcon"] { animation: none; }
[data-testid="stStatusWidgetRunningIcon"] { width: auto; }
[data-testid="stStatusWidgetRunningIcon"] > * { display: none; }
[data-testid="stStatusWidgetRunningIcon"]::before { content: "Running…"; font-size: 0.875rem; }
</style>"""
TABS = (
    ":material/play_circle: Watch k-means",
    ":material/insights: Choose K",
    ":material/table_chart: Results",
    ":material/travel_explore: Explain the clusters",
)
# The animation for slides (Results' download): at the figure's own size and type.
HTML = {"height": SIZES.animation_height, "sizes": SIZES, "frame_name": True}


def main() -> None:
    """The sidebar, then the tabs; any bad input ends as one sentence on the page."""
    settings_from_url()
    settings = sidebar()
    st.html(PAGE_CSS)
    for note in st.session_state.pop("url_notes", ()):
        st.info(for_markdown(note))
    try:
        chosen = source(settings)
        if chosen is None:
            st.info(
                "Upload a CSV file or a photo in the sidebar to see its clusters "
                "(or pick a sample)."
            )
            plotly_script()  # loaded while the visitor picks a file
            return
        table_key, content = chosen
        if is_picture(settings["data"], content):  # by its content, whatever its name
            picture_page(settings, table_key, content, TABS[:3])  # no Explain tab
            return
        choice = column_choice(table_key, content, settings)
        data = DataKey(
            table_key, choice["columns"], choice["missing"], settings["scaling"], choice["log"]
        )
        key = RunKey(
            data,
            view=choice["view"],
            k=settings["k"],
            init=settings["init"],
            seed=settings["seed"],
            max_iter=settings["max_iter"],
        )
        _page(key, content)
    except ValueError as error:  # DataError and the engine's checks: a sentence to act on
        st.error(for_markdown(str(error)))
    except MemoryError:
        st.error("This table is too large for the server's memory; upload fewer rows.")


def _page(key: RunKey, content: bytes) -> None:
    """The four tabs of one run (or the start picker while the user's start is unfinished)."""
    if not key.data.columns:
        st.error("No column is chosen for clustering: pick at least one in the sidebar.")
        return
    # Only the open tab's content is built and sent (switching tabs reruns the page): a
    # class uploading at once pays for the animation alone, not three hidden tabs' charts.
    watch, choose, results, explain = st.tabs(list(TABS), key="tab", on_change="rerun")
    keep_hidden_widgets()
    shown = shown_key(key, content)  # None while an own start is unfinished
    # A closed tab is not built, so a click that changes the run leaves nothing stale there.
    follow = any(tab.open is not False for tab in (choose, results, explain))
    with watch:
        advice_box(key, content)
        if shown is not None:  # here, so a run that fails is the page's one sentence
            caching.run(shown, content)
        watch_fragment(key, content, page_key=shown, follow=follow)
    if shown is None:
        if choose.open:
            with choose:
                choose_k_tab(key, content)
        return
    run, _points, _proj = caching.run(shown, content)
    prepared = caching.prepared(shown.data, content)
    table = caching.table(shown.table, content)
    if choose.open:
        with choose:
            choose_k_tab(shown, content)
    if results.open:
        with results:
            results_tab(run, prepared, table, _slides(shown, content), explanation(shown, content))
    if explain.open:
        with explain:
            explore_tab(shown, content)


def _slides(key: RunKey, content: bytes):
    """What builds the animation for slides, when Results' download asks for it."""
    return lambda: animation(key, content, **HTML)


# Keys of widgets in tabs that are not built while closed (no docstring: in the page script,
# Streamlit's magic would show a bare string on the page).
HIDDEN_WIDGETS = ("compare_with", "unusual_rows", "download_extras")


def keep_hidden_widgets() -> None:
    """Keep what the visitor chose in a closed tab: Streamlit forgets a widget's value when a
    run does not draw it, unless the value is set again (its documented way to keep it)."""
    for name in HIDDEN_WIDGETS:
        if name in st.session_state:
            st.session_state[name] = st.session_state[name]


main()
