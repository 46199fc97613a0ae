"""The trained spaCy baseline: sentence and clause candidates, training examples, decoding, the
optional pretrained pipeline (tested on hand-built parses: none is installed here), and seeded,
byte-identical training on a toy corpus built from claimbench.dataset.model objects."""

from __future__ import annotations

import json

import pytest
import spacy
from spacy.tokens import Doc

from claimbench.dataset import segment
from claimbench.dataset.model import Attribution, Claim, Corpus, DateExpression, Document, Entity, Quantity
from claimbench.extractors import create, runner
from claimbench.extractors.base import ExtractorInput
from claimbench.extractors.spacy_trained import (
    CanonicalNames,
    GoldSpans,
    SentencePrediction,
    SpacyExtractor,
    assemble_claims,
    best_non_overlapping,
    choose_pretrained,
    clause_candidates,
    complement_with_pretrained,
    create_clause_suggester,
    load_training_config,
    merge_adjacent,
    pair_attributions,
    parser_source,
    pretrained_entities,
    sentence_bounds,
    sentence_example,
    training_examples,
)
from claimbench.scoring.submission import (
    PredictedClaim,
    PredictedDate,
    PredictedEntity,
    PredictedQuantity,
    submission_record,
)

DCT = "2025-12-25"
# few epochs on a toy corpus: the tests check behaviour, not quality
FAST = {"training.max_epochs": 4}


@pytest.fixture(scope="module")
def nlp() -> spacy.Language:
    return spacy.util.load_model_from_config(load_training_config(), auto_fill=True)


