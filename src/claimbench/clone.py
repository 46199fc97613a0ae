"""Where the repository is: commands that rebuild or rewrite its files need a clone, not an install."""

from __future__ import annotations

from pathlib import Path

SOURCE_ROOT = Path(__file__).resolve().parents[2]  # the clone, when the package runs from its source tree


def is_clone(root: Path) -> bool:
    """Whether ``root`` is the root of a claimbench clone (it has the seeds and the annotations)."""
    return (root / "seeds" / "SHA256SUMS").is_file() and (root / "annotations").is_dir()


def find_clone() -> Path | None:
    """The clone to work in: the current directory, else the source tree of an editable install."""
    for root in (Path.cwd(), SOURCE_ROOT):
        if is_clone(root):
            return root
    return None
