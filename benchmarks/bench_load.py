"""A class at once: many visitors upload their own CSV at the same moment.

Run from the project root: ``python benchmarks/bench_load.py [--visitors 1 10 30]``.

It starts ``streamlit run app.py`` (the screenshot script's :func:`serve_app`), opens one
headless Chromium (:func:`launch_chromium`) and, for each class size, gives every visitor a
browser context of its own (own cookies, own session) at the upload page. When all are
ready, all choose their file at the same moment. Visitor ``i`` uploads ``rows(i)`` rows with
columns ``x{i}`` and ``y{i}``, so each one can check that it sees its own data: the chart's
x-axis says ``x{i}`` and the caption says "Showing all rows(i) points". Any error box,
exception or wrong data counts as a failure.

It prints, per class size: the slowest and median time from choosing the file to a playable
animation (slider on screen), failures, and the server process's memory (resident set size
from ``/proc``): idle before the class, peak during it, and after the visitors have left
(closed their tabs), sampled until ``--settle`` seconds have passed. And where the CPU went
during the class, in CPU seconds per visitor: the server, Chromium's renderers (one per
visitor's tab: Streamlit's page, plotly.js, drawing), its GPU process (WebGL, in software
here) and the rest of the browser.
Goal on a 2-core machine with the browsers on the same cores: 30 visitors, slowest at most
30 s, memory back within 200 MB of idle after they leave.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs"))

from screenshot import ANIMATION, CLASSROOM, launch_chromium, serve_app  # noqa: E402

UPLOAD_PAGE = "?data=upload&k=3&init=random&seed=0"
PLAYABLE = """([selector, column]) => {
    const graph = document.querySelector(selector);
    return !!graph && !!graph._fullLayout && !!graph._transitionData
        && (graph._transitionData._frames || []).length > 1
        && !!graph.querySelector(".slider-container")
        && ((graph._fullLayout.xaxis || {}).title || {}).text === column;
}"""
PRELOADED = ".st-key-plotly-preload .main-svg"
FAILURE = '[data-testid="stException"], [data-testid="stAlertContentError"]'


def rows(visitor: int) -> int:
    """Rows of visitor ``visitor``'s file: distinct for every visitor, all drawn in full."""
    return 400 + 50 * visitor


def visitor_csv(visitor: int) -> bytes:
    """Three blobs in columns ``x{visitor}``, ``y{visitor}``, ``rows(visitor)`` rows."""
    rng = np.random.default_rng(visitor)
    centres = np.array([[0.0, 0.0], [10.0, 0.0], [5.0, 9.0]])
    n = rows(visitor)
    X = centres[rng.integers(3, size=n)] + rng.normal(size=(n, 2))
    buffer = io.StringIO()
    frame = pd.DataFrame(X, columns=[f"x{visitor}", f"y{visitor}"])
    frame.to_csv(buffer, index=False, float_format="%.4f")
    return buffer.getvalue().encode()


