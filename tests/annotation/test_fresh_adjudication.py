"""The fresh pass's adjudication log (annotations/fresh_adjudication.yaml) and the current agreement
figure; mirrors tests/annotation/test_adjudication.py for the log of the first two passes."""

from __future__ import annotations

import dataclasses

import pytest
import yaml
from conftest import ROOT
from typer.testing import CliRunner

from claimbench.annotation.adjudication import FRESH, Decision, LogError, check_log, parse_log
from claimbench.annotation.agreement import TARGETS, disagreements, measure_current
from claimbench.cli import app
from claimbench.dataset.annotations import LINE_KEY
from claimbench.dataset.build import ProjectPaths, load_corpus
from claimbench.dataset.model import Corpus
from claimbench.dataset.yaml_io import load_yaml

LOG = "annotations/fresh_adjudication.yaml"
runner = CliRunner()


@pytest.fixture(scope="module")
def corpora() -> tuple[Corpus, Corpus, Corpus]:
    """The gold before adjudicating the fresh pass, the fresh pass, and the gold now."""
    paths = ProjectPaths(ROOT)
    return (
        load_corpus(paths, paths.annotations / "gold_before_fresh"),
        load_corpus(paths, paths.annotations / "fresh_pass"),
        load_corpus(paths),
    )


def _all_gold(before: Corpus, fresh: Corpus) -> list[Decision]:
    """A log keeping the gold on every disagreement (then the gold before is the gold now)."""
    return [Decision(d.key, d.first, d.second, "gold", "test", shape=FRESH) for d in disagreements(before, fresh)]


def _check(project: ProjectPaths) -> tuple[int, str]:
    result = runner.invoke(app, ["agreement", "--check", "--root", str(project.root)])
    return result.exit_code, result.output


def _edit_log(project: ProjectPaths, edit: object) -> dict[str, str]:
    path = project.annotations / "fresh_adjudication.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    entry = edit(raw["decisions"])  # type: ignore[operator]
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return entry


def test_the_repository_log_decides_every_fresh_disagreement_and_the_gold_follows_it(corpora: tuple[Corpus, Corpus, Corpus]) -> None:
    before, fresh, gold = corpora
    log = parse_log(LOG, load_yaml(ROOT / LOG, LOG), LINE_KEY, FRESH)
    assert check_log(log, before, fresh, gold, LOG) == []
    assert len(log) == len(disagreements(before, fresh)) > 0


def test_the_gold_before_differs_from_the_gold_now_only_where_a_decision_is_fresh(corpora: tuple[Corpus, Corpus, Corpus]) -> None:
    before, fresh, gold = corpora
    log = parse_log(LOG, load_yaml(ROOT / LOG, LOG), LINE_KEY, FRESH)
    # a log that keeps the gold everywhere is wrong exactly on the entries decided for the fresh pass
    problems = check_log(_all_gold(before, fresh), before, fresh, gold, LOG)
    decided_fresh = sorted(d.key for d in log if d.decision == "fresh")
    assert sorted(p.split(": ")[1] for p in problems) == decided_fresh


def test_a_missing_decision_is_reported(corpora: tuple[Corpus, Corpus, Corpus]) -> None:
    before, fresh, _ = corpora
    log = _all_gold(before, fresh)
    assert check_log(log[1:], before, fresh, before, LOG) == [f"{LOG}: {log[0].key}: not adjudicated"]


def test_a_fresh_decision_the_gold_does_not_follow_is_reported(corpora: tuple[Corpus, Corpus, Corpus]) -> None:
    before, fresh, _ = corpora
    log = _all_gold(before, fresh)
    index = next(i for i, d in enumerate(log) if d.key.startswith("span:"))
    log[index] = dataclasses.replace(log[index], decision="fresh")
    problems = check_log(log, before, fresh, before, LOG)
    assert len(problems) == 1 and f"decision 'fresh' means the gold says {log[index].second!r}" in problems[0]


