"""Pictures as data: a photo's pixels become points in colour space, centroids become a palette.

The steps follow what k-means does to a picture:

1. recognise the file by its first bytes (:func:`image_format`), whatever its name says;
2. decode it with Pillow into 8-bit RGB (:func:`pixels_from_image`), turning the picture the
   way its EXIF orientation says and saying every conversion made (CMYK, 16 bits, palette,
   greyscale, transparency, an animation's other frames);
3. take each pixel as a point: its RGB values, or its CIELAB coordinates (:func:`srgb_to_lab`),
   where a Euclidean distance is close to the difference the eye sees;
4. fit k-means on a seeded sample of the pixels (:func:`pixel_sample`, at most
   :data:`FIT_SAMPLE` of them), then assign every pixel to its nearest centroid
   (:func:`quantise`) and give back the picture in K colours (:func:`quantised_png`) and the
   palette (:func:`palette_csv`).

Every problem the user can fix raises :class:`~kmeans.errors.DataError` with one sentence to show
on the page. This module never imports streamlit.
"""

from __future__ import annotations

import io
import re
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np
from PIL import Image, ImageOps

from kmeans.engine import nearest_centroid
from kmeans.errors import DataError
from kmeans.projection import Projection, column_projection, pca_projection
from kmeans.sampling import sample_rows

__all__ = [
    "COLOUR_SPACES",
    "DISPLAY_LONG_SIDE",
    "FIT_SAMPLE",
    "SAMPLE_PHOTOS",
    "Picture",
    "Quantised",
    "SamplePhoto",
    "colour_features",
    "colour_view",
    "downscale",
    "image_format",
    "lab_to_srgb",
    "palette_colours",
    "palette_csv",
    "pixel_sample",
    "pixels_from_image",
    "quantise",
    "quantised_png",
    "read_sample_photo",
    "srgb_to_lab",
]

#: The colour spaces a pixel can be clustered in, with the sentence the page shows.
COLOUR_SPACES = {
    "lab": "CIELAB: L* is lightness, a* green to red, b* blue to yellow, and the straight "
    "distance between two colours is close to how different the eye finds them.",
    "rgb": "RGB: the red, green and blue values (0-255) the file stores; equal steps are not "
    "equally visible, so dark colours count as more different than the eye sees them.",
}

#: Pixels k-means is fitted on: a seeded sample without replacement when the picture has more.
#: A cluster's share of the picture is then known to within about 0.3 % (two standard errors of
#: a proportion at 100,000 draws), and every pixel is assigned to the fitted centroids after.
FIT_SAMPLE = 100_000

#: Long side, in pixels, of the picture as the page shows it.
DISPLAY_LONG_SIDE = 640

_DATASETS = Path(__file__).parent / "datasets"


class SamplePhoto(NamedTuple):
    """A bundled photo: its file in ``kmeans/datasets``, what it shows, its author and licence."""

    file: str
    title: str
    credit: str
    licence: str


#: The bundled photos (public domain or CC0, from scikit-image's data; see docs/IMAGES.md).
SAMPLE_PHOTOS = {
    "coffee": SamplePhoto(
        "coffee.jpg", "Coffee cup", "Rachel Michetti, courtesy of Pikolo Espresso Bar", "CC0"
    ),
    "chelsea": SamplePhoto("chelsea.jpg", "Chelsea the cat", "Stefan van der Walt", "CC0"),
    "astronaut": SamplePhoto("astronaut.jpg", "Astronaut Eileen Collins", "NASA", "public domain"),
}

# --------------------------------------------------------------------- reading


