"""The GBNF grammar made from the output schema admits exactly the compact JSON the schema allows.

The grammar has no recursion, so it is checked by translating it into a Python regular expression
(GBNF's literals, character classes, groups, alternatives and repetitions are regex syntax too)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimbench.dataset.gold import load_gold
from claimbench.extractors.grammar import SchemaNotSupported, schema_grammar
from claimbench.extractors.llm_prompts import gold_answer, load_chat_template

SCHEMA = load_chat_template().schema
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|\[(?:[^\]\\]|\\.)*\]|\{\d+(?:,\d+)?\}|[a-z0-9-]+|[()|?*]|\s+')


def grammar_regex(grammar: str) -> re.Pattern[str]:
    """The regex of ``root``: rule names expanded in place, literals escaped."""
    rules = dict(line.split(" ::= ", 1) for line in grammar.splitlines())

    def expand(body: str) -> str:
        parts = []
        for token in _TOKEN.findall(body):
            if token.startswith('"'):
                parts.append(re.escape(json.loads(token)))
            elif token.startswith("[") or token.startswith("{") or token in "()|?*":
                parts.append(token.replace("(", "(?:") if token == "(" else token)
            elif token.strip():
                parts.append(f"(?:{expand(rules[token])})")
        return "".join(parts)

    return re.compile(expand(rules["root"]))


PATTERN = grammar_regex(schema_grammar(SCHEMA))


def test_every_gold_claim_as_an_answer_is_admitted() -> None:
    corpus = load_gold()
    for claim in corpus.claims:
        answer = gold_answer([claim])
        if len(claim.text) <= 400 and len(claim.normalized) <= 400:
            assert PATTERN.fullmatch(answer), answer
    assert PATTERN.fullmatch('{"claims": []}')


@pytest.mark.parametrize(
    "answer",
    [
        '{"claims":[]}',  # other separators than json.dumps'
        '{"claims": [{"text": "a"}]}',  # a required field missing
        '{"claims": [{"text": "a\nb", "normalized": "", "entities": [], "quantities": [], "dates": [], "attributions": []}]}',
        '{"claims": [{"text": "a", "normalized": "", "entities": [{"text": "X", "type": "PERSON"}], "quantities": [], "dates": [], "attributions": []}]}',
        '{"claims": [{"text": "a", "normalized": "", "entities": [], "quantities": [{"text": "3", "value": "3", "unit": "count", "qualifier": "="}], "dates": [], "attributions": []}]}',
        '{"claims": []} trailing',
    ],
)
def test_answers_outside_the_schema_are_refused(answer: str) -> None:
    assert PATTERN.fullmatch(answer) is None


@settings(deadline=None)  # a regex over a long answer: slow on a loaded machine, never wrong
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30), max_size=8))
def test_any_claim_texts_within_the_limits_are_admitted(texts: list[str]) -> None:
    claims = [{"text": text, "normalized": text, "entities": [], "quantities": [], "dates": [], "attributions": []}
              for text in texts]  # fmt: skip
    answer = json.dumps({"claims": claims}, ensure_ascii=False)
    assert PATTERN.fullmatch(answer)


def test_nine_claims_exceed_max_items() -> None:
    claim = {"text": "a", "normalized": "b", "entities": [], "quantities": [], "dates": [], "attributions": []}
    assert PATTERN.fullmatch(json.dumps({"claims": [claim] * 8}))
    assert PATTERN.fullmatch(json.dumps({"claims": [claim] * 9})) is None


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "object", "properties": {"a": {"type": "string"}}, "required": []},
        {"type": "boolean"},
        {"type": "array", "items": {"type": "number"}, "maxItems": 0},
    ],
)
def test_unsupported_schemas_are_refused(schema: dict[str, Any]) -> None:
    with pytest.raises(SchemaNotSupported):
        schema_grammar(schema)
