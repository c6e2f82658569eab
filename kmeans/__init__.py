"""See k-means work: a step-by-step engine, its model, and the elbow method.

>>> from kmeans import KMeans, kmeans_steps
"""

from kmeans.engine import Step, kmeans_steps, nearest_centroid
from kmeans.model import KMeans
from kmeans.seeding import SEEDINGS

__all__ = ["SEEDINGS", "KMeans", "Step", "kmeans_steps", "nearest_centroid"]
