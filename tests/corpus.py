"""The corpus of real-looking uploads in tests/data, shared by the kmeans.data test files."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd

from kmeans.data import Table, read_table

CORPUS = Path(__file__).parent / "data"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
READABLE = sorted(name for name, outcome in EXPECTED.items() if "error" not in outcome)


def read_corpus(name: str) -> Table:
    """Read one corpus file as the page would, with its name as the hint."""
    return read_table((CORPUS / name).read_bytes(), name)


def same_cells(left: list, right: list) -> bool:
    """Equal cell for cell, where an expected None matches a NaN."""
    return all(
        (a is None and isinstance(b, float) and math.isnan(b)) or a == b
        for a, b in zip(left, right, strict=True)
    )


def assert_same_table(back: Table, table: Table, drop: str) -> None:
    """The download reads back cell for cell; formula-like text comes back with its "'"."""
    text = back.text.drop(columns=drop)
    assert list(text.columns) == list(table.text.columns)
    got, given_ = text.to_numpy(dtype=object), table.text.to_numpy(dtype=object)
    escaped = got != given_
    assert all(g == "'" + o for g, o in zip(got[escaped], given_[escaped], strict=True))
    if not escaped.any():
        pd.testing.assert_frame_equal(back.frame.drop(columns=drop), table.frame)
