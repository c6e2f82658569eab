"""The profile heat map: clusters x columns, most separating first, escaped names, hover."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kmeans.figures.profile import profile_figure
from kmeans.profiles import profile

FRAME = pd.DataFrame(
    {
        "<b>mass</b>": [1.0, 3.0, 10.0, 12.0],
        "noise": [5.0, 1.0, 1.0, 5.0],
        "kind": ["a", "a", "b", "b"],
    }
)


def toy_figure(**kwargs):
    return profile_figure(profile(FRAME, np.arange(4), np.array([0, 0, 1, 1]), 2), **kwargs)


def test_one_row_per_cluster_and_one_column_per_number_most_separating_first():
    (heat,) = toy_figure().data
    assert heat.type == "heatmap"
    assert list(heat.y) == ["cluster 1", "cluster 2"]
    assert list(heat.x) == ["&#60;b&#62;mass&#60;/b&#62;", "noise"]  # shown as written
    z = np.asarray(heat.z)
    assert z.shape == (2, 2) and z[0, 0] < 0 < z[1, 0] and np.all(z[:, 1] == 0)
    assert heat.zmid == 0


def test_hover_gives_mean_median_and_iqr_in_the_columns_units():
    (heat,) = toy_figure().data
    text = np.asarray(heat.text)
    assert text[1, 0] == (
        "cluster 2 · &#60;b&#62;mass&#60;/b&#62;<br>mean 11 (+0.98 sd)<br>"
        "median 11, IQR 10.5 to 11.5"
    )


def test_only_the_most_separating_columns_are_drawn_when_there_are_many():
    (heat,) = toy_figure(max_columns=1).data
    assert len(heat.x) == 1 and np.asarray(heat.z).shape == (2, 1)
