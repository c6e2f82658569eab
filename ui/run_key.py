"""Named, hashable keys of the page's cached work: which table, which columns, which run.

The file's bytes are never part of a key: every cached function takes them as a separate
underscore-prefixed argument, which Streamlit leaves out of the hash, and the key holds
their digest instead.

Examples
--------
>>> data = DataKey(TableKey("blog", "blog.csv"), ("x", "y"), "drop", "none")
>>> run = RunKey(data, view=("PCA projection", "", ""), k=3, init="random", seed=0, max_iter=100)
>>> run.elbow_key() == dataclasses.replace(run, k=5).elbow_key()
True
>>> run.table
TableKey(digest='blog', filename='blog.csv')
"""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class TableKey:
    """The uploaded or sample file: its content's digest and its name."""

    digest: str
    filename: str


@dataclasses.dataclass(frozen=True)
class DataKey:
    """The prepared matrix: the file, the clustered columns, the gap rule, the scaling and
    the columns whose logarithm is clustered."""

    table: TableKey
    columns: tuple[str, ...]
    missing: str
    scaling: str
    log: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class ElbowKey:
    """The elbow's runs: the prepared data and the seed (every K is tried, so K is not in it)."""

    data: DataKey
    seed: int


@dataclasses.dataclass(frozen=True)
class RunKey:
    """One run of k-means as the page shows it.

    Attributes
    ----------
    data : DataKey
    view : tuple of (str, str, str)
        The chart's axes: (mode, horizontal column, vertical column).
    k, seed, max_iter : int
    init : str or tuple of (float, float) pairs
        A strategy name, or the starting centroids the user clicked.
    """

    data: DataKey
    view: tuple[str, str, str]
    k: int
    init: str | tuple[tuple[float, float], ...]
    seed: int
    max_iter: int

    @property
    def table(self) -> TableKey:
        """The file this run reads."""
        return self.data.table

    def elbow_key(self) -> ElbowKey:
        """The key of the elbow on the same data and seed, whatever K, start or view."""
        return ElbowKey(self.data, self.seed)
