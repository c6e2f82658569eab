"""The region each centroid owns on a 2-D chart: its Voronoi cell, clipped to the chart's box."""

from __future__ import annotations

import numpy as np


def voronoi_cells(centroids: np.ndarray, bounds: np.ndarray) -> list[np.ndarray]:
    """The exact region each centroid owns inside a box: its Voronoi cell, clipped.

    A point p is nearer to c_i than to c_j exactly when it lies in the half-plane
    ``2 p · (c_j - c_i) <= |c_j|² - |c_i|²``, whose border is the perpendicular bisector
    of c_i and c_j. So the cell of c_i is the box cut by one such half-plane per other
    centroid (Sutherland-Hodgman clipping; the box and every cut stay convex).

    Parameters
    ----------
    centroids : ndarray of shape (n_clusters, 2)
    bounds : ndarray of shape (2, 2)
        ``[[xmin, ymin], [xmax, ymax]]`` of the box.

    Returns
    -------
    list of n_clusters ndarrays, each of shape (n_vertices, 2)
        The corners of each cell in counter-clockwise order, without repeating the first;
        shape (0, 2) when a centroid owns nothing inside the box. Two centroids at the same
        place share their cell.

    Examples
    --------
    >>> cells = voronoi_cells(np.array([[1.0, 1.0], [3.0, 1.0]]), np.array([[0, 0], [4, 2]]))
    >>> cells[0].tolist()
    [[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0]]
    """
    centroids = np.asarray(centroids, dtype=np.float64)
    (x0, y0), (x1, y1) = np.asarray(bounds, dtype=np.float64)
    box = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
    squares = (centroids**2).sum(axis=1)
    cells = []
    for i, c in enumerate(centroids):
        cell = box
        for j in range(len(centroids)):
            if j != i and cell.size:
                cell = _clip(cell, 2 * (centroids[j] - c), squares[j] - squares[i])
        cells.append(cell)
    return cells


def _clip(polygon: np.ndarray, normal: np.ndarray, offset: float) -> np.ndarray:
    """The part of a convex polygon (m, 2) where ``p @ normal <= offset`` (Sutherland-Hodgman).

    Each edge keeps its start when the start is inside, and adds the point where it
    crosses the line when its ends are on different sides.
    """
    side = polygon @ normal - offset  # <= 0 inside
    inside = side <= 0
    if inside.all():
        return polygon
    if not inside.any():
        return polygon[:0]
    ahead, side_ahead = np.roll(polygon, -1, axis=0), np.roll(side, -1)
    crosses = inside != (side_ahead <= 0)
    with np.errstate(divide="ignore", invalid="ignore"):  # edges that do not cross
        t = side / (side - side_ahead)
        crossing = polygon + t[:, None] * (ahead - polygon)
    keep = np.stack([inside, crosses], axis=1).ravel()  # start, then crossing, per edge
    out = np.stack([polygon, crossing], axis=1).reshape(-1, 2)[keep]
    # A line through a corner gives that corner twice; keep it once.
    repeated = np.all(np.isclose(out, np.roll(out, 1, axis=0), rtol=0, atol=1e-12), axis=1)
    return out[~repeated] if len(out) > repeated.sum() else out[:1]
