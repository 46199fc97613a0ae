from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT
from typer.testing import CliRunner

from claimbench.cli import app
from claimbench.dataset.gold import load_gold
from claimbench.files import read_submission
from claimbench.reports.explain_html import anchor, render_against_html, render_html
from claimbench.scoring.explain import CATEGORIES, CLAIM_MODES, PARTS, explain, explain_against
from claimbench.scoring.report import score

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


def report_found(path: Path) -> dict[str, set[str]]:
    claims, _ = read_submission(path, GOLD)
    return {mode: set(ids) for mode, ids in score(GOLD, claims, resamples=0).to_dict()["found_claims"].items()}


@pytest.mark.parametrize("a, b", [("rules", "spacy"), ("sentences", "rules"), ("llm", "lead")])
def test_against_json_lists_the_set_differences_of_the_reports_found_claims(a: str, b: str, tmp_path: Path) -> None:
    path_a, path_b = (ROOT / "baselines" / name / "predictions.jsonl" for name in (a, b))
    result = runner_invoke(["explain", str(path_a), "--against", str(path_b), "--json", str(tmp_path / "ab.json")])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "ab.json").read_text(encoding="utf-8"))
    found_a, found_b = report_found(path_a), report_found(path_b)
    assert set(data["found_by_one_only"]) == set(found_a)
    for mode, difference in data["found_by_one_only"].items():
        assert set(difference["a_only"]) == found_a[mode] - found_b[mode], mode
        assert set(difference["b_only"]) == found_b[mode] - found_a[mode], mode
    assert data["systems"]["a"]["name"] == str(path_a) and data["systems"]["b"]["name"] == str(path_b)
    full = data["found_by_one_only"]["full"]
    assert f"found by A only (full): {len(full['a_only'])}; by B only: {len(full['b_only'])}" in result.output


def test_against_a_system_itself_finds_no_difference() -> None:
    result, _, _ = explained("rules", "overlap")
    compared = explain_against(result, result, ("rules", "rules"))
    assert all(d == {"a_only": [], "b_only": []} for d in compared["found_by_one_only"].values())


def test_against_page_marks_each_gold_claim_by_who_finds_it() -> None:
    a, _, _ = explained("rules")
    b, _, _ = explained("spacy")
    compared = explain_against(a, b, ("rules", "spacy"))
    page = render_against_html(compared, GOLD, "rules against spacy")
    difference = compared["found_by_one_only"]["full"]
    for side in ("a_only", "b_only"):
        drawn = re.findall(rf'data-claim-id="([^"]+)" data-kind="gold" data-system="a" data-found="{side}"', page)
        assert sorted(drawn) == difference[side]
    assert page.count('data-found="') == len(GOLD.claims)  # the gold layer is drawn once
    for key in ("a", "b"):
        records = [r for r in compared["systems"][key]["records"] if r["kind"] == "pred"]
        for status in ("tp", "fp", "optional"):
            expected = sum(1 for r in records if r["status"]["full"] == status)
            assert len(re.findall(rf'data-kind="pred" data-system="{key}" data-status="{status}"', page)) == expected
    assert "http://" not in page and "https://" not in page


def test_against_needs_the_same_mode() -> None:
    with pytest.raises(ValueError, match="same mode"):
        explain_against(explained("rules", "full")[0], explained("rules", "strict")[0], ("a", "b"))


def test_regress_html_writes_the_two_version_page_whose_differences_are_the_lost_and_gained_claims(tmp_path: Path) -> None:
    accepted, new = ROOT / "baselines" / "rules" / "predictions.jsonl", ROOT / "baselines" / "spacy" / "predictions.jsonl"
    page = tmp_path / "out" / "regress.html"
    args = ["regress", str(new), "--baseline", str(ROOT / "baselines" / "rules" / "report.json"), "--html", str(page)]
    result = runner_invoke(args + ["--baseline-predictions", str(accepted)])
    assert result.exit_code == 1, result.output  # spacy scores below rules: the gate fails, the page is still written
    assert f"wrote {page}" in result.output and "does not reproduce" not in result.output
    html = page.read_text(encoding="utf-8")
    lost = next(line for line in result.output.splitlines() if line.startswith("lost claims (full): ")).split(": ", 1)[1].split(", ")
    gained = next(line for line in result.output.splitlines() if line.startswith("gained claims (full): ")).split(": ", 1)[1].split(", ")
    assert sorted(re.findall(r'data-claim-id="([^"]+)" data-kind="gold" data-system="a" data-found="a_only"', html)) == lost
    assert sorted(re.findall(r'data-claim-id="([^"]+)" data-kind="gold" data-system="a" data-found="b_only"', html)) == gained
    missing = runner_invoke(args)
    assert missing.exit_code == 2
    assert missing.output.strip().splitlines() == ["error: --html needs --baseline-predictions PRED.jsonl: the baseline report holds no predictions to draw"]


def test_regress_html_warns_when_the_baseline_predictions_do_not_give_the_baseline_report(tmp_path: Path) -> None:
    predictions = ROOT / "baselines" / "spacy" / "predictions.jsonl"
    args = ["regress", str(predictions), "--baseline", str(ROOT / "baselines" / "spacy" / "report.json"), "--html", str(tmp_path / "r.html")]
    result = runner_invoke(args + ["--baseline-predictions", str(ROOT / "baselines" / "lead" / "predictions.jsonl")])
    assert result.exit_code == 0, result.output
    assert "does not reproduce the baseline report's found claims" in result.output


@pytest.mark.parametrize("system", SYSTEMS)
def test_page_marks_parts_for_the_part_filter(system: str) -> None:
    result, _, _ = explained(system)
    page = render_html(result, GOLD, system)
    for record in result["records"][:40]:
        has = " ".join(p for p in PARTS if record["parts"][p]["items"])
        assert f'id="{anchor(record)}"' in page
        element = page.split(f'id="{anchor(record)}"', 1)[1].split(">", 1)[0]
        assert f'data-parts="{has}"' in element
