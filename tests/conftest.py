from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from claimbench.dataset.build import ProjectPaths
from claimbench.dataset.model import field_values

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def project_copy(tmp_path: Path) -> ProjectPaths:
    """A writable copy of the project's inputs (seeds, annotations, changelog) and built outputs."""
    for folder in ("seeds", "annotations", "benchmark"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copytree(ROOT / "src" / "claimbench" / "data" / "gold", tmp_path / "src" / "claimbench" / "data" / "gold")
    shutil.copy(ROOT / "CHANGELOG.md", tmp_path / "CHANGELOG.md")
    return ProjectPaths(tmp_path)


def typed_fields(value: object) -> object:
    """A dataclass (nested) with the type of every field spelled out (equality alone takes 1 for 1.0)."""
    if hasattr(value, "__dataclass_fields__"):
        return {name: typed_fields(item) for name, item in field_values(value).items()}
    if isinstance(value, tuple):
        return [typed_fields(item) for item in value]
    return (type(value).__name__, value)
