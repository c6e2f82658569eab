"""SVG or WebGL markers for the animation: which draws a run faster, by number of points.

Run from the project root: ``python benchmarks/bench_markers.py [--points 500 1000 3000]``.

For each number of points it builds the animation of one k-means run (three blobs, random
start, the page's figure) twice, with SVG markers (``go.Scatter``) and with WebGL
(``go.Scattergl``), and draws each in headless Chromium (:func:`launch_chromium`, where
WebGL is drawn in software by SwiftShader, as on a laptop without a usable GPU): first the
figure (``Plotly.newPlot`` and its frames, until painted), then every frame in turn, as
Play or Next does. It prints the wall time of both and the CPU seconds Chromium spent
(renderer and GPU process, from ``/proc``), which load on the machine inflates less.
:data:`kmeans.figures.style.SVG_POINTS` is set from where they cross.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from pathlib import Path

import numpy as np
import plotly.offline

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "docs"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_load import CpuWatch  # noqa: E402
from screenshot import CLASSROOM, launch_chromium  # noqa: E402

from kmeans import figures  # noqa: E402
from kmeans.engine import kmeans_steps  # noqa: E402

DRAW = """async (spec) => {
    const painted = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    const div = document.getElementById("chart");
    Plotly.purge(div);
    let began = performance.now();
    await Plotly.newPlot(div, spec.data, spec.layout);
    await Plotly.addFrames(div, spec.frames);
    await painted();
    const plot = performance.now() - began;
    began = performance.now();
    for (const frame of spec.frames) {
        await Plotly.animate(div, [frame.name], {
            frame: {duration: 0, redraw: true}, transition: {duration: 0}, mode: "immediate"});
        await painted();
    }
    return {plot: plot / 1000, frames: (performance.now() - began) / 1000,
            n_frames: spec.frames.length};
}"""


def run_figure(n_points: int, webgl: bool) -> str:
    """The animation's JSON for ``n_points`` points in three blobs, from a random start."""
    rng = np.random.default_rng(n_points)
    centres = np.array([[0.0, 0.0], [6.0, 0.0], [3.0, 5.0]])
    X = centres[rng.integers(3, size=n_points)] + rng.normal(size=(n_points, 2))
    steps = list(kmeans_steps(X, 3, init="random", random_state=1))
    return figures.animation_figure(steps, X, webgl=webgl).to_json()


async def _measure(page, spec: str, repeats: int) -> dict:
    """The fastest of ``repeats`` draws of one figure: wall seconds, and Chromium's CPU."""
    best = None
    for _ in range(repeats):
        with CpuWatch(server=-1, interval=0.2) as cpu:
            timing = await page.evaluate(DRAW, json.loads(spec))
        used = cpu.totals()
        timing["cpu"] = used["renderer"] + used["gpu"]
        if best is None or timing["cpu"] < best["cpu"]:
            best = timing
    return best


async def _run(sizes: list[int], repeats: int) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await launch_chromium(playwright)
        page = await browser.new_page(viewport=CLASSROOM)
        await page.set_content('<div id="chart" style="width:1000px;height:600px"></div>')
        await page.add_script_tag(content=plotly.offline.get_plotlyjs())
        print(f"cores: {os.cpu_count()}, load average before: {os.getloadavg()[0]:.1f}")
        print(
            f"{'points':>7} {'markers':>7} {'frames':>6} {'figure s':>9} "
            f"{'all frames s':>12} {'CPU s':>6} {'load':>5}"
        )
        for n in sizes:
            for webgl in (False, True):
                best = await _measure(page, run_figure(n, webgl), repeats)
                print(
                    f"{n:>7} {'WebGL' if webgl else 'SVG':>7} {best['n_frames']:>6} "
                    f"{best['plot']:>9.2f} {best['frames']:>12.2f} {best['cpu']:>6.2f} "
                    f"{os.getloadavg()[0]:>5.1f}"
                )
        await browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, nargs="*", default=[500, 1000, 2000, 3000, 5000])
    parser.add_argument("--repeats", type=int, default=2, help="draws per figure; the fastest")
    args = parser.parse_args()
    start = time.perf_counter()
    asyncio.run(_run(args.points, args.repeats))
    print(f"{time.perf_counter() - start:.0f} s in all")


if __name__ == "__main__":
    main()
