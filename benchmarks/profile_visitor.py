"""Where one visitor's CPU goes: the page's work in Chromium, phase by phase.

Run from the project root: ``python benchmarks/profile_visitor.py [--visitors 1]``.

It starts the page (:func:`serve_app`) and one headless Chromium, and has ``--visitors``
visitors (a context each, as :mod:`bench_load` does) open the upload page and upload their
own CSV at once. For the first visitor it records, through the Chrome DevTools Protocol,
for each phase (opening the page, then upload to playable):

- Chromium's own counters (``Performance.getMetrics``): time in tasks, script, layout and
  style, and how many layouts and style recalculations;
- a sampled CPU profile (``Profiler``): self time by script file and the busiest functions;
- the websocket frames Streamlit sends and receives, their number and bytes;
- how many times a Plotly chart was drawn anew (a ``.main-svg`` added to the page) and how
  many times Streamlit ran the script (``stStatusWidget`` appearing);

and the CPU seconds of every process by kind (:class:`bench_load.CpuWatch`) over all visitors.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_load import (  # noqa: E402
    PLAYABLE,
    UPLOAD_PAGE,
    CpuWatch,
    rows,
    visitor_csv,
)
from screenshot import ANIMATION, CLASSROOM, launch_chromium, serve_app  # noqa: E402

# Counts chart draws (plotly.js adds its .main-svg when it builds a plot anew, not on a
# react that keeps it) and script runs (Streamlit shows its status widget while running).
COUNTERS = """
window.__counts = {plots: 0, draws: 0, runs: 0};
const watched = new WeakSet();
new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue;
        for (const plot of [node, ...node.querySelectorAll('.plot-container')]) {
            if (!plot.matches('.plot-container')) continue;
            window.__counts.plots += 1;
            const gd = plot.closest('.js-plotly-plot');
            if (gd && gd.on && !watched.has(gd)) {
                watched.add(gd);
                gd.on('plotly_afterplot', () => { window.__counts.draws += 1; });
            }
        }
        if (node.matches('[data-testid="stStatusWidget"]')
            || node.querySelector('[data-testid="stStatusWidget"]'))
            window.__counts.runs += 1;
    }
}).observe(document, {childList: true, subtree: true});
"""
METRICS = (
    "TaskDuration",
    "ScriptDuration",
    "LayoutDuration",
    "RecalcStyleDuration",
    "LayoutCount",
    "RecalcStyleCount",
)


class Frames:
    """Websocket frames seen on one page: count and bytes, sent and received."""

    def __init__(self) -> None:
        self.counts = collections.Counter()
        self.sizes = []

    def received(self, event) -> None:
        size = len(event["response"]["payloadData"])
        if event["response"]["opcode"] == 2:  # binary, given base64
            size = size * 3 // 4
        self.counts["received"] += 1
        self.counts["received bytes"] += size
        self.sizes.append(size)

    def sent(self, event) -> None:
        self.counts["sent"] += 1
        self.counts["sent bytes"] += len(event["response"]["payloadData"]) * 3 // 4


def _by_script(profile: dict, top: int = 12) -> tuple[list, list]:
    """Self time in ms by script file and by function, from a CDP CPU profile."""
    nodes = {node["id"]: node for node in profile["nodes"]}
    deltas = profile["timeDeltas"]
    self_ms = collections.Counter()
    for sample, delta in zip(profile["samples"], [*deltas[1:], 0], strict=True):
        self_ms[sample] += delta / 1000
    files, functions = collections.Counter(), collections.Counter()
    for node_id, ms in self_ms.items():
        frame = nodes[node_id]["callFrame"]
        url = frame["url"].rsplit("/", 1)[-1] or f"({frame['functionName'] or 'native'})"
        files[url] += ms
        functions[f"{frame['functionName'] or '(anonymous)'} {url}:{frame['lineNumber']}"] += ms
    return files.most_common(top), functions.most_common(top)


PROFILE = {"on": True, "cpu": None}


async def _phase_start(cdp) -> dict:
    if PROFILE["on"]:
        await cdp.send("Profiler.start")
    metrics = await cdp.send("Performance.getMetrics")
    before = {m["name"]: m["value"] for m in metrics["metrics"]}
    if PROFILE["cpu"] is not None:
        PROFILE["cpu"]._read()
        before["cpu"] = PROFILE["cpu"].totals()
    return before


async def _phase_end(cdp, page, before: dict, frames: Frames, name: str) -> None:
    profile = (await cdp.send("Profiler.stop"))["profile"] if PROFILE["on"] else None
    metrics = await cdp.send("Performance.getMetrics")
    after = {m["name"]: m["value"] for m in metrics["metrics"]}
    counts = await page.evaluate("window.__counts")
    print(f"\n== {name}")
    if "cpu" in before:
        PROFILE["cpu"]._read()
        now = PROFILE["cpu"].totals()
        print("  CPU s: " + ", ".join(f"{k} {now[k] - before['cpu'][k]:.2f}" for k in now))
    parts = []
    for key in METRICS:
        value = after.get(key, 0) - before.get(key, 0)
        parts.append(f"{key} {value:.2f}" if "Duration" in key else f"{key} {value:.0f}")
    print("  " + ", ".join(parts))
    print(
        f"  plots built {counts['plots']}, drawn (afterplot after the first) {counts['draws']}, "
        f"status widget shown {counts['runs']}"
    )
    big = sorted(frames.sizes, reverse=True)[:5]
    print(f"  websocket {dict(frames.counts)}; largest received {big}")
    frames.counts.clear()
    frames.sizes.clear()
    await page.evaluate("window.__counts = {plots: 0, draws: 0, runs: 0}")
    if profile is None:
        return
    files, functions = _by_script(profile)
    print("  self ms by script: " + ", ".join(f"{f} {ms:.0f}" for f, ms in files))
    for function, ms in functions:
        print(f"    {ms:7.0f} ms  {function}")


async def _visitor(browser, url, visitor, ready, start, profiled: bool) -> float:
    context = await browser.new_context(viewport=CLASSROOM)
    page = await context.new_page()
    await page.add_init_script(COUNTERS)
    cdp = frames = None
    if profiled:
        cdp = await context.new_cdp_session(page)
        frames = Frames()
        cdp.on("Network.webSocketFrameReceived", frames.received)
        cdp.on("Network.webSocketFrameSent", frames.sent)
        for domain in ("Network", "Performance", "Profiler"):
            await cdp.send(f"{domain}.enable")
        await cdp.send("Profiler.setSamplingInterval", {"interval": 1000})
        before = await _phase_start(cdp)
    await page.goto(url + UPLOAD_PAGE, timeout=300_000)
    await page.wait_for_selector("input[type=file]", state="attached", timeout=120_000)
    await page.wait_for_timeout(1500)  # the empty page settles (Plotly's preload)
    if profiled:
        await _phase_end(cdp, page, before, frames, "opening the page")
    ready.append(visitor)
    await start.wait()
    if profiled:
        before = await _phase_start(cdp)
    csv = {"name": f"class-{visitor}.csv", "mimeType": "text/csv", "buffer": visitor_csv(visitor)}
    began = time.perf_counter()
    await page.set_input_files("input[type=file]", files=[csv])
    await page.wait_for_function(
        PLAYABLE, arg=[ANIMATION, f"x{visitor}"], polling=250, timeout=300_000
    )
    seconds = time.perf_counter() - began
    assert await page.get_by_text(f"Showing all {rows(visitor):,} points").count() > 0
    if profiled:
        await _phase_end(cdp, page, before, frames, f"upload to playable ({seconds:.2f} s)")
        before = await _phase_start(cdp)
        await page.wait_for_timeout(5000)  # what the page does after it is playable
        await _phase_end(cdp, page, before, frames, "the next 5 s, idle")
    await context.close()
    return seconds


async def _run(n_visitors: int) -> None:
    from playwright.async_api import async_playwright

    with serve_app() as server:
        async with async_playwright() as playwright:
            browser = await launch_chromium(playwright)
            # Warm-up: the server's imports and first caches.
            await _visitor(browser, server.url, 0, [], _set_event(), profiled=False)
            print(f"load average before: {os.getloadavg()[0]:.1f}")
            ready, start = [], asyncio.Event()
            with CpuWatch(server.process.pid, interval=0.1) as cpu:
                PROFILE["cpu"] = cpu if n_visitors == 1 else None
                tasks = [
                    asyncio.create_task(
                        _visitor(browser, server.url, i + 1, ready, start, profiled=i == 0)
                    )
                    for i in range(n_visitors)
                ]
                while len(ready) < n_visitors:
                    await asyncio.sleep(0.2)
                opened = cpu.totals()
                start.set()
                times = await asyncio.gather(*tasks)
            total = cpu.totals()
            print(f"\nslowest {max(times):.2f} s, load average after {os.getloadavg()[0]:.1f}")
            for phase, seconds in (
                ("opening the page", opened),
                ("upload to playable", {k: v - opened[k] for k, v in total.items()}),
            ):
                parts = ", ".join(f"{k} {v / n_visitors:.2f}" for k, v in seconds.items())
                print(f"CPU s per visitor, {phase}: {parts}")
            await browser.close()


def _set_event() -> asyncio.Event:
    event = asyncio.Event()
    event.set()
    return event


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visitors", type=int, default=1)
    parser.add_argument("--no-profile", action="store_true", help="counters only (no sampling)")
    args = parser.parse_args()
    PROFILE["on"] = not args.no_profile
    asyncio.run(_run(args.visitors))


if __name__ == "__main__":
    main()
