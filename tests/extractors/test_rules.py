"""The rule-based extractor on invented German news sentences (DCT: Thursday 25 December 2025)."""

from __future__ import annotations

import json

import pytest
import spacy

from claimbench.dataset import segment
from claimbench.dataset.gold import load_gold
from claimbench.extractors import create
from claimbench.extractors.base import ExtractorInput
from claimbench.extractors.rules import (
    RuleExtractor,
    Word,
    find_entities,
    framing_attribution,
    has_verb,
    sentence_attributions,
    tokenized_sentences,
)
from claimbench.scoring.submission import (
    ParseState,
    PredictedClaim,
    parse_line,
    submission_record,
)

DCT = "2025-12-25"


@pytest.fixture(scope="module")
def extractor() -> RuleExtractor:
    return RuleExtractor()


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.blank("de")


def _extract(extractor: RuleExtractor, text: str, dct: str = DCT) -> list[PredictedClaim]:
    return extractor.extract(ExtractorInput("900", text, dct))


def _one(extractor: RuleExtractor, text: str, dct: str = DCT) -> PredictedClaim:
    claims = _extract(extractor, text, dct)
    assert len(claims) == 1, [claim.text for claim in claims]
    return claims[0]


def _words(nlp: spacy.language.Language, text: str) -> tuple[Word, ...]:
    sentences = tokenized_sentences(nlp, text)
    assert len(sentences) == 1, [text[s.start : s.end] for s in sentences]
    return sentences[0].words


def _sources(text: str, words: tuple[Word, ...]) -> list[tuple[str, str, int]]:
    return [(text[a.source_start : a.source_end], text[a.cue_start : a.cue_end], a.rank) for a in sentence_attributions(words)]


# --- sentences ------------------------------------------------------------------------------------


def _sentence_texts(nlp: spacy.language.Language, text: str) -> list[str]:
    return [text[sentence.start : sentence.end] for sentence in tokenized_sentences(nlp, text)]


def test_sentences_are_the_scorers_with_spacy_tokens_as_words(nlp: spacy.language.Language) -> None:
    text = "Putin lobt Kim\nDer Vertrag gilt seit 2024. Danach kam die Wende, sagte Dr. Weber.  „Wir siegen“, so er.\n"
    sentences = tokenized_sentences(nlp, text)
    assert [(sentence.start, sentence.end) for sentence in sentences] == segment.sentences(text)
    for sentence in sentences:
        expected = [token.text for token in nlp.make_doc(text[sentence.start : sentence.end]) if not token.is_space]
        assert [word.text for word in sentence.words] == expected
        assert all(text[word.start : word.end] == word.text for word in sentence.words)
        assert sentence.words[0].start == sentence.start and sentence.words[-1].end == sentence.end


def test_sentences_keep_abbreviations_and_numeric_dates(nlp: spacy.language.Language) -> None:
    text = "Die Hilfe kostet 1,2 Mrd. Euro. Das sagte Dr. Weber am 25.12.2025 in Bern. Er kam z. B. am 3. Mai."
    assert _sentence_texts(nlp, text) == [
        "Die Hilfe kostet 1,2 Mrd. Euro.",
        "Das sagte Dr. Weber am 25.12.2025 in Bern.",
        "Er kam z. B. am 3. Mai.",
    ]


def test_sentences_split_after_a_year_and_on_lines(nlp: spacy.language.Language) -> None:
    text = "Der Vertrag gilt seit 2024. Danach kam die Wende.\nÜberschrift ohne Punkt\nNoch ein Satz."
    assert _sentence_texts(nlp, text) == ["Der Vertrag gilt seit 2024.", "Danach kam die Wende.", "Überschrift ohne Punkt", "Noch ein Satz."]


def test_opening_quote_starts_the_next_sentence(nlp: spacy.language.Language) -> None:
    text = "Er kam an. „Wir sind bereit“, sagte er."
    assert _sentence_texts(nlp, text) == ["Er kam an.", "„Wir sind bereit“, sagte er."]


def test_claims_never_cross_a_scorer_sentence_on_the_articles(extractor: RuleExtractor) -> None:
    for document in load_gold().documents:
        units = segment.sentences(document.text)
        claims = extractor.extract(ExtractorInput(document.doc_id, document.text, document.dct))
        assert claims
        for claim in claims:
            assert any(start <= claim.start and claim.end <= end for start, end in units), claim.text  # type: ignore[operator]


# --- entities -------------------------------------------------------------------------------------


