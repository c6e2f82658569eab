"""The choices the sidebar offers and their defaults (shared by the sidebar and the URL)."""

from __future__ import annotations

from kmeans import samples
from kmeans.images import SAMPLE_PHOTOS

UPLOAD = "upload"
PHOTO = "photo-"  # a bundled photo's data-set name: "photo-coffee"
PHOTOS = {PHOTO + name: f"Photo: {photo.title}" for name, photo in SAMPLE_PHOTOS.items()}
PHOTO_K = 6  # a photo starts at six colours: enough to see a palette, quick to fit
BEST = "best"
N_STARTS = 10  # an upload's run is the best of this many k-means++ starts
INITS = {
    BEST: f"k-means++, best of {N_STARTS} starts",
    "random": "Random points (the blog's Step 1)",
    "k-means++": "k-means++ (spread out)",
    "own": "My own start (click on a chart)",
}
SCALINGS = {"none": "none", "standardize": "standardise", "minmax": "min-max"}
DEFAULTS = {
    "data": samples.BLOG,
    "k": 3,
    "init": "random",
    "seed": 0,
    "max_iter": 100,
    "scaling": "none",
}
PCA = "PCA projection"
NUMBER_KINDS = (
    "numeric",
    "label",
    "id",
    "constant",
)  # column roles that hold numbers k-means can use
