"""The shipped JSON Schema agrees with the validator on well-formed and malformed lines."""

from __future__ import annotations

import json
from importlib.resources import files

import jsonschema

from claimbench.dataset.gold import load_gold
from claimbench.dataset.model import field_values
from claimbench.scoring.submission import ParseState, SubmissionError, parse_line

SCHEMA = json.loads(files("claimbench").joinpath("data/submission.schema.json").read_text(encoding="utf-8"))
GOLD = load_gold()
DOCUMENTS = {d.doc_id: d.text for d in GOLD.documents}


GOLD_ONLY_FIELDS = ("optional", "optional_reason")  # a judgement about the gold, not something a system predicts


def _submitted(part: object) -> dict[str, object]:
    return {name: value for name, value in field_values(part).items() if name not in GOLD_ONLY_FIELDS}


def gold_lines() -> list[dict[str, object]]:
    out = []
    for c in GOLD.claims:
        out.append({
            "doc_id": c.doc_id, "text": c.text, "start": c.start, "end": c.end, "normalized": c.normalized,
            "entities": [_submitted(e) for e in c.entities], "quantities": [_submitted(q) for q in c.quantities],
            "dates": [_submitted(d) for d in c.dates], "attributions": [_submitted(a) for a in c.attributions],
        })  # fmt: skip
    return out


def test_the_gold_as_submission_is_valid_under_both() -> None:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for number, record in enumerate(gold_lines(), start=1):
        validator.validate(record)
        parse_line(ParseState("gold", []), number, json.dumps(record), DOCUMENTS)


def test_malformed_lines_are_refused_by_both() -> None:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    base = {"doc_id": "000", "text": "Putin"}
    for bad in ({"text": "x"}, {**base, "start": "1", "end": 2}, {**base, "extra": 1}, {**base, "start": 1},
                {**base, "entities": [{"type": "PER"}]}, {**base, "quantities": [{"text": "x", "unit": "Stück"}]}):  # fmt: skip
        assert not validator.is_valid(bad), bad
        try:
            parse_line(ParseState("bad", []), 1, json.dumps(bad), DOCUMENTS)
        except SubmissionError:
            continue
        raise AssertionError(f"accepted {bad}")
