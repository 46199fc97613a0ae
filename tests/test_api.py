"""The Python API runs the CLI's validation and gives the CLI's warnings."""

from __future__ import annotations

import io
import json
import re
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

import claimbench
from claimbench.cli import app
from claimbench.scoring.submission import PredictedClaim, PredictedEntity

runner = CliRunner()
GOLD = claimbench.load_gold()
FIRST = GOLD.claims[0]
GOOD = {"doc_id": FIRST.doc_id, "text": FIRST.text, "start": FIRST.start, "end": FIRST.end}
RULES = Path(__file__).resolve().parents[1] / "baselines" / "rules" / "predictions.jsonl"


def test_text_that_disagrees_with_its_offsets_is_refused_for_every_gold_claim() -> None:
    wrong = [PredictedClaim(doc_id=c.doc_id, text="xyz", start=c.start, end=c.end) for c in GOLD.claims]
    with pytest.raises(claimbench.SubmissionError, match=r"^predictions:1: field 'text': 'xyz' differs from the document"):
        claimbench.score(GOLD, wrong, resamples=0)


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ({**GOOD, "end": 10**6}, "predictions:1: field 'start': span"),
        ({**GOOD, "doc_id": "999"}, "predictions:1: field 'doc_id': unknown doc_id '999'"),
        ({**GOOD, "entities": [{"text": "x", "type": "PERSON"}]}, "field 'entities[0].type': expected one of"),
        ({**GOOD, "colour": "red"}, "field 'colour': unknown field"),
        (PredictedClaim(FIRST.doc_id, FIRST.text, entities=(PredictedEntity("x", 0, 10**6),)), "field 'entities[0].start'"),
        (PredictedClaim(FIRST.doc_id, FIRST.text, start="3", end=5), "field 'start': expected integer, got string"),  # type: ignore[arg-type]
        ("not a claim", "predictions:1: expected a JSON object, got string"),
    ],
)
def test_bad_items_are_the_cli_errors(item: object, expected: str) -> None:
    with pytest.raises(claimbench.SubmissionError, match=re.escape(expected)):
        claimbench.score(GOLD, [item], resamples=0)  # type: ignore[list-item]


def test_dicts_and_predicted_claims_score_the_same() -> None:
    as_dicts = claimbench.score(GOLD, [GOOD], resamples=0)
    as_claims = claimbench.score(GOLD, [PredictedClaim(**GOOD)], resamples=0)  # type: ignore[arg-type]
    assert as_dicts.to_dict() == as_claims.to_dict()
    assert as_dicts.totals("claims", "strict").tp == 1


def test_library_and_cli_give_the_same_report_and_warnings(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", FIRST.text)
    lines = [json.dumps({**GOOD, "text": nfd}, ensure_ascii=False), json.dumps(GOOD, ensure_ascii=False),
             json.dumps({"doc_id": FIRST.doc_id, "text": "steht nirgends"})]  # fmt: skip
    path = tmp_path / "pred.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["score", str(path), "--json", str(out), "--bootstrap", "50"])
    assert result.exit_code == 0, result.output
    from_cli = json.loads(out.read_text(encoding="utf-8"))
    from_file = claimbench.score(GOLD, claimbench.read_submission(path), resamples=50).to_dict()
    assert from_file == from_cli
    from_lines = claimbench.score(GOLD, claimbench.read_submission(io.StringIO("\n".join(lines) + "\n")), resamples=50).to_dict()
    assert from_lines["scores"] == from_cli["scores"]
    assert [w.replace("<lines>", str(path)) for w in from_lines["warnings"]] == from_cli["warnings"]


def test_read_submission_reads_the_stored_baseline() -> None:
    submission = claimbench.read_submission(RULES)
    assert len(submission.claims) == sum(1 for line in RULES.read_text(encoding="utf-8").splitlines() if line.strip())
    assert submission.claims[0].line == 1


def test_the_readme_submission_example_is_one_valid_line(tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split("A valid line (copy it into a `.jsonl` file as is):\n\n```json\n", 1)[1].split("```", 1)[0]
    assert block.count("\n") == 1
    path = tmp_path / "example.jsonl"
    path.write_text(block, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0 and result.stderr == "", result.output
    report = claimbench.score(GOLD, claimbench.read_submission(path), resamples=0)
    assert report.totals("claims", "strict").tp == 1 and report.totals("dates", "value").tp == 1
