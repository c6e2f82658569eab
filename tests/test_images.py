"""Tests of kmeans/images.py: pictures in, pixels, CIELAB, the quantised picture and palette out.

Every fixture picture is made here, in memory, a few pixels large: its exact bytes are in the
helpers below (a bomb is a PNG header that claims a huge size, a 16-bit PNG is written chunk
by chunk because Pillow does not write 48-bit PNGs).
"""

import io
import struct
import zlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from PIL import Image

from kmeans import kmeans_steps
from kmeans.errors import DataError
from kmeans.images import (
    COLOUR_SPACES,
    FIT_SAMPLE,
    SAMPLE_PHOTOS,
    Picture,
    Quantised,
    colour_features,
    colour_view,
    downscale,
    image_format,
    lab_to_srgb,
    palette_colours,
    palette_csv,
    pixel_sample,
    pixels_from_image,
    quantise,
    quantised_png,
    read_sample_photo,
    srgb_to_lab,
)

FOUR_COLOURS = np.array([[230, 25, 75], [60, 180, 75], [255, 225, 25], [0, 130, 200]], np.uint8)


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


def _four_colour_picture() -> np.ndarray:
    """40 x 40 pixels: four blocks of different sizes, one colour each."""
    rgb = np.empty((40, 40, 3), np.uint8)
    rgb[:10], rgb[10:20], rgb[20:35], rgb[35:] = FOUR_COLOURS
    return rgb


def _fit(picture: Picture, k: int, space: str) -> np.ndarray:
    X = colour_features(pixel_sample(picture, seed=np.random.default_rng(0)), space)
    *_, last = kmeans_steps(X, k, random_state=np.random.default_rng(1))
    return last.centroids


# ---------------------------------------------------------------------- the 4-colour picture


@pytest.mark.parametrize("space", sorted(COLOUR_SPACES))
def test_four_colour_picture_is_quantised_back_to_exactly_its_four_colours(space):
    picture = pixels_from_image(_save(Image.fromarray(_four_colour_picture()), "PNG"))
    result = quantise(picture, _fit(picture, 4, space), space)
    assert sorted(map(tuple, result.palette.tolist())) == sorted(map(tuple, FOUR_COLOURS.tolist()))
    recoloured = result.palette[result.labels]
    np.testing.assert_array_equal(recoloured, _four_colour_picture())
    assert sorted(result.counts.tolist()) == [200, 400, 400, 600]
    assert picture.notes == ()


def test_quantised_png_and_palette_csv_give_back_the_four_colours_and_their_shares():
    picture = Picture(_four_colour_picture(), None, "PNG")
    result = quantise(picture, FOUR_COLOURS, "rgb")
    png = Image.open(io.BytesIO(quantised_png(result)))
    assert (png.mode, png.size) == ("P", (40, 40))
    np.testing.assert_array_equal(np.asarray(png.convert("RGB")), _four_colour_picture())
    assert palette_csv(result).decode().splitlines() == [
        "cluster,hex,red,green,blue,pixels,share",
        "1,#e6194b,230,25,75,400,0.250000",
        "2,#3cb44b,60,180,75,400,0.250000",
        "3,#ffe119,255,225,25,600,0.375000",
        "4,#0082c8,0,130,200,200,0.125000",
    ]


def test_transparent_pixels_stay_transparent_in_the_png_and_out_of_the_shares():
    rgba = np.zeros((2, 3, 4), np.uint8)
    rgba[..., :3] = [200, 10, 10]
    rgba[0, :, 3] = 255  # the top row is visible, the bottom row transparent
    picture = pixels_from_image(_save(Image.fromarray(rgba), "PNG"))
    result = quantise(picture, [[200, 10, 10]], "rgb")
    assert result.labels.tolist() == [[0, 0, 0], [1, 1, 1]]
    assert result.counts.tolist() == [3]
    png = np.asarray(Image.open(io.BytesIO(quantised_png(result))).convert("RGBA"))
    assert png[0, 0].tolist() == [200, 10, 10, 255]
    assert png[1, 0, 3] == 0
    assert palette_csv(result).decode().splitlines()[1] == "1,#c80a0a,200,10,10,3,1.000000"


