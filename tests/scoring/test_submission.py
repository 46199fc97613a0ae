"""Bad submissions: one line naming file, line and field; exit 2; no traceback; input untouched."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimbench.cli import app
from claimbench.dataset.gold import load_gold

runner = CliRunner()
GOLD = load_gold()
FIRST = GOLD.claims[0]
GOOD = {"doc_id": FIRST.doc_id, "text": FIRST.text, "start": FIRST.start, "end": FIRST.end}


def write(tmp_path: Path, content: bytes | str) -> Path:
    path = tmp_path / "pred.jsonl"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def line(**changes: object) -> str:
    record = {**GOOD, **changes}
    return json.dumps({k: v for k, v in record.items() if v is not ...}, ensure_ascii=False)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json}\n", "pred.jsonl:1: invalid JSON"),
        ("[1, 2]\n", "pred.jsonl:1: expected a JSON object, got array"),
        (line(doc_id=...) + "\n", "pred.jsonl:1: field 'doc_id': missing"),
        (line(text=...) + "\n", "pred.jsonl:1: field 'text': missing"),
        (line(doc_id="999") + "\n", "pred.jsonl:1: field 'doc_id': unknown doc_id '999'"),
        (line(doc_id=0) + "\n", "pred.jsonl:1: field 'doc_id': expected string, got integer"),
        (line(start="0") + "\n", "pred.jsonl:1: field 'start': expected integer, got string"),
        (line(start=-1) + "\n", "pred.jsonl:1: field 'start': span [-1,"),
        (line(end=10**6) + "\n", "pred.jsonl:1: field 'start': span"),
        (line(start=GOOD["end"], end=GOOD["start"]) + "\n", "field 'end': span"),
        (line(start=GOOD["start"] + 1) + "\n", "pred.jsonl:1: field 'text':"),
        (line(end=...) + "\n", "field 'end': give both start and end or neither"),
        (line(entities="Putin") + "\n", "field 'entities': expected array, got string"),
        (line(entities=[{"type": "PER"}]) + "\n", "field 'entities[0].text': missing"),
        (line(entities=[{"text": "x", "type": "PERSON"}]) + "\n", "field 'entities[0].type': expected one of"),
        (line(quantities=[{"text": "x", "value": "10"}]) + "\n", "field 'quantities[0].value': expected number, got string"),
        (line(dates=[{"text": "x", "mod": "AROUND"}]) + "\n", "field 'dates[0].mod'"),
        (line(colour="red") + "\n", "field 'colour': unknown field"),
        (line() + "\n" + line(quantities=[{"text": "x", "value": float("nan")}]) + "\n", "pred.jsonl:2: field 'quantities[0].value'"),
        (line()[:-1] + ', "start": Infinity}\n', "pred.jsonl:1: field 'start': expected integer, got Infinity"),
        (b'{"doc_id": "000", "text": "\xff"}\n', "pred.jsonl:1: not UTF-8"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_exit_2(tmp_path: Path, content: str | bytes, expected: str) -> None:
    path = write(tmp_path, content)
    before = path.read_bytes()
    for command in (["validate", str(path)], ["score", str(path), "--bootstrap", "0"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and expected in lines[0], lines
    assert path.read_bytes() == before


def test_an_empty_file_is_valid_with_zero_scores_and_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "")
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["score", str(path), "--bootstrap", "0", "--json", str(out)])
    assert result.exit_code == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["scores"]["claims"]["strict"]["tp"] == 0
    assert any("no predictions" in w for w in report["warnings"])


def test_bom_crlf_and_nfd_are_accepted_with_warnings(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", FIRST.text)
    content = "\ufeff" + line(text=nfd) + "\r\n" + "\r\n"
    path = write(tmp_path, content)
    before = path.read_bytes()
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["score", str(path), "--bootstrap", "0", "--json", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["scores"]["claims"]["strict"]["tp"] == 1
    warnings = " ".join(report["warnings"])
    assert "byte-order mark" in warnings and "CRLF" in warnings
    if nfd != FIRST.text:
        assert "NFC" in warnings
    assert path.read_bytes() == before


def test_nfd_text_is_normalised_before_comparison(tmp_path: Path) -> None:
    claim = next(c for c in GOLD.claims if unicodedata.normalize("NFD", c.text) != c.text)
    record = {"doc_id": claim.doc_id, "text": unicodedata.normalize("NFD", claim.text), "start": claim.start, "end": claim.end}
    out = tmp_path / "r.json"
    result = runner.invoke(app, ["score", str(write(tmp_path, json.dumps(record) + "\n")), "--bootstrap", "0", "--json", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["scores"]["claims"]["strict"]["tp"] == 1
    assert any("NFC" in w for w in report["warnings"])


def test_a_missing_file_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2 and result.output.startswith("error:") and "cannot read" in result.output
