"""Shared test configuration: where the big public data sets live."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def shared_data_dir() -> Path:
    """../shared/data beside the repository (CI lays it there), or $NEWSLEDGER_SHARED_DATA."""
    env = os.environ.get("NEWSLEDGER_SHARED_DATA")
    return Path(env) if env else REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    d = shared_data_dir()
    if not d.is_dir():
        pytest.skip(f"shared evaluation data not found at {d} (set NEWSLEDGER_SHARED_DATA)")
    return d