def test_quantise_assigns_every_pixel_in_blocks_as_one_pass_would(monkeypatch):
    rng = np.random.default_rng(3)
    picture = Picture(rng.integers(0, 256, (37, 41, 3), dtype=np.uint8), None, "PNG")
    centroids = srgb_to_lab(rng.integers(0, 256, (5, 3), dtype=np.uint8))
    whole = quantise(picture, centroids, "lab")
    monkeypatch.setattr("kmeans.images._BLOCK", 100)
    in_blocks = quantise(picture, centroids, "lab")
    np.testing.assert_array_equal(whole.labels, in_blocks.labels)
    distances = ((colour_features(picture.pixels, "lab")[:, None] - centroids) ** 2).sum(axis=2)
    np.testing.assert_array_equal(whole.labels.ravel(), distances.argmin(axis=1))
    assert whole.counts.sum() == 37 * 41


@pytest.mark.parametrize(
    ("centroids", "match"),
    [
        (np.zeros((2, 2)), r"shape \(n_clusters, 3\)"),
        (np.zeros((0, 3)), r"1 to 255 clusters"),
        (np.zeros((256, 3)), r"1 to 255 clusters"),
    ],
)
def test_quantise_refuses_centroids_that_are_not_colours(centroids, match):
    with pytest.raises(ValueError, match=match):
        quantise(Picture(_four_colour_picture(), None, "PNG"), centroids, "rgb")


def test_an_unknown_colour_space_is_named_with_the_valid_ones():
    with pytest.raises(ValueError, match=r"space must be one of \['lab', 'rgb'\], got 'hsv'"):
        colour_features(FOUR_COLOURS, "hsv")


# ---------------------------------------------------------------------- CIELAB

# Published sRGB (D65) -> CIELAB values, as computed by Bruce Lindbloom's colour calculator
# and EasyRGB (4 decimals), and one 2-decimal example from S. Cobeldick's sRGB_to_CIELab.
REFERENCE_LAB = [
    ((255, 255, 255), (100.0, 0.0, 0.0), 1e-4),
    ((0, 0, 0), (0.0, 0.0, 0.0), 1e-4),
    ((255, 0, 0), (53.2408, 80.0925, 67.2032), 1e-4),
    ((0, 255, 0), (87.7347, -86.1827, 83.1793), 1e-4),
    ((0, 0, 255), (32.2970, 79.1875, -107.8602), 1e-4),
    ((0, 255, 255), (91.1132, -48.0875, -14.1312), 1e-4),
    ((255, 0, 255), (60.3242, 98.2343, -60.8249), 1e-4),
    ((255, 255, 0), (97.1393, -21.5537, 94.4780), 1e-4),
    ((128, 128, 128), (53.5850, 0.0, 0.0), 1e-4),
    ((109, 169, 245), (68.18, 2.14, -43.80), 5e-3),
]


@pytest.mark.parametrize(("rgb", "lab", "tolerance"), REFERENCE_LAB)
def test_lab_matches_published_values(rgb, lab, tolerance):
    for given_rgb in (np.array([rgb], np.uint8), np.array([rgb], float)):
        np.testing.assert_allclose(srgb_to_lab(given_rgb)[0], lab, atol=tolerance + 5e-5)
    np.testing.assert_allclose(lab_to_srgb([lab])[0], rgb, atol=0.02)


def test_lab_agrees_with_scikit_image_on_every_grey_and_random_colours():
    from skimage.color import rgb2lab

    rng = np.random.default_rng(0)
    rgb = np.concatenate(
        [
            np.repeat(np.arange(256, dtype=np.uint8)[:, None], 3, axis=1),
            rng.integers(0, 256, (5000, 3), dtype=np.uint8),
        ]
    )
    # scikit-image's matrix has 6 digits where ours has 7, so the two differ by < 0.01.
    np.testing.assert_allclose(srgb_to_lab(rgb), rgb2lab(rgb[None])[0], atol=0.01)


