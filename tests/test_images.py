"""Tests of kmeans/images.py: recognising, decoding, converting pictures; each bad one's sentence.

Every fixture picture is made here, in memory, a few pixels large: its exact bytes are in the
helpers below (a bomb is a PNG header that claims a huge size, a 16-bit PNG is written chunk
by chunk because Pillow does not write 48-bit PNGs).
"""

import io
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from kmeans.errors import DataError
from kmeans.images import (
    SAMPLE_PHOTOS,
    Picture,
    downscale,
    image_format,
    picture_file,
    pixels_from_image,
    read_sample_photo,
)


def _save(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def _png_chunks(width: int, height: int, bit_depth: int, colour_type: int, raw: bytes) -> bytes:
    """A PNG written by hand: signature, IHDR, one IDAT of ``raw`` scanlines, IEND."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    header = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _grey_rgb(size=(6, 4)) -> Image.Image:
    rgb = np.zeros((size[1], size[0], 3), np.uint8)
    rgb[:, : size[0] // 2] = [250, 20, 20]
    rgb[:, size[0] // 2 :] = [20, 20, 250]
    return Image.fromarray(rgb)


@pytest.mark.parametrize(
    ("fmt", "name", "options"),
    [
        ("PNG", "PNG", {}),
        ("JPEG", "JPEG", {"quality": 95}),
        ("GIF", "GIF", {}),
        ("BMP", "BMP", {}),
        ("TIFF", "TIFF", {}),
        ("TIFF", "TIFF", {"compression": "tiff_lzw"}),
        ("WEBP", "WebP", {"lossless": True}),
        ("AVIF", "AVIF", {"quality": 100}),
    ],
)
def test_each_format_is_recognised_by_content_and_read(fmt, name, options):
    data = _save(_grey_rgb((16, 8)), fmt, **options)
    assert image_format(data) == name
    picture = pixels_from_image(data)
    assert (picture.width, picture.height, picture.format) == (16, 8, name)
    assert np.abs(picture.rgb[4, 2].astype(int) - [250, 20, 20]).max() <= 25
    assert np.abs(picture.rgb[4, 13].astype(int) - [20, 20, 250]).max() <= 25


@pytest.mark.parametrize(
    "data",
    [b"x,y\n1,2\n3,4\n", b"BMI,height\n22.5,180\n", b"BM\n1,2\n", b"\xef\xbb\xbfx;y\n1;2\n", b""],
)
def test_a_table_is_not_taken_for_a_picture(data):
    assert image_format(data) is None


@pytest.mark.parametrize(
    "data",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
        b'<?xml version="1.0" encoding="UTF-8"?>\n<!-- drawn -->\n<svg width="1"></svg>',
        b'\xef\xbb\xbf  <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN">\n<svg></svg>',
    ],
)
def test_an_svg_is_refused_with_a_sentence(data):
    assert image_format(data) == "SVG"
    with pytest.raises(DataError, match=r"^This is an SVG drawing .*upload the PNG\.$"):
        pixels_from_image(data)


def test_a_heic_photo_is_refused_with_a_sentence():
    data = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(40)
    with pytest.raises(DataError, match=r"^This is a HEIC photo .*upload the JPEG\.$"):
        pixels_from_image(data)


def test_a_file_that_is_no_picture_is_refused_with_a_sentence():
    with pytest.raises(DataError, match=r"^This file is not a picture this page can read"):
        pixels_from_image(b"x,y\n1,2\n")


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize(("width", "height"), [(10_000, 10_000), (20_000, 20_000)])
def test_a_decompression_bomb_is_refused_saying_how_large_a_picture_may_be(width, height):
    # Only the header: 100 and 400 megapixels claimed, against Pillow's limit of about 89.
    header_only = _png_chunks(width, height, 8, 2, b"")
    megapixels = width * height // 1_000_000
    with pytest.raises(
        DataError,
        match=rf"^This picture has .*{megapixels} megapixels.*more than the 89 megapixels "
        r"this page opens .*scale it down",
    ):
        pixels_from_image(header_only)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
@pytest.mark.parametrize("keep", [0.5, 0.1])
def test_a_truncated_file_is_refused_with_a_sentence(fmt, keep):
    rng = np.random.default_rng(0)
    data = _save(Image.fromarray(rng.integers(0, 256, (64, 64, 3), dtype=np.uint8)), fmt)
    with pytest.raises(DataError, match=rf"^This {fmt} file is cut short or damaged"):
        pixels_from_image(data[: int(len(data) * keep)])


@pytest.mark.parametrize("fmt", ["JPEG", "TIFF"])
def test_cmyk_is_converted_and_said(fmt):
    picture = pixels_from_image(_save(Image.new("CMYK", (4, 4), (0, 255, 255, 0)), fmt))
    assert picture.rgb[0, 0].tolist() == [255, 0, 0]
    assert picture.notes == (
        "The picture is in CMYK (printing inks); it was converted to RGB without its colour "
        "profile, so colours may differ slightly from a print preview.",
    )


def test_a_16_bit_rgb_png_keeps_the_top_8_bits_and_says_so():
    values = np.array([[[0x1234, 0xFF00, 0x00FF], [0x8000, 0x7FFF, 0xFFFF]]], ">u2")
    picture = pixels_from_image(_png_chunks(2, 1, 16, 2, b"\x00" + values.tobytes()))
    assert picture.rgb.tolist() == [[[0x12, 0xFF, 0x00], [0x80, 0x7F, 0xFF]]]
    assert picture.notes == (
        "The picture has 16 bits per channel; it was reduced to 8 bits (256 levels per "
        "channel), as a screen shows it.",
    )


def test_a_16_bit_grey_png_is_scaled_to_8_bits_and_both_are_said():
    grey = np.array([[0, 257, 32896, 65535]], np.uint16)
    picture = pixels_from_image(_save(Image.fromarray(grey), "PNG"))
    assert picture.rgb[0].tolist() == [[0] * 3, [1] * 3, [128] * 3, [255] * 3]
    assert picture.notes[0].startswith("The picture has 16 bits per channel")
    assert picture.notes[0].endswith("(equal red, green and blue).")


def test_a_float_tiff_is_scaled_from_its_range_and_said():
    values = np.array([[-1.0, 0.0, 1.0]], np.float32)
    picture = pixels_from_image(_save(Image.fromarray(values), "TIFF"))
    assert picture.rgb[0, :, 0].tolist() == [0, 128, 255]
    assert "its values from -1 to 1 were scaled to 256 grey levels" in picture.notes[0]


def test_a_palette_picture_is_converted_and_said():
    image = Image.new("P", (3, 1))
    image.putpalette([255, 0, 0, 0, 255, 0, 0, 0, 255])
    image.putdata([0, 1, 2])
    picture = pixels_from_image(_save(image, "PNG"))
    assert picture.rgb[0].tolist() == [[255, 0, 0], [0, 255, 0], [0, 0, 255]]
    assert picture.notes == (
        "The picture stores a palette of 3 colours; each pixel was given its palette colour "
        "in RGB.",
    )


@pytest.mark.parametrize("mode", ["L", "1", "LA"])
def test_a_greyscale_picture_is_converted_and_said(mode):
    white = (255, 255) if mode == "LA" else 255
    picture = pixels_from_image(_save(Image.new(mode, (2, 2), white), "PNG"))
    assert picture.rgb[0, 0].tolist() == [255, 255, 255]
    assert picture.notes == (
        "The picture is greyscale: each pixel is clustered as a grey colour (equal red, "
        "green and blue).",
    )


def test_transparent_pixels_are_left_out_and_counted():
    rgba = np.zeros((4, 5, 4), np.uint8)
    rgba[..., :3] = [10, 200, 30]
    rgba[:2, :, 3] = 255
    rgba[2, :, 3] = 100
    picture = pixels_from_image(_save(Image.fromarray(rgba), "PNG"))
    assert picture.n_pixels == 15
    assert picture.pixels.shape == (15, 3)
    assert picture.opaque[:3].all() and not picture.opaque[3].any()
    assert picture.notes == (
        "5 fully transparent pixels (25.0% of the picture) are left out of the clustering "
        "and stay transparent in the download.",
        "5 partly transparent pixels are clustered by their colour alone.",
    )


def test_a_palette_gif_with_a_transparent_colour_leaves_those_pixels_out():
    image = Image.new("P", (4, 1))
    image.putpalette([255, 0, 0, 0, 0, 0])
    image.putdata([0, 0, 0, 1])
    picture = pixels_from_image(_save(image, "GIF", transparency=1))
    assert picture.n_pixels == 3
    assert any(note.startswith("1 fully transparent pixels") for note in picture.notes)


def test_a_fully_transparent_picture_is_refused_with_a_sentence():
    with pytest.raises(DataError, match=r"^Every pixel of this picture is fully transparent"):
        pixels_from_image(_save(Image.new("RGBA", (3, 3), (9, 9, 9, 0)), "PNG"))


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_the_exif_orientation_is_applied_and_said(fmt):
    stored = _grey_rgb((16, 8))  # red on the left, blue on the right, as the sensor saw it
    exif = Image.Exif()
    exif[0x0112] = 6  # "turn 90 degrees clockwise to view"
    options = {"quality": 95} if fmt == "JPEG" else {}
    picture = pixels_from_image(_save(stored, fmt, exif=exif, **options))
    assert (picture.width, picture.height) == (8, 16)
    assert picture.rgb[2, 4].argmax() == 0  # the stored left (red) is now on top
    assert picture.rgb[13, 4].argmax() == 2
    assert picture.notes == (
        "The camera stored this picture with EXIF orientation 6; it was turned 90° clockwise "
        "to stand as it was taken.",
    )


def _halves_jpeg(size: tuple[int, int], **options) -> bytes:
    """A JPEG as large as ``size``: red on the left half, blue on the right."""
    return _save(_grey_rgb(size), "JPEG", quality=95, **options)


@pytest.mark.parametrize(
    ("size", "draft", "decoded"),
    [
        ((4000, 3000), 640, (1000, 750)),  # 1/4: 1/8 would leave 500 on the long side
        ((6000, 4000), 640, (750, 500)),  # 1/8
        ((1500, 1000), 640, (750, 500)),  # 1/2
        ((1200, 900), 640, (1200, 900)),  # half of it would be under 640: decoded whole
    ],
)
def test_a_large_jpeg_is_drafted_to_the_smallest_scale_that_keeps_the_long_side(
    size, draft, decoded
):
    quick = pixels_from_image(_halves_jpeg(size), draft=draft)
    assert (quick.width, quick.height) == decoded
    assert quick.is_draft == (decoded != size)
    assert quick.describe().startswith(f"{size[0]} × {size[1]} JPEG")
    assert quick.file_pixels == size[0] * size[1]
    # The same colours as the whole decode, in the same places.
    left, right = quick.rgb[decoded[1] // 2, [10, -10]]
    assert left.argmax() == 0 and right.argmax() == 2


def test_a_drafted_jpeg_keeps_its_exif_turn_and_its_size_upright():
    exif = Image.Exif()
    exif[0x0112] = 6  # a quarter turn: width and height swap
    quick = pixels_from_image(_halves_jpeg((2000, 1000), exif=exif), draft=400)
    assert (quick.width, quick.height) == (250, 500)
    assert quick.file_size == (1000, 2000)
    assert quick.rgb[20, 125].argmax() == 0, "the stored left (red) is now on top"
    assert "EXIF orientation 6" in quick.notes[0]


def test_only_a_jpeg_is_drafted():
    png = _save(_grey_rgb((2000, 1000)), "PNG")
    whole = pixels_from_image(png, draft=400)
    assert (whole.width, whole.height) == (2000, 1000) and not whole.is_draft
    assert whole.file_pixels == whole.n_pixels == 2_000_000


def test_an_animated_gif_gives_its_first_frame_and_says_so():
    frames = [Image.new("RGB", (4, 4), colour) for colour in ((255, 0, 0), (0, 0, 255))]
    data = _save(frames[0], "GIF", save_all=True, append_images=frames[1:])
    picture = pixels_from_image(data)
    assert picture.rgb[0, 0].tolist() == [255, 0, 0]
    assert picture.notes[0] == "This GIF is animated: only its first frame is clustered."


def test_downscale_keeps_the_aspect_and_the_transparency():
    rgb = np.full((300, 1200, 3), 90, np.uint8)
    opaque = np.ones((300, 1200), bool)
    opaque[:, :600] = False
    small = downscale(Picture(rgb, opaque, "PNG"), 640)
    assert (small.width, small.height) == (640, 160)
    assert not small.opaque[:, :300].any() and small.opaque[:, 340:].all()
    assert small.rgb[80, 600].tolist() == [90, 90, 90]
    tiny = Picture(rgb[:10, :10], None, "PNG")
    assert downscale(tiny, 640) is tiny


@pytest.mark.parametrize("name", sorted(SAMPLE_PHOTOS))
def test_each_bundled_photo_is_a_small_jpeg_with_its_licence_recorded(name):
    data = read_sample_photo(name)
    picture = pixels_from_image(data)
    assert picture.format == "JPEG" and max(picture.width, picture.height) <= 640
    assert len(data) < 100_000
    licences = (Path(__file__).parents[1] / "docs" / "IMAGES.md").read_text(encoding="utf-8")
    assert SAMPLE_PHOTOS[name].file in licences
    assert SAMPLE_PHOTOS[name].licence in licences


def test_an_unknown_photo_name_lists_the_bundled_ones():
    with pytest.raises(ValueError, match=r"name must be one of \['astronaut', 'chelsea'"):
        read_sample_photo("mona-lisa")


def test_a_picture_goes_to_the_browser_as_jpeg_or_as_png_when_it_has_transparency():
    rgb = np.full((2, 2, 3), 90, np.uint8)
    assert picture_file(Picture(rgb, None, "PNG"))[0] == "image/jpeg"
    mime, data = picture_file(Picture(rgb, np.array([[True, False], [True, True]]), "PNG"))
    assert mime == "image/png"
    assert np.asarray(Image.open(io.BytesIO(data)))[0, 1, 3] == 0
