"""German quantities and temporal expressions: normalise one expression, or find them all in a text.

Public API (stable: the trained spaCy baseline normalises its predicted spans with it):

- :func:`parse_quantity` ``(text, following="") -> QuantityValue | None``: the first quantity in
  ``text`` ("mehr als 10.000", "5,6 Milliarden Dollar", "zwischen 10 und 20 Prozent", "Hunderte").
  ``following`` is optional context after the span (the counted noun) used only for the unit
  (``persons`` for "Soldaten", else ``count``).
- :func:`find_quantities` ``(text) -> list[(start, end, QuantityValue)]``: every quantity of a text,
  without years, dates, times, durations and ordinals.
- :func:`resolve_date` ``(text, dct, future=False) -> DateValue | None``: the TIMEX3 value, type
  and mod of the longest temporal expression in ``text``, resolved against the document creation
  time ``dct`` (``YYYY-MM-DD``). ``future`` says the context speaks about the future, so that a bare
  weekday or month means its next occurrence rather than its last one.
- :func:`find_dates` ``(text, dct) -> list[(start, end, DateValue)]``: every temporal expression
  of a text (spans follow the guideline: without a leading "im/am/in", with "bis/seit/vor/nach").
  A bare weekday or month takes its next occurrence when its sentence (:func:`claimbench.dataset.segment.sentences`)
  has a future cue ("wird", "kommende", ...).

All functions are pure; offsets are half-open Python string indices.
"""

from __future__ import annotations

import datetime
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from claimbench.dataset import segment
from claimbench.extractors.lexicon import (
    CURRENCIES,
    DAY_PARTS,
    FRACTIONS,
    HOLIDAYS,
    MONEY_COMPOUNDS,
    MONTHS,
    NUMBER_TEENS,
    NUMBER_TENS,
    NUMBER_UNITS,
    PERSON_NOUN_ENDINGS,
    PREFIX_CURRENCIES,
    QUALIFIER_PHRASES,
    RANGE_BOUND_WORDS,
    SCALE_ABBREVIATIONS,
    SCALES,
    SEASON_START_MONTH,
    SEASONS,
    TIME_UNITS,
    VAGUE_NUMBERS,
    VAGUE_SCALES,
    WEEKDAYS,
)


@dataclass(frozen=True)
class QuantityValue:
    """A normalised quantity: guideline section 8 (closed ``unit`` and ``qualifier`` lists)."""

    value: float
    value_max: float | None
    unit: str
    qualifier: str


@dataclass(frozen=True)
class DateValue:
    """A normalised temporal expression: TIMEX3 ``value``, ``type`` and ``mod`` (guideline section 9)."""

    value: str
    type: str
    mod: str | None = None


# --- numbers ------------------------------------------------------------------------------------

_DIGIT_FORMS = (
    re.compile(r"(\d{1,3}(?:\.\d{3})+)(?:,(\d+))?"),  # 10.000 / 1.600 / 10.000,5
    re.compile(r"(\d{1,3}(?:['’]\d{3})+)(?:[.,](\d+))?"),  # Swiss 12'000 / 12'000.50
    re.compile(r"(\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+)(?:,(\d+))?"),  # 10 000 with a (thin) no-break space
    re.compile(r"(\d+)(?:,(\d+))?"),  # 5,6 / 2024
    re.compile(r"(\d+)\.(\d{1,2}|\d{4,})"),  # 12.50 (a decimal point: never three digits, which is German 1.600)
)


def parse_german_number(text: str) -> float | None:
    """A number written with digits in German conventions ("10.000", "12'000", "5,6"), else None."""
    for form in _DIGIT_FORMS:
        match = form.fullmatch(text)
        if match:
            integer = re.sub(r"\D", "", match[1])
            return float(f"{integer}.{match[2]}") if match[2] else float(integer)
    return None


def _below_hundred(word: str) -> int | None:
    if word in NUMBER_TEENS:
        return NUMBER_TEENS[word]
    if word in NUMBER_TENS:
        return NUMBER_TENS[word]
    if word in NUMBER_UNITS and word != "eine":
        return NUMBER_UNITS[word]
    ones, separator, tens = word.partition("und")  # "einundzwanzig"
    if separator and tens in NUMBER_TENS and ones in NUMBER_UNITS and ones not in ("eins", "eine"):
        return NUMBER_UNITS[ones] + NUMBER_TENS[tens]
    return None


def _below_thousand(word: str) -> int | None:
    hundreds, separator, rest = word.partition("hundert")
    if not separator:
        return _below_hundred(word)
    multiplier = 1 if hundreds in ("", "ein") else NUMBER_UNITS.get(hundreds)
    remainder = _below_hundred(rest) if rest else 0
    if multiplier is None or multiplier > 9 or remainder is None:
        return None
    return multiplier * 100 + remainder


def parse_number_word(word: str) -> int | None:
    """A German number word ("fünf", "einundzwanzig", "zweihundertdreißig", "zehntausend"), else None."""
    folded = word.lower().replace("ß", "ss")
    thousands, separator, rest = folded.partition("tausend")
    if not separator:
        return _below_thousand(folded)
    multiplier = 1 if thousands in ("", "ein") else _below_thousand(thousands)
    remainder = _below_thousand(rest) if rest else 0
    if multiplier is None or remainder is None:
        return None
    return multiplier * 1000 + remainder


# --- tokens -------------------------------------------------------------------------------------

_TOKEN = re.compile(r"\d+(?:[.,'’\u00a0\u202f\u2009]\d+)*|[^\W\d_]+(?:[-‑][^\W\d_]+)*|[^\w\s]")


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_digits(self) -> bool:
        return self.text[0].isdigit()


