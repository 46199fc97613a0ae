from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from claimbench.cli import app
from claimbench.dataset.gold import load_gold

runner = CliRunner()
GOLD = load_gold()


def submission(tmp_path: Path, name: str, keep: int | None = None) -> Path:
    """The gold claims as a submission (offsets and parts), optionally only every keep-th claim."""
    path = tmp_path / name
    with path.open("w", encoding="utf-8") as handle:
        for index, claim in enumerate(GOLD.claims):
            if keep and index % keep:
                continue
            record = {
                "doc_id": claim.doc_id, "text": claim.text, "start": claim.start, "end": claim.end,
                "normalized": claim.normalized,
                "entities": [{"text": e.text, "start": e.start, "end": e.end, "type": e.type} for e in claim.entities],
            }  # fmt: skip
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def test_score_prints_a_table_and_writes_the_report_contract(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["score", str(submission(tmp_path, "p.jsonl")), "--json", str(out), "--bootstrap", "100"])
    assert result.exit_code == 0, result.output
    assert "claims       strict" in result.output and "signature: claimbench:" in result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["signature"].startswith("claimbench:") and "bootstrap:100" in report["signature"]
    for mode in ("strict", "overlap", "text"):
        entry = report["scores"]["claims"][mode]
        assert {"tp", "fp", "fn", "precision", "recall", "f1", "ci95"} <= set(entry)
        assert entry["f1"] == 1.0 and entry["ci95"]["f1"] == [1.0, 1.0]
    assert set(report["scores"]) == {"claims", "entities", "quantities", "dates", "attributions"}
    assert report["per_document"]["002"]["claims"]["strict"]["tp"] == sum(c.doc_id == "002" for c in GOLD.claims)
    assert "ci95" not in report["per_document"]["002"]["claims"]["strict"]
    assert report["scores"]["entities"]["strict"]["f1"] == 1.0
    assert report["scores"]["quantities"]["strict"]["recall"] == 0.0


def test_score_is_byte_identical_across_runs(tmp_path: Path) -> None:
    path = submission(tmp_path, "p.jsonl", keep=3)
    outputs = []
    for name in ("a.json", "b.json"):
        runner.invoke(app, ["score", str(path), "--json", str(tmp_path / name), "--seed", "3"])
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]


def test_compare_reports_a_paired_difference(tmp_path: Path) -> None:
    full, half = submission(tmp_path, "full.jsonl"), submission(tmp_path, "half.jsonl", keep=2)
    out = tmp_path / "cmp.json"
    result = runner.invoke(app, ["compare", str(half), str(full), "--bootstrap", "200", "--json", str(out)])
    assert result.exit_code == 0, result.output
    comparison = json.loads(out.read_text(encoding="utf-8"))
    strict = comparison["differences"]["claims"]["strict"]
    assert strict["delta_f1"] > 0 and strict["ci95"][0] > 0 and strict["p_bootstrap"] < 0.05
    assert 1 / 10_001 <= strict["p_randomization"] < 0.05
    assert comparison["a"] == str(half) and comparison["b"] == str(full)
    assert f"A = {half}" in result.output and f"B = {full}" in result.output
    assert comparison["units"] == {"kind": "sentence", "count": 138}


def test_regress_fails_on_a_real_drop_and_lists_lost_claims(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    runner.invoke(app, ["score", str(submission(tmp_path, "full.jsonl")), "--json", str(baseline), "--bootstrap", "0"])
    same = runner.invoke(app, ["regress", str(submission(tmp_path, "again.jsonl")), "--baseline", str(baseline)])
    assert same.exit_code == 0 and "OK" in same.output
    degraded = runner.invoke(app, ["regress", str(submission(tmp_path, "half.jsonl", keep=2)), "--baseline", str(baseline)])
    assert degraded.exit_code == 1
    assert "DROP claims/strict: F1 1.0000 -> " in degraded.output
    lost = GOLD.claims[1].claim_id
    assert "lost claims (strict): " in degraded.output and lost in degraded.output
    tolerant = runner.invoke(
        app, ["regress", str(submission(tmp_path, "most.jsonl", keep=0)), "--baseline", str(baseline), "--tolerance", "0.5"]
    )
    assert tolerant.exit_code == 0


def test_regress_with_a_broken_baseline_is_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{}", encoding="utf-8")
    result = runner.invoke(app, ["regress", str(submission(tmp_path, "p.jsonl")), "--baseline", str(broken)])
    assert result.exit_code == 2 and result.output.startswith("error:") and "not a claimbench report" in result.output


def test_document_units_warn_and_withhold_the_bootstrap_p_value(tmp_path: Path) -> None:
    full, half = submission(tmp_path, "full.jsonl"), submission(tmp_path, "half.jsonl", keep=2)
    out = tmp_path / "cmp.json"
    result = runner.invoke(app, ["compare", str(half), str(full), "--unit", "document", "--trials", "999", "--json", str(out)])
    assert result.exit_code == 0, result.output
    strict = json.loads(out.read_text(encoding="utf-8"))["differences"]["claims"]["strict"]
    assert "p_bootstrap" not in strict and "ci95" in strict
    assert strict["p_randomization"] >= 2 / 32 - 0.02  # five documents: an exact sign-flip test stops at 0.0625
    assert "only 5 resampling unit(s)" in result.output and "n/a" in result.output
