"""See k-means work: a step-by-step engine, its model, and the elbow method.

>>> from kmeans import KMeans, elbow, kmeans_steps
"""

from kmeans.engine import Step, kmeans_steps, nearest_centroid
from kmeans.model import KMeans
from kmeans.seeding import SEEDINGS
from kmeans.selection import ElbowResult, elbow

__all__ = [
    "SEEDINGS",
    "ElbowResult",
    "KMeans",
    "Step",
    "elbow",
    "kmeans_steps",
    "nearest_centroid",
]
