"""ui/advice.py through the page: scaling and log advice next to the chart, one click away."""

from __future__ import annotations

from tests.apptest_page import assert_fine, run_page

# Halves, so neither column is whole numbers with few values (those look like labels).
WIDE = b"a,b\n" + b"".join(f"{i % 5 + 0.5},{i * 1000 % 7000 + 0.5}\n".encode() for i in range(30))
# Bacteria counts from 0.001 to 870: a few rows far above the rest.
SKEWED = b"cfu,t\n" + b"".join(
    f"{870.0 if i % 10 == 0 else 0.001 * (1 + i % 7)},{i + 0.5}\n".encode() for i in range(40)
)


def test_scaling_advice_sits_by_the_chart_and_standardises_in_one_click():
    at = run_page(data="upload", k=2)
    at.file_uploader(key="upload").upload("wide.csv", WIDE, "text/csv").run()
    watch = at.tabs[0]
    assert any("different scales" in i.value for i in watch.info)
    assert not any("different scales" in i.value for i in at.sidebar.info)
    next(b for b in watch.button if b.label == "Standardise").click().run()
    assert_fine(at)
    assert at.selectbox(key="scaling").value == "standardize"
    assert not any("different scales" in i.value for i in at.tabs[0].info)


def test_a_very_skewed_column_is_advised_the_log_and_gets_it_in_one_click():
    at = run_page(data="upload", k=2)
    at.file_uploader(key="upload").upload("cfu.csv", SKEWED, "text/csv").run()
    watch = at.tabs[0]
    assert any("is very skewed" in i.value for i in watch.info)  # the name is escaped
    next(b for b in watch.button if b.label == "Take the log").click().run()
    assert_fine(at)
    (log,) = [m for m in at.multiselect if m.label == "Take the logarithm of"]
    assert log.value == ["cfu"]
    assert not any("very skewed" in i.value for i in at.tabs[0].info)