def _entities(text: str, dct: str = DCT, sentence_starts: frozenset[int] = frozenset({0})) -> list[tuple[str, str, str]]:
    return [(text[m.start : m.end], m.type, m.canonical) for m in find_entities(text, sentence_starts, dct)]


def test_gazetteer_entities_with_genitive_and_types() -> None:
    text = "Russlands Armee kämpft mit der NATO, der Europäischen Union und Reuters an der Ostsee."
    assert _entities(text) == [
        ("Russlands", "GPE", "Russland"), ("NATO", "ORG", "NATO"), ("Europäischen Union", "ORG", "Europäische Union"),
        ("Reuters", "ORG", "Reuters"), ("Ostsee", "LOC", "Ostsee"),
    ]  # fmt: skip


def test_capital_stands_for_the_state_unless_used_as_a_place() -> None:
    text = "Moskau bestreitet das. Die Delegation traf in Moskau ein. Der Kreml schweigt."
    assert _entities(text) == [("Moskau", "GPE", "Russland"), ("Moskau", "GPE", "Moskau"), ("Kreml", "GPE", "Russland")]


def test_office_holder_depends_on_the_dct() -> None:
    assert _entities("Der US-Präsident sagte das.", "2024-06-01") == [("US-Präsident", "PER", "Joe Biden")]
    assert _entities("Der US-Präsident sagte das.", "2025-06-01") == [("US-Präsident", "PER", "Donald Trump")]
    assert _entities("Der Kremlchef drohte.", DCT) == [("Kremlchef", "PER", "Wladimir Putin")]


def test_title_first_name_and_surname_coreference() -> None:
    text = "Sprecherin Jana Holzer und Oleg Petrenko trafen sich. Später sagte Petrenko, Holzers Plan sei gut."
    assert _entities(text) == [
        ("Jana Holzer", "PER", "Jana Holzer"), ("Oleg Petrenko", "PER", "Oleg Petrenko"),
        ("Petrenko", "PER", "Oleg Petrenko"), ("Holzers", "PER", "Jana Holzer"),
    ]  # fmt: skip


def test_patterns_for_acronyms_regions_wars_governments_and_named_adjectives() -> None:
    text = "Die russische Regierung, die WZX und die Koreanische Volksarmee kämpfen im Gaza-Krieg um die Region Kursk."
    assert _entities(text) == [
        ("russische Regierung", "GPE", "Russland"), ("WZX", "ORG", "WZX"),
        ("Koreanische Volksarmee", "ORG", "Koreanische Volksarmee"), ("Gaza-Krieg", "EVENT", "Gaza-Krieg"),
        ("Region Kursk", "GPE", "Region Kursk"),
    ]  # fmt: skip


def test_us_dollar_is_no_country() -> None:
    assert _entities("Das kostet 5 US-Dollar.") == []


# --- attributions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Laut KCNA traf Kim Jong Un die Delegation.", [("KCNA", "Laut", 0)]),
        ("Dem Bericht der Agentur Yonhap zufolge kamen 300 Soldaten.", [("Bericht der Agentur Yonhap", "zufolge", 0)]),
        ("Angaben des Ministeriums zufolge kamen 300 Soldaten.", [("Ministeriums", "zufolge", 0)]),
        ("Nach Angaben der Regierung starben 40 Menschen.", [("Regierung", "Nach Angaben", 0)]),
        ("Nach Erkenntnissen westlicher Geheimdienste kamen 300 Soldaten.", [("westlicher Geheimdienste", "Nach Erkenntnissen", 0)]),
        ("Nach deren Erkenntnissen kamen 300 Soldaten.", [("deren", "Nach deren Erkenntnissen", 0)]),
        ("Die Zusammenarbeit, so Putin, sei eng.", [("Putin", "so", 0)]),
        ("„Wir sind bereit“, sagte Putin am Montag.", [("Putin", "sagte", 1)]),
        ("Putin sagte, die Lage sei ernst.", [("Putin", "sagte", 1)]),
        ("Die Agentur KCNA berichtete, die Soldaten seien zurück.", [("Agentur KCNA", "berichtete", 1)]),
        ("Die Zeitung schreibt, der Minister trete zurück.", [("Zeitung", "schreibt", 1)]),
        ("Der Termin steht, wie ein Sprecher des Kremls erklärte.", [("Sprecher des Kremls", "erklärte", 1)]),
        ("Er sagte, man werde reagieren.", [("Er", "sagte", 1)]),
        ("Es gibt eine Umfrage, wonach 70 Prozent zustimmen.", [("Umfrage", "wonach", 0)]),
        ("Putin würdigt laut KCNA die Kämpfe.", [("KCNA", "laut", 0), ("Putin", "würdigt", 1)]),
    ],
)  # fmt: skip
def test_each_cue_with_its_source(nlp: spacy.language.Language, text: str, expected: list[tuple[str, str, int]]) -> None:
    assert _sources(text, _words(nlp, text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Putin lobt die militärische Zusammenarbeit.",  # a speech act with an object: no attribution
        "Nordkorea bestätigte im April, Soldaten entsandt zu haben.",  # a zu-infinitive: the speech act itself
        "Berichten zufolge kamen 300 Soldaten.",  # a hedge without a source
        "Die Stimmung ist so gut wie lange nicht.",
    ],
)
def test_no_attribution(nlp: spacy.language.Language, text: str) -> None:
    assert sentence_attributions(_words(nlp, text)) == []


