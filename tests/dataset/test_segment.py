"""The one segmentation (paragraphs, sentences, word tokens) that scorer, dataset and extractors share."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from claimbench.dataset.segment import paragraphs, sentences, word_tokens


def texts(text: str) -> list[str]:
    return [text[start:end] for start, end in sentences(text)]


def test_paragraphs_are_the_stripped_non_empty_lines() -> None:
    text = "  Titel  \n\nErster Satz. Zweiter.\n"
    assert [text[s:e] for s, e in paragraphs(text)] == ["Titel", "Erster Satz. Zweiter."]


def test_sentences_end_at_final_punctuation_before_a_capital_digit_or_quote() -> None:
    assert texts("Er kam. Sie ging! Wer blieb? 2024 war es so. „Nein“, sagte er.") == [
        "Er kam.", "Sie ging!", "Wer blieb?", "2024 war es so.", "„Nein“, sagte er.",
    ]  # fmt: skip


def test_ordinals_abbreviations_and_initials_end_no_sentence() -> None:
    assert texts("Am 25. Dezember kam er. Es waren ca. 300 Leute, u.a. Dr. Weber und J. Smith.") == [
        "Am 25. Dezember kam er.", "Es waren ca. 300 Leute, u.a. Dr. Weber und J. Smith.",
    ]  # fmt: skip


def test_a_year_before_a_capital_ends_a_sentence_and_closing_quotes_stay_with_it() -> None:
    assert texts("Das war im Jahr 2024. Danach kam „mehr.“ Dann nichts.") == [
        "Das war im Jahr 2024.", "Danach kam „mehr.“", "Dann nichts.",
    ]  # fmt: skip


def test_sentences_never_cross_a_line() -> None:
    assert texts("Überschrift ohne Punkt\nText beginnt hier.") == ["Überschrift ohne Punkt", "Text beginnt hier."]


@given(st.text(alphabet="ab .!?\n„“0123456789AB", max_size=80))
def test_sentences_are_ordered_disjoint_stripped_and_inside_paragraphs(text: str) -> None:
    spans = sentences(text)
    assert all(start < end for start, end in spans)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))
    assert all(text[start:end] == text[start:end].strip() for start, end in spans)
    assert all(any(p_start <= start and end <= p_end for p_start, p_end in paragraphs(text)) for start, end in spans)


def test_word_tokens_are_runs_of_word_characters() -> None:
    text = "Kim Jong-un: 10.000 Soldaten."
    assert [text[s:e] for s, e in word_tokens(text)] == ["Kim", "Jong", "un", "10", "000", "Soldaten"]
