"""The standalone HTML export for slides."""

from __future__ import annotations

import numpy as np

from kmeans import figures
from kmeans.engine import kmeans_steps

TOY = np.array([[0.0, 0.0], [2.0, 1.0], [10.0, 0.0], [12.0, 1.0]])


def test_standalone_html_holds_plotly_and_every_frame():
    steps = list(kmeans_steps(TOY, 2, init=[[0.0, 0.0], [2.0, 1.0]]))
    fig = figures.animation_figure(steps, TOY)
    before = fig.to_json()
    html = figures.standalone_html(fig).decode("utf-8")
    assert "Plotly.newPlot" in html
    assert all(f'"name":"{frame.name}"' in html for frame in fig.frames)
    assert '"paper_bgcolor":"white"' in html  # plotly_white, not Plotly's grey default
    assert fig.to_json() == before  # the page's own figure is left as it was
