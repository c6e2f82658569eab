"""Pictures as data: an uploaded photo becomes 8-bit RGB pixels, with every conversion said.

1. recognise the file by its first bytes (:func:`image_format`), whatever its name says;
2. decode it with Pillow (:func:`pixels_from_image`), turning the picture the way its EXIF
   orientation says and saying every conversion made (CMYK, 16 bits, palette, greyscale,
   transparency, an animation's other frames);
3. shrink it for the screen (:func:`downscale`).

Colour spaces are in :mod:`kmeans.colour`, fitting and quantising in :mod:`kmeans.quantising`.
Every problem the user can fix raises :class:`~kmeans.errors.DataError` with one sentence to
show on the page. This module never imports streamlit.
"""

from __future__ import annotations

import io
import math
import re
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np
from PIL import Image, ImageOps, JpegImagePlugin

from kmeans.errors import DataError

__all__ = [
    "DISPLAY_LONG_SIDE",
    "SAMPLE_PHOTOS",
    "Picture",
    "SamplePhoto",
    "downscale",
    "image_format",
    "picture_file",
    "pixels_from_image",
    "read_sample_photo",
]

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
    file_size : tuple of two int, or None
        ``(width, height)`` of the picture in the file, upright, when ``rgb`` is a smaller
        decode of it (a JPEG's draft, see :func:`pixels_from_image`); None when ``rgb`` holds
        every pixel of the file.

    Examples
    --------
    >>> picture = Picture(np.zeros((2, 3, 3), dtype=np.uint8), None, "PNG")
    >>> picture.width, picture.height, picture.n_pixels, picture.pixels.shape
    (3, 2, 6, (6, 3))
    >>> Picture(np.zeros((3, 4, 3), np.uint8), None, "JPEG", file_size=(40, 30)).describe()
    '40 × 30 JPEG (0.0 megapixels)'
    """

    rgb: np.ndarray
    opaque: np.ndarray | None
    format: str
    notes: tuple[str, ...] = ()
    file_size: tuple[int, int] | None = None

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

    @property
    def is_draft(self) -> bool:
        """Whether ``rgb`` is a smaller decode of the file than its every pixel."""
        return self.file_size is not None

    @property
    def file_pixels(self) -> int:
        """How many pixels of the file are clustered: :attr:`n_pixels` of its whole decode (a
        draft is only made of a JPEG, which has no transparency)."""
        if self.file_size is None:
            return self.n_pixels
        return self.file_size[0] * self.file_size[1]

    def describe(self) -> str:
        """One line for the page, e.g. ``"4000 × 3000 JPEG (12.0 megapixels)"``: the file's
        size, also of a draft."""
        width, height = self.file_size or (self.width, self.height)
        megapixels = width * height / 1e6
        return f"{width} × {height} {self.format} ({megapixels:.1f} megapixels)"


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


def pixels_from_image(data: bytes, *, draft: int | None = None) -> Picture:
    """Decode a picture file into its pixels, saying every conversion made.

    Parameters
    ----------
    data : bytes
        The whole file: PNG, JPEG, WebP, BMP, TIFF, GIF (first frame) or AVIF, recognised
        by content (:func:`image_format`).
    draft : int, optional
        Enough for a picture of this many pixels on its long side: a JPEG at least twice as
        large is then decoded at 1/2, 1/4 or 1/8 of its size, the smallest that still has
        ``draft`` pixels on its long side (Pillow's draft mode: the JPEG decoder averages
        blocks of 2 × 2 to 8 × 8 pixels from their DCT coefficients, 5 to 10 times as fast
        as the whole decode). The result's ``file_size`` says the file's size. Other formats,
        and smaller JPEGs, are decoded whole.

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
    >>> buffer = io.BytesIO()
    >>> Image.new("RGB", (4000, 3000), (200, 30, 30)).save(buffer, "JPEG")
    >>> quick = pixels_from_image(buffer.getvalue(), draft=640)
    >>> quick.width, quick.height, quick.describe()
    (1000, 750, '4000 × 3000 JPEG (12.0 megapixels)')
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
        file_size = _draft(image, draft)
        image, turned, swapped = _upright(image)
        rgb, alpha, converted = _to_rgb(image, sixteen)
    except (OSError, SyntaxError, EOFError, struct.error) as error:
        raise DataError(_damaged(kind)) from error
    except ValueError as error:
        if isinstance(error, DataError):
            raise
        raise DataError(_damaged(kind)) from error
    opaque, left_out = _opaque_pixels(alpha)
    notes += [note for note in (turned, converted, *left_out) if note]
    if file_size is not None and swapped:
        file_size = file_size[::-1]
    return Picture(rgb, opaque, kind, tuple(notes), file_size)


def _draft(image: Image.Image, long_side: int | None) -> tuple[int, int] | None:
    """Let a JPEG decode at the smallest of 1/2, 1/4 or 1/8 of its size that keeps
    ``long_side`` pixels on its long side; return its full size then, else None."""
    full = image.size
    jpeg = isinstance(image, JpegImagePlugin.JpegImageFile)  # an MPO (many phones) is one too
    if long_side is None or not jpeg or 2 * long_side > max(full):
        return None
    factor = long_side / max(full)
    image.draft(None, (math.ceil(full[0] * factor), math.ceil(full[1] * factor)))
    return full if image.size != full else None


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


def _upright(image: Image.Image) -> tuple[Image.Image, str | None, bool]:
    """Apply the EXIF orientation, as a photo viewer does; say so, and whether the width and
    height were swapped (a quarter turn)."""
    orientation = image.getexif().get(0x0112)
    if orientation not in _ORIENTATIONS:
        return image, None, False
    note = (
        f"The camera stored this picture with EXIF orientation {orientation}; it was "
        f"{_ORIENTATIONS[orientation]} to stand as it was taken."
    )
    return ImageOps.exif_transpose(image), note, orientation >= 5


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


# --------------------------------------------------------------------- display


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


def picture_file(picture: Picture) -> tuple[str, bytes]:
    """The picture as a small file for the browser: JPEG, or PNG when it has transparency.

    Returns
    -------
    mime : str
        ``"image/jpeg"`` or ``"image/png"``.
    data : bytes

    Examples
    --------
    >>> mime, data = picture_file(Picture(np.full((1, 2, 3), 7, np.uint8), None, "PNG"))
    >>> mime, Image.open(io.BytesIO(data)).size
    ('image/jpeg', (2, 1))
    """
    buffer = io.BytesIO()
    if picture.opaque is None:
        Image.fromarray(picture.rgb).save(buffer, "JPEG", quality=85)
        return "image/jpeg", buffer.getvalue()
    alpha = picture.opaque * np.uint8(255)
    Image.fromarray(np.dstack([picture.rgb, alpha])).save(buffer, "PNG")
    return "image/png", buffer.getvalue()


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
