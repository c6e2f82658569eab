"""The data sets the page offers without an upload: the blog's own, and samples that teach.

Each sample is a small 2-D table with a lesson: some are what k-means is good at (round,
well-separated groups), some are what it gets wrong (moons, rings, a smiley face, pure noise),
and one shows random starts getting stuck in a worse ending (eight groups in a circle). Every
sample is generated from a fixed seed, so a shared link shows the same points to everyone.
The tests check each lesson at the page's default settings (seed 0, random start).
"""

from __future__ import annotations

from importlib import resources
from types import MappingProxyType
from typing import NamedTuple

import numpy as np
import pandas as pd

BLOG = "blog"
"""Key of the blog's data set (``kmeans/datasets/xclara.csv``, 3000 points, 2 columns)."""


class Sample(NamedTuple):
    """A data set the page offers.

    Attributes
    ----------
    key : str
        Short name used in the URL, e.g. ``"moons"``.
    title : str
        What the sidebar shows.
    lesson : str
        One or two sentences on what this data teaches about k-means.
    n_clusters : int
        The K that matches how the data was made (what a person would circle).
    """

    key: str
    title: str
    lesson: str
    n_clusters: int


SAMPLES = MappingProxyType(
    {
        s.key: s
        for s in (
            Sample(
                BLOG,
                "The blog's data (xclara, 3000 points)",
                "The data set of the blog post: three groups, and K=3 finds them.",
                3,
            ),
            Sample(
                "blobs",
                "Well-separated blobs",
                "Round groups of the same size and spread: the case k-means was made for.",
                4,
            ),
            Sample(
                "eight",
                "Eight groups in a circle (random starts get stuck)",
                "Eight round groups: from random points, k-means often ends with two "
                "centroids in one group and one centroid between two groups, and stays "
                "there. Press “Try 20 starts” to see how often; k-means++ rarely gets stuck.",
                8,
            ),
            Sample(
                "uneven",
                "Uneven sizes",
                "One big group and two small ones beside it: the border sits halfway "
                "between the centroids, so the two small clusters take in the big group's "
                "edge, about a fifth of its points.",
                3,
            ),
            Sample(
                "stretched",
                "Stretched clusters",
                "Three long, slanted bands: k-means draws straight borders halfway between "
                "centroids, so it cuts the bands across instead of along.",
                3,
            ),
            Sample(
                "densities",
                "Different densities",
                "A tight group next to a loose one: the border sits halfway between the "
                "centroids, so the loose group's edge points go to the tight group.",
                3,
            ),
            Sample(
                "moons",
                "Two moons (k-means gets it wrong)",
                "Two interlocking half circles: no K gives the two moons, because k-means "
                "can only split the plane with straight lines.",
                2,
            ),
            Sample(
                "rings",
                "Rings (k-means gets it wrong)",
                "A ring around a disc: the groups share the same centre, so k-means cuts "
                "both in half instead.",
                2,
            ),
            Sample(
                "smiley",
                "Smiley face (k-means gets it wrong)",
                "Two eyes, a mouth and the outline of a face: with K=4 k-means does not find "
                "them, because the outline surrounds everything else; it cuts the face into "
                "wedges instead.",
                4,
            ),
            Sample(
                "noise",
                "Uniform noise (no clusters at all)",
                "Points spread evenly with no groups: k-means still returns K clusters, so "
                "always ask whether the clusters are real (see the silhouette in Choose K).",
                3,
            ),
        )
    }
)
"""Every data set by key, in the order the sidebar lists them (read-only)."""


def sample_csv(key: str) -> bytes:
    """The data set ``key`` as CSV bytes, as if the user had uploaded it.

    Parameters
    ----------
    key : str
        One of the keys of :data:`SAMPLES`.

    Returns
    -------
    bytes
        UTF-8 CSV with a header row ``x,y`` (``V1,V2`` for the blog's data).

    Raises
    ------
    ValueError
        For an unknown key; the message lists the valid ones.

    Examples
    --------
    >>> sample_csv("moons").splitlines()[0]
    b'x,y'
    """
    if key == BLOG:
        return resources.files("kmeans").joinpath("datasets", "xclara.csv").read_bytes()
    return sample_frame(key).to_csv(index=False, float_format="%.5f").encode("utf-8")


