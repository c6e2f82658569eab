"""A scikit-learn-style :class:`KMeans` model on top of the step-by-step engine."""

from __future__ import annotations

import numpy as np

from kmeans.engine import Step, lloyd_steps, nearest_centroid
from kmeans.seeding import initial_centroids
from kmeans.validation import (
    check_data,
    check_int,
    check_random_state,
    check_run,
    warn_if_clusters_missing,
)


class KMeans:
    """K-means clustering (Lloyd's algorithm), keeping every step of the best run.

    Parameters
    ----------
    n_clusters : int, default=8
        K, the number of clusters; from 1 to the number of distinct rows of ``X``.
    init : {"k-means++", "random"} or array-like of shape (n_clusters, n_features)
        How each run picks its starting centroids (see :mod:`kmeans.seeding`).
    n_init : int or "auto", default="auto"
        How many runs, each from a new start; the run with the lowest inertia wins.
        "auto" means 1 run for "k-means++" and 10 for "random", as in scikit-learn.
        An array ``init`` is a single start, so it always gives one run.
    max_iter : int, default=300
        The most moves (Step 3) in one run.
    tol : float, default=1e-4
        A run also stops when the total squared centroid move is at most ``tol`` times the
        mean feature variance; 0 stops only when no assignment changes.
    random_state : None, int or numpy.random.Generator, default=None
        Seed for the starts: the same seed gives the same result.

    Attributes
    ----------
    cluster_centers_ : ndarray of shape (n_clusters, n_features)
    labels_ : ndarray of shape (n_samples,), int32
    inertia_ : float
        Sum of squared distances of the points to their centroids.
    n_iter_ : int
        Iterations of the best run, counted as scikit-learn counts them (the final
        iteration that finds no change included).
    steps_ : tuple of Step
        Every step of the best run, for animation.

    Examples
    --------
    >>> X = [[0.0, 0.0], [0.0, 1.0], [9.0, 9.0], [9.0, 10.0]]
    >>> model = KMeans(2, random_state=0).fit(X)
    >>> sorted(model.cluster_centers_.tolist())
    [[0.0, 0.5], [9.0, 9.5]]
    """

    def __init__(
        self,
        n_clusters: int = 8,
        *,
        init="k-means++",
        n_init="auto",
        max_iter: int = 300,
        tol: float = 1e-4,
        random_state=None,
    ):
        self.n_clusters = n_clusters
        self.init = init
        self.n_init = n_init
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    def fit(self, X) -> KMeans:
        """Cluster ``X``: run k-means ``n_init`` times and keep the best run.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        self
        """
        X, k, max_iter, tol = check_run(X, self.n_clusters, self.max_iter, self.tol)
        rng = check_random_state(self.random_state)
        best = None
        for _ in range(self._n_runs()):
            centers = initial_centroids(X, k, self.init, rng)
            steps = tuple(lloyd_steps(X, centers, max_iter, tol))
            if best is None or steps[-1].inertia < best[-1].inertia:
                best = steps
        warn_if_clusters_missing(best[-1].labels, k)
        self._keep(best)
        return self

    def _n_runs(self) -> int:
        if not isinstance(self.init, str):
            return 1
        if isinstance(self.n_init, str):
            if self.n_init != "auto":
                raise ValueError(
                    f"n_init={self.n_init!r} is not valid; pass a whole number such as 10, "
                    "or 'auto'."
                )
            return 1 if self.init == "k-means++" else 10
        return check_int(self.n_init, "n_init", minimum=1)

    def _keep(self, steps: tuple[Step, ...]) -> None:
        last = steps[-1]
        self.steps_ = steps
        self.cluster_centers_ = last.centroids
        self.labels_ = last.labels.astype(np.int32)
        self.inertia_ = last.inertia
        # scikit-learn counts the final iteration that finds nothing to change.
        finds_nothing = last.stop_reason == "unchanged"
        self.n_iter_ = min(last.iteration + int(finds_nothing), self.max_iter)
        self.n_features_in_ = last.centroids.shape[1]

    def predict(self, X) -> np.ndarray:
        """Index of the nearest fitted centroid for each row of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,), int32
        """
        if not hasattr(self, "cluster_centers_"):
            raise ValueError("This KMeans is not fitted yet; call fit(X) before predict(X).")
        X = check_data(X)
        if X.shape[1] != self.n_features_in_:
            raise ValueError(
                f"X has {X.shape[1]} features but the model was fitted on "
                f"{self.n_features_in_}; pass the same columns as in fit."
            )
        return nearest_centroid(X, self.cluster_centers_).astype(np.int32)

    def fit_predict(self, X) -> np.ndarray:
        """Fit on ``X`` and return ``labels_``: ndarray of shape (n_samples,), int32."""
        return self.fit(X).labels_
