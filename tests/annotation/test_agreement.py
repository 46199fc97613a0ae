from __future__ import annotations

from conftest import ROOT
from typer.testing import CliRunner

from claimbench.annotation.agreement import matched_claims, measure
from claimbench.cli import app
from claimbench.dataset.build import ProjectPaths, load_corpus

runner = CliRunner()


def test_the_second_pass_builds_with_the_same_validation() -> None:
    paths = ProjectPaths(ROOT)
    second = load_corpus(paths, paths.annotations / "second_pass")
    assert sorted({c.doc_id for c in second.claims}) == ["000", "001", "002", "003", "004"]


def test_a_pass_agrees_perfectly_with_itself() -> None:
    first = load_corpus(ProjectPaths(ROOT))
    agreement = measure(first, first)
    assert all(values == (1.0, 1.0) for values in agreement.f1.values())
    assert agreement.kappa == {"modality": 1.0, "polarity": 1.0}
    assert len(matched_claims(first, first)) == len(first.claims)


def test_agreement_table_is_current() -> None:
    result = runner.invoke(app, ["agreement", "--check", "--root", str(ROOT)])
    assert result.exit_code == 0, result.output


def test_agreement_check_fails_when_stale(project_copy: ProjectPaths) -> None:
    project_copy.agreement.write_text("old\n", encoding="utf-8")
    result = runner.invoke(app, ["agreement", "--check", "--root", str(project_copy.root)])
    assert result.exit_code == 1
