"""Repository hygiene that no other test would notice: unresolved merge conflicts in tracked text."""

from __future__ import annotations

import subprocess

import pytest
from conftest import ROOT

MARKERS = ("<<<<<<< ", ">>>>>>> ")


def test_no_tracked_text_file_holds_a_merge_conflict_marker() -> None:
    try:
        listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    suffixes = (".py", ".md", ".yaml", ".yml", ".toml", ".txt", ".cfg", ".json")
    conflicted = [
        name
        for name in listed
        if name.endswith(suffixes)
        and (ROOT / name).is_file()
        and any(line.startswith(MARKERS) for line in (ROOT / name).read_text(encoding="utf-8", errors="replace").splitlines())
    ]
    assert not conflicted