def test_misquoted_entries_are_reported(corpora: tuple[Corpus, Corpus, Corpus]) -> None:
    before, fresh, _ = corpora
    log = _all_gold(before, fresh)
    log[0] = dataclasses.replace(log[0], second="something else")
    problems = check_log(log, before, fresh, before, LOG)
    assert len(problems) == 1 and "quotes the passes as" in problems[0] and "'something else'" in problems[0]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"key": "k", "gold": "a", "fresh": "b", "decision": "first", "reason": "r"}, "field 'decision': expected one of gold, fresh, neither"),
        ({"key": "k", "gold": "a", "fresh": "b", "decision": "neither", "reason": "r"}, "field 'final'"),
        ({"key": "k", "gold": "", "fresh": "b", "decision": "gold", "reason": "r"}, "field 'gold'"),
        ({"key": "k", "first": "a", "second": "b", "decision": "gold", "reason": "r"}, "field 'first': unknown field"),
    ],
)
def test_malformed_fresh_entries_are_one_line_errors_with_the_line(entry: dict[str, str], message: str) -> None:
    raw = {"decisions": [{**entry, LINE_KEY: 9}]}
    with pytest.raises(LogError) as error:
        parse_log(LOG, raw, LINE_KEY, FRESH)
    assert str(error.value).startswith(f"{LOG}:9: ") and message in str(error.value)
    assert "\n" not in str(error.value)


def test_agreement_check_fails_when_a_fresh_decision_is_removed(project_copy: ProjectPaths) -> None:
    removed = _edit_log(project_copy, lambda decisions: decisions.pop(0))
    code, output = _check(project_copy)
    assert code == 1 and f"{removed['key']}: not adjudicated" in output and LOG in output


def test_agreement_check_fails_when_a_fresh_decision_is_misquoted(project_copy: ProjectPaths) -> None:
    def misquote(decisions: list[dict[str, str]]) -> dict[str, str]:
        decisions[0]["fresh"] = "not what the fresh pass said"
        return decisions[0]

    entry = _edit_log(project_copy, misquote)
    code, output = _check(project_copy)
    assert code == 1 and f"{entry['key']}: quotes the passes as" in output


def test_agreement_check_fails_when_the_gold_does_not_follow_a_fresh_decision(project_copy: ProjectPaths) -> None:
    # undo the gold change of one 'fresh' decision: the gold goes back to what it said before
    decided = yaml.safe_load((ROOT / LOG).read_text(encoding="utf-8"))["decisions"]
    key = next(d["key"] for d in decided if d["decision"] == "fresh")
    before = project_copy.annotations / "gold_before_fresh"
    for path in before.glob("*.yaml"):
        (project_copy.annotations / path.name).write_bytes(path.read_bytes())
    code, output = _check(project_copy)
    assert code == 1 and f"{key}: decision 'fresh' means the gold says" in output


def test_the_current_figure_is_measured_against_the_gold_before_adjudication(corpora: tuple[Corpus, Corpus, Corpus]) -> None:
    before, fresh, gold = corpora
    current = measure_current(before, fresh)
    assert current.claims == (len(before.claims), len(fresh.claims))
    assert current.f1 != measure_current(gold, fresh).f1  # adjudicating changed the gold, not the figure
    text = (ROOT / "annotations" / "agreement.md").read_text(encoding="utf-8")
    assert "**(a) Historical agreement" in text and "**(b) Current agreement" in text
    assert "language-model" in text and "upper bound" in text
    for part, mode in TARGETS:
        assert f"| {part} | {mode} | {current.f1['optional'][(part, mode)]:.3f} | {current.f1['required'][(part, mode)]:.3f} |" in text


def test_a_pass_scored_against_itself_agrees_perfectly() -> None:
    gold = load_corpus(ProjectPaths(ROOT))
    current = measure_current(gold, gold)
    assert all(value == 1.0 for values in current.f1.values() for value in values.values())
    assert all(kappa == {"modality": 1.0, "polarity": 1.0} for kappa in current.kappa.values())
    assert current.matched_pairs["required"] == len(gold.claims)
    assert current.matched_pairs["optional"] == len(gold.claims) - current.optional_claims