def _tokenize(text: str) -> list[_Token]:
    return [_Token(match.start(), match.end(), match.group()) for match in _TOKEN.finditer(text)]


_ORDINAL_CONTEXT = frozenset({"am", "im", "zum", "zur", "vom", "beim", "der", "die", "das", "den", "dem", "des", "ab", "bis", "seit"})
_SENTENCE_OPENERS = frozenset({".", "!", "?", ":", "„", '"', "(", "«", "»", "–", "-"})
_NON_NOUN_FOLLOWERS = frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset(SEASONS) | frozenset(TIME_UNITS)


def _looks_like_person_noun(word: str) -> bool:
    return word[:1].isupper() and word.lower().endswith(PERSON_NOUN_ENDINGS)


def _is_year_number(text: str, start: int, end: int) -> bool:
    """Whether the four digits at [start, end) are a year rather than a count ("2024" vs. "2000 Soldaten")."""
    digits = text[start:end]
    if not (len(digits) == 4 and digits.isdigit() and 1800 <= int(digits) <= 2199):
        return False
    follower = re.match(r"\s*([^\W\d_][\w-]*|%|€|\$)", text[end:])
    if follower is None:
        return True
    word = follower[1]
    if word.lower() in CURRENCIES or word.lower().rstrip(".") in SCALES:
        return False
    # a capitalised plural noun right after the number is what it counts ("2000 Panzer")
    is_counted_noun = word[:1].isupper() and word.lower() not in _NON_NOUN_FOLLOWERS and word.lower().endswith(("en", "er", "e", "n", "s"))
    return not is_counted_noun


# --- quantities ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Amount:
    start: int
    value: float
    scale: float  # the multiplier written after the number; 1 when none
    next_index: int
    end: int
    unit: str | None  # a unit implied by the word itself ("die Hälfte" -> percent)
    qualifier: str | None  # a qualifier implied by the word itself ("Hunderte" -> ">=")
    plain_digits: bool  # bare digits without separators or scale: a year candidate


def _plain_number_at(text: str, tokens: list[_Token], index: int) -> float | None:
    token = tokens[index]
    if token.is_digits:
        before = text[token.start - 1] if token.start else " "
        after = text[token.end] if token.end < len(text) else " "
        glued_before = before.isalpha() or (before in "-‑/" and token.start >= 2 and text[token.start - 2].isalnum())
        if glued_before or after.isalpha() or before == ":" or (after == ":" and text[token.end + 1 : token.end + 2].isdigit()):
            return None  # part of a name or code (G7, F-16, 1990er) or a time (14:17)
        if after == "." and index + 2 < len(tokens) and tokens[index + 1].start == token.end:
            following = tokens[index + 2]
            previous = tokens[index - 1].lower if index else ""
            if following.lower in MONTHS or following.text.islower() or previous in _ORDINAL_CONTEXT:
                return None  # an ordinal ("3. Mai", "der 2. Weltkrieg")
        return parse_german_number(token.text)
    if not token.text.isalpha():
        return None
    capitalised_ok = index == 0 or tokens[index - 1].text in _SENTENCE_OPENERS
    if token.text[0].isupper() and not capitalised_ok:
        return None  # "Acht" or "Elf" mid-sentence are nouns
    value = parse_number_word(token.text)
    if value is not None and token.lower in ("ein", "eine", "eins"):
        return None  # an article, unless a scale or fraction follows (handled by the caller)
    return None if value is None else float(value)


def _amount_at(text: str, tokens: list[_Token], index: int) -> _Amount | None:
    if index >= len(tokens):
        return None
    token = tokens[index]
    lower = token.lower
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if lower in ("die", "der") and following is not None and following.lower == "hälfte":
        return _Amount(token.start, 50.0, 1.0, index + 2, following.end, "percent", None, False)
    if lower == "hälfte":
        return _Amount(token.start, 50.0, 1.0, index + 1, token.end, "percent", None, False)
    if lower == "mehrheit":
        return _Amount(token.start, 50.0, 1.0, index + 1, token.end, "percent", ">", False)
    if lower in VAGUE_NUMBERS and token.text[0].isupper():
        value, qualifier = VAGUE_NUMBERS[lower]
        return _Amount(token.start, value, 1.0, index + 1, token.end, None, qualifier, False)
    if lower in VAGUE_SCALES and token.text[0].isupper():
        return _Amount(token.start, VAGUE_SCALES[lower], 1.0, index + 1, token.end, None, ">=", False)
    if lower in MONEY_COMPOUNDS:
        return _Amount(token.start, MONEY_COMPOUNDS[lower], 1.0, index + 1, token.end, "money", ">=", False)
    value = _plain_number_at(text, tokens, index)
    is_article_one = lower in ("ein", "eine", "einer", "eines", "einem", "einen")
    if value is None and not is_article_one:
        return None
    next_index, end = index + 1, token.end
    scale = 1.0
    unit: str | None = None
    if following is not None and following.lower in FRACTIONS and following.lower != "hälfte":
        base = 1.0 if value is None else value
        return _Amount(token.start, base * 100 / FRACTIONS[following.lower], 1.0, index + 2, following.end, "percent", None, False)
    if following is not None and following.lower == "dutzend":
        return _Amount(token.start, (1.0 if value is None else value) * 12, 1.0, index + 2, following.end, None, None, False)
    if following is not None and following.lower in SCALES and (following.text[0].isupper() or following.lower in SCALE_ABBREVIATIONS):
        scale = SCALES[following.lower]
        next_index, end = index + 2, following.end
        if following.lower in SCALE_ABBREVIATIONS and next_index < len(tokens) and tokens[next_index].text == "." and tokens[next_index].start == end:
            next_index, end = next_index + 1, end + 1
    if value is None:
        if scale == 1.0:
            return None
        value = 1.0
    plain = token.is_digits and scale == 1.0 and token.text.isdigit()
    return _Amount(token.start, value * scale, scale, next_index, end, unit, None, plain)


