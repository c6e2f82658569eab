"""How fast the page gets to a playable animation, and how big the figure is.

Run from the project root: ``python benchmarks/bench_app.py [--browser]``.

For 3e3, 1e5 and 1e6 rows (two columns, five blobs) it prints:
- ``page``: the page script run by Streamlit's AppTest after the CSV is uploaded (read, clean,
  cluster every row, build the figure), from a cold cache: the server side of "upload ->
  playable animation";
- ``rerun``: the same page again with the cache warm (what scrubbing or switching tabs costs,
  though those never rerun the script);
- ``payload``: the JSON the browser receives for the animation figure.

With ``--browser`` it also starts ``streamlit run app.py`` and times the default page in
headless Chromium, from the first request to the slider of the animation being on screen.
Targets on a 2-core machine: playable <= 5 s for the default page and for 1e5 x 2; payload
<= 5 MB for 1e5 rows.
"""

from __future__ import annotations

import argparse
import io
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.io as pio

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kmeans import figures, projection  # noqa: E402
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
    rows = projection.sample_rows(prepared.X.shape[0], 3000)
    run = projection.view_run(
        kmeans_steps(prepared.X, k, init="random", seed=0, max_iter=100), rows, proj
    )
    fig = figures.animation_figure(run.steps, proj.apply(prepared.X[rows]))
    return len(pio.to_json(fig, validate=False)), len(fig.frames)


def page_seconds(content: bytes) -> tuple[float, float]:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.query_params.update({"data": "upload", "k": "5", "init": "random", "seed": "0"})
    at.run()
    at.file_uploader(key="upload").upload("bench.csv", content, "text/csv")
    start = time.perf_counter()
    at.run()
    cold = time.perf_counter() - start
    assert not at.exception and not at.error, (at.exception, [e.value for e in at.error])
    start = time.perf_counter()
    at.run()
    return cold, time.perf_counter() - start


def browser_seconds() -> float:
    """Time from the first request to a playable animation, on a freshly started server."""
    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
         "--server.headless", "true", "--server.port", str(port)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        time.sleep(3)  # the server starting is not part of the page's time
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=shutil.which("chromium"),
                args=["--no-sandbox", "--disable-gpu"],
                headless=True,
            )
            page = browser.new_page(viewport={"width": 1500, "height": 1000})
            start = time.perf_counter()
            page.goto(f"http://127.0.0.1:{port}/")
            page.wait_for_selector(".js-plotly-plot .slider-container", timeout=60_000)
            seconds = time.perf_counter() - start
            browser.close()
        return seconds
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--browser", action="store_true", help="also time the default page")
    parser.add_argument("--sizes", type=float, nargs="*", default=[3e3, 1e5, 1e6])
    args = parser.parse_args()
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
        print(f"default page, first request to playable animation: {browser_seconds():.2f} s")


if __name__ == "__main__":
    main()
