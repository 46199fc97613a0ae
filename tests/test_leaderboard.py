from __future__ import annotations

from typing import Any

import pytest

from claimbench.chart import render_chart
from claimbench.leaderboard import SystemResult, render_leaderboard
from claimbench.scorer import score
from claimbench.submission import predictions_from_corpus
from toy import toy_corpus


def _report(keep: int) -> dict[str, Any]:
    """The toy gold's own first ``keep`` claims as a submission, scored with a small bootstrap."""
    corpus = toy_corpus()
    return score(corpus, predictions_from_corpus(corpus)[:keep], resamples=50, seed=1).to_dict()


@pytest.fixture(scope="module")
def systems() -> list[SystemResult]:
    return [
        SystemResult("half", _report(2), {"model": "none"}, False, "claimbench run half"),
        SystemResult("full", _report(5), {}, True, "claimbench run full"),
    ]


def test_systems_are_ranked_by_claim_overlap_f1(systems: list[SystemResult]) -> None:
    board = render_leaderboard(systems)
    rows = [line for line in board.splitlines() if line.startswith("| full | overlap") or line.startswith("| half | overlap")]
    assert rows[0].startswith("| full | overlap | 1.000 [1.00, 1.00] | 1.000 [1.00, 1.00] | 1.000 [1.00, 1.00] | 5 | 0 | 0 |")
    assert rows[1].startswith("| half | overlap | 1.000")  # precise but incomplete: recall 2/5
    assert "| 0.400 [" in rows[1]


def test_the_board_names_training_facts_commands_and_signatures(systems: list[SystemResult]) -> None:
    board = render_leaderboard(systems)
    assert "| full | yes: leave-one-article-out on this gold | - | `claimbench run full` |" in board
    assert "| half | no | model: none | `claimbench run half` |" in board
    assert f"- half: `{systems[0].report['signature']}`" in board
    assert "![F1 per part and system](baselines/leaderboard.svg)" in board


def test_the_board_is_independent_of_input_order(systems: list[SystemResult]) -> None:
    assert render_leaderboard(systems) == render_leaderboard(systems[::-1])


def test_a_report_without_scores_is_refused() -> None:
    with pytest.raises(ValueError, match="not a claimbench report"):
        SystemResult("x", {"signature": "s"}, {}, False, "c")


def test_the_chart_is_byte_identical_and_dateless(systems: list[SystemResult]) -> None:
    first, second = render_chart(systems), render_chart(systems[::-1])
    assert first == second
    svg = first.decode("utf-8")
    assert svg.startswith("<?xml") and "<dc:date>" not in svg
    assert ">full<" in svg and ">half<" in svg  # legend text kept as text, not glyph paths