def sample_frame(key: str) -> pd.DataFrame:
    """The data set ``key`` as a table of shape (n_points, 2).

    Parameters
    ----------
    key : str
        One of the keys of :data:`SAMPLES`.

    Returns
    -------
    pandas.DataFrame
        Columns ``x`` and ``y`` (``V1`` and ``V2`` for the blog's data).

    Examples
    --------
    >>> sample_frame("blobs").shape
    (1200, 2)
    """
    if key not in SAMPLES:
        valid = ", ".join(repr(k) for k in SAMPLES)
        raise ValueError(f"dataset={key!r} is not one of the samples; use one of {valid}.")
    if key == BLOG:
        return pd.read_csv(resources.files("kmeans").joinpath("datasets", "xclara.csv"))
    rng = np.random.default_rng(0)
    points = _GENERATORS[key](rng)
    return pd.DataFrame(points, columns=["x", "y"])


def _blobs(rng: np.random.Generator) -> np.ndarray:
    centres = np.array([[-6.0, -5.0], [6.0, -5.0], [-5.0, 6.0], [6.0, 5.0]])
    return _gaussians(rng, centres, [300] * 4, [1.2] * 4)


def _eight(rng: np.random.Generator) -> np.ndarray:
    angles = np.linspace(0.0, 2 * np.pi, 8, endpoint=False)
    centres = 10.0 * np.column_stack([np.cos(angles), np.sin(angles)])
    return _gaussians(rng, centres, [150] * 8, [1.2] * 8)


def _uneven(rng: np.random.Generator) -> np.ndarray:
    centres = np.array([[0.0, 0.0], [7.5, 0.0], [0.0, 7.5]])
    return _gaussians(rng, centres, [1000, 100, 100], [2.0, 0.5, 0.5])


def _stretched(rng: np.random.Generator) -> np.ndarray:
    # Three bands 24 long and about 1.4 wide, 3 apart: an eye sees three stripes.
    along = rng.uniform(-12.0, 12.0, size=900)
    across = np.repeat([-3.0, 0.0, 3.0], 300) + rng.normal(scale=0.35, size=900)
    return _rotate(np.column_stack([along, across]), degrees=40.0)


def _rotate(points: np.ndarray, degrees: float) -> np.ndarray:
    a = np.deg2rad(degrees)
    return points @ np.array([[np.cos(a), np.sin(a)], [-np.sin(a), np.cos(a)]])


def _densities(rng: np.random.Generator) -> np.ndarray:
    centres = np.array([[-4.0, 0.0], [3.5, 0.0], [0.0, 7.0]])
    return _gaussians(rng, centres, [300, 300, 300], [0.4, 2.5, 1.0])


def _moons(rng: np.random.Generator) -> np.ndarray:
    t = rng.uniform(0.0, np.pi, size=(2, 500))
    upper = np.column_stack([np.cos(t[0]), np.sin(t[0])])
    lower = np.column_stack([1.0 - np.cos(t[1]), 0.5 - np.sin(t[1])])
    return np.vstack([upper, lower]) * 5.0 + rng.normal(scale=0.35, size=(1000, 2))


def _rings(rng: np.random.Generator) -> np.ndarray:
    angle = rng.uniform(0.0, 2 * np.pi, size=1000)
    radius = np.concatenate([rng.uniform(0.0, 2.0, 400), rng.normal(6.0, 0.4, 600)])
    return np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])


def _noise(rng: np.random.Generator) -> np.ndarray:
    return rng.uniform(-10.0, 10.0, size=(1000, 2))


def _smiley(rng: np.random.Generator) -> np.ndarray:
    outline = _arc(rng, 700, 10.0, (0.0, 2 * np.pi), noise=0.35)
    eyes = _gaussians(rng, np.array([[-3.5, 3.5], [3.5, 3.5]]), [150, 150], [0.8, 0.8])
    mouth = _arc(rng, 300, 5.5, (np.deg2rad(210), np.deg2rad(330)), noise=0.3)
    mouth[:, 1] += 0.5
    return np.vstack([outline, eyes, mouth])


def _arc(rng, size: int, radius: float, angles: tuple[float, float], noise: float):
    t = rng.uniform(*angles, size=size)
    circle = radius * np.column_stack([np.cos(t), np.sin(t)])
    return circle + rng.normal(scale=noise, size=(size, 2))


def _gaussians(rng, centres: np.ndarray, sizes: list[int], spreads: list[float]) -> np.ndarray:
    parts = [
        centre + rng.normal(scale=spread, size=(size, 2))
        for centre, size, spread in zip(centres, sizes, spreads, strict=True)
    ]
    return np.vstack(parts)


_GENERATORS = MappingProxyType(
    {
        "blobs": _blobs,
        "eight": _eight,
        "uneven": _uneven,
        "stretched": _stretched,
        "densities": _densities,
        "moons": _moons,
        "rings": _rings,
        "smiley": _smiley,
        "noise": _noise,
    }
)
