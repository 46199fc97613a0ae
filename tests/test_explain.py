from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimbench.cli import app
from claimbench.explain import CATEGORIES, CLAIM_MODES, explain
from claimbench.explain_html import render_html
from claimbench.files import read_submission
from claimbench.gold import load_gold
from claimbench.scorer import score

ROOT = Path(__file__).resolve().parents[1]
GOLD = load_gold()
SYSTEMS = sorted(p.parent.name for p in (ROOT / "baselines").glob("*/predictions.jsonl"))


def explained(system: str, mode: str = "full") -> tuple[dict, object, list]:
    claims, _ = read_submission(ROOT / "baselines" / system / "predictions.jsonl", GOLD)
    report = score(GOLD, claims, resamples=0)
    return explain(report, GOLD, claims, mode), report, claims


def outcome_counts(report: object, doc_id: str, mode: str) -> Counter:
    return Counter(o.status for o in report.documents[doc_id].outcomes["claims"][mode])  # type: ignore[attr-defined]


@pytest.mark.parametrize("system", SYSTEMS)
def test_statuses_agree_with_the_report_for_every_mode_and_document(system: str) -> None:
    result, report, claims = explained(system)
    for document in GOLD.documents:
        records = [r for r in result["records"] if r["doc_id"] == document.doc_id]
        gold = [r for r in records if r["kind"] == "gold"]
        pred = [r for r in records if r["kind"] == "pred"]
        assert len(pred) == sum(1 for c in claims if c.doc_id == document.doc_id)
        for mode in CLAIM_MODES:
            expected = outcome_counts(report, document.doc_id, mode)
            if mode == "cluster":  # the unit is a cluster: one status per cluster
                gold_status = dict(sorted({(r["cluster_id"], r["status"][mode]) for r in gold}))
                seen = Counter(gold_status.values())
            else:
                seen = Counter(r["status"][mode] for r in gold)
                assert sum(1 for r in pred if r["status"][mode] == "tp") == expected["tp"]
            assert seen["tp"] == expected["tp"] and seen["fn"] == expected["fn"], (document.doc_id, mode)
            assert sum(1 for r in pred if r["status"][mode] == "fp") == expected["fp"], (document.doc_id, mode)
            # a prediction matched to an optional gold claim counts neither way (MUC-style)
            assert {r["status"][mode] for r in pred} <= {"tp", "fp", "optional"}
            if mode != "cluster":
                matched_optional = sum(1 for o in report.documents[document.doc_id].outcomes["claims"][mode] if o.status == "optional" and o.pred)
                assert sum(1 for r in pred if r["status"][mode] == "optional") == matched_optional


def test_partners_are_mutual_and_credit_sums_to_the_report() -> None:
    result, report, _ = explained("rules")
    by_key = {(r["doc_id"], r["kind"], r["id"]): r for r in result["records"]}
    for mode in ("full", "strict", "iou", "proportional", "overlap", "text"):
        credit = 0.0
        for record in result["records"]:
            if record["kind"] == "gold" and record["status"][mode] == "tp":
                partner = by_key[(record["doc_id"], "pred", record["partner"][mode])]
                assert partner["partner"][mode] == record["id"]
                credit += record["credit"][mode]
        assert credit == pytest.approx(report.totals("claims", mode).tp)


@pytest.mark.parametrize("system", SYSTEMS)
def test_part_errors_are_exactly_the_matched_claims_without_full_credit(system: str) -> None:
    result, _, _ = explained(system, "full")
    for record in result["records"]:
        if record["kind"] == "gold" and record["status"]["full"] == "tp":
            wrong = [o for part in record["parts"].values() for o in part["outcomes"] if o["status"] != "tp"]
            assert (record["category"] == "part_errors") == (record["credit"]["full"] < 1) == bool(wrong), record["id"]


def test_categories_partition_gold_claims_and_unmatched_predictions() -> None:
    result, _, _ = explained("rules", "overlap")
    counted = sum(result["summary"]["categories"].values())
    unmatched = sum(1 for r in result["records"] if r["kind"] == "pred" and r["status"]["overlap"] == "fp")
    assert counted == len(GOLD.claims) + unmatched
    # in overlap mode a missed gold claim has no located prediction that overlaps it unmatched... except when
    # the overlapping prediction went to another gold claim: then it is split, merged or boundary, never "missed"
    for record in result["records"]:
        if record["kind"] == "gold" and record["category"] == "missed":
            assert record["overlapping"] == []
    assert set(result["summary"]["categories"]) == set(CATEGORIES)


def test_gold_as_submission_is_all_correct_in_strict_mode(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for claim in GOLD.claims:
            handle.write(json.dumps({"doc_id": claim.doc_id, "text": claim.text, "start": claim.start, "end": claim.end}) + "\n")
    claims, _ = read_submission(path, GOLD)
    result = explain(score(GOLD, claims, resamples=0), GOLD, claims, "strict")
    optional = sum(1 for claim in GOLD.claims if claim.optional)
    assert result["summary"]["status"] == {"tp": len(GOLD.claims) - optional, "fn": 0, "fp": 0, "optional": optional}
    # parts were not submitted: every matched claim with gold parts shows part errors
    with_parts = sum(1 for c in GOLD.claims if not c.optional and (c.entities or c.quantities or c.dates or c.attributions))
    assert result["summary"]["categories"]["part_errors"] == with_parts


def test_html_draws_every_claim_once_with_its_status() -> None:
    result, report, _ = explained("rules")
    page = render_html(result, GOLD, "rules")
    for status in ("tp", "fn", "fp", "optional"):
        expected = sum(1 for r in result["records"] if r["status"]["full"] == status)
        assert page.count(f'data-status="{status}"') == expected
    assert page.count('class="claim"') == len(result["records"])
    assert "http://" not in page and "https://" not in page  # nothing to fetch: works offline


def test_explain_cli_writes_json_and_html_deterministically(tmp_path: Path) -> None:
    args = ["explain", str(ROOT / "baselines" / "rules" / "predictions.jsonl"), "--mode", "overlap"]
    first = runner_invoke(args + ["--json", str(tmp_path / "a.json"), "--html", str(tmp_path / "a.html")])
    second = runner_invoke(args + ["--json", str(tmp_path / "b.json"), "--html", str(tmp_path / "b.html")])
    assert first.exit_code == 0 and second.exit_code == 0, first.output
    assert "spurious" in first.output
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()
    data = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert data["mode"] == "overlap" and data["records"]


def test_explain_cli_rejects_an_unknown_mode_in_one_line() -> None:
    result = runner_invoke(["explain", str(ROOT / "baselines" / "rules" / "predictions.jsonl"), "--mode", "fuzzy"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == ["error: --mode: expected one of full, strict, iou, proportional, overlap, text, cluster, got 'fuzzy'"]


def runner_invoke(args: list[str]):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, args)
