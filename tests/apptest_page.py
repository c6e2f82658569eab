"""Helpers for the AppTest files (tests/test_app.py, tests/test_ui_*.py): small data only."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app.py")
SMALL_CSV = b"height,weight,name\n1.0,2.0,a\n1.1,2.1,b\n8.0,9.0,c\n8.2,9.1,d\n,5.0,e\n4.0,4.5,f\n"
# Every kind of column: a row number, a measure, a constant, text and dates; a gap in row 12.
ROLES_CSV = b"id,x,y,unit,name,day\n" + b"".join(
    f"{i},{i % 3 + 0.1 * i},{'' if i == 12 else (i * 7) % 5},1,p{i % 4},2024-01-{i:02d}\n".encode()
    for i in range(1, 21)
)


def run_page(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({k: str(v) for k, v in query.items()})
    return at.run()


def open_tab(at: AppTest, name: str) -> AppTest:
    """Open the page's tab whose label ends with ``name`` (e.g. "Results") and run the page
    again, as a click on it does: a closed tab's content is not built."""
    at.session_state["tab"] = next(t.label for t in at.tabs if t.label.endswith(name))
    return at.run()


def charts(at: AppTest) -> list:
    return at.get("plotly_chart")


def chart_keys(at: AppTest) -> list[str]:
    """The keys of the page's charts, in page order (e.g. "animation", "elbow")."""
    return [chart.key for chart in charts(at)]


def assert_fine(at: AppTest) -> None:
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
