from __future__ import annotations

from typing import Any

import pytest
from toy import toy_corpus

from claimbench.reports.chart import render_chart
from claimbench.reports.leaderboard import SystemResult, render_leaderboard
from claimbench.scoring.report import score
from claimbench.scoring.submission import predictions_from_corpus


def _report(keep: int) -> dict[str, Any]:
    """The toy gold's own first ``keep`` claims as a submission, scored with a small bootstrap."""
    corpus = toy_corpus()
    return score(corpus, predictions_from_corpus(corpus)[:keep], resamples=50, seed=1).to_dict()


@pytest.fixture(scope="module")
def systems() -> list[SystemResult]:
    return [
        SystemResult("half", _report(2), {"model": "none"}, False, "claimbench run half", "Half of the gold", "all of it"),
        SystemResult("full", _report(5), {}, True, "claimbench run full", "The gold", "all of it"),
        SystemResult("nothing", _report(0), {}, False, "claimbench run nothing", "Floor: nothing", "nothing", floor=True),
    ]


def test_the_headline_ranks_by_claims_full_and_marks_floors(systems: list[SystemResult]) -> None:
    board = render_leaderboard(systems)
    headline = board.split("## Headline\n\n", 1)[1].split("\n\n", 1)[0].splitlines()[2:]
    assert [row.split(" | ")[1] for row in headline] == ["full", "half", "nothing *(floor)*"]
    assert headline[0].startswith("| 1 | full | **1.000 [1.00, 1.00]** |")
    assert "| 3 | nothing *(floor)* | **0.000" in headline[2]


def test_identical_modes_share_one_row(systems: list[SystemResult]) -> None:
    board = render_leaderboard(systems)
    claims_rows = [line for line in board.split("## Claims, every mode", 1)[1].split("## Parts", 1)[0].splitlines() if line.startswith("| full |")]
    assert len(claims_rows) == 1 and "full = strict = iou = proportional = overlap = text = cluster" in claims_rows[0]


def test_the_board_states_systems_in_words_commands_and_signatures(systems: list[SystemResult]) -> None:
    board = render_leaderboard(systems)
    assert "| half | Half of the gold | all of it | `claimbench run half` | [system.json](baselines/half/system.json) | [explain](baselines/half/explain.html) |" in board
    assert f"- half: `{systems[0].report['signature']}`" in board
    assert "](baselines/leaderboard.svg)" in board and "units" in board


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
    assert ">1. full<" in svg and ">2. half<" in svg and ">3. nothing (floor)<" in svg  # rank order, as text
    assert "dataset toy" in svg