def _descendants(root: int) -> list[int]:
    """Every process under ``root`` (its children, theirs, ...), from ``/proc``."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except OSError:  # it ended meanwhile
                pass
    found, todo = [], [root]
    while todo:
        parent = todo.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        found += children
        todo += children
    return found


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time of one process so far."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _kind(pid: int, server: int) -> str:
    """ "server", "renderer", "gpu" or "browser" (Chromium's other processes, Playwright)."""
    if pid == server:
        return "server"
    with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
        arguments = cmdline.read()  # Chromium rewrites it as one line: search, do not split
    for kind, flag in (("renderer", b"--type=renderer"), ("gpu", b"--type=gpu-process")):
        if flag in arguments:
            return kind
    return "browser"


class CpuWatch:
    """CPU seconds by kind of process (:func:`_kind`) under this one during a ``with`` block,
    sampled every ``interval`` seconds so a renderer that exits still counts up to its last
    sample."""

    def __init__(self, server: int, interval: float = 0.5) -> None:
        self.server, self.interval = server, interval
        self._seen: dict[int, tuple[str, float]] = {}  # pid: (kind, CPU seconds)
        self._base: dict[int, float] = {}  # pid: CPU seconds when the block began
        self.loaded: dict[str, float] = {}  # the totals when the visitors upload
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def totals(self) -> dict[str, float]:
        """CPU seconds per kind within the block."""
        totals = dict.fromkeys(("server", "renderer", "gpu", "browser"), 0.0)
        for pid, (kind, seconds) in list(self._seen.items()):
            totals[kind] += seconds - self._base.get(pid, 0.0)
        return totals

    def _read(self) -> None:
        for pid in _descendants(os.getpid()):
            try:
                kind = self._seen[pid][0] if pid in self._seen else _kind(pid, self.server)
                self._seen[pid] = (kind, _cpu_seconds(pid))
            except OSError:  # it ended meanwhile: keep its last sample
                pass

    def _sample(self) -> None:
        while not self._stop.wait(self.interval):
            self._read()

    def __enter__(self) -> CpuWatch:
        self._read()
        self._base = {pid: seconds for pid, (_, seconds) in self._seen.items()}
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self._read()


class MemoryWatch:
    """Samples a process's resident set size every ``interval`` seconds in a thread."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        self.pid, self.interval = pid, interval
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def rss_mb(self) -> float:
        with open(f"/proc/{self.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.rss_mb())
            time.sleep(self.interval)

    def __enter__(self) -> MemoryWatch:
        self.peak = self.rss_mb()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


async def _visit(browser, url: str, visitor: int, ready: list, start: asyncio.Event) -> dict:
    """One visitor: open the upload page, wait for the signal, upload, wait until playable."""
    context = await browser.new_context(viewport=CLASSROOM)
    try:
        page = await context.new_page()
        await page.goto(url + UPLOAD_PAGE, timeout=300_000)  # 30 pages load at once
        await page.wait_for_selector("input[type=file]", state="attached", timeout=120_000)
        # A student takes a few seconds to pick the file: by then the page has drawn its
        # hidden chart (ui/preload.py), so Plotly's script is compiled before the upload.
        await page.wait_for_selector(PRELOADED, state="attached", timeout=300_000)
        csv = {"name": f"class-{visitor}.csv", "mimeType": "text/csv"}
        csv["buffer"] = visitor_csv(visitor)
        ready.append(visitor)
        await start.wait()
        began = time.perf_counter()
        await page.set_input_files("input[type=file]", files=[csv])
        column = f"x{visitor}"
        # Checked every 250 ms, not every animation frame (Playwright's default): 30 tabs
        # polling at 60 Hz would spend the CPU the benchmark measures.
        await page.wait_for_function(
            PLAYABLE, arg=[ANIMATION, column], polling=250, timeout=300_000
        )
        seconds = time.perf_counter() - began
        caption = f"Showing all {rows(visitor):,} points"
        own = await page.get_by_text(caption).count() > 0
        failures = await page.locator(FAILURE).count()
        return {"visitor": visitor, "seconds": seconds, "ok": own and failures == 0}
    except Exception as error:  # a timeout or a closed page is this visitor's failure
        return {"visitor": visitor, "seconds": float("nan"), "ok": False, "error": repr(error)}
    finally:
        await context.close()


async def _class(browser, url: str, n_visitors: int, cpu: CpuWatch | None = None) -> list[dict]:
    """Every visitor opens the page; once all are ready (or failed), all upload at once.
    ``cpu``: its totals when they upload are kept as ``cpu.loaded``."""
    ready, start = [], asyncio.Event()
    tasks = [asyncio.create_task(_visit(browser, url, i, ready, start)) for i in range(n_visitors)]
    while len(ready) + sum(task.done() for task in tasks) < n_visitors:
        await asyncio.sleep(0.2)
    if cpu is not None:
        cpu.loaded = cpu.totals()
    start.set()
    return await asyncio.gather(*tasks)


def _settle(watch: MemoryWatch, seconds: float) -> tuple[float, float]:
    """Memory after the visitors left: (lowest seen, last) over ``seconds`` seconds."""
    lowest = last = watch.rss_mb()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(2)
        last = watch.rss_mb()
        lowest = min(lowest, last)
    return lowest, last


async def _run(sizes: list[int], settle: float, hostile: bool) -> None:
    from playwright.async_api import async_playwright

    with serve_app() as server, MemoryWatch(server.process.pid) as watch:
        async with async_playwright() as playwright:
            browser = await launch_chromium(playwright)
            await _class(browser, server.url, 1)  # warm-up: imports, the first page's caches
            time.sleep(3)
            print(f"cores: {os.cpu_count()}, load average before: {os.getloadavg()[0]:.1f}")
            print(
                f"{'visitors':>8} {'slowest s':>10} {'median s':>9} {'failed':>7} "
                f"{'idle MB':>8} {'peak MB':>8} {'left MB':>8} {'lowest MB':>10} {'load':>5}"
            )
            for size in sizes:
                idle = watch.rss_mb()
                watch.peak = idle
                with CpuWatch(server.process.pid) as cpu:
                    results = await _class(browser, server.url, size, cpu)
                peak = watch.peak
                lowest, last = _settle(watch, settle)
                _report(size, results, idle, peak, last, lowest)
                _report_cpu(size, cpu)
            if hostile:
                await _hostile(browser, server.url, watch)
            await browser.close()
        if "Traceback" in server.stderr(last=None):
            print("the server logged a traceback:\n" + server.stderr())


def _report(size, results, idle, peak, last, lowest) -> None:
    times = [r["seconds"] for r in results if r["ok"]]
    failed = [r for r in results if not r["ok"]]
    slowest = max(times) if times else float("nan")
    median = statistics.median(times) if times else float("nan")
    print(
        f"{size:>8} {slowest:>10.1f} {median:>9.1f} {len(failed):>7} {idle:>8.0f} "
        f"{peak:>8.0f} {last:>8.0f} {lowest:>10.0f} {os.getloadavg()[0]:>5.1f}"
    )
    for r in failed[:3]:
        print(f"  visitor {r['visitor']} failed: {r.get('error', 'wrong data or an error box')}")


def _report_cpu(size: int, cpu: CpuWatch) -> None:
    """CPU seconds per visitor and kind of process: opening the page, then upload to playable."""
    total = cpu.totals()
    for phase, seconds in (
        ("opening the page", cpu.loaded),
        ("upload to playable", {k: v - cpu.loaded[k] for k, v in total.items()}),
    ):
        parts = ", ".join(f"{kind} {value / size:.2f}" for kind, value in seconds.items())
        print(f"  CPU s per visitor, {phase}: {parts}")


async def _hostile(browser, url: str, watch: MemoryWatch) -> None:
    """One visitor at a time: a 50 MB file on one line, then 5,000 columns x 200 rows."""
    rng = np.random.default_rng(0)
    wide = "\n".join(
        [",".join(f"c{j}" for j in range(5000))]
        + [",".join(f"{v:.4f}" for v in row) for row in rng.normal(size=(200, 5000))]
    )
    files = {
        "one line, 50 MB": (b"1.5," * (13 * 2**20), '[data-testid="stAlertContentError"]'),
        "5,000 columns x 200 rows": (wide.encode(), ANIMATION + " .slider-container"),
    }
    for name, (content, done) in files.items():
        context = await browser.new_context(viewport=CLASSROOM)
        page = await context.new_page()
        await page.goto(url + UPLOAD_PAGE, timeout=300_000)
        await page.wait_for_selector("input[type=file]", state="attached", timeout=120_000)
        before = watch.peak = watch.rss_mb()
        # Playwright takes 50 MB buffers at most, so the file goes by path; the browser reads
        # it while uploading, after set_input_files returns, so the folder must outlive that.
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "hostile.csv"
            path.write_bytes(content)
            began = time.perf_counter()
            await page.set_input_files("input[type=file]", files=[path])
            await page.wait_for_selector(done, timeout=600_000)
            seconds = time.perf_counter() - began
        print(
            f"{name}: {len(content) / 1e6:.1f} MB, {seconds:.1f} s from choosing the file to "
            f"{'the sentence' if 'Alert' in done else 'a playable animation'}, server grew "
            f"{watch.peak - before:.0f} MB at most"
        )
        await context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visitors", type=int, nargs="*", default=[1, 10, 30])
    parser.add_argument(
        "--hostile", action="store_true", help="also time a one-line 50 MB file and a wide one"
    )
    parser.add_argument(
        "--settle", type=float, default=60.0, help="seconds to watch memory after they leave"
    )
    args = parser.parse_args()
    asyncio.run(_run(args.visitors, args.settle, args.hostile))


if __name__ == "__main__":
    main()
