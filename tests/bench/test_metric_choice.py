"""The README's table of candidate claim modes is the one `python -m claimbench.bench.metric_choice` prints."""

from __future__ import annotations

from conftest import ROOT

from claimbench.bench.metric_choice import candidate_table


def test_the_readme_shows_the_current_candidate_table() -> None:
    assert candidate_table(ROOT) in (ROOT / "README.md").read_text(encoding="utf-8")
