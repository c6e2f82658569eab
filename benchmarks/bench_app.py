"""How fast the page gets to a playable animation, and how big the figure is.

Run from the project root: ``python benchmarks/bench_app.py [--browser]``.

For 3e3, 1e5 and 1e6 rows (two columns, five blobs) it prints:
- ``page``: the page script run by Streamlit's AppTest after the CSV is uploaded (read, clean,
  cluster every row, build the figure), from a cold cache: the server side of "upload ->
  playable animation";
- ``rerun``: the same page again with the cache warm (what scrubbing or switching tabs costs,
  though those never rerun the script);
- ``payload``: the JSON the browser receives for the animation figure.

With ``--browser`` it also starts ``streamlit run app.py`` and, in headless Chromium, times
the default page from the first request to the animation's slider being on screen, and each
upload from choosing the file to its animation being playable.
Targets on a 2-core machine: playable <= 5 s for the default page and for 1e5 x 2; payload
<= 5 MB for 1e5 rows.

With ``--class`` it times what a teacher clicks instead (3e3 and 1e5 rows):
- "Try 20 starts": the server side (AppTest, cold cache: 20 random and 20 k-means++ runs on
  every row, the endings and the strip) and, in Chromium, from the click to the endings and
  the strip drawn; targets 3 s on 3000 points, 10 s on 1e5 rows;
- placing your own start on the blog's 3000 points: from each click on the chart to the chart
  redrawn with the new centroid (the picker, then the animation), each click on an idle page;
  target 1 s;
- the default page's first drawing: from the first request to the chart on screen, and how
  many times the chart is drawn in the 8 s after (1: nothing redraws it, so a Play pressed at
  once is not lost).
With ``--clicks N`` it times only the own-start clicks, N runs on one server, each click with
the server's CPU seconds for it (so a loaded machine's share can be told apart).
Each line is printed with the machine's load average (``/proc/loadavg``) when it was taken.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.io as pio

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kmeans import figures, projection, sampling  # noqa: E402
from kmeans.data import prepare, read_table  # noqa: E402
from kmeans.engine import kmeans_steps  # noqa: E402


def blobs_csv(n_rows: int, seed: int = 0) -> bytes:
    rng = np.random.default_rng(seed)
    centres = rng.uniform(-20, 20, size=(5, 2))
    X = centres[rng.integers(5, size=n_rows)] + rng.normal(scale=2.5, size=(n_rows, 2))
    buffer = io.StringIO()
    pd.DataFrame(X, columns=["x", "y"]).to_csv(buffer, index=False, float_format="%.5f")
    return buffer.getvalue().encode()


def payload_bytes(content: bytes, k: int = 5) -> tuple[int, int]:
    """Size of the animation figure's JSON and its number of frames, as the page builds it."""
    table = read_table(content, "bench.csv")
    prepared = prepare(table.frame, ["x", "y"])
    proj = projection.column_projection(prepared.columns)
    rows = sampling.sample_rows(prepared.X.shape[0], 3000)
    run = projection.view_run(
        kmeans_steps(prepared.X, k, init="random", seed=0, max_iter=100), rows, proj
    )
    fig = figures.animation_figure(run.steps, proj.apply(prepared.X[rows]))
    return len(pio.to_json(fig, validate=False)), len(fig.frames)


