"""The KMeans model: the blog's answer, scikit-learn's quality, the estimator's contract."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from sklearn.cluster import KMeans as SklearnKMeans

from kmeans import KMeans

BLOG_CENTROIDS = np.array([[9.4780, 10.6861], [40.6836, 59.7159], [69.9242, -10.1196]])


def _sorted_rows(a):
    return a[np.lexsort(a.T[::-1])]


def test_blog_answer_on_xclara(xclara):
    model = KMeans(3, n_init=10, random_state=0).fit(xclara)
    np.testing.assert_allclose(_sorted_rows(model.cluster_centers_).round(4), BLOG_CENTROIDS)
    assert np.bincount(model.labels_).sum() == 3000


def test_attributes_come_from_the_winning_run(real_data):
    model = KMeans(4, init="random", n_init=5, random_state=1).fit(real_data["wine"])
    last = model.steps_[-1]
    np.testing.assert_array_equal(model.cluster_centers_, last.centroids)
    np.testing.assert_array_equal(model.labels_, last.labels)
    assert model.labels_.dtype == np.int32
    assert model.inertia_ == last.inertia
    assert model.steps_[0].iteration == 0 and last.converged


@pytest.mark.parametrize("name", ["xclara", "iris", "wine"])
def test_n_iter_is_counted_as_sklearn_counts_it(real_data, name):
    X = real_data[name]
    init = X[:3]
    ours = KMeans(3, init=init, tol=0).fit(X)
    theirs = SklearnKMeans(3, init=init, n_init=1, tol=0, algorithm="lloyd").fit(X)
    assert ours.n_iter_ == theirs.n_iter_


@pytest.mark.parametrize(("name", "k"), [("xclara", 3), ("iris", 3), ("wine", 5), ("xclara", 8)])
def test_defaults_reach_sklearn_quality(real_data, name, k):
    # Median over seeds of the final inertia, both with their default settings.
    X = real_data[name]
    ours = np.median([KMeans(k, random_state=s).fit(X).inertia_ for s in range(30)])
    theirs = np.median([SklearnKMeans(k, random_state=s).fit(X).inertia_ for s in range(30)])
    assert ours <= theirs * 1.01


def test_predict_and_fit_predict_agree(xclara):
    model = KMeans(3, random_state=0)
    labels = model.fit_predict(xclara)
    np.testing.assert_array_equal(model.predict(xclara), labels)
    assert (
        model.predict([[9.5, 10.7]])[0] == labels[np.argmin(((xclara - [9.5, 10.7]) ** 2).sum(1))]
    )


def test_n_clusters_is_positional_and_defaults_to_8(real_data):
    assert KMeans().n_clusters == 8
    assert KMeans(5).fit(real_data["iris"]).cluster_centers_.shape == (5, 4)


def test_model_pickles(xclara):
    model = KMeans(3, random_state=0).fit(xclara)
    again = pickle.loads(pickle.dumps(model))
    np.testing.assert_array_equal(again.labels_, model.labels_)
    assert len(again.steps_) == len(model.steps_)


def test_same_random_state_same_result(xclara):
    a = KMeans(4, init="random", random_state=7).fit(xclara)
    b = KMeans(4, init="random", random_state=7).fit(xclara)
    np.testing.assert_array_equal(a.cluster_centers_, b.cluster_centers_)


@pytest.mark.parametrize(
    ("X", "match"),
    [
        ([[1.0, 2.0, 3.0]], r"X has 3 features but the model was fitted on 2"),
        ([[np.nan, 1.0]], r"NaN or infinite"),
    ],
)
def test_predict_errors(xclara, X, match):
    model = KMeans(3, random_state=0).fit(xclara)
    with pytest.raises(ValueError, match=match):
        model.predict(X)


def test_predict_before_fit():
    with pytest.raises(ValueError, match=r"not fitted yet; call fit\(X\)"):
        KMeans(2).predict([[0.0, 0.0]])