@dataclass(frozen=True, eq=False)
class Picture:
    """A decoded picture: its pixels in 8-bit sRGB and what was done to read it.

    Attributes
    ----------
    rgb : ndarray of shape (height, width, 3), uint8
        Upright (the EXIF orientation applied). Transparent pixels keep whatever colour the
        file stored for them.
    opaque : ndarray of shape (height, width), bool, or None
        The pixels that are clustered; None when all of them are (no transparent pixel).
    format : str
        The file format recognised from the content: ``"JPEG"``, ``"PNG"``, ...
    notes : tuple of str
        One sentence per thing done to read it (a conversion, pixels left out, a frame).

    Examples
    --------
    >>> picture = Picture(np.zeros((2, 3, 3), dtype=np.uint8), None, "PNG")
    >>> picture.width, picture.height, picture.n_pixels, picture.pixels.shape
    (3, 2, 6, (6, 3))
    """

    rgb: np.ndarray
    opaque: np.ndarray | None
    format: str
    notes: tuple[str, ...] = ()

    @property
    def height(self) -> int:
        return int(self.rgb.shape[0])

    @property
    def width(self) -> int:
        return int(self.rgb.shape[1])

    @property
    def n_pixels(self) -> int:
        """How many pixels are clustered (the opaque ones)."""
        if self.opaque is None:
            return self.height * self.width
        return int(np.count_nonzero(self.opaque))

    @property
    def pixels(self) -> np.ndarray:
        """The clustered pixels, row by row: ndarray of shape (n_pixels, 3), uint8."""
        if self.opaque is None:
            return self.rgb.reshape(-1, 3)
        return self.rgb[self.opaque]

    def describe(self) -> str:
        """One line for the page, e.g. ``"4000 × 3000 JPEG (12.0 megapixels)"``."""
        megapixels = self.width * self.height / 1e6
        return f"{self.width} × {self.height} {self.format} ({megapixels:.1f} megapixels)"


_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)
_BMP_HEADER_SIZES = (12, 40, 52, 56, 64, 108, 124)
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1")
_READABLE = "PNG, JPEG, WebP, BMP, TIFF, GIF or AVIF"
_REFUSED = {
    "SVG": "This is an SVG drawing (shapes, not pixels), which k-means cannot read as a "
    "picture: export it as PNG from your drawing program and upload the PNG.",
    "HEIC": "This is a HEIC photo (the iPhone's format), which this page cannot open: "
    "export it as JPEG (on the iPhone: Settings > Camera > Formats > Most Compatible) "
    "and upload the JPEG.",
}


def image_format(data: bytes) -> str | None:
    """The picture format that ``data`` starts like, whatever the file is called.

    Parameters
    ----------
    data : bytes
        The file, or at least its first 2 KB.

    Returns
    -------
    str or None
        ``"PNG"``, ``"JPEG"``, ``"GIF"``, ``"TIFF"``, ``"BMP"``, ``"WebP"``, ``"AVIF"``,
        ``"HEIC"`` or ``"SVG"``; None for anything else (a CSV goes to the table reader).

    Examples
    --------
    >>> image_format(b"\\x89PNG\\r\\n\\x1a\\n..."), image_format(b"x,y\\n1,2\\n")
    ('PNG', None)
    """
    head = bytes(data[:2048])
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    if head[4:8] == b"ftyp":
        brands = head[8:32]
        if b"avif" in brands or b"avis" in brands:
            return "AVIF"
        if head[8:12] in _HEIF_BRANDS:
            return "HEIC"
    if _looks_like_bmp(head):
        return "BMP"
    text = head.decode("latin-1").lstrip("\ufeff\xef\xbb\xbf \t\r\n").lower()
    if text.startswith("<svg") or (
        text.startswith(("<?xml", "<!--", "<!doctype")) and "<svg" in text
    ):
        return "SVG"
    return None


def _looks_like_bmp(head: bytes) -> bool:
    """``BM``, a reserved zero word, and a known header size: so a CSV on "BMI" is no BMP."""
    if len(head) < 18 or head[:2] != b"BM" or head[6:10] != bytes(4):
        return False
    return int.from_bytes(head[14:18], "little") in _BMP_HEADER_SIZES