def _uploaded_page(content: bytes):
    """AppTest of the page with ``content`` chosen in the uploader (not run yet)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.query_params.update({"data": "upload", "k": "5", "init": "random", "seed": "0"})
    at.run()
    at.file_uploader(key="upload").upload("bench.csv", content, "text/csv")
    return at


def starts_seconds(content: bytes) -> float:
    """Server side of a click on "Try 20 starts", from a cold cache to the finished page."""
    from ui.restarts import many_starts

    at = _uploaded_page(content)
    at.run()
    many_starts.clear()  # cold: every start runs again
    start = time.perf_counter()
    at.button(key="try_starts").click().run()
    seconds = time.perf_counter() - start
    assert not at.exception and not at.error, (at.exception, [e.value for e in at.error])
    assert any("different ending(s)" in m.value for m in at.markdown)
    return seconds


def page_seconds(content: bytes) -> tuple[float, float]:
    at = _uploaded_page(content)
    start = time.perf_counter()
    at.run()
    cold = time.perf_counter() - start
    assert not at.exception and not at.error, (at.exception, [e.value for e in at.error])
    start = time.perf_counter()
    at.run()
    return cold, time.perf_counter() - start


def browser_seconds(sizes) -> tuple[float, dict[int, float]]:
    """Seconds to a playable animation in headless Chromium, on a freshly started server.

    Returns the default page's time from the first request, and for each size the time from
    choosing the CSV in the file uploader (upload included) to the slider being on screen.
    """
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "docs"))
    from screenshot import CLASSROOM, launch_chromium, serve_app, wait_for_animation

    with serve_app() as server, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport=CLASSROOM)
        start = time.perf_counter()
        page.goto(server.url)
        wait_for_animation(page)
        default = time.perf_counter() - start
        uploads = {}
        for size in sizes:
            page = browser.new_page(viewport=CLASSROOM)
            page.goto(f"{server.url}?data=upload&k=5&init=random&seed=0")
            page.wait_for_selector("input[type=file]", state="attached", timeout=60_000)
            csv = {"name": f"bench-{size}.csv", "mimeType": "text/csv", "buffer": blobs_csv(size)}
            start = time.perf_counter()
            page.set_input_files("input[type=file]", files=[csv])
            wait_for_animation(page, timeout=120)
            uploads[size] = time.perf_counter() - start
            page.close()
        browser.close()
    return default, uploads


ENDINGS_DRAWN = """() => [".st-key-endings", ".st-key-strip"].every((key) => {
    const graph = document.querySelector(key + " .js-plotly-plot");
    return !!graph && !!graph._fullData && graph._fullData.length > 0;
})"""
STARTS_DRAWN = """([selector, before]) => {
    const graph = document.querySelector(selector);
    const named = (t) => t.name === "your start" || t.name === "centroids";
    const trace = graph && graph._fullData && graph._fullData.find(named);
    return !!trace && JSON.stringify(Array.from(trace.x)) !== before
        && !!graph.querySelector(".main-svg");
}"""


CHART = ".st-key-animation .js-plotly-plot"


def load() -> str:
    """The machine's 1-, 5- and 15-minute load averages, to print beside a timing."""
    return "load " + " ".join(Path("/proc/loadavg").read_text().split()[:3])


def class_seconds(sizes) -> tuple[dict[int, float], list[float], tuple[float, int]]:
    """In Chromium: each size's "Try 20 starts" from the click to the endings and the strip
    drawn, each click of an own start on the blog's data to the chart redrawn, and the
    default page's first drawing (seconds, and how many drawings follow in 8 s)."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "docs"))
    from screenshot import CLASSROOM, launch_chromium, serve_app

    with serve_app() as server, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        first = _first_drawing(browser.new_page(viewport=CLASSROOM), server.url)
        print(f"(first drawing measured, {load()})")
        starts = {}
        for size in sizes:
            page = browser.new_page(viewport=CLASSROOM)
            starts[size] = _try_starts(page, server.url, size)
            print(f"(Try 20 starts on {size:,} rows measured, {load()})")
            page.close()
        clicks = _own_start_clicks(browser.new_page(viewport=CLASSROOM), server.url)
        print(f"(own start measured, {load()})")
        browser.close()
    return starts, clicks, first


# Counts the Watch chart's drawings: Streamlit draws a new graph element for each new figure.
COUNT_DRAWINGS = """(selector) => {
    window.__drawings = 0;
    setInterval(() => {
        const graph = document.querySelector(selector);
        if (graph && graph._fullLayout && !graph.__counted) {
            graph.__counted = true;
            window.__drawings += 1;
        }
    }, 10);
}"""


def _first_drawing(page, url: str) -> tuple[float, int]:
    """The default page from the first request to its chart on screen, and the number of
    times the chart is drawn until 8 s after that."""
    page.add_init_script(
        f"window.addEventListener('DOMContentLoaded', () => ({COUNT_DRAWINGS})({CHART!r}))"
    )
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(CHART + " .slider-container", timeout=120_000)
    seconds = time.perf_counter() - start
    page.wait_for_timeout(8000)
    drawings = page.evaluate("window.__drawings")
    page.close()
    return seconds, drawings


def _try_starts(page, url: str, size: int) -> float:
    from screenshot import wait_for_animation

    page.goto(f"{url}?data=upload&k=5&init=random&seed=0")
    page.wait_for_selector("input[type=file]", state="attached", timeout=60_000)
    csv = {"name": f"bench-{size}.csv", "mimeType": "text/csv", "buffer": blobs_csv(size)}
    page.set_input_files("input[type=file]", files=[csv])
    wait_for_animation(page, timeout=120)
    start = time.perf_counter()
    page.get_by_role("button", name="Try 20 starts").click()
    page.wait_for_function(ENDINGS_DRAWN, timeout=120_000, polling=20)
    return time.perf_counter() - start


def server_cpu(process) -> float:
    """CPU seconds (user and system) the server process has used so far."""
    fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def own_start_seconds(runs: int) -> None:
    """Only the own-start clicks, ``runs`` times on one fresh server, each click printed with
    the server's CPU seconds for it and the load."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "docs"))
    from screenshot import CLASSROOM, launch_chromium, serve_app

    with serve_app() as server, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for run in range(runs):
            page = browser.new_page(viewport=CLASSROOM)
            clicks = _own_start_clicks(page, server.url, server.process)
            times = ", ".join(f"{seconds:.2f} s (cpu {cpu:.2f})" for seconds, cpu in clicks)
            print(f"own start run {run + 1}, click to redrawn chart: {times}; {load()}")
            page.close()
        browser.close()


