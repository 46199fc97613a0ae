"""What the LLM baseline shows a model: demonstrations from the other articles' gold only, and the
base-model completion prompt."""

from __future__ import annotations

import json

import jsonschema
import pytest

from claimbench.dataset.gold import load_gold
from claimbench.extractors.llm_prompts import (
    choose_demonstrations,
    document_chunks,
    load_chat_template,
    load_completion_template,
    parse_completion_template,
)
from claimbench.extractors.runner import held_out

CORPUS = load_gold()
SCHEMA = load_chat_template().schema


@pytest.mark.parametrize("doc_id", [document.doc_id for document in CORPUS.documents])
def test_demonstrations_never_come_from_the_predicted_article(doc_id: str) -> None:
    demonstrations = choose_demonstrations(held_out(CORPUS, doc_id), doc_id, 3)
    assert len(demonstrations) == 3
    assert doc_id not in {d.doc_id for d in demonstrations}
    assert len({d.doc_id for d in demonstrations}) == 3  # three different articles
    assert demonstrations == choose_demonstrations(held_out(CORPUS, doc_id), doc_id, 3)  # deterministic
    predicted_text = CORPUS.document(doc_id).text
    assert not any(d.text in predicted_text for d in demonstrations)


def test_demonstrations_refuse_the_predicted_articles_own_gold() -> None:
    with pytest.raises(ValueError, match="must come from the other articles"):
        choose_demonstrations(CORPUS, "000", 3)


def test_a_demonstration_is_a_whole_chunk_with_all_its_gold_claims() -> None:
    for demonstration in choose_demonstrations(held_out(CORPUS, "000"), "000", 8):
        document = CORPUS.document(demonstration.doc_id)
        chunk = document_chunks(document.text)[demonstration.chunk_index]
        assert (chunk.text, demonstration.dct) == (demonstration.text, document.dct)
        answer = json.loads(demonstration.answer)
        jsonschema.validate(answer, SCHEMA)
        gold = [c for c in CORPUS.claims if c.doc_id == demonstration.doc_id and chunk.start <= c.start and c.end <= chunk.end]
        assert [claim["text"] for claim in answer["claims"]] == [c.text for c in sorted(gold, key=lambda c: c.start)]
        assert all(claim["text"] in chunk.text for claim in answer["claims"])


def test_more_shots_than_other_articles_take_further_chunks_round_robin() -> None:
    demonstrations = choose_demonstrations(held_out(CORPUS, "002"), "002", 6)
    assert [d.doc_id for d in demonstrations] == ["003", "004", "000", "001", "003", "004"]


def test_the_completion_prompt_ends_where_the_answer_starts() -> None:
    template = load_completion_template()
    demonstrations = choose_demonstrations(held_out(CORPUS, "004"), "004", 2)
    prompt = template.prompt(template.query_block("2025-12-27", "Ein Absatz."), demonstrations)
    assert prompt.startswith(template.header + "\n\n")
    assert prompt.endswith("Datum: 2025-12-27\nAbsatz: Ein Absatz.\nJSON:\n")
    for demonstration in demonstrations:
        assert f"Datum: {demonstration.dct}\nAbsatz: {demonstration.text}\nJSON:\n{demonstration.answer}\n\n" in prompt
    assert template.sha256 != load_chat_template().sha256


def test_completion_template_format_errors_are_refused() -> None:
    with pytest.raises(ValueError, match="before the first"):
        parse_completion_template("x\n<!-- part: header -->\nh", SCHEMA)
    with pytest.raises(ValueError, match="in that order"):
        parse_completion_template("<!-- part: header -->\nh\n<!-- part: query -->\n$text", SCHEMA)