def pixels_from_image(data: bytes) -> Picture:
    """Decode a picture file into its pixels, saying every conversion made.

    Parameters
    ----------
    data : bytes
        The whole file: PNG, JPEG, WebP, BMP, TIFF, GIF (first frame) or AVIF, recognised
        by content (:func:`image_format`).

    Returns
    -------
    Picture
        8-bit RGB, upright, with fully transparent pixels left out (``opaque``) and one note
        per conversion: CMYK, 16 bits per channel, a palette, greyscale, transparency, an
        EXIF orientation, an animation's other frames.

    Raises
    ------
    DataError
        Not a picture, an SVG or HEIC file, more pixels than Pillow's decompression-bomb
        limit (``PIL.Image.MAX_IMAGE_PIXELS``), a truncated or damaged file, or no visible
        pixel. One sentence saying what to do.

    Examples
    --------
    >>> buffer = io.BytesIO()
    >>> Image.new("L", (4, 2), 128).save(buffer, "PNG")
    >>> picture = pixels_from_image(buffer.getvalue())
    >>> picture.describe(), picture.pixels[0].tolist()
    ('4 × 2 PNG (0.0 megapixels)', [128, 128, 128])
    """
    kind = image_format(data)
    if kind is None:
        raise DataError(
            f"This file is not a picture this page can read ({_READABLE}): upload a photo "
            "in one of those formats, or a CSV file for a table."
        )
    if kind in _REFUSED:
        raise DataError(_REFUSED[kind])
    try:
        image = _open(data, kind)
        notes = _frame_notes(image, kind)
        # Read before the pixels are decoded: Pillow keeps only the top 8 bits of each value.
        sixteen = any(";16" in str(tile.args) for tile in image.tile)
        image, turned = _upright(image)
        rgb, alpha, converted = _to_rgb(image, sixteen)
    except (OSError, SyntaxError, EOFError, struct.error) as error:
        raise DataError(_damaged(kind)) from error
    except ValueError as error:
        if isinstance(error, DataError):
            raise
        raise DataError(_damaged(kind)) from error
    opaque, left_out = _opaque_pixels(alpha)
    notes += [note for note in (turned, converted, *left_out) if note]
    return Picture(rgb, opaque, kind, tuple(notes))


def _damaged(kind: str) -> str:
    return (
        f"This {kind} file is cut short or damaged, so its pixels cannot be read: upload the "
        "whole file again, or open it in an image editor and save a new copy."
    )


def _open(data: bytes, kind: str) -> Image.Image:
    """Open the file (header only) and refuse more pixels than Pillow's bomb limit."""
    limit = Image.MAX_IMAGE_PIXELS
    try:
        image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as error:
        found = re.search(r"\((\d+) pixels\)", str(error))
        raise DataError(_too_large(int(found.group(1)) if found else None, limit)) from None
    if limit is not None and image.width * image.height > limit:
        raise DataError(_too_large(image.width * image.height, limit, image.size))
    return image


def _too_large(n_pixels: int | None, limit: int, size: tuple[int, int] | None = None) -> str:
    """The decompression-bomb sentence: how large the picture is, and how large one may be."""
    if size is not None:
        what = f"{size[0]} × {size[1]} pixels ({n_pixels / 1e6:.0f} megapixels)"
    else:
        what = f"{n_pixels / 1e6:.0f} megapixels" if n_pixels else "too many pixels"
    return (
        f"This picture has {what}, more than the {limit / 1e6:.0f} megapixels this page opens "
        "(a guard against files that unpack into huge pictures): scale it down, for example "
        "to 4000 × 3000, and upload it again."
    )


def _frame_notes(image: Image.Image, kind: str) -> list[str]:
    if not getattr(image, "is_animated", False):
        return []
    return [f"This {kind} is animated: only its first frame is clustered."]


_ORIENTATIONS = {
    2: "mirrored left to right",
    3: "turned 180°",
    4: "mirrored top to bottom",
    5: "mirrored and turned 90° anticlockwise",
    6: "turned 90° clockwise",
    7: "mirrored and turned 90° clockwise",
    8: "turned 90° anticlockwise",
}


def _upright(image: Image.Image) -> tuple[Image.Image, str | None]:
    """Apply the EXIF orientation, as a photo viewer does."""
    orientation = image.getexif().get(0x0112)
    if orientation not in _ORIENTATIONS:
        return image, None
    note = (
        f"The camera stored this picture with EXIF orientation {orientation}; it was "
        f"{_ORIENTATIONS[orientation]} to stand as it was taken."
    )
    return ImageOps.exif_transpose(image), note


_GREY = (
    "The picture is greyscale: each pixel is clustered as a grey colour "
    "(equal red, green and blue)."
)
_SIXTEEN_BITS = (
    "The picture has 16 bits per channel; it was reduced to 8 bits (256 levels per channel), "
    "as a screen shows it."
)