def _own_start_clicks(page, url: str, process=None) -> list:
    """Five clicks on the blog's data (K = 3): three place, two move the oldest centroid.

    Each click is timed to the chart redrawn with the new centroid; with ``process`` (the
    server's), each is a pair ``(seconds, server CPU seconds until the page is idle)``."""
    from screenshot import wait_until_idle

    page.goto(f"{url}?data=blog&init=own")
    page.wait_for_selector(CHART + " .nsewdrag", timeout=60_000)
    page.wait_for_timeout(2000)  # the first redraw at the window's height
    clicks = []
    for fx, fy in [(0.2, 0.3), (0.7, 0.2), (0.5, 0.8), (0.3, 0.6), (0.6, 0.5)]:
        box = page.locator(CHART + " .nsewdrag").first.bounding_box()
        before = page.evaluate(
            "(s) => JSON.stringify(Array.from(document.querySelector(s)._fullData.find("
            "(t) => t.name === 'your start' || t.name === 'centroids').x))",
            CHART,
        )
        cpu = server_cpu(process) if process else 0.0
        start = time.perf_counter()
        page.mouse.click(box["x"] + fx * box["width"], box["y"] + fy * box["height"])
        page.wait_for_function(STARTS_DRAWN, arg=[CHART, before], timeout=30_000, polling=20)
        seconds = time.perf_counter() - start
        wait_until_idle(page)  # a teacher clicks, then talks: each click on an idle page
        page.wait_for_timeout(1000)
        clicks.append((seconds, server_cpu(process) - cpu) if process else seconds)
    return clicks


def print_class(sizes) -> None:
    """The ``--class`` report."""
    for size in sizes:
        best = min(starts_seconds(blobs_csv(size)) for _ in range(3))
        print(f"Try 20 starts, server, {size:>7,} rows: {best:.2f} s (best of 3), {load()}")
    starts, clicks, (first, drawings) = class_seconds(sizes)
    print(f"default page, first request to chart drawn: {first:.2f} s, drawn {drawings} time(s)")
    for size, seconds in starts.items():
        print(f"Try 20 starts, browser, click to endings drawn, {size:>7,} rows: {seconds:.2f} s")
    times = ", ".join(f"{seconds:.2f} s" for seconds in clicks)
    print(f"own start, 3000 points, click to redrawn chart: {times}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--browser", action="store_true", help="also time the default page")
    parser.add_argument("--sizes", type=float, nargs="*", default=[3e3, 1e5, 1e6])
    parser.add_argument(
        "--class", dest="teach", action="store_true", help="time Try 20 starts and own starts"
    )
    parser.add_argument(
        "--clicks", type=int, default=0, help="only time the own-start clicks, this many runs"
    )
    args = parser.parse_args()
    if args.clicks:
        own_start_seconds(args.clicks)
        return
    if args.teach:
        print_class([3_000, 100_000])
        return
    print(
        f"{'rows':>9} {'csv MB':>7} {'page s':>7} {'rerun s':>8} {'payload MB':>11} {'frames':>7}"
    )
    for size in args.sizes:
        content = blobs_csv(int(size))
        cold, warm = page_seconds(content)
        payload, frames = payload_bytes(content)
        print(
            f"{int(size):>9,} {len(content) / 1e6:>7.1f} {cold:>7.2f} {warm:>8.2f} "
            f"{payload / 1e6:>11.2f} {frames:>7}"
        )
    if args.browser:
        default, uploads = browser_seconds([int(size) for size in args.sizes])
        print(f"browser: default page, first request to playable animation: {default:.2f} s")
        for size, seconds in uploads.items():
            print(f"browser: upload of {size:,} rows to playable animation: {seconds:.2f} s")


if __name__ == "__main__":
    main()