def test_framing_sentence(nlp: spacy.language.Language) -> None:
    text = "Das berichtet die Nachrichtenagentur KCNA."
    frame = framing_attribution(_words(nlp, text))
    assert frame is not None
    assert (text[frame.source_start : frame.source_end], text[frame.cue_start : frame.cue_end]) == ("Nachrichtenagentur KCNA", "berichtet")
    assert framing_attribution(_words(nlp, "Das Parlament berichtet über die Lage.")) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Der Minister reiste nach Kiew.", True), ("Sechs Soldaten gefallen", True), ("Kriegserfahrung und Handel", False),
     ("Die russischen Truppen", False), ("Die Regierung entsandte Soldaten.", True)],
)  # fmt: skip
def test_has_verb(nlp: spacy.language.Language, text: str, expected: bool) -> None:
    assert has_verb(_words(nlp, text)) is expected


# --- claims ---------------------------------------------------------------------------------------


def test_claim_with_all_parts(extractor: RuleExtractor) -> None:
    text = "Laut der Agentur Reuters hat Russland im vergangenen Jahr mehr als 10.000 Soldaten nach Syrien geschickt."
    claim = _one(extractor, text)
    assert claim.text == "hat Russland im vergangenen Jahr mehr als 10.000 Soldaten nach Syrien geschickt"
    assert text[claim.start : claim.end] == claim.text  # type: ignore[index]
    assert claim.normalized == "Laut der Agentur Reuters hat Russland im Jahr 2024 mehr als 10.000 Soldaten nach Syrien geschickt."
    assert [(e.text, e.type, e.canonical) for e in claim.entities] == [("Russland", "GPE", "Russland"), ("Syrien", "GPE", "Syrien")]
    assert [(q.text, q.value, q.unit, q.qualifier) for q in claim.quantities] == [("mehr als 10.000", 10000.0, "persons", ">")]
    assert [(d.text, d.value, d.type) for d in claim.dates] == [("vergangenen Jahr", "2024", "DATE")]
    assert [(a.source_text, a.source_canonical, a.cue_text, a.depth) for a in claim.attributions] == [
        ("Agentur Reuters", "Reuters", "Laut", 0)
    ]


def test_non_claims_are_skipped(extractor: RuleExtractor) -> None:
    text = (
        "Wird Nordkorea nun Kriegspartei?\n"  # question
        "Kriegserfahrung und Handel\n"  # verbless headline
        "Weitere Nachrichten:\n"  # navigation
        "Der Ton des Briefes wirkt bemerkenswert kühl gegenüber Moskau.\n"  # evaluation
        "Er ging nach Hause.\n"  # no check-worthy signal
        "Quelle: www.example.org"
    )
    assert _extract(extractor, text) == []


def test_span_drops_conjunction_punctuation_and_trailing_frame(extractor: RuleExtractor) -> None:
    claim = _one(extractor, "Und Moskau lieferte 300 Panzer, sagte Putin am Montag.")
    assert claim.text == "Moskau lieferte 300 Panzer"
    assert [(a.source_text, a.cue_text) for a in claim.attributions] == [("Putin", "sagte")]
    assert claim.normalized == "Moskau lieferte 300 Panzer, sagte Putin am Montag."


def test_span_drops_leading_reporting_frame_and_keeps_quotes(extractor: RuleExtractor) -> None:
    assert _one(extractor, "Putin sagte am Montag, die Lieferung an Kiew sei gestoppt.").text == "die Lieferung an Kiew sei gestoppt"
    assert _one(extractor, "„Die Lage in Kiew ist ernst“, sagte der Minister.").text == "„Die Lage in Kiew ist ernst“"


