"""Colour spaces for k-means on pictures: sRGB values, CIELAB, and the 2-D view the chart draws.

In CIELAB (D65 white, sRGB companding undone first) the straight distance between two colours
is close to how different they look, so k-means' Euclidean distance groups colours as the eye
does; in RGB, equal steps are not equally visible. Tested against published values and
scikit-image (``tests/test_colour.py``).
"""

from __future__ import annotations

import numpy as np

from kmeans.projection import Projection, column_projection, pca_projection

__all__ = [
    "COLOUR_SPACES",
    "colour_features",
    "colour_view",
    "lab_to_srgb",
    "palette_colours",
    "srgb_to_lab",
]

#: The colour spaces a pixel can be clustered in, with the sentence the page shows.
COLOUR_SPACES = {
    "lab": "CIELAB: L* is lightness, a* green to red, b* blue to yellow, and the straight "
    "distance between two colours is close to how different the eye finds them.",
    "rgb": "RGB: the red, green and blue values (0-255) the file stores; equal steps are not "
    "equally visible, so dark colours count as more different than the eye sees them.",
}

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
