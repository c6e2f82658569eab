"""See k-means work: a step-by-step engine, its model, and the elbow method.

>>> from kmeans import KMeans, elbow, k_means, kmeans_plusplus, kmeans_steps
"""

from kmeans.engine import Step, kmeans_steps, lloyd_steps, nearest_centroid
from kmeans.model import KMeans, k_means
from kmeans.seeding import SEEDINGS, kmeans_plusplus
from kmeans.selection import ElbowResult, elbow
from kmeans.validation import ConvergenceWarning, NotFittedError

__all__ = [
    "SEEDINGS",
    "ConvergenceWarning",
    "ElbowResult",
    "KMeans",
    "NotFittedError",
    "Step",
    "elbow",
    "k_means",
    "kmeans_plusplus",
    "kmeans_steps",
    "lloyd_steps",
    "nearest_centroid",
]