@settings(max_examples=200, deadline=None)
@given(arrays(np.float64, (8, 3), elements=st.floats(0, 255)))
def test_rgb_to_lab_and_back_round_trips(rgb):
    np.testing.assert_allclose(lab_to_srgb(srgb_to_lab(rgb)), rgb, atol=1e-7)


def test_every_8_bit_colour_survives_lab_and_rounding():
    rng = np.random.default_rng(5)
    rgb = rng.integers(0, 256, (100_000, 3), dtype=np.uint8)
    np.testing.assert_array_equal(palette_colours(srgb_to_lab(rgb), "lab"), rgb)


def test_lightness_grows_with_grey_level_and_greys_have_no_colour():
    lab = srgb_to_lab(np.repeat(np.arange(256, dtype=np.uint8)[:, None], 3, axis=1))
    assert np.all(np.diff(lab[:, 0]) > 0)
    np.testing.assert_allclose(lab[:, 1:], 0, atol=1e-3)


def test_palette_colours_clip_a_lab_centroid_outside_srgb():
    # a* = 150 is redder than any screen: red above 255 and green below 0, both clipped.
    outside = np.array([[50, 150, 0], [120, 0, 0]])
    assert lab_to_srgb(outside)[0, 0] > 255 and lab_to_srgb(outside)[0, 1] < 0
    assert palette_colours(outside, "lab").tolist() == [[255, 0, 126], [255, 255, 255]]


# ---------------------------------------------------------------------- recognising and reading


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


def test_an_animated_gif_gives_its_first_frame_and_says_so():
    frames = [Image.new("RGB", (4, 4), colour) for colour in ((255, 0, 0), (0, 0, 255))]
    data = _save(frames[0], "GIF", save_all=True, append_images=frames[1:])
    picture = pixels_from_image(data)
    assert picture.rgb[0, 0].tolist() == [255, 0, 0]
    assert picture.notes[0] == "This GIF is animated: only its first frame is clustered."


# ---------------------------------------------------------------------- sample, display, photos


def test_the_fit_sample_is_seeded_and_drawn_without_replacement():
    rgb = np.arange(300 * 400 * 3, dtype=np.uint32).reshape(300, 400, 3)
    # Pixels numbered by position, so a sample's pixels name the rows they came from.
    picture = Picture((rgb % 251).astype(np.uint8), None, "PNG")
    first = pixel_sample(picture, 1000, seed=np.random.default_rng(7))
    again = pixel_sample(picture, 1000, seed=np.random.default_rng(7))
    np.testing.assert_array_equal(first, again)
    assert first.shape == (1000, 3)
    assert pixel_sample(picture, FIT_SAMPLE).shape == (FIT_SAMPLE, 3)
    small = Picture(picture.rgb[:10, :10], None, "PNG")
    np.testing.assert_array_equal(pixel_sample(small, FIT_SAMPLE), small.pixels)


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
    from pathlib import Path

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


def test_a_quantised_record_unpacks():
    labels, palette, counts = Quantised(np.zeros((1, 1), np.uint8), FOUR_COLOURS[:1], np.ones(1))
    assert labels.shape == (1, 1) and palette.shape == (1, 3) and counts.tolist() == [1]


def test_the_lab_view_is_a_star_across_and_b_star_up():
    view = colour_view(srgb_to_lab(FOUR_COLOURS), "lab")
    np.testing.assert_allclose(view.apply([[50.0, 10.0, -20.0]]), [[10.0, -20.0]])
    assert view.axis_titles == ("a* (green − to red +)", "b* (blue − to yellow +)")


def test_the_rgb_view_is_the_two_principal_components_of_the_colours():
    rng = np.random.default_rng(0)
    # Colours along the grey diagonal, spread a little across it: PC 1 is the diagonal.
    grey = rng.uniform(0, 255, 500)[:, None] * np.ones(3)
    view = colour_view(grey + rng.normal(0, 3, (500, 3)), "rgb")
    np.testing.assert_allclose(np.abs(view.components[:, 0]), np.full(3, 3**-0.5), atol=0.02)
    assert view.axis_titles[0].startswith("PC 1 (100% of variance")
