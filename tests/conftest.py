"""Shared fixtures: offscreen Qt, the bundled seeds, a private data directory."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO_ROOT / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS_DIR


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every path lawtracker computes into the test's own folder."""
    data = tmp_path / "data"
    monkeypatch.setenv("LAWTRACKER_DATA_DIR", str(data))
    return data
