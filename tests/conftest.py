"""Shared fixtures: the real data sets the engine is compared on; Hypothesis settings."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import settings

# No per-example deadline: on a busy 2-core machine a slow example is not a failure. In CI
# the examples are drawn from a fixed seed, so a red run can be replayed; run the tests
# locally (without CI set) to explore new examples.
settings.register_profile("project", deadline=None, derandomize=bool(os.environ.get("CI")))
settings.load_profile("project")

ROOT = Path(__file__).resolve().parents[1]
XCLARA = ROOT / "kmeans" / "datasets" / "xclara.csv"


@pytest.fixture(scope="session")
def xclara() -> np.ndarray:
    """The blog's data set: 3000 points in 2-D, three clusters."""
    return pd.read_csv(XCLARA).to_numpy(dtype=np.float64)


REAL_DATASETS = ("xclara", "iris", "wine", "breast_cancer")


@pytest.fixture(scope="session")
def real_data() -> dict[str, np.ndarray]:
    """Real data sets of several shapes: the blog's, and three that scikit-learn ships."""
    from sklearn.datasets import load_breast_cancer, load_iris, load_wine

    return {
        "xclara": pd.read_csv(XCLARA).to_numpy(dtype=np.float64),
        "iris": load_iris().data,
        "wine": load_wine().data,
        "breast_cancer": load_breast_cancer().data,
    }
