"""Every bad input is one line on stderr and exit 2, never a traceback; warnings go to stderr only."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from claimbench.cli import app
from claimbench.dataset.gold import load_gold
from claimbench.scoring.submission import MAX_DEPTH, MAX_LINE_CHARS
from claimbench.version import __version__

runner = CliRunner()
GOLD = load_gold()
FIRST = GOLD.claims[0]
GOOD = {"doc_id": FIRST.doc_id, "text": FIRST.text, "start": FIRST.start, "end": FIRST.end}
RULES = ROOT / "baselines" / "rules" / "predictions.jsonl"
HEAVY = ("sklearn", "datasets", "spacy", "pandas", "matplotlib")
SCORING_HEAVY = (*HEAVY, "scipy")  # the matching solves its small conflicts in pure Python


def test_importing_the_package_and_the_cli_loads_no_heavy_library() -> None:
    code = f"import sys, claimbench, claimbench.cli; print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"


def test_scoring_loads_no_heavy_library(tmp_path: Path) -> None:
    code = (
        "import sys; from claimbench.cli import app\n"
        f"sys.argv = ['claimbench', 'score', {str(RULES)!r}, '--bootstrap', '10']\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in {SCORING_HEAVY!r} if m in sys.modules), file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stderr.strip().splitlines()[-1] == "[]"


def one_error_line(result: object) -> str:
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    lines = result.stderr.strip().splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1 and lines[0].startswith("error: "), lines
    assert "Traceback" not in result.output  # type: ignore[attr-defined]
    return lines[0]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[" * 100_000 + "\n", f"pred.jsonl:1: JSON nested deeper than {MAX_DEPTH} levels"),
        ('{"doc_id": "000", "text": "x", "entities": ' + "[" * 70 + "]" * 70 + "}\n", f"nested deeper than {MAX_DEPTH}"),
        ('{"x": "' + "a" * (MAX_LINE_CHARS + 1) + '"}\n', f"pred.jsonl:1: line longer than {MAX_LINE_CHARS:,} characters"),
        ("a" * (4 * MAX_LINE_CHARS + 10), "pred.jsonl:1: line longer than"),
        (json.dumps({**GOOD, "end": 10**9}) + "\n", "field 'start': span"),
        (json.dumps({**GOOD, "entities": [[[]]]}) + "\n", "field 'entities[0]': expected object, got array"),
    ],
)
def test_limits_are_one_line_errors(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "pred.jsonl"
    path.write_text(content, encoding="utf-8")
    for command in ("validate", "score"):
        assert expected in one_error_line(runner.invoke(app, [command, str(path), "--bootstrap", "0"][: 2 if command == "validate" else 4]))


def test_an_unwritable_report_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    line = one_error_line(runner.invoke(app, ["score", str(RULES), "--bootstrap", "0", "--json", str(blocker / "report.json")]))
    assert str(blocker) in line


def test_warnings_go_to_stderr_and_validate_gives_the_same_as_score(tmp_path: Path) -> None:
    record = json.dumps(GOOD, ensure_ascii=False)
    path = tmp_path / "pred.jsonl"
    path.write_text(f"{record}\n{record}\n" + json.dumps({"doc_id": FIRST.doc_id, "text": "steht nirgends"}) + "\n", encoding="utf-8")
    scored = runner.invoke(app, ["score", str(path), "--bootstrap", "0"])
    validated = runner.invoke(app, ["validate", str(path)])
    assert scored.exit_code == validated.exit_code == 0
    assert "warning" not in scored.stdout and "signature:" in scored.stdout
    warnings = scored.stderr.strip().splitlines()
    assert any("duplicated" in w for w in warnings) and any("not found in the document" in w for w in warnings)
    assert validated.stderr.strip().splitlines() == warnings
    assert all(w.startswith("warning: ") for w in warnings)


def test_compare_and_regress_print_their_warnings(tmp_path: Path) -> None:
    path = tmp_path / "dup.jsonl"
    record = json.dumps(GOOD, ensure_ascii=False)
    path.write_text(f"{record}\n{record}\n", encoding="utf-8")
    compared = runner.invoke(app, ["compare", str(RULES), str(path), "--bootstrap", "10"])
    assert compared.exit_code == 0 and "B: 1 duplicated" in compared.stderr
    report = tmp_path / "report.json"
    runner.invoke(app, ["score", str(RULES), "--bootstrap", "0", "--json", str(report)])
    regressed = runner.invoke(app, ["regress", str(path), "--baseline", str(report)])
    assert regressed.exit_code == 1 and "duplicated" in regressed.stderr and "duplicated" not in regressed.stdout


def test_shards_score_to_the_same_totals_as_the_whole(tmp_path: Path) -> None:
    lines = RULES.read_text(encoding="utf-8").splitlines(keepends=True)
    shards = []
    for index, (start, end) in enumerate([(0, 30), (30, 31), (31, len(lines))]):
        shards.append(tmp_path / f"shard{index}.jsonl")
        shards[-1].write_text("".join(lines[start:end]), encoding="utf-8")
    reports = {}
    for name, paths in (("whole", [RULES]), ("shards", shards)):
        out = tmp_path / f"{name}.json"
        result = runner.invoke(app, ["score", *map(str, paths), "--json", str(out), "--bootstrap", "100"])
        assert result.exit_code == 0, result.output
        reports[name] = json.loads(out.read_text(encoding="utf-8"))
    for key in ("scores", "per_document", "found_claims", "value_accuracy", "signature"):
        assert reports["shards"][key] == reports["whole"][key], key
    assert any("numbered on across the files" in w for w in reports["shards"]["warnings"])


def test_an_error_in_a_shard_names_the_shard_and_its_own_line(tmp_path: Path) -> None:
    good, bad = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    good.write_text(json.dumps(GOOD) + "\n" * 3, encoding="utf-8")
    bad.write_text(json.dumps({**GOOD, "start": "0"}) + "\n", encoding="utf-8")
    assert f"{bad}:1: field 'start'" in one_error_line(runner.invoke(app, ["validate", str(good), str(bad)]))


def test_version_names_package_and_dataset() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"claimbench {__version__} (dataset {GOLD.version})"


def test_commands_that_rewrite_the_clone_refuse_another_folder(tmp_path: Path) -> None:
    for command in ("baselines", "build", "agreement"):
        line = one_error_line(runner.invoke(app, [command, "--root", str(tmp_path)]))
        assert "needs a clone of the claimbench repository" in line
    assert list(tmp_path.iterdir()) == []


def test_llm_replay_outside_a_clone_says_what_it_needs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    line = one_error_line(runner.invoke(app, ["run", "llm"]))
    assert "no response cache" in line and "--base-url" in line
    assert list(tmp_path.iterdir()) == []


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)
FIELD_NAMES = st.sampled_from(["doc_id", "text", "start", "end", "normalized", "entities", "quantities", "dates",
                               "attributions", "type", "value", "unit", "source_text", "colour"])  # fmt: skip
CLAIM_LIKE = st.dictionaries(FIELD_NAMES, JSON_VALUES, max_size=6).map(lambda record: {**GOOD, **record})


def check_validate_outcome(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "fuzz.jsonl"
    path.write_bytes(content)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output
    stderr = result.stderr.strip().splitlines()
    if result.exit_code == 2:
        assert len(stderr) == 1 and stderr[0].startswith(f"error: {path}"), stderr
    else:
        assert all(line.startswith("warning: ") for line in stderr), stderr


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes_never_give_a_traceback(tmp_path: Path, content: bytes) -> None:
    check_validate_outcome(tmp_path, content)


@FUZZ
@given(st.lists(JSON_VALUES | CLAIM_LIKE, max_size=4))
def test_random_json_never_gives_a_traceback(tmp_path: Path, values: list[object]) -> None:
    lines = [json.dumps(value, ensure_ascii=bool(index % 2)) for index, value in enumerate(values)]
    check_validate_outcome(tmp_path, ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass"))


def test_the_validator_runs_as_a_process_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    path.write_text("{" * 50_000 + "\n", encoding="utf-8")
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    result = subprocess.run([sys.executable, "-m", "claimbench", "validate", str(path)], capture_output=True, text=True, env=env)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