def at(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def toy_document(doc_id: str, text: str) -> Document:
    return Document(doc_id=doc_id, seed_file=f"{doc_id}_toy.txt", title=None, outlet=None, published=None,
                    dct=DCT, dct_inferred=False, language="de", text=text, sha256="0" * 64)  # fmt: skip


def toy_claim(doc_id: str, number: int, text: str, needle: str, **parts: object) -> Claim:
    return Claim(claim_id=f"{doc_id}-{number:02d}", doc_id=doc_id, start=at(text, needle)[0], end=at(text, needle)[1],
                 text=needle, normalized=needle + ".", modality="asserted", polarity="positive",
                 cluster_id=f"{doc_id}-{number:02d}", **parts)  # type: ignore[arg-type]  # fmt: skip


def toy_article(doc_id: str, agency: str, country: str, number: str, value: float, leader: str, guest: str) -> tuple[Document, list[Claim]]:
    """An article in the style of the seeds: a headline, an attributed sentence with a quantity and
    a date, an opinion (no claim) and a statement with two entities."""
    sent = f"entsandte {country} mehr als {number} Soldaten im April"
    praise = f"{leader} lobt {guest}"
    text = f"{praise}\nLaut {agency} {sent}. Der Ton ist bemerkenswert. {leader} traf {guest} in Moskau.\n"
    meeting = f"{leader} traf {guest} in Moskau"
    claims = [
        toy_claim(doc_id, 1, text, praise, entities=(
            Entity(leader, *at(text, leader), "PER", f"{leader} (kanonisch)"), Entity(guest, *at(text, guest), "PER", guest))),
        toy_claim(doc_id, 2, text, sent,
                  entities=(Entity(country, *at(text, country), "GPE", country),),
                  quantities=(Quantity(f"mehr als {number}", *at(text, f"mehr als {number}"), value, None, "persons", ">", "Soldaten"),),
                  dates=(DateExpression("April", *at(text, "April"), "2025-04", "DATE", None),),
                  attributions=(Attribution(agency, *at(text, agency), agency, "Laut", *at(text, "Laut"), 0),)),
        toy_claim(doc_id, 3, text, meeting, entities=(
            Entity(leader, text.index(meeting), text.index(meeting) + len(leader), "PER", f"{leader} (kanonisch)"),
            Entity("Moskau", *at(text, "Moskau"), "GPE", "Russland"))),
    ]  # fmt: skip
    return toy_document(doc_id, text), claims


def toy_corpus() -> Corpus:
    articles = [
        toy_article("900", "KCNA", "Nordkorea", "10.000", 10000.0, "Putin", "Kim"),
        toy_article("901", "DPA", "Russland", "2.000", 2000.0, "Kim", "Putin"),
        toy_article("902", "CNN", "Polen", "500", 500.0, "Trump", "Selenskyj"),
        toy_article("903", "Reuters", "Ukraine", "1.600", 1600.0, "Selenskyj", "Trump"),
    ]
    return Corpus(documents=tuple(document for document, _ in articles),
                  claims=tuple(claim for _, claims in articles for claim in claims), version="toy")  # fmt: skip


def jsonl(predictions: list[PredictedClaim]) -> str:
    return "".join(json.dumps(submission_record(claim), ensure_ascii=False, sort_keys=True) + "\n" for claim in predictions)


# --- sentences and candidates ---------------------------------------------------------------------


def test_sentences_are_the_scorers_as_token_ranges(nlp: spacy.Language) -> None:
    text = "Putin lobt Kim\nDr. Kim kam am 25.12.2025 an. Er sagte: „Wir siegen.“ Dann ging er.\n\n"
    doc = nlp.make_doc(text)
    bounds = sentence_bounds(doc)
    assert [doc[start:end].text for start, end in bounds] == ["Putin lobt Kim", "Dr. Kim kam am 25.12.2025 an.", "Er sagte: „Wir siegen.“", "Dann ging er."]
    assert [(doc[start:end].start_char, doc[start:end].end_char) for start, end in bounds] == segment.sentences(text)


def test_training_examples_are_the_scorers_sentences(nlp: spacy.Language) -> None:
    corpus = toy_corpus()
    texts = [example.reference.text for example in training_examples(nlp, corpus)]
    assert texts == [document.text[start:end] for document in corpus.documents for start, end in segment.sentences(document.text)]


def test_hyphenated_names_are_tokens_of_their_own(nlp: spacy.Language) -> None:
    words = [token.text for token in nlp.make_doc("NATO-Generalsekretär Rutte und Raketen- und Langstreckensysteme")]
    assert words[:3] == ["NATO", "-", "Generalsekretär"]
    assert "Raketen-" in words  # a hyphen before a space is no infix


def test_clause_candidates_cover_sentences_clauses_and_spans_without_a_short_frame(nlp: spacy.Language) -> None:
    doc = nlp.make_doc("Laut KCNA entsandte Nordkorea Soldaten, die in Kursk kämpften. Und Putin lobt Kim")
    texts = {doc[start:end].text for start, end in clause_candidates(doc, max_leading_skip=2, max_clauses=6)}
    assert "Laut KCNA entsandte Nordkorea Soldaten, die in Kursk kämpften" in texts  # the sentence
    assert "die in Kursk kämpften" in texts  # a clause after a comma
    assert "entsandte Nordkorea Soldaten" in texts  # the frame "Laut KCNA" left out
    assert "Putin lobt Kim" in texts  # without the leading conjunction
    assert not any(text.endswith(".") or text.startswith(",") for text in texts)
    assert not any("kämpften. Und" in text for text in texts)  # never across a sentence boundary


def test_clause_candidates_grow_linearly_with_the_text(nlp: spacy.Language) -> None:
    sentence = "Nach Angaben der Agentur entsandte Nordkorea, wie berichtet, Soldaten und Raketen, die dort kämpfen. "
    counts = [len(clause_candidates(nlp.make_doc(sentence * n), 2, 6)) for n in (1, 10, 40)]
    assert counts[1] == 10 * counts[0] and counts[2] == 40 * counts[0]
    words = len(nlp.make_doc(sentence))
    assert counts[0] <= words * 3 * 6  # at most (skip + 1) * clauses per start


def test_suggester_returns_the_candidates_of_each_doc(nlp: spacy.Language) -> None:
    docs = [nlp.make_doc("Putin lobt Kim, der dankt."), nlp.make_doc("Kim dankt")]
    suggested = create_clause_suggester(max_leading_skip=2)(docs)
    expected = [clause_candidates(doc, 2, 6) for doc in docs]
    assert suggested.lengths.tolist() == [len(rows) for rows in expected]
    assert [tuple(row) for row in suggested.dataXd.tolist()] == expected[0] + expected[1]


# --- training examples ----------------------------------------------------------------------------


def test_training_example_marks_entities_missing_outside_claims(nlp: spacy.Language) -> None:
    corpus = toy_corpus()
    document = corpus.documents[0]
    gold = GoldSpans.of(claim for claim in corpus.claims if claim.doc_id == document.doc_id)
    start, end = at(document.text, "Laut KCNA entsandte Nordkorea mehr als 10.000 Soldaten im April.")
    reference = sentence_example(nlp, document.text[start:end], start, gold).reference
    tags = {token.text: token.ent_iob_ + ("-" + token.ent_type_ if token.ent_type_ else "") for token in reference}
    assert tags["Laut"] == "" and tags["KCNA"] == ""  # outside the claim span: unknown, not "O"
    assert tags["entsandte"] == "O" and tags["Nordkorea"] == "B-GPE" and tags["April"] == "B-DATE"
    assert [(t.text, t.ent_iob_) for t in reference if t.ent_type_ == "QUANTITY"] == [("mehr", "B"), ("als", "I"), ("10.000", "I")]
    assert [span.text for span in reference.spans["claims"]] == ["entsandte Nordkorea mehr als 10.000 Soldaten im April"]
    assert sorted((span.text, span.label_) for span in reference.spans["attribution"]) == [("KCNA", "SOURCE"), ("Laut", "CUE")]


def test_gold_spans_inside_a_token_are_left_out_of_training(nlp: spacy.Language) -> None:
    text = "Der WZIOMLeiter spricht."
    gold = GoldSpans(claims=frozenset({(0, 23, "CLAIM")}), parts=frozenset({(4, 9, "ORG")}), attribution=frozenset())
    reference = sentence_example(nlp, text, 0, gold).reference
    assert list(reference.ents) == [] and [span.text for span in reference.spans["claims"]] == ["Der WZIOMLeiter spricht"]


# --- decoding -------------------------------------------------------------------------------------


def test_best_non_overlapping_takes_high_scores_first_and_breaks_ties_by_position() -> None:
    scored = [((0, 10), 0.6), ((5, 15), 0.9), ((20, 30), 0.7), ((12, 18), 0.7), ((16, 19), 0.7)]
    assert best_non_overlapping(scored) == ((5, 15), (16, 19), (20, 30))


def test_adjacent_spans_separated_by_whitespace_are_merged() -> None:
    text = "Nach Angaben der Agentur, laut KCNA"
    assert merge_adjacent([(0, 4), (5, 12), (26, 30)], text) == ((0, 12), (26, 30))
    assert merge_adjacent([(13, 16), (17, 24), (26, 30)], text) == ((13, 24), (26, 30))


def sentence_prediction(start: int, end: int, **fields: object) -> SentencePrediction:
    values: dict[str, object] = {"claims": (), "parts": (), "sources": (), "cues": ()}
    values.update(fields)
    return SentencePrediction(start=start, end=end, **values)  # type: ignore[arg-type]


def test_each_cue_takes_its_nearest_free_source_else_one_of_the_sentence_before() -> None:
    text = "Putin würdigt laut KCNA die Kämpfe. Demnach lobte er sie."
    sentence = sentence_prediction(0, 35, sources=(at(text, "Putin"), at(text, "KCNA")), cues=(at(text, "würdigt"), at(text, "laut")))
    assert pair_attributions(sentence, None) == [(at(text, "Putin"), at(text, "würdigt")), (at(text, "KCNA"), at(text, "laut"))]
    following = sentence_prediction(36, 57, cues=(at(text, "Demnach"),))
    assert pair_attributions(following, sentence) == [(at(text, "KCNA"), at(text, "Demnach"))]
    assert pair_attributions(sentence_prediction(0, 35, sources=(at(text, "Putin"),)), None) == []  # no cue, no attribution


def test_assembled_claims_carry_the_parts_inside_them_normalised() -> None:
    text = "Laut KCNA entsandte Nordkorea mehr als 10.000 Soldaten im April. Putin lobt Kim."
    claim = at(text, "entsandte Nordkorea mehr als 10.000 Soldaten im April")
    sentence = sentence_prediction(
        0, 64, claims=(claim,), sources=(at(text, "KCNA"),), cues=(at(text, "Laut"),),
        parts=((*at(text, "Nordkorea"), "GPE"), (*at(text, "mehr als 10.000"), "QUANTITY"), (*at(text, "April"), "DATE")),
    )  # fmt: skip
    other = sentence_prediction(65, 80, claims=(at(text, "Putin lobt Kim"),), parts=((*at(text, "Putin"), "PER"),))
    names = CanonicalNames(entities={"Putin": "Wladimir Putin"}, sources={"KCNA": "KCNA"})
    first, second = assemble_claims(ExtractorInput("900", text, DCT), [sentence, other], names)
    assert (first.text, first.start, first.end) == (text[claim[0] : claim[1]], *claim)
    assert [(e.text, e.type, e.canonical) for e in first.entities] == [("Nordkorea", "GPE", "Nordkorea")]
    (quantity,) = first.quantities
    assert (quantity.text, quantity.value, quantity.qualifier, quantity.unit) == ("mehr als 10.000", 10000.0, ">", "persons")
    (date,) = first.dates
    assert (date.text, date.value, date.type) == ("April", "2025-04", "DATE")
    (attribution,) = first.attributions
    assert (attribution.source_text, attribution.cue_text, attribution.depth) == ("KCNA", "Laut", 0)
    assert [(e.text, e.canonical) for e in second.entities] == [("Putin", "Wladimir Putin")] and second.attributions == ()


def test_canonical_names_are_the_most_frequent_in_training_with_ties_alphabetical() -> None:
    corpus = toy_corpus()
    names = CanonicalNames.learn(corpus)
    assert names.entity("Putin") == "Putin (kanonisch)"
    assert names.entity("Moskau") == "Russland"
    assert names.entity("Paris") == "Paris"  # unseen: the surface form
    assert names.source("KCNA") == "KCNA" and names.source("Moskau") == "Russland"  # sources fall back to entities
    tied = CanonicalNames.learn(Corpus(documents=corpus.documents[:1], claims=(
        toy_claim("900", 1, corpus.documents[0].text, "Putin lobt Kim", entities=(Entity("Kim", 11, 14, "PER", "Kim B"),)),
        toy_claim("900", 2, corpus.documents[0].text, "Putin lobt Kim", entities=(Entity("Kim", 11, 14, "PER", "Kim A"),)),
    )))  # fmt: skip
    assert tied.entity("Kim") == "Kim A"


# --- the optional pretrained pipeline (no de_core_news_* package is installed here) --------------


def test_pretrained_package_detection() -> None:
    installed = {"de_core_news_sm", "de_core_news_md"}.__contains__
    assert choose_pretrained("auto", installed) == "de_core_news_md"  # the largest installed
    assert choose_pretrained("auto", lambda name: False) is None
    assert choose_pretrained("none", installed) is None
    assert choose_pretrained("de_core_news_sm", installed) == "de_core_news_sm"
    with pytest.raises(ValueError, match="not installed"):
        choose_pretrained("de_core_news_lg", installed)
    with pytest.raises(ValueError, match="expected 'auto'"):
        choose_pretrained("en_core_web_sm", installed)


def parsed_sentence() -> Doc:
    """A hand-made TIGER-style parse of "Nach Angaben der Agentur KCNA lobte Putin die Soldaten ."."""
    words = ["Nach", "Angaben", "der", "Agentur", "KCNA", "lobte", "Putin", "die", "Soldaten", "."]
    heads = [5, 0, 3, 1, 3, 5, 5, 8, 5, 5]
    deps = ["mo", "nk", "nk", "ag", "nk", "ROOT", "sb", "nk", "oa", "punct"]
    pos = ["ADP", "NOUN", "DET", "NOUN", "PROPN", "VERB", "PROPN", "DET", "NOUN", "PUNCT"]
    ents = ["O", "O", "O", "O", "B-ORG", "O", "B-PER", "O", "O", "O"]
    return Doc(spacy.blank("de").vocab, words=words, spaces=[True] * 8 + [False, False], heads=heads, deps=deps, pos=pos, ents=ents)


def test_parser_finds_the_source_of_a_cue() -> None:
    parsed = parsed_sentence()
    text = parsed.text
    assert text[slice(*parser_source(parsed, at(text, "Nach Angaben")))] == "der Agentur KCNA"  # type: ignore[misc]
    assert text[slice(*parser_source(parsed, at(text, "lobte")))] == "Putin"  # type: ignore[misc]
    assert parser_source(parsed, at(text, "Soldaten")) is None


def test_pretrained_pipeline_complements_the_trained_one() -> None:
    parsed = parsed_sentence()
    text = parsed.text
    assert pretrained_entities(parsed, 0, len(text)) == [(*at(text, "KCNA"), "ORG"), (*at(text, "Putin"), "PER")]
    trained = sentence_prediction(0, len(text), parts=((*at(text, "Agentur KCNA"), "ORG"),), cues=(at(text, "lobte"),))
    combined = complement_with_pretrained(trained, parsed)
    assert combined.parts == ((*at(text, "Agentur KCNA"), "ORG"), (*at(text, "Putin"), "PER"))  # KCNA overlaps: kept out
    assert combined.sources == (at(text, "Putin"),)
    with_source = sentence_prediction(0, len(text), sources=(at(text, "KCNA"),), cues=(at(text, "lobte"),))
    assert complement_with_pretrained(with_source, parsed).sources == (at(text, "KCNA"),)  # the trained source wins


# --- training and extraction ----------------------------------------------------------------------


def test_extract_needs_fit_and_describe_names_the_pipeline() -> None:
    extractor = create("spacy", pretrained="none", config_overrides=FAST)
    assert isinstance(extractor, SpacyExtractor) and extractor.trains_on_gold
    with pytest.raises(RuntimeError, match="fit"):
        extractor.extract(ExtractorInput("900", "Putin lobt Kim.", DCT))
    facts = extractor.describe()
    assert facts["pipeline"] == "blank de + spacy_config.cfg"
    assert facts["training"] == "leave-one-article-out on the benchmark's own gold"
    assert facts["config_overrides"] == "training.max_epochs=4"


def test_leave_one_article_out_is_seeded_and_byte_identical() -> None:
    corpus = toy_corpus()
    first = runner.run(SpacyExtractor(pretrained="none", config_overrides=FAST), corpus)
    second = runner.run(SpacyExtractor(pretrained="none", config_overrides=FAST), corpus)
    assert jsonl(first) == jsonl(second)
    texts = {document.doc_id: document.text for document in corpus.documents}
    for claim in first:
        assert claim.start is not None and claim.end is not None
        assert texts[claim.doc_id][claim.start : claim.end] == claim.text
        assert any(start <= claim.start and claim.end <= end for start, end in segment.sentences(texts[claim.doc_id]))
        parts: list[PredictedEntity | PredictedQuantity | PredictedDate] = [*claim.entities, *claim.quantities, *claim.dates]
        for part in parts:
            assert part.start is not None and part.end is not None and claim.start <= part.start and part.end <= claim.end
            assert texts[claim.doc_id][part.start : part.end] == part.text


def test_training_learns_the_claims_of_its_corpus() -> None:
    corpus = toy_corpus()
    extractor = SpacyExtractor(pretrained="none", config_overrides={"training.max_epochs": 20})
    extractor.fit(corpus)
    document = corpus.documents[0]
    predicted = {(claim.start, claim.end) for claim in extractor.extract(ExtractorInput.of(document))}
    gold = {(claim.start, claim.end) for claim in corpus.claims if claim.doc_id == document.doc_id}
    assert len(predicted & gold) >= 2
    assert at(document.text, "Der Ton ist bemerkenswert") not in predicted