def test_inner_frame_stays_in_the_span(extractor: RuleExtractor) -> None:
    claim = _one(extractor, "Diese Zusammenarbeit, so Putin, unterstreiche die Bindung zu Nordkorea.")
    assert claim.text == "Diese Zusammenarbeit, so Putin, unterstreiche die Bindung zu Nordkorea"


def test_two_attributed_clauses_give_two_claims(extractor: RuleExtractor) -> None:
    text = "Kanzler Olaf Scholz sagte, Berlin liefere 300 Helme, und Ministerin Jana Holzer erklärte, die Lieferung komme im Mai."
    claims = _extract(extractor, text)
    assert [claim.text for claim in claims] == ["Berlin liefere 300 Helme", "die Lieferung komme im Mai"]
    assert [[a.source_canonical for a in claim.attributions] for claim in claims] == [["Olaf Scholz"], ["Jana Holzer"]]


def test_following_framing_sentence_becomes_the_outermost_attribution(extractor: RuleExtractor) -> None:
    text = "Nordkorea hat den Vertrag mit Russland ratifiziert. Das berichtet die Nachrichtenagentur KCNA."
    claim = _one(extractor, text)
    assert claim.text == "Nordkorea hat den Vertrag mit Russland ratifiziert"
    assert [(a.source_text, a.cue_text, a.depth) for a in claim.attributions] == [("Nachrichtenagentur KCNA", "berichtet", 0)]


def test_demnach_takes_the_previous_source(extractor: RuleExtractor) -> None:
    text = "Laut KCNA reiste Kim Jong Un nach Moskau. Demnach traf er dort Wladimir Putin."
    claims = _extract(extractor, text)
    assert [(a.source_text, a.cue_text) for a in claims[1].attributions] == [("KCNA", "Demnach")]


def test_pronoun_source_resolves_to_the_last_person(extractor: RuleExtractor) -> None:
    text = "Oleg Petrenko reiste nach Kiew. Er sagte, die Lage in Charkiw sei stabil."
    claims = _extract(extractor, text)
    assert [(a.source_text, a.source_canonical) for a in claims[1].attributions] == [("Er", "Oleg Petrenko")]


def test_headline_with_number_and_glued_label(extractor: RuleExtractor) -> None:
    text = "6000 Nordkoreaner gefallen\nTLDRMoskau hat 300 Panzer verloren."
    claims = _extract(extractor, text)
    assert [claim.text for claim in claims] == ["6000 Nordkoreaner gefallen", "Moskau hat 300 Panzer verloren"]


def test_teaser_after_navigation_prefix(extractor: RuleExtractor) -> None:
    text = "+++ Das könnte dich auch interessieren: Moskau plant Offensive mit 50.000 Soldaten +++"
    assert _one(extractor, text).text == "Moskau plant Offensive mit 50.000 Soldaten"


def test_output_is_deterministic_valid_and_offsets_match(extractor: RuleExtractor) -> None:
    text = (
        "Putin lobt Kim Jong Un\n"
        "Nach Angaben des Ministeriums in Seoul kamen im Herbst rund 12'000 Soldaten nach Russland. "
        "Die Zusammenarbeit, so Putin, sei „historisch“. Das sagte er am Donnerstag.\n"
        "Rund 70 Prozent der Befragten erwarten laut WZIOM ein Kriegsende im kommenden Jahr."
    )
    first, second = _extract(extractor, text), _extract(extractor, text)
    assert first == second and first
    state = ParseState(path="pred.jsonl", warnings=[])
    for claim in first:
        assert text[claim.start : claim.end] == claim.text  # type: ignore[index]
        for part in (*claim.entities, *claim.quantities, *claim.dates):
            assert text[part.start : part.end] == part.text  # type: ignore[index]
        for attribution in claim.attributions:
            assert text[attribution.source_start : attribution.source_end] == attribution.source_text  # type: ignore[index]
            assert text[attribution.cue_start : attribution.cue_end] == attribution.cue_text  # type: ignore[index]
        assert claim.normalized is not None and claim.normalized.endswith((".", "“"))
        line = json.dumps(submission_record(claim), ensure_ascii=False)
        assert parse_line(state, 1, line, {"900": text}) is not None  # the validator accepts it


def test_registry_creates_the_rule_extractor() -> None:
    extractor = create("rules")
    assert isinstance(extractor, RuleExtractor)
    assert extractor.name == "rules" and extractor.trains_on_gold is False
    assert extractor.describe()["tokenizer"].startswith("spacy.blank('de')")
    assert "claimbench.dataset.segment" in extractor.describe()["sentences"]
