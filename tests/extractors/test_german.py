"""German quantity and date normalisers, on invented sentences (DCT: Thursday 25 December 2025)."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimbench.dataset.timex import timex3_error
from claimbench.extractors.german import (
    DateValue,
    QuantityValue,
    find_dates,
    find_quantities,
    parse_german_number,
    parse_number_word,
    parse_quantity,
    resolve_date,
)

DCT = "2025-12-25"  # a Thursday, ISO week 2025-W52


# --- numbers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("10.000", 10000.0), ("1.600", 1600.0), ("12'000", 12000.0), ("12’000", 12000.0), ("5,6", 5.6),
        ("1.234.567,89", 1234567.89), ("10\u202f000", 10000.0), ("12.50", 12.5), ("41", 41.0),
    ],
)  # fmt: skip
def test_german_digit_formats(text: str, value: float) -> None:
    assert parse_german_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["25.12.2025", "1.2.3", "abc", "10.00.000"])
def test_digit_strings_that_are_no_number(text: str) -> None:
    assert parse_german_number(text) is None


def _german_grouped(integer: int, separator: str) -> str:
    digits = str(integer)
    groups = []
    while digits:
        groups.append(digits[-3:])
        digits = digits[:-3]
    return separator.join(reversed(groups))


@given(
    integer=st.integers(min_value=0, max_value=10**12),
    decimals=st.one_of(st.none(), st.integers(min_value=0, max_value=999)),
    separator=st.sampled_from([".", "'", "\u202f"]),
)
def test_formatting_the_german_way_parses_back(integer: int, decimals: int | None, separator: str) -> None:
    written = _german_grouped(integer, separator)
    expected = float(integer)
    if decimals is not None:
        written += f",{decimals:03d}"
        expected = float(f"{integer}.{decimals:03d}")
    assert parse_german_number(written) == pytest.approx(expected)


_ONES = ["", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"]
_TEENS = ["zehn", "elf", "zwölf", "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn", "neunzehn"]
_TENS = ["", "", "zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig"]


def _spell_below_thousand(number: int) -> str:
    hundreds, rest = divmod(number, 100)
    words = (("ein" if hundreds == 1 else _ONES[hundreds]) + "hundert") if hundreds else ""
    if rest >= 20:
        ones = rest % 10
        words += (("ein" if ones == 1 else _ONES[ones]) + "und" if ones else "") + _TENS[rest // 10]
    elif rest >= 10:
        words += _TEENS[rest - 10]
    elif rest:
        words += _ONES[rest]
    return words


def _spell(number: int) -> str:
    """German number words as written in running text (test oracle, independent of the parser)."""
    thousands, rest = divmod(number, 1000)
    prefix = ("ein" if thousands == 1 else _spell_below_thousand(thousands)) + "tausend" if thousands else ""
    return prefix + _spell_below_thousand(rest)


@given(st.integers(min_value=1, max_value=999_999))
def test_spelled_numbers_parse_back(number: int) -> None:
    assert parse_number_word(_spell(number)) == number


@pytest.mark.parametrize(
    ("word", "value"),
    [("fünf", 5), ("Zwölf", 12), ("einundzwanzig", 21), ("dreißig", 30), ("dreissig", 30), ("hundert", 100),
     ("zweihundertdreißig", 230), ("zehntausend", 10000), ("hunderttausend", 100000)],
)  # fmt: skip
def test_number_words(word: str, value: int) -> None:
    assert parse_number_word(word) == value


@pytest.mark.parametrize("word", ["undzwanzig", "Haus", "zehnzehn", "eine"])
def test_words_that_are_no_number(word: str) -> None:
    assert parse_number_word(word) is None


# --- quantities -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10.000", QuantityValue(10000.0, None, "count", "=")),
        ("12'000", QuantityValue(12000.0, None, "count", "=")),
        ("1.600", QuantityValue(1600.0, None, "count", "=")),
        ("5,6 Milliarden", QuantityValue(5.6e9, None, "count", "=")),
        ("mindestens 5,6 Milliarden Dollar", QuantityValue(5.6e9, None, "USD", ">=")),
        ("1,2 Mrd.", QuantityValue(1.2e9, None, "count", "=")),
        ("1,2 Mrd. Euro", QuantityValue(1.2e9, None, "EUR", "=")),
        ("3 Millionen", QuantityValue(3e6, None, "count", "=")),
        ("70 Prozent", QuantityValue(70.0, None, "percent", "=")),
        ("Rund 70 Prozent", QuantityValue(70.0, None, "percent", "~")),
        ("70 %", QuantityValue(70.0, None, "percent", "=")),
        ("mehr als 10.000", QuantityValue(10000.0, None, "count", ">")),
        ("über 500", QuantityValue(500.0, None, "count", ">")),
        ("unter 20 Prozent", QuantityValue(20.0, None, "percent", "<")),
        ("knapp 300", QuantityValue(300.0, None, "count", "<")),
        ("fast 300", QuantityValue(300.0, None, "count", "<")),
        ("bis zu 300", QuantityValue(300.0, None, "count", "<=")),
        ("höchstens 3", QuantityValue(3.0, None, "count", "<=")),
        ("etwa 40", QuantityValue(40.0, None, "count", "~")),
        ("ca. 40", QuantityValue(40.0, None, "count", "~")),
        ("gut 40", QuantityValue(40.0, None, "count", "~")),
        ("10 bis 20", QuantityValue(10.0, 20.0, "count", "=")),
        ("10–20 Prozent", QuantityValue(10.0, 20.0, "percent", "=")),
        ("zwischen 10 und 20 Prozent", QuantityValue(10.0, 20.0, "percent", "=")),
        ("5 bis 6 Milliarden Euro", QuantityValue(5e9, 6e9, "EUR", "=")),
        ("457 Millionen bis maximal 1,2 Milliarden Dollar", QuantityValue(4.57e8, 1.2e9, "USD", "=")),
        ("fünf", QuantityValue(5.0, None, "count", "=")),
        ("rund zwanzig", QuantityValue(20.0, None, "count", "~")),
        ("eine Million", QuantityValue(1e6, None, "count", "=")),
        ("die Hälfte", QuantityValue(50.0, None, "percent", "=")),
        ("Mehr als die Hälfte", QuantityValue(50.0, None, "percent", ">")),
        ("Mehrheit", QuantityValue(50.0, None, "percent", ">")),
        ("Hunderte", QuantityValue(200.0, None, "count", ">=")),
        ("Tausende", QuantityValue(2000.0, None, "count", ">=")),
        ("Dutzende", QuantityValue(24.0, None, "count", ">=")),
        ("Milliardenwert", QuantityValue(1e9, None, "money", ">=")),
        ("ein Viertel", QuantityValue(25.0, None, "percent", "=")),
        ("300 Franken", QuantityValue(300.0, None, "money", "=")),
        ("$ 40", QuantityValue(40.0, None, "USD", "=")),
        ("2024", QuantityValue(2024.0, None, "count", "=")),  # a given span is parsed even when year-like
    ],
)  # fmt: skip
def test_parse_quantity(text: str, expected: QuantityValue) -> None:
    parsed = parse_quantity(text)
    assert parsed is not None
    assert parsed.value == pytest.approx(expected.value)
    assert parsed.value_max == (None if expected.value_max is None else pytest.approx(expected.value_max))
    assert (parsed.unit, parsed.qualifier) == (expected.unit, expected.qualifier)


@pytest.mark.parametrize(
    ("text", "following", "unit"),
    [("10.000", "Soldaten", "persons"), ("mehr als 10.000", "nordkoreanische Soldaten", "persons"),
     ("6000", "Nordkoreaner", "persons"), ("200", "Zivilistinnen", "persons"), ("30", "Dörfer", "count"),
     ("Hunderte", "Menschen", "persons")],
)  # fmt: skip
def test_following_noun_decides_persons_or_count(text: str, following: str, unit: str) -> None:
    quantity = parse_quantity(text, following)
    assert quantity is not None and quantity.unit == unit


def test_parse_quantity_without_a_number() -> None:
    assert parse_quantity("die Regierung") is None
    assert parse_quantity("ein Soldat") is None


def _quantity_spans(text: str) -> list[tuple[str, QuantityValue]]:
    return [(text[start:end], value) for start, end, value in find_quantities(text)]


def test_find_quantities_spans_and_units() -> None:
    text = "Nach Angaben der Regierung starben mehr als 10.000 Soldaten und 5,6 Milliarden Dollar flossen."
    assert _quantity_spans(text) == [
        ("mehr als 10.000", QuantityValue(10000.0, None, "persons", ">")),
        ("5,6 Milliarden Dollar", QuantityValue(5.6e9, None, "USD", "=")),
    ]


def test_age_after_a_name_and_age_phrases() -> None:
    assert _quantity_spans("Machthaber Erik Muster (41) reiste ab.") == [("41", QuantityValue(41.0, None, "years", "="))]
    assert _quantity_spans("Sie ist 41 Jahre alt.") == [("41 Jahre", QuantityValue(41.0, None, "years", "="))]
    assert _quantity_spans("Ein 41-jähriger Mann") == [("41-jähriger", QuantityValue(41.0, None, "years", "="))]


@pytest.mark.parametrize(
    "text",
    [
        "Im Jahr 2024 geschah es.", "Seit 2022 tobt der Krieg.", "Am 25.12.2025 um 14:17 Uhr kam er.",
        "Am 3. Mai reiste er ab.", "Der 2. Weltkrieg endete.", "Fünf Monate später kam er.", "Um 14 Uhr begann es.",
        "Die G7 und F-16 in den 1990er Jahren.", "Das Treffen im Sommer 2024.", "Er kam vor zwei Jahren.",
        "Es gab ein Treffen.", "Er gab Acht.",
    ],
)  # fmt: skip
def test_no_quantity_in_dates_times_durations_ordinals_and_names(text: str) -> None:
    assert find_quantities(text) == []


def test_year_like_number_that_counts_something_is_a_quantity() -> None:
    assert _quantity_spans("Es kamen 2000 Soldaten.") == [("2000", QuantityValue(2000.0, None, "persons", "="))]
    assert _quantity_spans("Im Jahr 2024 kamen 2000 Panzer.") == [("2000", QuantityValue(2000.0, None, "count", "="))]


def test_number_at_sentence_end_is_a_quantity_not_an_ordinal() -> None:
    assert _quantity_spans("Es starben 500. Danach kam Ruhe.") == [("500", QuantityValue(500.0, None, "count", "="))]


# --- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vergangenen Jahr", DateValue("2024", "DATE")),
        ("letzten Jahres", DateValue("2024", "DATE")),
        ("kommenden Jahr", DateValue("2026", "DATE")),
        ("diesem Jahr", DateValue("2025", "DATE")),
        ("Vorjahr", DateValue("2024", "DATE")),
        ("vergangene Woche", DateValue("2025-W51", "DATE")),
        ("nächste Woche", DateValue("2026-W01", "DATE")),
        ("vergangenen Monat", DateValue("2025-11", "DATE")),
        ("Frühjahr", DateValue("2025-SP", "DATE")),
        ("Sommer 2024", DateValue("2024-SU", "DATE")),
        ("Herbst", DateValue("2025-FA", "DATE")),
        ("letzten Winter", DateValue("2024-WI", "DATE")),
        ("kommenden Frühling", DateValue("2026-SP", "DATE")),
        ("April", DateValue("2025-04", "DATE")),
        ("Dezember", DateValue("2025-12", "DATE")),
        ("Mai 2024", DateValue("2024-05", "DATE")),
        ("Mitte Dezember", DateValue("2025-12", "DATE", "MID")),
        ("Anfang April", DateValue("2025-04", "DATE", "START")),
        ("Ende 2024", DateValue("2024", "DATE", "END")),
        ("Ende des Monats", DateValue("2025-12", "DATE", "END")),
        ("Jahresende", DateValue("2025", "DATE", "END")),
        ("3. Mai", DateValue("2025-05-03", "DATE")),
        ("3. Mai 2024", DateValue("2024-05-03", "DATE")),
        ("25.12.2025", DateValue("2025-12-25", "DATE")),
        ("25.12.2025 14:17", DateValue("2025-12-25T14:17", "TIME")),
        ("2025-12-24", DateValue("2025-12-24", "DATE")),
        ("Jahr 2024", DateValue("2024", "DATE")),
        ("2024", DateValue("2024", "DATE")),
        ("1990er Jahre", DateValue("199X", "DATE")),
        ("heute", DateValue("2025-12-25", "DATE")),
        ("gestern", DateValue("2025-12-24", "DATE")),
        ("morgen", DateValue("2025-12-26", "DATE")),
        ("gestern Abend", DateValue("2025-12-24TEV", "TIME")),
        ("14 Uhr", DateValue("2025-12-25T14:00", "TIME")),
        ("jetzt", DateValue("PRESENT_REF", "DATE")),
        ("derzeit", DateValue("PRESENT_REF", "DATE")),
        ("Bisher", DateValue("PRESENT_REF", "DATE", "ON_OR_BEFORE")),
        ("kürzlich", DateValue("PAST_REF", "DATE")),
        ("in den kommenden Tagen", DateValue("FUTURE_REF", "DATE")),
        ("fünf Monate später", DateValue("P5M", "DURATION")),
        ("zwei Jahre lang", DateValue("P2Y", "DURATION")),
        ("seit Jahrzehnten", DateValue("PXDE", "DURATION")),
        ("seit drei Jahren", DateValue("P3Y", "DURATION")),
        ("wenige Tage", DateValue("PXD", "DURATION")),
        ("jahrelang", DateValue("PXY", "DURATION")),
        ("vor zwei Jahren", DateValue("2023", "DATE")),
        ("vor drei Tagen", DateValue("2025-12-22", "DATE")),
        ("vor wenigen Tagen", DateValue("PAST_REF", "DATE")),
        ("jährlich", DateValue("P1Y", "SET")),
        ("jeden Tag", DateValue("P1D", "SET")),
        ("montags", DateValue("XXXX-WXX-1", "SET")),
        ("ersten Quartal", DateValue("2025-Q1", "DATE")),
        ("zweiten Jahreshälfte 2024", DateValue("2024-H2", "DATE")),
        ("Weihnachten", DateValue("2025-12-25", "DATE")),
        ("Neujahr", DateValue("2026-01-01", "DATE")),
        ("bis in diesem Sommer", DateValue("2025-SU", "DATE", "ON_OR_BEFORE")),
        ("seit 2022", DateValue("2022", "DATE", "ON_OR_AFTER")),
        ("vor Weihnachten", DateValue("2025-12-25", "DATE", "BEFORE")),
        ("nach dem 3. Mai", DateValue("2025-05-03", "DATE", "AFTER")),
        ("ab 2026", DateValue("2026", "DATE", "ON_OR_AFTER")),
        ("Wochenende", DateValue("2025-W51-WE", "DATE")),
    ],
)  # fmt: skip
def test_resolve_date_against_the_dct(text: str, expected: DateValue) -> None:
    assert resolve_date(text, DCT) == expected


@pytest.mark.parametrize(
    ("text", "future", "value"),
    [
        ("Donnerstag", False, "2025-12-25"),  # the DCT's own weekday: that day
        ("Montag", False, "2025-12-22"),  # before the DCT in the same week
        ("Freitag", False, "2025-12-19"),  # after the DCT's weekday: the past Friday by default
        ("Freitag", True, "2025-12-26"),  # ... the coming Friday when the context speaks of the future
        ("Montag", True, "2025-12-29"),
        ("vergangenen Donnerstag", False, "2025-12-18"),
        ("kommenden Montag", False, "2025-12-29"),
        ("diesen Samstag", False, "2025-12-27"),
        ("Sonntagabend", False, "2025-12-21TEV"),
    ],
)  # fmt: skip
def test_weekdays_before_and_after_the_dct(text: str, future: bool, value: str) -> None:
    resolved = resolve_date(text, DCT, future=future)
    assert resolved is not None and resolved.value == value


def test_future_cue_in_the_sentence_selects_the_next_weekday() -> None:
    text = "Die Delegation wird am Freitag in Berlin erwartet."
    assert [(text[s:e], v.value) for s, e, v in find_dates(text, DCT)] == [("Freitag", "2025-12-26")]


def test_the_future_cue_must_be_in_the_scorers_sentence_of_the_date() -> None:
    # "Dr." ends no sentence, "Freitag.“" does (claimbench.dataset.segment.sentences)
    text = "Die Delegation wird laut Dr. Weber am Freitag erwartet. „Wir kamen am Montag.“ Sie wird bleiben."
    found = [(text[s:e], v.value) for s, e, v in find_dates(text, DCT)]
    assert found == [("Freitag", "2025-12-26"), ("Montag", "2025-12-22")]


@pytest.mark.parametrize(
    ("text", "dct", "value"),
    [
        ("Dezember", "2026-01-10", "2025-12"),  # a later month without a year is last year's
        ("März", "2026-01-10", "2025-03"),
        ("Januar", "2026-01-10", "2026-01"),
        ("Winter", "2026-01-10", "2025-WI"),  # January belongs to the winter that began in December
        ("Sommer", "2025-03-01", "2024-SU"),
    ],
)  # fmt: skip
def test_months_and_seasons_without_a_year_depend_on_the_dct(text: str, dct: str, value: str) -> None:
    resolved = resolve_date(text, dct)
    assert resolved is not None and resolved.value == value


def test_month_precision_dct_is_accepted() -> None:
    assert resolve_date("vergangenen Jahr", "2024-11") == DateValue("2023", "DATE")


def _date_spans(text: str) -> list[tuple[str, str, str | None]]:
    return [(text[start:end], value.value, value.mod) for start, end, value in find_dates(text, DCT)]


def test_find_dates_spans_follow_the_guideline() -> None:
    text = "Im vergangenen Jahr und am Donnerstag, Mitte Dezember, sowie seit Jahrzehnten."
    assert _date_spans(text) == [
        ("vergangenen Jahr", "2024", None),
        ("Donnerstag", "2025-12-25", None),
        ("Mitte Dezember", "2025-12", "MID"),
        ("seit Jahrzehnten", "PXDE", None),
    ]


@pytest.mark.parametrize(
    "text",
    ["Der Neujahrsgruß kam an.", "Es kamen 2000 Soldaten.", "Er ist 41 Jahre alt.", "Vor allem die Sommerzeit.", "Wir trafen uns am Morgen."],
)
def test_no_dates(text: str) -> None:
    assert find_dates(text, DCT) == []


def test_numeric_date_glued_to_a_label() -> None:
    assert _date_spans("Datum25.12.2025 14:17") == [("25.12.2025 14:17", "2025-12-25T14:17", None)]


_PHRASES = (
    "vergangenen Jahr", "vergangene Woche", "Montag", "Freitag", "Sonntagabend", "Frühjahr", "letzten Winter",
    "kommenden Sommer", "April", "Mitte Dezember", "3. Mai", "Ende des Monats", "vor drei Tagen", "vor zwei Wochen",
    "vor fünf Monaten", "ersten Quartal", "Neujahr", "Wochenende", "vergangenen Wochenende", "kommenden Quartal",
    "fünf Monate später", "seit Jahrzehnten", "jährlich", "14:30 Uhr", "nächsten Jahrzehnt",
)  # fmt: skip


@given(
    day=st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2100, 12, 31)),
    phrase=st.sampled_from(_PHRASES),
)
def test_every_resolved_value_is_valid_timex3(day: datetime.date, phrase: str) -> None:
    resolved = resolve_date(phrase, day.isoformat())
    assert resolved is not None
    assert timex3_error(resolved.value, resolved.type) is None
