from __future__ import annotations

import dataclasses

import pytest
import yaml
from conftest import ROOT
from typer.testing import CliRunner

from claimbench.annotation.adjudication import Decision, LogError, check_log, parse_log
from claimbench.annotation.agreement import disagreements
from claimbench.cli import app
from claimbench.dataset.annotations import LINE_KEY
from claimbench.dataset.build import ProjectPaths, load_corpus
from claimbench.dataset.model import Corpus
from claimbench.dataset.yaml_io import load_yaml

LOG = "annotations/adjudication.yaml"
runner = CliRunner()


@pytest.fixture(scope="module")
def passes() -> tuple[Corpus, Corpus, Corpus]:
    paths = ProjectPaths(ROOT)
    return (
        load_corpus(paths, paths.annotations / "first_pass"),
        load_corpus(paths, paths.annotations / "second_pass"),
        load_corpus(paths),
    )


def _all_first(first: Corpus, second: Corpus) -> list[Decision]:
    """A log deciding every disagreement for the first pass (then the first pass is its gold)."""
    return [Decision(d.key, d.first, d.second, "first", "test") for d in disagreements(first, second)]


def test_the_repository_log_decides_every_disagreement_and_the_gold_follows_it(passes: tuple[Corpus, Corpus, Corpus]) -> None:
    first, second, gold = passes
    log = parse_log(LOG, load_yaml(ROOT / LOG, LOG), LINE_KEY)
    assert check_log(log, first, second, gold, LOG) == []
    assert len(log) == len(disagreements(first, second)) > 0


def test_the_passes_disagree_on_claims_spans_and_parts(passes: tuple[Corpus, Corpus, Corpus]) -> None:
    aspects = {item.key.split(":")[0] for item in disagreements(*passes[:2])}
    assert {"claim", "span", "modality", "entities", "attributions"} <= aspects


def test_a_complete_log_followed_by_the_gold_has_no_problem(passes: tuple[Corpus, Corpus, Corpus]) -> None:
    first, second, _ = passes
    assert check_log(_all_first(first, second), first, second, first, LOG) == []


def test_a_missing_decision_is_reported(passes: tuple[Corpus, Corpus, Corpus]) -> None:
    first, second, _ = passes
    log = _all_first(first, second)
    problems = check_log(log[1:], first, second, first, LOG)
    assert problems == [f"{LOG}: {log[0].key}: not adjudicated"]


def test_a_decision_the_gold_does_not_follow_is_reported(passes: tuple[Corpus, Corpus, Corpus]) -> None:
    first, second, _ = passes
    log = _all_first(first, second)
    # deciding for the second pass while the gold stays the first pass contradicts the gold
    index = next(i for i, d in enumerate(log) if d.key.startswith("modality:"))
    log[index] = dataclasses.replace(log[index], decision="second")
    problems = check_log(log, first, second, first, LOG)
    assert len(problems) == 1 and f"decision 'second' means the gold says {log[index].second!r}" in problems[0]


def test_the_gold_following_the_second_pass_satisfies_a_second_decision(passes: tuple[Corpus, Corpus, Corpus]) -> None:
    first, second, _ = passes
    log = _all_first(first, second)
    index = next(i for i, d in enumerate(log) if d.key.startswith("modality:"))
    log[index] = dataclasses.replace(log[index], decision="second")
    claim_id = log[index].key.split(":")[1].split("|")[0]
    gold = dataclasses.replace(first, claims=tuple(
        dataclasses.replace(c, modality=log[index].second) if c.claim_id == claim_id else c for c in first.claims
    ))  # fmt: skip
    assert check_log(log, first, second, gold, LOG) == []


def test_misquoted_and_unknown_entries_are_reported(passes: tuple[Corpus, Corpus, Corpus]) -> None:
    first, second, _ = passes
    log = _all_first(first, second)
    log[0] = dataclasses.replace(log[0], first="something else", decision="neither", gold="something else")
    log.append(Decision("modality:000-01|000-01", "asserted", "asserted", "first", "no such disagreement"))
    problems = check_log(log, first, second, first, LOG)
    assert any("quotes the passes as 'something else'" in p for p in problems)
    assert any("000-01|000-01: no such disagreement" in p for p in problems)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"key": "k", "first": "a", "second": "b", "decision": "maybe", "reason": "r"}, "field 'decision'"),
        ({"key": "k", "first": "a", "second": "b", "decision": "neither", "reason": "r"}, "field 'gold'"),
        ({"key": "k", "first": "a", "second": "b", "decision": "first", "reason": ""}, "field 'reason'"),
        ({"key": "k", "first": "a", "second": "b", "decision": "first", "reason": "r", "why": "x"}, "field 'why': unknown field"),
    ],
)
def test_malformed_entries_are_one_line_errors_with_the_line(entry: dict[str, str], message: str) -> None:
    raw = yaml.safe_load("decisions: []")
    raw["decisions"].append({**entry, LINE_KEY: 7})
    with pytest.raises(LogError) as error:
        parse_log(LOG, raw, LINE_KEY)
    assert str(error.value).startswith(f"{LOG}:7: ") and message in str(error.value)
    assert "\n" not in str(error.value)


def test_agreement_check_fails_when_a_decision_is_removed(project_copy: ProjectPaths) -> None:
    log_path = project_copy.annotations / "adjudication.yaml"
    raw = yaml.safe_load(log_path.read_text(encoding="utf-8"))
    removed = raw["decisions"].pop(0)
    log_path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(app, ["agreement", "--check", "--root", str(project_copy.root)])
    assert result.exit_code == 1
    assert f"{removed['key']}: not adjudicated" in result.output
