"""How long reading an upload takes, against plain ``pandas.read_csv`` of the same bytes.

``read_table`` does more than ``pandas.read_csv`` (sniffing, keeping every cell as written,
parsing numbers the way people write them), so this checks it stays within 1.5x. Both read
the same bytes from memory, as an upload arrives, interleaved in the same run so that load
from other processes hits both alike; the best of the repeats is reported.

Run: ``python benchmarks/bench_data.py [--rows 1000000] [--columns 10] [--repeat 5]``.

With ``--wide`` it times wide tables instead (200 rows x 2,000, 5,000 and 10,000 columns, and
5,000 x 5,000; ``--shapes 200x5000 ...`` to choose): each step of the library from the bytes
to the chart's PCA (wall and CPU seconds, one run each), and with ``--browser`` the page in
headless Chromium, from choosing the file in the uploader to the sidebar's column list and
to the animation being playable. Target: playable in under 10 s for 200 x 5,000.
"""

import argparse
import io
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kmeans import projection
from kmeans.data import column_roles, prepare, read_table, scaling_advice, skewed_columns

TARGET = 1.5
WIDE_SHAPES = ("200x2000", "200x5000", "200x10000", "5000x5000")
WIDE_TARGET = 10.0  # seconds to a playable animation for 200 x 5,000 in the browser


def make_csv(rows: int, columns: int, seed: int = 0) -> bytes:
    """A comma CSV of ``rows`` x ``columns`` floats written with 6 significant digits."""
    rng = np.random.default_rng(seed)
    scales = 10.0 ** rng.integers(-1, 4, size=columns)
    frame = pd.DataFrame(
        rng.normal(size=(rows, columns)) * scales, columns=[f"f{j}" for j in range(columns)]
    )
    return frame.to_csv(index=False, float_format="%.6g").encode()


def best_times(data: bytes, repeat: int) -> dict[str, tuple[float, float]]:
    """Best (wall, CPU) seconds of pandas.read_csv and read_table, run alternately.

    CPU time is reported too: the Arrow reader behind ``read_table`` uses every core, so on
    a busy machine its wall time suffers more than that of the one-thread C parser.
    """
    runs: dict[str, list[tuple[float, float]]] = {"pandas.read_csv": [], "read_table": []}
    for _ in range(repeat):
        for name, read in (("pandas.read_csv", _plain), ("read_table", read_table)):
            wall, cpu = time.perf_counter(), time.process_time()
            read(data)
            runs[name].append((time.perf_counter() - wall, time.process_time() - cpu))
    return {name: min(times) for name, times in runs.items()}


def _plain(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data))


def _timed(seconds: dict, name: str, step):
    """Run ``step()``, store its (wall, CPU) seconds under ``name``, return its result."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = step()
    seconds[name] = (time.perf_counter() - wall, time.process_time() - cpu)
    return result


def wide_library_seconds(data: bytes) -> dict[str, tuple[float, float]]:
    """(wall, CPU) seconds of each library step the page takes on a wide upload, in order."""
    seconds: dict[str, tuple[float, float]] = {}
    table = _timed(seconds, "read_table", lambda: read_table(data))
    roles = _timed(seconds, "column_roles", lambda: column_roles(table.frame))
    used = [role.name for role in roles if role.used]
    _timed(seconds, "scaling_advice", lambda: scaling_advice(table.frame, used))
    _timed(seconds, "skewed_columns", lambda: skewed_columns(table.frame, used))
    prepared = _timed(
        seconds, "prepare", lambda: prepare(table.frame, used, scaling="standardize")
    )
    _timed(
        seconds, "pca_projection", lambda: projection.pca_projection(prepared.X, prepared.columns)
    )
    return seconds


def wide_browser_seconds(shapes) -> dict[tuple[int, int], tuple[float, float]]:
    """For each (rows, columns): seconds in Chromium from choosing the CSV in the uploader to
    the sidebar's column list on screen, and to the animation being playable."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs"))
    from screenshot import CLASSROOM, launch_chromium, serve_app, wait_for_animation

    found = {}
    with serve_app() as server, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for rows, columns in shapes:
            page = browser.new_page(viewport=CLASSROOM)
            page.goto(f"{server.url}?data=upload&k=5&init=random&seed=0")
            page.wait_for_selector("input[type=file]", state="attached", timeout=60_000)
            # A file, not a buffer: Playwright refuses buffers over 50 MB (5,000 x 5,000).
            csv = Path(tempfile.mkdtemp(prefix="bench-wide-")) / "wide.csv"
            csv.write_bytes(make_csv(rows, columns))
            start = time.perf_counter()
            page.set_input_files("input[type=file]", files=[str(csv)])
            page.get_by_text("Leave out").or_(page.get_by_text("Cluster on")).first.wait_for(
                timeout=600_000
            )
            listed = time.perf_counter() - start
            wait_for_animation(page, timeout=600)
            found[rows, columns] = (listed, time.perf_counter() - start)
            page.close()
            shutil.rmtree(csv.parent)
        browser.close()
    return found


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def wide_main(shapes: list[str], browser: bool) -> int:
    """The ``--wide`` report; exit status 1 when 200 x 5,000 misses ``WIDE_TARGET``."""
    sizes = [tuple(int(n) for n in shape.split("x")) for shape in shapes]
    for rows, columns in sizes:
        data = make_csv(rows, columns)
        print(f"{rows:,} rows x {columns:,} columns, {len(data) / 1e6:.1f} MB (load {_load()})")
        for name, (wall, cpu) in wide_library_seconds(data).items():
            print(f"  {name:<16} {wall:7.3f} s wall  {cpu:7.3f} s CPU")
    if not browser:
        return 0
    status = 0
    for (rows, columns), (listed, playable) in wide_browser_seconds(sizes).items():
        print(
            f"browser {rows:,} x {columns:,}: column list {listed:.1f} s, playable "
            f"{playable:.1f} s (load {_load()})"
        )
        if (rows, columns) == (200, 5000) and playable > WIDE_TARGET:
            status = 1
    return status


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--columns", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--wide", action="store_true", help="time wide tables instead")
    parser.add_argument("--shapes", nargs="*", default=list(WIDE_SHAPES), help="rowsxcolumns")
    parser.add_argument("--browser", action="store_true", help="with --wide: also the page")
    args = parser.parse_args()
    if args.wide:
        return wide_main(args.shapes, args.browser)
    data = make_csv(args.rows, args.columns)
    print(f"{args.rows:,} rows x {args.columns} columns, {len(data) / 1e6:.1f} MB")
    best = best_times(data, args.repeat)
    for name, (wall, cpu) in best.items():
        print(f"{name:<16} {wall:7.3f} s wall  {cpu:7.3f} s CPU")
    ratio = best["read_table"][0] / best["pandas.read_csv"][0]
    print(f"ratio (wall)     {ratio:7.2f}x   target <= {TARGET}x")
    table = read_table(data)
    start = time.perf_counter()
    used = [role.name for role in column_roles(table.frame) if role.used]
    roles = time.perf_counter() - start
    start = time.perf_counter()
    prepare(table.frame, used, scaling="standardize")
    print(f"column_roles     {roles:7.3f} s   prepare {time.perf_counter() - start:.3f} s")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
