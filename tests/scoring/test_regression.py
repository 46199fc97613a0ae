"""The regression gate on real reports: drops, missing modes, signatures, significance, bad baselines."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from typer.testing import CliRunner

from claimbench.cli import app
from claimbench.dataset.gold import load_gold
from claimbench.extractors.baseline_runs import BaselineFolder
from claimbench.files import read_submission
from claimbench.scoring.regression import ReportError, check_report, regression
from claimbench.scoring.report import score

runner = CliRunner()
GOLD = load_gold()
RULES = BaselineFolder(ROOT, "rules")


def _report(predictions: list[Any]) -> dict[str, Any]:
    return score(GOLD, predictions, resamples=0).to_dict()


@pytest.fixture(scope="module")
def rules() -> list[Any]:
    return read_submission(RULES.predictions, GOLD)[0]


def test_an_unchanged_rerun_passes(rules: list[Any]) -> None:
    check = regression(_report(rules), _report(rules), tolerance=0.0)
    assert not check.failed and not check.drops and not check.signatures


def test_a_drop_fails_and_an_improvement_passes(rules: list[Any]) -> None:
    without_000 = [claim for claim in rules if claim.doc_id != "000"]
    check = regression(_report(rules), _report(without_000), tolerance=0.01)
    assert check.failed and any(c.part == "claims" and c.mode == "full" for c in check.drops)
    assert not regression(_report(without_000), _report(rules), tolerance=0.0).failed


def test_a_missing_mode_fails(rules: list[Any]) -> None:
    new = _report(rules)
    del new["scores"]["dates"]["value"]
    check = regression(_report(rules), new, tolerance=0.0)
    assert check.failed and check.missing == ("dates/value",)


def test_a_signature_change_fails_unless_allowed(rules: list[Any]) -> None:
    baseline = _report(rules)
    baseline["signature"] = baseline["signature"].replace("data:", "data:0.9.0-")
    assert regression(baseline, _report(rules), 0.0).failed
    allowed = regression(baseline, _report(rules), 0.0, allow_signature_change=True)
    assert not allowed.failed and allowed.signatures is not None
    # bootstrap size and seed change intervals only
    reseeded = copy.deepcopy(_report(rules))
    reseeded["signature"] = reseeded["signature"].replace("seed:12345", "seed:1")
    assert not regression(reseeded, _report(rules), 0.0).failed


def test_with_alpha_only_a_significant_drop_fails(rules: list[Any]) -> None:
    baseline = _report(rules)
    one_fewer = sorted(rules, key=lambda c: (c.doc_id, c.start or 0))[1:]  # a tiny, insignificant drop
    tiny = regression(baseline, _report(one_fewer), tolerance=0.0, alpha=0.05, trials=999)
    assert not tiny.failed and tiny.tolerated and all(c.p_value is not None and c.p_value >= 0.05 for c in tiny.tolerated)
    half = [claim for index, claim in enumerate(sorted(rules, key=lambda c: (c.doc_id, c.start or 0))) if index % 2]
    large = regression(baseline, _report(half), tolerance=0.0, alpha=0.05, trials=999)
    assert large.failed and all(c.p_value is not None and c.p_value < 0.05 for c in large.drops)


def test_cli_gate_prints_tolerance_numbers_and_both_signatures(tmp_path: Path, rules: list[Any]) -> None:
    degraded = tmp_path / "degraded.jsonl"
    degraded.write_text("".join(line for line in RULES.predictions.read_text(encoding="utf-8").splitlines(True) if '"doc_id": "000"' not in line), encoding="utf-8")
    result = runner.invoke(app, ["regress", str(degraded), "--baseline", str(RULES.report), "--tolerance", "0.02"])
    assert result.exit_code == 1
    assert "DROP claims/full: F1 " in result.output and "beyond tolerance 0.02" in result.output and "FAIL: " in result.output
    changed = json.loads(RULES.report.read_text(encoding="utf-8"))
    changed["signature"] = changed["signature"].replace("claimbench:", "claimbench:0.0.1-")
    baseline = tmp_path / "changed.json"
    baseline.write_text(json.dumps(changed), encoding="utf-8")
    refused = runner.invoke(app, ["regress", str(RULES.predictions), "--baseline", str(baseline)])
    assert refused.exit_code == 1 and "baseline: claimbench:0.0.1-" in refused.output and "new:      claimbench:" in refused.output
    allowed = runner.invoke(app, ["regress", str(RULES.predictions), "--baseline", str(baseline), "--allow-signature-change"])
    assert allowed.exit_code == 0, allowed.output


@pytest.mark.parametrize(
    ("payload", "message"),
    [([1, 2], "expected a JSON object, got list"), ({"signature": "x"}, "missing 'scores'"),
     ({"signature": "x", "scores": {"claims": {"full": {}}}, "found_claims": {}, "units": {}}, "'scores' must map")],
)  # fmt: skip
def test_a_file_that_is_not_a_report_is_one_line(tmp_path: Path, payload: Any, message: str) -> None:
    with pytest.raises(ReportError, match=message):
        check_report(payload, "b.json")
    path = tmp_path / "b.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    result = runner.invoke(app, ["regress", str(RULES.predictions), "--baseline", str(path)])
    assert result.exit_code == 2 and message in result.output and len(result.output.strip().splitlines()) == 1
