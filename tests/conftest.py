"""Shared fixtures: the real data sets the engine is compared on."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

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
