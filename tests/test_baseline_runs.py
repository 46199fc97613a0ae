"""The stored baseline results: valid, reproducible, and the leaderboard current."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimbench.baseline_runs import LLM_BASELINES, OFFLINE_BASELINES, BaselineFolder, llm_cache, stale_results, stored_systems
from claimbench.cli import app
from claimbench.gold import load_gold
from conftest import ROOT

runner = CliRunner()


def test_every_offline_baseline_has_stored_results() -> None:
    assert stored_systems(ROOT) == sorted(OFFLINE_BASELINES)


def test_stored_reports_and_the_leaderboard_are_current() -> None:
    result = runner.invoke(app, ["leaderboard", "--check", "--root", str(ROOT)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("name", OFFLINE_BASELINES)
def test_stored_predictions_are_valid_submissions(name: str) -> None:
    result = runner.invoke(app, ["validate", str(BaselineFolder(ROOT, name).predictions)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("name", ["rules", *LLM_BASELINES])  # spacy trains five models: CI's gate reruns it
def test_a_rerun_reproduces_the_stored_predictions_byte_for_byte(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # an llm replay reads baselines/NAME/cache relative to the working directory
    out = tmp_path / f"{name}.jsonl"
    command = ["run", name] if name in ("rules", "llm") else ["run", "llm", "--cache", llm_cache(name)]
    result = runner.invoke(app, [*command, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == BaselineFolder(ROOT, name).predictions.read_bytes()


@pytest.fixture()
def results_copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "baselines", tmp_path / "baselines", ignore=shutil.ignore_patterns("cache"))
    shutil.copy(ROOT / "leaderboard.md", tmp_path / "leaderboard.md")
    return tmp_path


def test_a_report_that_no_longer_matches_its_predictions_is_stale(results_copy: Path) -> None:
    report_path = BaselineFolder(results_copy, "rules").report
    report = json.loads(report_path.read_text(encoding="utf-8"))
    report["scores"]["claims"]["overlap"]["f1"] = 0.99
    report_path.write_text(json.dumps(report), encoding="utf-8")
    assert stale_results(results_copy, load_gold()) == ["baselines/rules/report.json", "leaderboard.md", "baselines/leaderboard.svg"]
    result = runner.invoke(app, ["leaderboard", "--check", "--root", str(results_copy)])
    assert result.exit_code == 1


def test_a_hand_edited_leaderboard_is_stale_and_regenerated(results_copy: Path) -> None:
    board = results_copy / "leaderboard.md"
    board.write_text(board.read_text(encoding="utf-8").replace("| rules |", "| rules (best!) |"), encoding="utf-8")
    assert stale_results(results_copy, load_gold()) == ["leaderboard.md"]
    assert runner.invoke(app, ["leaderboard", "--root", str(results_copy)]).exit_code == 0
    assert board.read_bytes() == (ROOT / "leaderboard.md").read_bytes()


def test_unknown_extractor_is_a_one_line_error() -> None:
    result = runner.invoke(app, ["run", "nope"])
    assert result.exit_code == 2
    assert "unknown extractor 'nope' (expected one of rules, spacy, llm)" in result.output