_QUALIFIERS_BY_FIRST_WORD: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _phrase in QUALIFIER_PHRASES:
    _QUALIFIERS_BY_FIRST_WORD.setdefault(_phrase[0][0], []).append(_phrase)


def _qualifier_at(tokens: list[_Token], index: int) -> tuple[str, int] | None:
    for words, symbol in _QUALIFIERS_BY_FIRST_WORD.get(tokens[index].lower, ()):
        stop = index + len(words)
        if stop <= len(tokens) and all(tokens[index + k].lower == word for k, word in enumerate(words)):
            return symbol, stop
    return None


def _range_upper_at(text: str, tokens: list[_Token], index: int, lower_end: int) -> _Amount | None:
    if index >= len(tokens):
        return None
    token = tokens[index]
    if token.lower == "bis":
        bound_index = index + 1
        if bound_index < len(tokens) and tokens[bound_index].lower in RANGE_BOUND_WORDS:
            bound_index += 1
        return _amount_at(text, tokens, bound_index)
    if token.text in "-–" and token.start - lower_end <= 1 and index + 1 < len(tokens) and tokens[index + 1].is_digits:
        return _amount_at(text, tokens, index + 1)
    return None


def _unit_at(tokens: list[_Token], index: int, end: int) -> tuple[str, int, int] | None:
    """(unit, next index, end) of a measure word right after the number, if any."""
    if index >= len(tokens):
        return None
    token = tokens[index]
    if token.lower in CURRENCIES:
        return CURRENCIES[token.lower], index + 1, token.end
    if token.lower == "jahre" and index + 1 < len(tokens) and tokens[index + 1].lower == "alt":
        return "years", index + 1, token.end
    if token.text in "-‑" and token.start == end and index + 1 < len(tokens) and tokens[index + 1].lower.startswith("jährig"):
        return "years", index + 2, tokens[index + 1].end
    return None


def _counted_unit(tokens: list[_Token], index: int) -> str:
    """``persons`` when the counted noun (after at most two adjectives) names people, else ``count``."""
    for offset in range(3):
        if index + offset >= len(tokens):
            break
        word = tokens[index + offset].text
        if word[:1].isupper():
            return "persons" if _looks_like_person_noun(word) else "count"
        if not word.isalpha():
            break
    return "count"


@dataclass(frozen=True)
class _QuantityMatch:
    start: int
    end: int
    next_index: int
    quantity: QuantityValue


def _quantity_at(text: str, tokens: list[_Token], index: int, *, exclude_dates: bool) -> _QuantityMatch | None:
    start = tokens[index].start
    qualifier: str | None = None
    prefix_unit: str | None = None
    cursor = index
    qualified = _qualifier_at(tokens, cursor)
    if qualified is not None:
        qualifier, cursor = qualified
    if cursor < len(tokens) and tokens[cursor].lower in PREFIX_CURRENCIES:
        prefix_unit, cursor = CURRENCIES[tokens[cursor].lower], cursor + 1
    if cursor < len(tokens) and tokens[cursor].lower == "zwischen":
        lower = _amount_at(text, tokens, cursor + 1)
        if lower is None or lower.next_index >= len(tokens) or tokens[lower.next_index].lower != "und":
            return None
        upper = _amount_at(text, tokens, lower.next_index + 1)
    else:
        lower = _amount_at(text, tokens, cursor)
        if lower is None:
            return None
        upper = _range_upper_at(text, tokens, lower.next_index, lower.end)
    if upper is not None and upper.value <= (lower.value * upper.scale if lower.scale == 1.0 else lower.value):
        upper = None  # "5 bis 3" is no range: keep the first number only
    last = upper or lower
    value = lower.value * upper.scale if upper is not None and lower.scale == 1.0 else lower.value
    next_index, end = last.next_index, last.end
    unit = prefix_unit or last.unit or lower.unit
    measured = _unit_at(tokens, next_index, end)
    if measured is not None and unit is None:
        unit, next_index, end = measured
    if next_index < len(tokens) and tokens[next_index].lower in TIME_UNITS and unit is None:
        return None  # "fünf Monate": a duration (a date, not a quantity)
    if next_index < len(tokens) and tokens[next_index].lower == "uhr":
        return None  # a time of day
    is_bare = qualifier is None and unit is None and lower.qualifier is None
    is_plain = lower.plain_digits and (upper is None or upper.plain_digits)
    if exclude_dates and is_bare and is_plain and _is_year_number(text, lower.start, lower.end):
        return None
    in_parentheses = index > 1 and tokens[index - 1].text == "(" and next_index < len(tokens) and tokens[next_index].text == ")"
    if unit is None and in_parentheses and tokens[index - 2].text[:1].isupper() and value < 130:
        unit = "years"  # "Kim Jong Un (41)": an age
    if unit is None:
        unit = _counted_unit(tokens, next_index)
    final_qualifier = "=" if upper is not None else (qualifier or lower.qualifier or "=")
    quantity = QuantityValue(value=value, value_max=None if upper is None else upper.value, unit=unit, qualifier=final_qualifier)
    return _QuantityMatch(start, end, next_index, quantity)