def _to_rgb(image: Image.Image, sixteen: bool) -> tuple[np.ndarray, np.ndarray | None, str | None]:
    """8-bit RGB pixels, the alpha channel if any, and the sentence saying the conversion.

    Returns
    -------
    rgb : ndarray of shape (height, width, 3), uint8
    alpha : ndarray of shape (height, width), uint8, or None
    note : str or None
    """
    mode = image.mode
    if mode.startswith("I;16") or mode in ("I", "F"):
        grey, note = _wide_grey(image)
        return np.repeat(grey[..., None], 3, axis=2), None, note
    if mode in ("RGB", "RGBA"):
        note = _SIXTEEN_BITS if sixteen else None
    elif mode == "CMYK":
        note = (
            "The picture is in CMYK (printing inks); it was converted to RGB without its "
            "colour profile, so colours may differ slightly from a print preview."
        )
    elif mode in ("P", "PA"):
        note = (
            f"The picture stores a palette of {_count(len(image.getpalette() or ()) // 3)}; "
            "each pixel was given its palette colour in RGB."
        )
    elif mode in ("1", "L", "LA", "La"):
        note = _GREY
    else:
        note = f"The picture's colour mode {mode} was converted to RGB."
    has_alpha = mode in ("RGBA", "RGBa", "LA", "La", "PA") or "transparency" in image.info
    try:
        array = np.asarray(image.convert("RGBA" if has_alpha else "RGB"))
    except ValueError:
        raise DataError(
            f"This picture's colour mode ({mode}) cannot be converted to RGB here: open it in "
            "an image editor, save it as an RGB PNG or JPEG, and upload that."
        ) from None
    alpha = array[..., 3] if has_alpha else None
    return np.ascontiguousarray(array[..., :3]), alpha, note


def _count(n: int) -> str:
    return f"{n} colour" if n == 1 else f"{n} colours"


def _wide_grey(image: Image.Image) -> tuple[np.ndarray, str]:
    """16-bit grey to 8 bits (value / 257); 32-bit integers or floats scaled from their range."""
    values = np.asarray(image).astype(np.float64)
    if image.mode.startswith("I;16"):
        return np.rint(values / 257).astype(np.uint8), f"{_SIXTEEN_BITS} {_GREY}"
    values = np.nan_to_num(values)
    low, high = float(values.min()), float(values.max())
    scaled = (values - low) * (255 / (high - low)) if high > low else values * 0
    note = (
        f"The picture stores 32-bit {'numbers' if image.mode == 'F' else 'integers'} "
        f"per pixel; its values from {low:g} to {high:g} were scaled to 256 grey levels. "
        f"{_GREY}"
    )
    return np.rint(scaled).astype(np.uint8), note


def _opaque_pixels(alpha: np.ndarray | None) -> tuple[np.ndarray | None, list[str]]:
    """Leave fully transparent pixels out, and say how many were left out or kept."""
    if alpha is None or alpha.min() == 255:
        return None, []
    opaque = alpha > 0
    n_out = alpha.size - int(np.count_nonzero(opaque))
    if n_out == alpha.size:
        raise DataError(
            "Every pixel of this picture is fully transparent, so it has no colour to "
            "cluster: upload a picture with visible pixels."
        )
    notes = []
    if n_out:
        notes.append(
            f"{n_out:,} fully transparent pixels ({n_out / alpha.size:.1%} of the picture) "
            "are left out of the clustering and stay transparent in the download."
        )
    n_partly = int(np.count_nonzero(opaque & (alpha < 255)))
    if n_partly:
        notes.append(
            f"{n_partly:,} partly transparent pixels are clustered by their colour alone."
        )
    return (opaque if n_out else None), notes


# --------------------------------------------------------------------- CIELAB (D65, sRGB)

# sRGB primaries to CIE XYZ under D65 (IEC 61966-2-1, as tabulated by B. Lindbloom).
_XYZ_FROM_RGB = np.array(
    [
        [0.4124564, 0.3575761, 0.1804375],
        [0.2126729, 0.7151522, 0.0721750],
        [0.0193339, 0.1191920, 0.9503041],
    ]
)
_RGB_FROM_XYZ = np.linalg.inv(_XYZ_FROM_RGB)
_D65_WHITE = np.array([0.95047, 1.0, 1.08883])
# Row vectors of linear RGB times this give X/Xn, Y/Yn, Z/Zn.
_WHITE_RELATIVE_XYZ = _XYZ_FROM_RGB.T / _D65_WHITE
_DELTA = 6 / 29  # CIE 1976: the cube root below (DELTA ** 3), a straight line under it.


def _linear(rgb: np.ndarray) -> np.ndarray:
    """sRGB companding undone: values 0-255 to linear light 0-1."""
    c = rgb / 255.0
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _companded(linear: np.ndarray) -> np.ndarray:
    """Linear light 0-1 to sRGB values 0-255 (not clipped)."""
    c = np.where(linear <= 0.0031308, 12.92 * linear, 1.055 * np.abs(linear) ** (1 / 2.4) - 0.055)
    return c * 255.0


