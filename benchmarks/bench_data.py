"""How long reading an upload takes, against plain ``pandas.read_csv`` of the same bytes.

``read_table`` does more than ``pandas.read_csv`` (sniffing, keeping every cell as written,
parsing numbers the way people write them), so this checks it stays within 1.5x. Both read
the same bytes from memory, as an upload arrives, interleaved in the same run so that load
from other processes hits both alike; the best of the repeats is reported.

Run: ``python benchmarks/bench_data.py [--rows 1000000] [--columns 10] [--repeat 5]``.
"""

import argparse
import io
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kmeans.data import column_roles, prepare, read_table

TARGET = 1.5


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--columns", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
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