def find_quantities(text: str) -> list[tuple[int, int, QuantityValue]]:
    """Every quantity in ``text`` as (start, end, value), left to right, non-overlapping."""
    tokens = _tokenize(text)
    found: list[tuple[int, int, QuantityValue]] = []
    index = 0
    while index < len(tokens):
        match = _quantity_at(text, tokens, index, exclude_dates=True)
        if match is None:
            index += 1
            continue
        found.append((match.start, match.end, match.quantity))
        index = match.next_index
    return found


def parse_quantity(text: str, following: str = "") -> QuantityValue | None:
    """The first quantity written in ``text`` (a bare year-like number counts too), else None."""
    combined = f"{text} {following}" if following else text
    tokens = _tokenize(combined)
    for index, token in enumerate(tokens):
        if token.start >= len(text):
            break
        match = _quantity_at(combined, tokens, index, exclude_dates=False)
        if match is not None:
            return match.quantity
    return None


# --- dates ----------------------------------------------------------------------------------------

_B = r"(?<![\w-])"  # a word starts here
_E = r"(?![\w-])"  # a word ends here
_BN = r"(?<![\w.,'’-])"  # a number starts here (not inside "10.000")
_MONTH_NAMES = "|".join(sorted((re.escape(name) for name in MONTHS if not name.endswith(".")), key=len, reverse=True))
_MONTH_ANY = "|".join(sorted((re.escape(name) for name in MONTHS), key=len, reverse=True))
_WEEKDAY = "|".join(WEEKDAYS)
_YEAR = r"(?:1[89]\d\d|2[01]\d\d)"
_RELATIVE = (
    r"vergangene[nmrs]?|letzte[nmrs]?|vorige[nmrs]?|diese[nmrs]?|laufende[nmrs]?|aktuelle[nmrs]?"
    r"|kommende[nmrs]?|nächste[nmrs]?|diesjährige[nmrs]?"
)
_TIME_UNIT = "|".join(sorted(TIME_UNITS, key=len, reverse=True))
_NUMBER = r"\d+|[a-zäöüß]+"
_FUTURE_CUES = re.compile(
    r"\b(?:wird|werden|wirst|will|wollen|plant|planen|geplant|künftig|bald|demnächst|kommende[nmrs]?|nächste[nmrs]?)\b",
    re.IGNORECASE,
)


def _relation(word: str | None) -> int | None:
    """-1 for past ("vergangenen"), 0 for this ("diesen"), +1 for next ("kommenden"), None without one."""
    if word is None:
        return None
    lower = word.lower()
    if lower.startswith(("vergangen", "letzt", "vorig")):
        return -1
    if lower.startswith(("kommend", "nächst")):
        return 1
    return 0