# What each 8-bit value of red, green or blue adds to X/Xn, Y/Yn and Z/Zn, shape (3, 256, 3):
# three look-ups and two sums per pixel instead of a power and a matrix product.
_WHITE_RELATIVE_OF_BYTE = _linear(np.arange(256.0))[None, :, None] * _WHITE_RELATIVE_XYZ[:, None]


def _white_relative_xyz(rgb: np.ndarray) -> np.ndarray:
    """X/Xn, Y/Yn, Z/Zn of sRGB values 0-255, shape (..., 3)."""
    if rgb.dtype == np.uint8:
        red, green, blue = (
            np.take(table, rgb[..., i], axis=0) for i, table in enumerate(_WHITE_RELATIVE_OF_BYTE)
        )
        red += green
        red += blue
        return red
    linear = _linear(rgb.astype(np.float64))
    # Sums of products: numpy's matrix product is slow on millions of rows of 3.
    matrix = _WHITE_RELATIVE_XYZ
    return sum(linear[..., i, None] * matrix[i] for i in range(3))


def srgb_to_lab(rgb) -> np.ndarray:
    """CIELAB coordinates (D65 white) of sRGB colours.

    Parameters
    ----------
    rgb : array-like of shape (..., 3)
        Red, green and blue from 0 to 255; ``uint8`` is converted by table look-up.

    Returns
    -------
    ndarray of shape (..., 3), float64
        L* (0 black to 100 white), a* (green - to red +), b* (blue - to yellow +).

    Examples
    --------
    >>> (srgb_to_lab([[255, 255, 255], [255, 0, 0]]).round(2) + 0.0).tolist()
    [[100.0, 0.0, 0.0], [53.24, 80.09, 67.2]]
    """
    t = _white_relative_xyz(np.asarray(rgb))
    f = np.cbrt(t)
    dark = t <= _DELTA**3
    f[dark] = t[dark] / (3 * _DELTA**2) + 4 / 29
    lab = np.empty_like(f)
    lab[..., 0] = 116 * f[..., 1] - 16
    lab[..., 1] = 500 * (f[..., 0] - f[..., 1])
    lab[..., 2] = 200 * (f[..., 1] - f[..., 2])
    return lab


def lab_to_srgb(lab) -> np.ndarray:
    """sRGB values (0-255, not clipped) of CIELAB colours, the inverse of :func:`srgb_to_lab`.

    Parameters
    ----------
    lab : array-like of shape (..., 3)

    Returns
    -------
    ndarray of shape (..., 3), float64
        Colours outside the sRGB gamut fall below 0 or above 255; :func:`palette_colours`
        clips them.

    Examples
    --------
    >>> (lab_to_srgb([[53.2408, 80.0925, 67.2032]]).round() + 0.0).tolist()
    [[255.0, 0.0, 0.0]]
    """
    lab = np.asarray(lab, dtype=np.float64)
    fy = (lab[..., 0] + 16) / 116
    f = np.stack([fy + lab[..., 1] / 500, fy, fy - lab[..., 2] / 200], axis=-1)
    t = np.where(f > _DELTA, f**3, 3 * _DELTA**2 * (f - 4 / 29))
    xyz = t * _D65_WHITE
    return _companded(sum(xyz[..., i, None] * _RGB_FROM_XYZ[:, i] for i in range(3)))


def colour_features(rgb: np.ndarray, space: str) -> np.ndarray:
    """The coordinates k-means clusters: RGB values as numbers, or CIELAB.

    Parameters
    ----------
    rgb : ndarray of shape (n_pixels, 3), uint8
    space : {"lab", "rgb"}

    Returns
    -------
    ndarray of shape (n_pixels, 3), float64

    Examples
    --------
    >>> colour_features(np.array([[0, 0, 0]], dtype=np.uint8), "rgb").tolist()
    [[0.0, 0.0, 0.0]]
    """
    _check_space(space)
    return srgb_to_lab(rgb) if space == "lab" else rgb.astype(np.float64)


