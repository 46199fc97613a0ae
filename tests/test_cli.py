from __future__ import annotations

from conftest import ROOT
from typer.testing import CliRunner

from claimbench.cli import app
from claimbench.dataset.build import ProjectPaths

runner = CliRunner()


def test_build_check_passes_on_the_repository() -> None:
    result = runner.invoke(app, ["build", "--check", "--root", str(ROOT)])
    assert result.exit_code == 0, result.output
    assert "current" in result.output


def test_build_check_fails_when_stale(project_copy: ProjectPaths) -> None:
    (project_copy.benchmark / "README.md").write_text("old\n", encoding="utf-8")
    result = runner.invoke(app, ["build", "--check", "--root", str(project_copy.root)])
    assert result.exit_code == 1
    assert "benchmark/README.md" in result.output


def test_build_writes_the_dataset(project_copy: ProjectPaths) -> None:
    (project_copy.benchmark / "README.md").unlink()
    result = runner.invoke(app, ["build", "--root", str(project_copy.root)])
    assert result.exit_code == 0, result.output
    assert (project_copy.benchmark / "README.md").is_file()
    assert "5 documents" in result.output


def test_stats_prints_the_tables() -> None:
    result = runner.invoke(app, ["stats"])
    assert result.exit_code == 0
    assert "| **all** |" in result.output and "| asserted |" in result.output


def test_stats_on_a_folder_that_is_no_dataset(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["stats", "--gold", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.startswith("error:") and "not a claimbench dataset folder" in result.output