def _iso_week(day: datetime.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _shift_month(day: datetime.date, months: int) -> str:
    index = day.year * 12 + day.month - 1 + months
    return _month_value(index // 12, index % 12 + 1)


def _year_of_day(dct: datetime.date, month: int, day: int, future: bool) -> int:
    """The year of a day and month written without one: its last occurrence, or its next one."""
    target, now = (month, day), (dct.month, dct.day)
    if future:
        return dct.year if target >= now else dct.year + 1
    return dct.year if target <= now else dct.year - 1


def _season_year(dct: datetime.date, season: str, relation: int | None, future: bool) -> int:
    start = SEASON_START_MONTH[season]
    now = (dct.year, dct.month)

    def end(year: int) -> tuple[int, int]:
        return (year + 1, 2) if season == "WI" else (year, start + 2)

    if relation == -1:  # the last season that is over
        year = dct.year
        while end(year) >= now:
            year -= 1
        return year
    if relation == 1:  # the next season that has not begun
        year = dct.year
        while (year, start) <= now:
            year += 1
        return year
    if season == "WI" and dct.month <= 2:
        return dct.year - 1  # January and February belong to the winter that began the year before
    if future and end(dct.year) < now:
        return dct.year + 1
    if not future and relation is None and (dct.year, start) > now:
        return dct.year - 1
    return dct.year


def _weekday_date(dct: datetime.date, weekday: int, relation: int | None, future: bool) -> datetime.date:
    back = (dct.weekday() - weekday) % 7
    forward = (weekday - dct.weekday()) % 7
    if relation == -1:
        return dct - datetime.timedelta(days=back or 7)
    if relation == 1:
        return dct + datetime.timedelta(days=forward or 7)
    if relation == 0:
        return dct + datetime.timedelta(days=weekday - dct.weekday())
    if weekday == dct.weekday():
        return dct
    return dct + datetime.timedelta(days=forward) if future else dct - datetime.timedelta(days=back)


def _number_or_x(word: str) -> str | None:
    """A count for a duration: digits, a number word, "ein(e)" -> 1, vague words -> "X"."""
    lower = word.lower()
    if lower.isdigit():
        return str(int(lower))
    if lower in ("ein", "eine", "einen", "einem", "einer", "eines"):
        return "1"
    if lower in ("wenige", "wenigen", "einige", "einigen", "mehrere", "mehreren", "paar", "viele", "vielen"):
        return "X"
    value = parse_number_word(lower)
    return None if value is None else str(value)


def _duration(count: str, unit_code: str) -> str:
    if unit_code in ("H", "S"):
        return f"PT{count}{unit_code}"
    if unit_code == "MIN":
        return f"PT{count}M"
    return f"P{count}{unit_code}"


@dataclass(frozen=True)
class _Found:
    value: DateValue
    kind: str  # "point" (a calendar date: may take a mod or preposition), "other"


_Resolver = Callable[[re.Match[str], datetime.date, bool], "_Found | None"]


def _point(value: str) -> _Found:
    return _Found(DateValue(value, "DATE"), "point")


def _other(value: str, timex_type: str = "DATE", mod: str | None = None) -> _Found:
    return _Found(DateValue(value, timex_type, mod), "other")


def _full_year(digits: str, dct: datetime.date) -> int:
    if len(digits) == 4:
        return int(digits)
    century = 2000 if int(digits) <= (dct.year % 100) + 10 else 1900
    return century + int(digits)


def _numeric_date(match: re.Match[str], dct: datetime.date, future: bool) -> _Found | None:
    try:
        day = datetime.date(_full_year(match["y"], dct), int(match["m"]), int(match["d"]))
    except ValueError:
        return None
    if match.groupdict().get("hh") and int(match["hh"]) <= 24:
        return _other(f"{day.isoformat()}T{int(match['hh']):02d}:{match['mm']}", "TIME")
    return _point(day.isoformat())


def _day_month(match: re.Match[str], dct: datetime.date, future: bool) -> _Found | None:
    month, day = MONTHS[match["mon"].lower()], int(match["d"])
    year = int(match["y"]) if match["y"] else _year_of_day(dct, month, day, future)
    try:
        return _point(datetime.date(year, month, day).isoformat())
    except ValueError:
        return None


def _year_of_bare_month(dct: datetime.date, month: int, relation: int | None, future: bool) -> int:
    if relation == -1:
        return dct.year if month < dct.month else dct.year - 1
    if relation == 1:
        return dct.year if month > dct.month else dct.year + 1
    if relation == 0 or month == dct.month:
        return dct.year
    if future:
        return dct.year if month > dct.month else dct.year + 1
    return dct.year if month < dct.month else dct.year - 1


def _month(match: re.Match[str], dct: datetime.date, future: bool) -> _Found:
    month = MONTHS[match["mon"].lower()]
    year = int(match["y"]) if match["y"] else _year_of_bare_month(dct, month, _relation(match["rel"]), future)
    return _point(_month_value(year, month))


def _season(match: re.Match[str], dct: datetime.date, future: bool) -> _Found:
    season = SEASONS[match["season"].lower()]
    year = int(match["y"]) if match["y"] else _season_year(dct, season, _relation(match["rel"]), future)
    return _point(f"{year}-{season}")


def _year(match: re.Match[str], dct: datetime.date, future: bool) -> _Found:
    return _point(match["y"])


def _bare_year(match: re.Match[str], dct: datetime.date, future: bool) -> _Found | None:
    return _point(match["y"]) if _is_year_number(match.string, match.start("y"), match.end("y")) else None


def _decade(match: re.Match[str], dct: datetime.date, future: bool) -> _Found:
    return _point(f"{match['dec']}X")


def _relative_period(match: re.Match[str], dct: datetime.date, future: bool) -> _Found:
    relation = _relation(match["rel"]) or 0
    unit = match["unit"].lower()
    if unit.startswith("wochenende"):
        return _point(_iso_week(dct + datetime.timedelta(weeks=relation)) + "-WE")
    if unit.startswith("woche"):
        return _point(_iso_week(dct + datetime.timedelta(weeks=relation)))
    if unit.startswith("monat"):
        return _point(_shift_month(dct, relation))
    if unit.startswith("quartal"):
        index = dct.year * 4 + (dct.month - 1) // 3 + relation
        return _point(f"{index // 4}-Q{index % 4 + 1}")
    if unit.startswith("jahrzehnt"):
        return _point(f"{dct.year // 10 + relation}X")
    return _point(str(dct.year + relation))


_PREVIOUS_PERIODS = {"vorjahr": ("Y", -1), "vormonat": ("M", -1), "vorwoche": ("W", -1), "heuer": ("Y", 0)}


def _previous_period(match: re.Match[str], dct: datetime.date, future: bool) -> _Found:
    word = match["w"].lower()
    code, relation = next(value for key, value in _PREVIOUS_PERIODS.items() if word.startswith(key))
    if code == "M":
        return _point(_shift_month(dct, relation))
    if code == "W":
        return _point(_iso_week(dct + datetime.timedelta(weeks=relation)))
    return _point(str(dct.year + relation))


_MODS = {"anfang": "START", "beginn": "START", "mitte": "MID", "ende": "END"}


def _period_with_mod(match: re.Match[str], dct: datetime.date, future: bool) -> _Found:
    mod, unit = _MODS[match["mod"].lower()], match["unit"].lower()
    if unit.startswith("monat"):
        return _other(_month_value(dct.year, dct.month), mod=mod)
    if unit.startswith("woche"):
        return _other(_iso_week(dct), mod=mod)
    return _other(str(dct.year), mod=mod)


_COMPOUND_PERIODS = {
    "jahresende": ("Y", "END"), "jahresbeginn": ("Y", "START"), "jahresanfang": ("Y", "START"),
    "jahresmitte": ("Y", "MID"), "monatsende": ("M", "END"), "monatsanfang": ("M", "START"),
    "monatsbeginn": ("M", "START"), "wochenende": ("WE", None),
}  # fmt: skip


def _compound_period(match: re.Match[str], dct: datetime.date, future: bool) -> _Found:
    code, mod = _COMPOUND_PERIODS[match["w"].lower()]
    if code == "M":
        return _other(_month_value(dct.year, dct.month), mod=mod)
    if code == "WE":
        weekend_week = dct if dct.weekday() >= 5 or future else dct - datetime.timedelta(weeks=1)
        return _point(_iso_week(weekend_week) + "-WE")
    return _other(str(dct.year), mod=mod)


def _weekday(match: re.Match[str], dct: datetime.date, future: bool) -> _Found:
    day = _weekday_date(dct, WEEKDAYS[match["wd"].lower()], _relation(match["rel"]), future)
    if match["part"]:
        return _other(f"{day.isoformat()}T{DAY_PARTS[match['part'].lower()]}", "TIME")
    return _point(day.isoformat())


def _weekday_set(match: re.Match[str], dct: datetime.date, future: bool) -> _Found:
    return _other(f"XXXX-WXX-{WEEKDAYS[match['wd'].lower()] + 1}", "SET")


_DEICTIC_DAYS = {"vorgestern": -2, "gestern": -1, "heute": 0, "morgen": 1, "übermorgen": 2}


def _deictic_day(match: re.Match[str], dct: datetime.date, future: bool) -> _Found:
    day = dct + datetime.timedelta(days=_DEICTIC_DAYS[match["w"].lower()])
    if match["part"]:
        return _other(f"{day.isoformat()}T{DAY_PARTS[match['part'].lower()]}", "TIME")
    return _point(day.isoformat())


def _reference(value: str, mod: str | None = None) -> _Resolver:
    def resolve(match: re.Match[str], dct: datetime.date, future: bool) -> _Found:
        return _other(value, mod=mod)

    return resolve


def _ago(match: re.Match[str], dct: datetime.date, future: bool) -> _Found | None:
    count, code = _number_or_x(match["n"]), TIME_UNITS[match["unit"].lower()]
    if count is None:
        return None
    if count == "X" or code not in ("Y", "M", "W", "D"):
        return _other("PAST_REF")
    amount = int(count)
    if code == "Y":
        return _point(str(dct.year - amount))
    if code == "M":
        return _point(_shift_month(dct, -amount))
    if code == "W":
        return _point(_iso_week(dct - datetime.timedelta(weeks=amount)))
    return _point((dct - datetime.timedelta(days=amount)).isoformat())


def _since_duration(match: re.Match[str], dct: datetime.date, future: bool) -> _Found | None:
    count = "X" if match["n"] is None else _number_or_x(match["n"])
    if count is None:
        return None
    return _other(_duration(count, TIME_UNITS[match["unit"].lower()]), "DURATION")


def _duration_phrase(match: re.Match[str], dct: datetime.date, future: bool) -> _Found | None:
    if re.match(r"\s+alt\b", match.string[match.end() :]):
        return None  # "41 Jahre alt": an age (a quantity)
    count = _number_or_x(match["n"])
    if count is None:
        return None
    return _other(_duration(count, TIME_UNITS[match["unit"].lower()]), "DURATION")


_LONG_ADVERBS = {"jahrzehntelang": "PXDE", "jahrelang": "PXY", "monatelang": "PXM", "wochenlang": "PXW", "tagelang": "PXD", "stundenlang": "PTXH"}
_SET_ADVERBS = {"alljährlich": "P1Y", "jährlich": "P1Y", "monatlich": "P1M", "wöchentlich": "P1W", "täglich": "P1D", "stündlich": "PT1H"}
_SET_UNITS = {"jahr": "P1Y", "monat": "P1M", "woche": "P1W", "tag": "P1D"}


def _long_adverb(match: re.Match[str], dct: datetime.date, future: bool) -> _Found:
    return _other(_LONG_ADVERBS[match["w"].lower()], "DURATION")


def _set_adverb(match: re.Match[str], dct: datetime.date, future: bool) -> _Found:
    return _other(_SET_ADVERBS[match["w"].lower()], "SET")


def _set_unit(match: re.Match[str], dct: datetime.date, future: bool) -> _Found:
    return _other(_SET_UNITS[match["unit"].lower()], "SET")


_ORDINALS = {"ersten": 1, "zweiten": 2, "dritten": 3, "vierten": 4, "1.": 1, "2.": 2, "3.": 3, "4.": 4}


def _quarter(match: re.Match[str], dct: datetime.date, future: bool) -> _Found | None:
    number = _ORDINALS[match["ord"].lower()]
    year = int(match["y"]) if match["y"] else dct.year
    if match["q"].lower().startswith("quartal"):
        return _point(f"{year}-Q{number}")
    return _point(f"{year}-H{number}") if number <= 2 else None


def _clock_time(match: re.Match[str], dct: datetime.date, future: bool) -> _Found | None:
    hour, minute = int(match["hh"]), int(match["mm"] or 0)
    if hour > 24 or minute > 59:
        return None
    return _other(f"{dct.isoformat()}T{hour:02d}:{minute:02d}", "TIME")


def _holiday(match: re.Match[str], dct: datetime.date, future: bool) -> _Found:
    month, day = HOLIDAYS[match["h"].lower()]
    candidates = [datetime.date(year, month, day) for year in (dct.year - 1, dct.year, dct.year + 1)]
    nearest = min(candidates, key=lambda candidate: (abs((candidate - dct).days), candidate > dct))
    return _point(nearest.isoformat())


_PART = r"(?P<part>abend|morgen|nachmittag|vormittag|mittag|nacht)"
_SPACED_PART = r"(?:\s+(?P<part>Morgen|Vormittag|Mittag|Nachmittag|Abend|Nacht))?"

# (pattern, resolver, flags); earlier patterns win ties between candidates of equal span
_PATTERNS: tuple[tuple[str, _Resolver, int], ...] = (
    ((rf"(?:{_B}(?:{_WEEKDAY}),?\s+(?:den\s+)?|(?<![\d.]))(?P<d>\d{{1,2}})\.\s?(?P<m>\d{{1,2}})\.\s?(?P<y>\d{{4}}|\d{{2}})(?!\d)"
      rf"(?:,?\s+(?:um\s+)?(?P<hh>\d{{1,2}})[:.](?P<mm>\d{{2}})(?:\s*Uhr)?)?"), _numeric_date, re.IGNORECASE),
    (rf"{_B}(?P<y>\d{{4}})-(?P<m>\d{{2}})-(?P<d>\d{{2}}){_E}", _numeric_date, 0),
    (rf"{_B}(?:(?:{_WEEKDAY}),?\s+(?:de[nm]\s+)?)?(?P<d>\d{{1,2}})\.\s*(?P<mon>{_MONTH_ANY})(?:\s+(?P<y>{_YEAR}))?(?![\w-])",
     _day_month, re.IGNORECASE),
    (rf"{_B}(?:(?P<rel>{_RELATIVE})\s+)?(?P<mon>{_MONTH_NAMES})(?:\s+(?P<y>{_YEAR}))?{_E}", _month, re.IGNORECASE),
    ((rf"{_B}(?:(?P<rel>{_RELATIVE})\s+)?(?P<season>Frühjahr(?:es|s)?|Frühling(?:s)?|Sommer(?:s)?|Herbst(?:es|s)?|Winter(?:s)?)"
      rf"(?:\s+(?P<y>{_YEAR}))?{_E}"), _season, re.IGNORECASE),
    (rf"{_B}Jahr(?:e|es)?\s+(?P<y>{_YEAR}){_E}", _year, re.IGNORECASE),
    (rf"(?<![\w.,'’:/-])(?P<y>{_YEAR})(?![\w'’-]|[.,:]\d)", _bare_year, 0),
    (rf"{_B}(?P<dec>(?:19|20)\d)0er(?:\s*-?\s*Jahren?|jahren?)?{_E}", _decade, re.IGNORECASE),
    (rf"{_B}(?P<rel>{_RELATIVE})\s+(?P<unit>Wochenendes?|Woche|Monats?|Monates|Jahres|Jahrs?|Quartals?|Jahrzehnts?|Jahrzehntes){_E}",
     _relative_period, re.IGNORECASE),
    (rf"{_B}(?P<w>Vorjahr(?:es|s)?|Vormonat(?:s)?|Vorwoche|heuer){_E}", _previous_period, re.IGNORECASE),
    (rf"{_B}(?P<mod>Anfang|Beginn|Mitte|Ende)\s+(?:des|der)\s+(?P<unit>Monats|Jahres|Woche){_E}", _period_with_mod, re.IGNORECASE),
    (rf"{_B}(?P<w>{'|'.join(_COMPOUND_PERIODS)}){_E}", _compound_period, re.IGNORECASE),
    (rf"{_B}(?:(?P<rel>{_RELATIVE})\s+)?(?P<wd>{_WEEKDAY}){_PART}?{_E}", _weekday, re.IGNORECASE),
    (rf"{_B}(?P<wd>{_WEEKDAY})s{_E}", _weekday_set, 0),  # lower case "montags": every Monday
    (rf"{_B}(?:bisher|bislang|bis\s+heute|bis\s+jetzt|bis\s+dato){_E}", _reference("PRESENT_REF", "ON_OR_BEFORE"), re.IGNORECASE),
    (rf"{_B}(?P<w>heute|gestern|vorgestern){_SPACED_PART}{_E}", _deictic_day, re.IGNORECASE),
    (rf"{_B}(?P<w>morgen|übermorgen){_SPACED_PART}{_E}", _deictic_day, 0),  # "Morgen" (morning) is a noun
    (rf"{_B}(?:jetzt|nun|derzeit|aktuell|zurzeit|gegenwärtig|momentan|heutzutage|mittlerweile|inzwischen){_E}",
     _reference("PRESENT_REF"), re.IGNORECASE),
    (rf"{_B}(?:künftig|zukünftig|demnächst|bald|in\s+Zukunft|in\s+naher\s+Zukunft){_E}", _reference("FUTURE_REF"), re.IGNORECASE),
    (rf"(?:{_B}in\s+den\s+)(?P<span>(?:kommenden|nächsten)\s+(?:Tagen|Wochen|Monaten|Jahren)){_E}", _reference("FUTURE_REF"), re.IGNORECASE),
    (rf"(?:{_B}in\s+den\s+)(?P<span>(?:vergangenen|letzten)\s+(?:Tagen|Wochen|Monaten|Jahren)){_E}", _reference("PAST_REF"), re.IGNORECASE),
    (rf"{_B}(?:kürzlich|jüngst|neulich|unlängst|vor\s+kurzem|damals|einst){_E}", _reference("PAST_REF"), re.IGNORECASE),
    (rf"{_B}vor\s+(?P<n>{_NUMBER})\s+(?P<unit>{_TIME_UNIT}){_E}", _ago, re.IGNORECASE),
    (rf"{_B}seit\s+(?:(?P<n>{_NUMBER})\s+)?(?P<unit>Jahrzehnten|Jahrhunderten|Jahren|Monaten|Wochen|Tagen|Stunden|Jahrzehnt|Jahr|Monat|Woche|Tag){_E}",
     _since_duration, re.IGNORECASE),
    (rf"{_BN}(?P<n>{_NUMBER})\s+(?P<unit>{_TIME_UNIT})(?:\s+(?:später|lang|danach|zuvor|früher))?{_E}", _duration_phrase, re.IGNORECASE),
    (rf"{_B}(?P<w>{'|'.join(_LONG_ADVERBS)}){_E}", _long_adverb, re.IGNORECASE),
    (rf"{_B}(?P<w>{'|'.join(_SET_ADVERBS)}){_E}", _set_adverb, re.IGNORECASE),
    (rf"{_B}(?:jedes|jeden|jede|pro)\s+(?P<unit>Jahr|Monat|Woche|Tag){_E}", _set_unit, re.IGNORECASE),
    (rf"{_B}(?P<ord>ersten|zweiten|dritten|vierten|[1-4]\.)\s+(?P<q>Quartals?|Jahreshälfte|Halbjahr(?:es|s)?)(?:\s+(?P<y>{_YEAR}))?{_E}",
     _quarter, re.IGNORECASE),
    (rf"{_BN}(?P<hh>\d{{1,2}})(?:[:.](?P<mm>\d{{2}}))?\s*Uhr{_E}", _clock_time, 0),
    (rf"{_B}(?P<h>{'|'.join(HOLIDAYS)}){_E}", _holiday, re.IGNORECASE),
)  # fmt: skip
_COMPILED = tuple((re.compile(pattern, flags), resolver) for pattern, resolver, flags in _PATTERNS)

_MOD_BEFORE = re.compile(r"(?P<mod>Anfang|Beginn|Mitte|Ende)\s+(?:(?:des|der)\s+)?$", re.IGNORECASE)
_PREPOSITION_BEFORE = re.compile(
    r"(?<![\w-])(?P<prep>bis(?:\s+(?:in|zum|zur))?|seit|vor|nach|ab|spätestens|frühestens)\s+(?:(?:dem|den|der)\s+)?$", re.IGNORECASE
)
_PREPOSITION_MODS = {"bis": "ON_OR_BEFORE", "spätestens": "ON_OR_BEFORE", "seit": "ON_OR_AFTER", "ab": "ON_OR_AFTER",
                     "frühestens": "ON_OR_AFTER", "vor": "BEFORE", "nach": "AFTER"}  # fmt: skip


def _parse_dct(dct: str) -> datetime.date:
    parts = [int(part) for part in dct[:10].split("-")]
    while len(parts) < 3:
        parts.append(1)  # a month-precision DCT ("2024-11") anchors at its first day
    return datetime.date(parts[0], parts[1], parts[2])


def _speaks_of_future(text: str) -> Callable[[int], bool]:
    """Whether the sentence (:func:`claimbench.dataset.segment.sentences`) at a position of ``text`` has a future cue."""
    sentences = segment.sentences(text)
    starts = [start for start, _ in sentences]
    has_cue = [_FUTURE_CUES.search(text, start, end) is not None for start, end in sentences]

    def at(position: int) -> bool:
        index = bisect_right(starts, position) - 1
        return index >= 0 and has_cue[index]

    return at


def _with_prefix(text: str, start: int, found: _Found) -> tuple[int, DateValue]:
    """Extend a calendar date leftwards over "Mitte/Ende ..." (mod) and "bis/seit/vor/nach" (mod)."""
    value = found.value
    if found.kind != "point":
        return start, value
    before = text[max(0, start - 40) : start]
    mod_match = _MOD_BEFORE.search(before)
    if mod_match:
        start -= len(before) - mod_match.start()
        value = DateValue(value.value, value.type, _MODS[mod_match["mod"].lower()])
        before = text[max(0, start - 40) : start]
    preposition_match = _PREPOSITION_BEFORE.search(before)
    if preposition_match:
        start -= len(before) - preposition_match.start()
        if value.mod is None:
            value = DateValue(value.value, value.type, _PREPOSITION_MODS[preposition_match["prep"].split()[0].lower()])
    return start, value


def _find_dates(text: str, anchor: datetime.date, force_future: bool) -> list[tuple[int, int, DateValue]]:
    candidates: list[tuple[int, int, int, DateValue]] = []
    speaks_of_future = _speaks_of_future(text)
    for priority, (pattern, resolver) in enumerate(_COMPILED):
        for match in pattern.finditer(text):
            span_start, span_end = match.span("span") if "span" in pattern.groupindex else match.span()
            found = resolver(match, anchor, force_future or speaks_of_future(match.start()))
            if found is None:
                continue
            start, value = _with_prefix(text, span_start, found)
            candidates.append((start, span_end, priority, value))
    candidates.sort(key=lambda item: (item[0], -(item[1] - item[0]), item[2]))
    chosen: list[tuple[int, int, DateValue]] = []
    for start, end, _, value in candidates:
        if chosen and start < chosen[-1][1]:
            continue
        chosen.append((start, end, value))
    return chosen


def find_dates(text: str, dct: str) -> list[tuple[int, int, DateValue]]:
    """Every temporal expression in ``text`` as (start, end, value), sorted, non-overlapping."""
    return _find_dates(text, _parse_dct(dct), force_future=False)


def resolve_date(text: str, dct: str, future: bool = False) -> DateValue | None:
    """The value of the longest temporal expression in ``text`` (e.g. a predicted span), else None.

    ``future`` forces the forward reading of bare weekdays, months and seasons; without it the
    reading follows future cues in ``text`` itself ("wird", "kommende", ...), else the past one.
    """
    found = _find_dates(text, _parse_dct(dct), force_future=future)
    if not found:
        return None
    return max(found, key=lambda item: (item[1] - item[0], -item[0]))[2]
