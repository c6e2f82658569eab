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


# The scikit-learn estimator contract: clone, Pipeline, GridSearchCV, the same numbers.


def test_clone_keeps_every_parameter():
    from sklearn.base import clone

    model = KMeans(4, init="random", n_init=3, tol=0.0, random_state=np.random.RandomState(2))
    copy, params = clone(model), model.get_params()
    assert copy is not model and isinstance(copy.random_state, np.random.RandomState)
    del params["random_state"]
    assert {name: copy.get_params()[name] for name in params} == params
    assert repr(KMeans(3, random_state=0)) == "KMeans(n_clusters=3, random_state=0)"


def test_pipeline_with_a_scaler(real_data):
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    X = real_data["wine"]
    ours = make_pipeline(StandardScaler(), KMeans(3, random_state=0)).fit(X)
    scaled = StandardScaler().fit_transform(X)
    assert ours.predict(X).shape == (len(X),)
    assert ours.score(X) == pytest.approx(KMeans(3, random_state=0).fit(scaled).score(scaled))


def test_grid_search_over_n_clusters(real_data):
    from sklearn.model_selection import GridSearchCV

    search = GridSearchCV(KMeans(random_state=0), {"n_clusters": [1, 2, 3]}, cv=3)
    search.fit(real_data["iris"])
    # score is minus the inertia, which falls as K grows: the largest K wins.
    assert search.best_params_ == {"n_clusters": 3}


def test_transform_score_fit_transform_equal_sklearn_from_the_same_start(real_data):
    X = real_data["breast_cancer"]
    init = X[[0, 50, 100]]
    ours = KMeans(3, init=init, n_init=1, tol=0)
    theirs = SklearnKMeans(3, init=init, n_init=1, tol=0, algorithm="lloyd")
    np.testing.assert_allclose(ours.fit_transform(X), theirs.fit_transform(X), rtol=1e-7)
    np.testing.assert_allclose(ours.transform(X[:7]), theirs.transform(X[:7]), rtol=1e-7)
    assert ours.score(X) == pytest.approx(theirs.score(X), rel=1e-7)
    assert ours.score(X) == pytest.approx(-ours.inertia_, rel=1e-9)


def test_hand_computed_transform_and_score():
    model = KMeans(2, init=[[0.0, 0.0], [10.0, 0.0]], n_init=1).fit(
        [[0.0, 0.0], [0.0, 2.0], [10.0, 0.0], [10.0, 2.0]]
    )
    # Centroids (0, 1) and (10, 1): (3, 5) is 5 from the first, sqrt(49 + 16) from the other.
    np.testing.assert_allclose(model.transform([[3.0, 5.0]]), [[5.0, np.sqrt(65.0)]])
    assert model.score([[3.0, 5.0], [10.0, 1.0]]) == pytest.approx(-25.0)


def test_not_fitted_error_is_a_value_error_and_an_attribute_error():
    from kmeans import NotFittedError

    for method in ("predict", "transform", "score"):
        with pytest.raises(
            NotFittedError, match=rf"not fitted yet; call fit\(X\) before {method}"
        ):
            getattr(KMeans(2), method)([[0.0, 0.0]])
    assert issubclass(NotFittedError, ValueError) and issubclass(NotFittedError, AttributeError)


def test_callable_init_gets_a_random_state_and_its_array_is_checked():
    seen = []

    def start(X, n_clusters, random_state):
        seen.append(type(random_state))
        return X[:n_clusters]

    X = np.array([[0.0], [1.0], [10.0], [11.0]])
    model = KMeans(2, init=start, n_init=1).fit(X)
    assert seen == [np.random.RandomState]
    assert sorted(model.cluster_centers_.ravel().tolist()) == [0.5, 10.5]
    with pytest.raises(ValueError, match=r"init has shape \(1, 1\)"):
        KMeans(2, init=lambda X, k, random_state: X[:1], n_init=1).fit(X)


def test_an_init_array_with_n_init_above_one_warns_and_runs_once():
    X = np.array([[0.0], [1.0], [10.0], [11.0]])
    with pytest.warns(RuntimeWarning, match=r"one run is made instead of n_init=10"):
        KMeans(2, init=X[:2], n_init=10).fit(X)


def test_verbose_prints_the_run(capsys):
    KMeans(2, init=[[0.0], [1.0]], n_init=1, verbose=1, tol=0).fit([[0.0], [1.0], [9.0]])
    out = capsys.readouterr().out
    assert "Initialization complete" in out and "Iteration 0, inertia" in out
    assert "strict convergence" in out


def test_k_means_function_and_kmeans_plusplus():
    from kmeans import k_means, kmeans_plusplus

    X = np.array([[0.0, 0.0], [0.0, 1.0], [9.0, 9.0], [9.0, 10.0]])
    centers, labels, inertia, n_iter = k_means(X, 2, random_state=0, return_n_iter=True)
    assert inertia == pytest.approx(1.0) and n_iter >= 1 and labels.shape == (4,)
    centers, indices = kmeans_plusplus(X, 2, random_state=np.random.RandomState(0))
    np.testing.assert_array_equal(centers, X[indices])
    assert {int(i) // 2 for i in indices} == {0, 1}


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda X: KMeans(2).fit(X, sample_weight=np.ones(4)), r"sample_weight is not supported"),
        (lambda X: KMeans(2, algorithm="elkan").fit(X), r"algorithm='elkan' is not available"),
        (lambda X: KMeans(2).set_params(k=3), r"'k' is not a parameter of KMeans"),
    ],
)
def test_unsupported_options_say_what_to_do(call, match):
    with pytest.raises(ValueError, match=match):
        call(np.array([[0.0], [1.0], [9.0], [10.0]]))