def colour_view(features: np.ndarray, space: str) -> Projection:
    """The 2-D view of colour space the chart draws.

    Parameters
    ----------
    features : ndarray of shape (n_pixels, 3)
        The clustered coordinates (:func:`colour_features`), for the RGB principal components.
    space : {"lab", "rgb"}

    Returns
    -------
    Projection
        CIELAB: a* across and b* up, the colour wheel seen from above (lightness L* is the
        axis not drawn). RGB: the two principal components of the pixels' colours.

    Examples
    --------
    >>> colour_view(np.zeros((3, 3)), "lab").axis_titles
    ('a* (green − to red +)', 'b* (blue − to yellow +)')
    """
    _check_space(space)
    if space == "lab":
        view = column_projection(("L*", "a*", "b*"), 1, 2)
        return view._replace(axis_titles=("a* (green − to red +)", "b* (blue − to yellow +)"))
    return pca_projection(features, ("red", "green", "blue"))


def palette_colours(centroids, space: str) -> np.ndarray:
    """The displayable colour of each centroid.

    Parameters
    ----------
    centroids : array-like of shape (n_clusters, 3)
        In the colour space the run used.
    space : {"lab", "rgb"}

    Returns
    -------
    ndarray of shape (n_clusters, 3), uint8
        Rounded and clipped to 0-255 (a CIELAB centroid can fall just outside sRGB).

    Examples
    --------
    >>> palette_colours([[53.2408, 80.0925, 67.2032]], "lab").tolist()
    [[255, 0, 0]]
    """
    _check_space(space)
    centroids = np.asarray(centroids, dtype=np.float64)
    rgb = lab_to_srgb(centroids) if space == "lab" else centroids
    return np.clip(np.rint(rgb), 0, 255).astype(np.uint8)


def _check_space(space: str) -> None:
    if space not in COLOUR_SPACES:
        raise ValueError(
            f"space must be one of {sorted(COLOUR_SPACES)}, got {space!r}: choose 'lab' or 'rgb'."
        )


# --------------------------------------------------------------------- sampling and display


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


def downscale(picture: Picture, long_side: int = DISPLAY_LONG_SIDE) -> Picture:
    """The picture shrunk so that its long side is at most ``long_side`` pixels.

    Parameters
    ----------
    picture : Picture
    long_side : int, default DISPLAY_LONG_SIDE

    Returns
    -------
    Picture
        The same picture when it is small enough already. Colours are averaged (Lanczos
        filter, transparency weighted), and a pixel is left out when it is mostly transparent.

    Examples
    --------
    >>> big = Picture(np.zeros((1000, 2000, 3), dtype=np.uint8), None, "PNG")
    >>> small = downscale(big, 640)
    >>> small.width, small.height
    (640, 320)
    """
    scale = long_side / max(picture.width, picture.height)
    if scale >= 1:
        return picture
    size = (max(1, round(picture.width * scale)), max(1, round(picture.height * scale)))
    if picture.opaque is None:
        image = Image.fromarray(picture.rgb)
    else:
        alpha = picture.opaque.astype(np.uint8) * 255
        image = Image.fromarray(np.dstack([picture.rgb, alpha]))
    small = np.asarray(image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0))
    opaque = None if picture.opaque is None else small[..., 3] >= 128
    return Picture(np.ascontiguousarray(small[..., :3]), opaque, picture.format, picture.notes)


# --------------------------------------------------------------------- quantising


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
    labels = np.empty(flat.shape[0], dtype=np.uint8)
    for start in range(0, flat.shape[0], _BLOCK):
        block = colour_features(flat[start : start + _BLOCK], space)
        labels[start : start + _BLOCK] = nearest_centroid(block, centroids)
    if picture.opaque is not None:
        labels[~picture.opaque.ravel()] = k
    counts = np.bincount(labels, minlength=k + 1)[:k].astype(np.int64)
    shape = (picture.height, picture.width)
    return Quantised(labels.reshape(shape), palette_colours(centroids, space), counts)


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


def read_sample_photo(name: str) -> bytes:
    """The bytes of a bundled photo, to read with :func:`pixels_from_image` like an upload.

    Parameters
    ----------
    name : str
        A key of :data:`SAMPLE_PHOTOS`.

    Returns
    -------
    bytes

    Examples
    --------
    >>> image_format(read_sample_photo("coffee"))
    'JPEG'
    """
    if name not in SAMPLE_PHOTOS:
        raise ValueError(
            f"name must be one of {sorted(SAMPLE_PHOTOS)}, got {name!r}: pick a bundled photo."
        )
    return (_DATASETS / SAMPLE_PHOTOS[name].file).read_bytes()
