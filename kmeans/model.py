"""A scikit-learn-style :class:`KMeans` model and ``k_means`` function on the step engine."""

from __future__ import annotations

import inspect
import warnings

import numpy as np

from kmeans.engine import Step, lloyd_steps, nearest_centroid
from kmeans.seeding import initial_centroids
from kmeans.validation import (
    NotFittedError,
    check_data,
    check_int,
    check_random_state,
    check_run,
    check_unweighted,
    warn_if_clusters_missing,
)


class KMeans:
    """K-means clustering (Lloyd's algorithm), keeping every step of the best run.

    Parameters
    ----------
    n_clusters : int, default=8
        K, the number of clusters; from 1 to the number of distinct rows of ``X``.
    init : {"k-means++", "random"}, callable or array-like of shape (n_clusters, n_features)
        How each run picks its starting centroids (see :mod:`kmeans.seeding`); a callable
        is called as ``init(X, n_clusters, random_state=RandomState)``.
    n_init : int or "auto", default="auto"
        How many runs, each from a new start; the run with the lowest inertia wins.
        "auto" means 1 run for "k-means++" or an array, 10 for "random" or a callable, as in
        scikit-learn. An array ``init`` is a single start: more runs warn and make one.
    max_iter : int, default=300
        The most moves (Step 3) in one run.
    tol : float, default=1e-4
        A run also stops when the total squared centroid move is at most ``tol`` times the
        mean feature variance; 0 stops only when no assignment changes.
    verbose : int, default=0
        Above 0, prints each run's start, every iteration's inertia and why it stopped.
    random_state : None, int, numpy.random.Generator or RandomState, default=None
        Seed for the starts: the same seed gives the same result.
    copy_x : bool, default=True
        Accepted for scikit-learn's signature; ``X`` is never modified.
    algorithm : {"lloyd"}, default="lloyd"
        Lloyd's algorithm, the only one (scikit-learn's "elkan" gives the same result).

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
        verbose: int = 0,
        random_state=None,
        copy_x: bool = True,
        algorithm: str = "lloyd",
    ):
        self.n_clusters = n_clusters
        self.init = init
        self.n_init = n_init
        self.max_iter = max_iter
        self.tol = tol
        self.verbose = verbose
        self.random_state = random_state
        self.copy_x = copy_x
        self.algorithm = algorithm

    @classmethod
    def _param_names(cls) -> list[str]:
        signature = inspect.signature(cls.__init__)
        return [name for name in signature.parameters if name != "self"]

    def get_params(self, deep: bool = True) -> dict:
        """The constructor's parameters as a dict (scikit-learn's estimator protocol)."""
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params) -> KMeans:
        """Set constructor parameters by name and return ``self``; unknown names raise."""
        valid = self._param_names()
        for name, value in params.items():
            if name not in valid:
                raise ValueError(
                    f"{name!r} is not a parameter of KMeans; use one of {', '.join(valid)}."
                )
            setattr(self, name, value)
        return self

    def __sklearn_tags__(self):
        """scikit-learn's estimator tags, for its ``Pipeline``, ``clone`` and search tools.

        Only scikit-learn calls this, so scikit-learn is imported here and never at run time.
        """
        from sklearn.utils import Tags, TargetTags, TransformerTags

        return Tags(
            estimator_type="clusterer",
            target_tags=TargetTags(required=False),
            transformer_tags=TransformerTags(preserves_dtype=["float64", "float32"]),
        )

    def __sklearn_is_fitted__(self) -> bool:
        return hasattr(self, "cluster_centers_")

    def __repr__(self) -> str:
        defaults = inspect.signature(type(self).__init__).parameters
        changed = [
            f"{name}={value!r}"
            for name, value in self.get_params().items()
            if not _same(value, defaults[name].default)
        ]
        return f"KMeans({', '.join(changed)})"

    def fit(self, X, y=None, sample_weight=None) -> KMeans:
        """Cluster ``X``: run k-means ``n_init`` times and keep the best run.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored
            Accepted so that the model fits in a scikit-learn ``Pipeline``.
        sample_weight : None
            Only unweighted points; anything but None raises.

        Returns
        -------
        self
        """
        check_unweighted(sample_weight)
        X, k, max_iter, tol = check_run(X, self.n_clusters, self.max_iter, self.tol)
        _check_algorithm(self.algorithm)
        rng = check_random_state(self.random_state)
        best = None
        for _ in range(self._n_runs()):
            centers = initial_centroids(X, k, self.init, rng)
            steps = tuple(lloyd_steps(X, centers, max_iter, tol))
            if self.verbose:
                _report(steps, tol)
            if best is None or steps[-1].inertia < best[-1].inertia:
                best = steps
        warn_if_clusters_missing(best[-1].labels, k)
        self._keep(best)
        return self

    def _n_runs(self) -> int:
        if isinstance(self.n_init, str):
            if self.n_init != "auto":
                raise ValueError(
                    f"n_init={self.n_init!r} is not valid; pass a whole number such as 10, "
                    "or 'auto'."
                )
            runs = 1 if _is_single_start(self.init) or self.init == "k-means++" else 10
        else:
            runs = check_int(self.n_init, "n_init", minimum=1)
        if _is_single_start(self.init) and runs > 1:
            warnings.warn(
                f"init is an array of starting centroids, so one run is made instead of "
                f"n_init={runs}; pass n_init=1 to say so.",
                RuntimeWarning,
                stacklevel=3,
            )
            return 1
        return runs

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

    def _checked(self, X, method: str) -> np.ndarray:
        if not self.__sklearn_is_fitted__():
            raise NotFittedError(f"This KMeans is not fitted yet; call fit(X) before {method}(X).")
        X = check_data(X)
        if X.shape[1] != self.n_features_in_:
            raise ValueError(
                f"X has {X.shape[1]} features but the model was fitted on "
                f"{self.n_features_in_}; pass the same columns as in fit."
            )
        return X

    def predict(self, X) -> np.ndarray:
        """Index of the nearest fitted centroid for each row of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,), int32
        """
        X = self._checked(X, "predict")
        return nearest_centroid(X, self.cluster_centers_).astype(np.int32)

    def fit_predict(self, X, y=None, sample_weight=None) -> np.ndarray:
        """Fit on ``X`` and return ``labels_``: ndarray of shape (n_samples,), int32."""
        return self.fit(X, sample_weight=sample_weight).labels_

    def transform(self, X) -> np.ndarray:
        """Euclidean distance of each row of ``X`` to each fitted centroid.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples, n_clusters)
        """
        X = self._checked(X, "transform")
        return np.sqrt(_squared_distances(X, self.cluster_centers_))

    def fit_transform(self, X, y=None, sample_weight=None) -> np.ndarray:
        """Fit on ``X`` and return ``transform(X)``: ndarray of shape (n_samples, n_clusters)."""
        return self.fit(X, sample_weight=sample_weight).transform(X)

    def score(self, X, y=None, sample_weight=None) -> float:
        """Minus the inertia of ``X`` on the fitted centroids (higher is better).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y, sample_weight : ignored, None
            As in scikit-learn; only unweighted points.

        Returns
        -------
        float
        """
        check_unweighted(sample_weight)
        X = self._checked(X, "score")
        return -float(_squared_distances(X, self.cluster_centers_).min(axis=1).sum())


def k_means(
    X,
    n_clusters: int,
    *,
    sample_weight=None,
    return_n_iter: bool = False,
    **params,
):
    """Fit :class:`KMeans` and return its results, as ``sklearn.cluster.k_means`` does.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    n_clusters : int
    sample_weight : None
        Only unweighted points.
    return_n_iter : bool, default=False
        Also return the number of iterations.
    **params
        Any other parameter of :class:`KMeans` (``init``, ``n_init``, ``random_state``...).

    Returns
    -------
    centroid : ndarray of shape (n_clusters, n_features)
    label : ndarray of shape (n_samples,), int32
    inertia : float
    n_iter : int
        Only with ``return_n_iter=True``.

    Examples
    --------
    >>> centers, labels, inertia = k_means([[0.0], [1.0], [10.0]], 2, random_state=0)
    >>> sorted(centers.ravel().tolist()), inertia
    ([0.5, 10.0], 0.5)
    """
    model = KMeans(n_clusters, **params).fit(X, sample_weight=sample_weight)
    result = (model.cluster_centers_, model.labels_, model.inertia_)
    return (*result, model.n_iter_) if return_n_iter else result


def _squared_distances(X: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """Exact squared distances, shape (n_samples, n_clusters), one centroid at a time."""
    out = np.empty((X.shape[0], centers.shape[0]), dtype=np.float64)
    for j, center in enumerate(centers):
        diff = X - center
        out[:, j] = np.einsum("ij,ij->i", diff, diff)
    return out


def _is_single_start(init) -> bool:
    return not isinstance(init, str) and not callable(init)


def _same(value, default) -> bool:
    if isinstance(value, np.ndarray) or isinstance(default, np.ndarray):
        return False
    return value is default or (type(value) is type(default) and value == default)


def _check_algorithm(algorithm) -> None:
    if algorithm != "lloyd":
        raise ValueError(
            f"algorithm={algorithm!r} is not available; this engine runs Lloyd's algorithm, "
            "which gives the same result as 'elkan': pass algorithm='lloyd'."
        )


def _report(steps: tuple[Step, ...], tol: float) -> None:
    """Print one run as scikit-learn's verbose mode does."""
    print("Initialization complete")
    for step in steps[1:]:
        print(f"Iteration {step.iteration - 1}, inertia {step.inertia}.")
    last = steps[-1]
    if last.stop_reason == "unchanged":
        print(f"Converged at iteration {last.iteration}: strict convergence.")
    elif last.stop_reason == "tol":
        print(
            f"Converged at iteration {last.iteration}: center shift {last.center_shift} "
            f"within tolerance {tol}."
        )
