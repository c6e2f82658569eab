"""ui/run_key.py: equal settings give equal keys and hashes; any changed setting a new key."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from ui.run_key import DataKey, ElbowKey, RunKey, TableKey


def blog_run(**changes) -> RunKey:
    """The default page's run, with ``changes`` applied."""
    data = DataKey(TableKey("blog", "blog.csv"), ("V1", "V2"), "drop", "none")
    run = RunKey(data, ("PCA projection", "", ""), k=3, init="random", seed=0, max_iter=100)
    return dataclasses.replace(run, **changes)


def test_equal_settings_give_equal_keys_and_hashes():
    assert blog_run() == blog_run()
    assert hash(blog_run()) == hash(blog_run())
    assert hash(blog_run(init=((1.0, 2.0), (3.0, 4.0)))) == hash(
        blog_run(init=((1.0, 2.0), (3.0, 4.0)))
    )


@pytest.mark.parametrize(
    "changes",
    [
        {"k": 4},
        {"init": "k-means++"},
        {"init": ((1.0, 2.0),)},
        {"seed": 1},
        {"max_iter": 99},
        {"view": ("Two columns", "V1", "V2")},
        {"data": DataKey(TableKey("blog", "blog.csv"), ("V1",), "drop", "none")},
        {"data": DataKey(TableKey("blog", "blog.csv"), ("V1", "V2"), "mean", "none")},
        {"data": DataKey(TableKey("blog", "blog.csv"), ("V1", "V2"), "drop", "minmax")},
        {"data": DataKey(TableKey("other", "blog.csv"), ("V1", "V2"), "drop", "none")},
    ],
)
def test_one_changed_setting_gives_another_key(changes):
    assert blog_run(**changes) != blog_run()
    assert len({blog_run(**changes), blog_run()}) == 2


def test_the_elbow_key_ignores_k_start_view_and_iterations_but_not_the_seed():
    elbow = blog_run().elbow_key()
    assert elbow == ElbowKey(blog_run().data, 0)
    for changes in ({"k": 7}, {"init": "k-means++"}, {"max_iter": 5}, {"view": ("x", "a", "b")}):
        assert blog_run(**changes).elbow_key() == elbow
    assert blog_run(seed=3).elbow_key() != elbow


def test_keys_are_frozen_and_pickle():
    run = blog_run()
    with pytest.raises(dataclasses.FrozenInstanceError):
        run.k = 4
    assert pickle.loads(pickle.dumps(run)) == run
    assert run.table == TableKey("blog", "blog.csv")
