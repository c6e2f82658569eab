"""Quantising a picture: fit k-means on a sample of its pixels, then give every pixel a colour.

1. take a seeded sample of the pixels (:func:`pixel_sample`, at most :data:`FIT_SAMPLE`);
2. run k-means on their coordinates in a colour space (:func:`fit_colours`), keeping what the
   animation draws: a few thousand of the pixels, and the small picture recoloured by the
   centroids of every step;
3. assign every pixel of the full picture to its nearest centroid (:func:`quantise`), and
   give back the picture in K colours (:func:`quantised_png`) and the palette
   (:func:`palette_csv`).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
from PIL import Image

from kmeans.colour import colour_features, colour_view, palette_colours
from kmeans.engine import kmeans_steps, nearest_centroid
from kmeans.errors import DataError
from kmeans.images import Picture, downscale
from kmeans.projection import view_run
from kmeans.sampling import sample_rows
from kmeans.validation import check_int, count_distinct_rows

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from kmeans.engine import Step

__all__ = [
    "FIT_SAMPLE",
    "PREVIEW_LONG_SIDE",
    "SHOWN_PIXELS",
    "ColourRun",
    "Quantised",
    "fit_colours",
    "palette_csv",
    "pixel_sample",
    "quantise",
    "quantised_png",
]

#: Pixels k-means is fitted on: a seeded sample without replacement when the picture has more.
#: A cluster's share of the picture is then known to within about 0.3 % (two standard errors of
#: a proportion at 100,000 draws), and every pixel is assigned to the fitted centroids after.
FIT_SAMPLE = 100_000

#: Long side, in pixels, of the small picture the animation recolours at every frame.
PREVIEW_LONG_SIDE = 320

#: Pixels drawn as points in the colour-space chart.
SHOWN_PIXELS = 3000


def pixel_sample(
    picture: Picture, size: int = FIT_SAMPLE, seed: int | np.random.Generator = 0
) -> np.ndarray:
    """The pixels k-means is fitted on: all of them, or a seeded sample without replacement.

    Parameters
    ----------
    picture : Picture
    size : int, default FIT_SAMPLE
    seed : int or numpy.random.Generator, default=0

    Returns
    -------
    ndarray of shape (min(n_pixels, size), 3), uint8
        In the picture's row order.

    Examples
    --------
    >>> picture = Picture(np.arange(300, dtype=np.uint8).reshape(10, 10, 3), None, "PNG")
    >>> pixel_sample(picture, 4, seed=1).shape
    (4, 3)
    """
    return picture.pixels[sample_rows(picture.n_pixels, size, seed)]


class Quantised(NamedTuple):
    """Every pixel of a picture given the colour of its nearest centroid.

    Attributes
    ----------
    labels : ndarray of shape (height, width), uint8
        The cluster (0 to K - 1) of each pixel; K for a pixel left out (transparent).
    palette : ndarray of shape (n_clusters, 3), uint8
        The colour of each centroid.
    counts : ndarray of shape (n_clusters,), int64
        How many pixels each cluster has.
    """

    labels: np.ndarray
    palette: np.ndarray
    counts: np.ndarray


# Pixels per block when assigning a whole photo: a few megabytes of float64 at a time.
_BLOCK = 1 << 18
# From this many pixels on, each distinct colour is measured once (see _labels_by_colour).
_BY_COLOUR = 1 << 21


def quantise(picture: Picture, centroids, space: str) -> Quantised:
    """Assign every pixel of ``picture`` to its nearest centroid, in blocks.

    Parameters
    ----------
    picture : Picture
    centroids : array-like of shape (n_clusters, 3)
        In the colour space ``space``, e.g. a step's ``centroids``; K at most 255.
    space : {"lab", "rgb"}

    Returns
    -------
    Quantised

    Examples
    --------
    >>> rgb = np.array([[[0, 0, 0], [250, 250, 250]]], dtype=np.uint8)
    >>> result = quantise(Picture(rgb, None, "PNG"), [[0, 0, 0], [255, 255, 255]], "rgb")
    >>> result.labels.tolist(), result.palette.tolist(), result.counts.tolist()
    ([[0, 1]], [[0, 0, 0], [255, 255, 255]], [1, 1])
    """
    centroids = np.asarray(centroids, dtype=np.float64)
    k = centroids.shape[0]
    if centroids.ndim != 2 or centroids.shape[1] != 3 or not 1 <= k <= 255:
        raise ValueError(
            f"centroids must have shape (n_clusters, 3) with 1 to 255 clusters, got shape "
            f"{centroids.shape}: pass the centroids of a run on colours."
        )
    flat = picture.rgb.reshape(-1, 3)
    if flat.shape[0] >= _BY_COLOUR:
        labels = _labels_by_colour(flat, centroids, space)
    else:
        labels = _nearest_in_blocks(flat, centroids, space)
    return _given_labels(picture, labels, centroids, space)


def _given_labels(picture: Picture, labels: np.ndarray, centroids, space: str) -> Quantised:
    """The record of ``labels`` (n_pixels of all, uint8), transparent pixels set to K."""
    k = centroids.shape[0]
    if picture.opaque is not None:
        labels[~picture.opaque.ravel()] = k
    counts = np.bincount(labels, minlength=k + 1)[:k].astype(np.int64)
    shape = (picture.height, picture.width)
    return Quantised(labels.reshape(shape), palette_colours(centroids, space), counts)


def _recoloured(picture: Picture, centroids: Sequence[np.ndarray], space: str) -> tuple:
    """``picture`` quantised by each of ``centroids``, its colours converted once for all."""
    features = colour_features(picture.rgb.reshape(-1, 3), space)
    return tuple(
        _given_labels(picture, nearest_centroid(features, c).astype(np.uint8), c, space)
        for c in centroids
    )


def _nearest_in_blocks(rgb: np.ndarray, centroids: np.ndarray, space: str) -> np.ndarray:
    """The nearest centroid of each of ``rgb`` (n, 3), a few megabytes at a time."""
    labels = np.empty(rgb.shape[0], dtype=np.uint8)
    for start in range(0, rgb.shape[0], _BLOCK):
        block = colour_features(rgb[start : start + _BLOCK], space)
        labels[start : start + _BLOCK] = nearest_centroid(block, centroids)
    return labels


def _packed(rgb: np.ndarray) -> np.ndarray:
    """Each colour as one number 0 to 2**24 - 1 (red * 65536 + green * 256 + blue)."""
    return (rgb[:, 0].astype(np.uint32) << 16) | (rgb[:, 1].astype(np.uint32) << 8) | rgb[:, 2]


def _labels_by_colour(rgb: np.ndarray, centroids: np.ndarray, space: str) -> np.ndarray:
    """The same labels, each distinct colour measured once: a photo of 12 million pixels has
    far fewer colours, and a table of all 2**24 colours costs 16 MB."""
    seen = np.zeros(1 << 24, dtype=bool)
    for start in range(0, rgb.shape[0], _BLOCK):
        seen[_packed(rgb[start : start + _BLOCK])] = True
    colours = np.flatnonzero(seen).astype(np.uint32)
    channels = np.stack([colours >> 16, (colours >> 8) & 255, colours & 255], axis=1)
    table = np.zeros(1 << 24, dtype=np.uint8)
    table[colours] = _nearest_in_blocks(channels.astype(np.uint8), centroids, space)
    labels = np.empty(rgb.shape[0], dtype=np.uint8)
    for start in range(0, rgb.shape[0], _BLOCK):
        labels[start : start + _BLOCK] = table[_packed(rgb[start : start + _BLOCK])]
    return labels


def quantised_png(quantised: Quantised, compress_level: int = 6) -> bytes:
    """The quantised picture as a palette PNG at full resolution (transparency kept).

    Parameters
    ----------
    quantised : Quantised
    compress_level : int, default 6
        zlib level, 1 (fastest) to 9 (smallest).

    Returns
    -------
    bytes
        An 8-bit palette PNG with K colours (plus a transparent one when pixels were left out).

    Examples
    --------
    >>> q = Quantised(np.array([[0, 1]], np.uint8), np.array([[9, 9, 9], [200, 0, 0]], np.uint8),
    ...               np.array([1, 1]))
    >>> Image.open(io.BytesIO(quantised_png(q))).convert("RGB").getpixel((1, 0))
    (200, 0, 0)
    """
    height, width = quantised.labels.shape
    k = quantised.palette.shape[0]
    image = Image.frombytes("P", (width, height), np.ascontiguousarray(quantised.labels).tobytes())
    image.putpalette(quantised.palette.tobytes() + bytes(3), rawmode="RGB")
    options = {"transparency": k} if quantised.counts.sum() < quantised.labels.size else {}
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=compress_level, **options)
    return buffer.getvalue()


def palette_csv(quantised: Quantised) -> bytes:
    """The palette as CSV: one row per cluster with its hex code, RGB and share of the pixels.

    Parameters
    ----------
    quantised : Quantised

    Returns
    -------
    bytes
        UTF-8 CSV with columns ``cluster`` (1 to K, as on the page), ``hex``, ``red``,
        ``green``, ``blue``, ``pixels`` and ``share`` (a fraction of the clustered pixels).

    Examples
    --------
    >>> q = Quantised(np.zeros((1, 4), np.uint8), np.array([[255, 128, 0]], np.uint8),
    ...               np.array([4]))
    >>> print(palette_csv(q).decode(), end="")
    cluster,hex,red,green,blue,pixels,share
    1,#ff8000,255,128,0,4,1.000000
    """
    total = max(int(quantised.counts.sum()), 1)
    lines = ["cluster,hex,red,green,blue,pixels,share"]
    for number, (colour, count) in enumerate(
        zip(quantised.palette, quantised.counts, strict=True), 1
    ):
        red, green, blue = (int(value) for value in colour)
        lines.append(
            f"{number},#{red:02x}{green:02x}{blue:02x},{red},{green},{blue},"
            f"{int(count)},{count / total:.6f}"
        )
    return ("\n".join(lines) + "\n").encode()


class ColourRun(NamedTuple):
    """A k-means run on a picture's colours, cut down to what the page animates.

    Attributes
    ----------
    steps : tuple of Step
        Every step with ``labels`` of the drawn pixels and centroids in chart coordinates.
    centroids : tuple of ndarray of shape (n_clusters, 3)
        Every step's centroids in the colour space (for the palette and the recolouring).
    final : Step
        The last step as the engine gave it (labels of every fitted pixel).
    points : ndarray of shape (n_shown, 2)
        Chart coordinates of the drawn pixels.
    point_colours : ndarray of shape (n_shown, 3), uint8
    pictures : tuple of Quantised
        The small picture (:data:`PREVIEW_LONG_SIDE`) recoloured by every step's centroids.
    axis_titles : tuple of two str
    fitted : ndarray of shape (n_fitted, 3)
        The coordinates of the fitted pixels in the colour space (for the elbow).
    preview : Picture
        The small picture itself, as the animation shows it before any assignment.
    """

    steps: tuple
    centroids: tuple
    final: Step
    points: np.ndarray
    point_colours: np.ndarray
    pictures: tuple
    axis_titles: tuple[str, str]
    fitted: np.ndarray
    preview: Picture


def fit_colours(
    picture: Picture,
    n_clusters: int,
    space: str,
    *,
    init="k-means++",
    random_state: int = 0,
    max_iter: int = 300,
    tol: float = 1e-4,
    sample_size: int = FIT_SAMPLE,
    on_step: Callable[[Step], None] | None = None,
) -> ColourRun:
    """Run k-means on a seeded sample of the pixels, keeping what the animation draws.

    Parameters
    ----------
    picture : Picture
    n_clusters : int
        K, at most the number of distinct colours of the sample.
    space : {"lab", "rgb"}
    init : {"k-means++", "random"} or ndarray of shape (n_clusters, 3), default "k-means++"
    random_state : int, default 0
        Seeds the sample, the drawn pixels and the start, in that order.
    max_iter : int, default 300
    tol : float, default 1e-4
        scikit-learn's default: stop once the centroids move less than 1e-4 of the colours'
        variance. Colour clusters settle slowly, and the frames after that change no colour
        the eye can see.
    sample_size : int, default FIT_SAMPLE
    on_step : callable, optional
        Called with every step as it arrives (a progress bar).

    Returns
    -------
    ColourRun

    Raises
    ------
    DataError
        When K is more than the distinct colours of the fitted pixels.

    Examples
    --------
    >>> rgb = np.array([[[0, 0, 0], [0, 0, 0], [255, 255, 255]]], dtype=np.uint8)
    >>> run = fit_colours(Picture(rgb, None, "PNG"), 2, "rgb")
    >>> sorted(run.pictures[-1].palette.tolist())
    [[0, 0, 0], [255, 255, 255]]
    """
    n_clusters = check_int(n_clusters, "n_clusters", minimum=1)
    rng = np.random.default_rng(random_state)
    sample = pixel_sample(picture, sample_size, rng)
    X = colour_features(sample, space)
    _check_enough_colours(n_clusters, X)
    view = colour_view(X, space)
    rows = sample_rows(X.shape[0], SHOWN_PIXELS, rng)
    centroids = []

    def keep(step: Step) -> None:
        centroids.append(step.centroids)
        if on_step is not None:
            on_step(step)

    steps = kmeans_steps(X, n_clusters, init=init, random_state=rng, max_iter=max_iter, tol=tol)
    run = view_run(steps, rows, view, on_step=keep)
    preview = downscale(picture, PREVIEW_LONG_SIDE)
    pictures = _recoloured(preview, centroids, space)
    points = view.apply(X[rows])
    return ColourRun(
        run.steps,
        tuple(centroids),
        run.final,
        points,
        sample[rows],
        pictures,
        view.axis_titles,
        X,
        preview,
    )


def _check_enough_colours(n_clusters: int, X: np.ndarray) -> None:
    distinct = count_distinct_rows(X, at_least=n_clusters)
    if distinct < n_clusters:
        raise DataError(
            f"K = {n_clusters} is more than the {distinct} distinct colours of this picture: "
            f"choose K = {max(distinct, 1)} or less."
        )
