"""The rule-based baseline: sentences with check-worthy signals become claims.

Pipeline per document (no learning, no gold data; rules from general knowledge of German news):

1. Sentences: the scorer's own sentences (:func:`claimbench.dataset.segment.sentences`, the benchmark's
   resampling units), so no claim crosses a unit; words are spaCy's German tokens
   (``spacy.blank("de")`` tokenizer) within each sentence.
2. Parts: quantities and dates from :mod:`claimbench.extractors.german`, entities from a gazetteer
   and patterns (titles, first names, acronyms, capitalised adjectives before a name head),
   attributions from a cue lexicon (laut, zufolge, nach Angaben, so, demnach, reporting verbs).
3. Claims: a sentence is a claim when it is no question, navigation or metadata, has a verb (or a
   number, for headlines with an elided verb), carries a signal (entity, number, date or
   attribution) and no marker of the author's evaluation. The span is the sentence without its
   final punctuation, leading conjunctions and an attribution frame at its start or end (guideline
   section 4); a sentence that coordinates two attributed statements gives one claim per clause.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import spacy

from claimbench.dataset import segment
from claimbench.extractors.base import Extractor, ExtractorInput
from claimbench.extractors.german import (
    DateValue,
    QuantityValue,
    find_dates,
    find_quantities,
)
from claimbench.extractors.lexicon import (
    ANAPHORIC_CUES,
    ARMED_FORCES,
    BOILERPLATE_PREFIXES,
    CAPITALS,
    CITIES,
    COMMON_VERBS,
    COUNTRIES,
    COUNTRY_ADJECTIVES,
    CUE_NOUNS,
    DETERMINERS,
    EVALUATIVE_WORDS,
    EVENTS,
    FIRST_NAMES,
    GLUED_LABELS,
    LEADING_DISCOURSE_PHRASES,
    LEADING_DISCOURSE_WORDS,
    LOCATIONS,
    MONTHS,
    NAME_HEAD_TYPES,
    NON_VERBS,
    NOT_NAMES,
    ORGANISATIONS,
    PERSON_TITLES,
    PERSONS,
    POSSESSIVE_SOURCES,
    POSTPOSITIONAL_CUES,
    PREPOSITIONAL_CUES,
    PREPOSITIONS,
    PRONOUN_SOURCES,
    REGION_WORDS,
    REGIONS,
    RELATIVE_CUES,
    REPORTING_VERBS,
    ROLE_HOLDERS,
    SEATS,
    SKIPPABLE_ADVERBS,
    SOURCELESS_NOUNS,
    WEEKDAYS,
)
from claimbench.scoring.submission import (
    PredictedAttribution,
    PredictedClaim,
    PredictedDate,
    PredictedEntity,
    PredictedQuantity,
)

# --- sentences ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    """A token with document offsets."""

    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    words: tuple[Word, ...]


def tokenized_sentences(nlp: spacy.language.Language, text: str) -> list[Sentence]:
    """The scorer's sentences of ``text`` (:func:`claimbench.dataset.segment.sentences`), each with spaCy's tokens as words."""
    spans = segment.sentences(text)
    tokenized: list[Sentence] = []
    for (start, end), doc in zip(spans, nlp.tokenizer.pipe(text[start:end] for start, end in spans)):
        words = tuple(Word(token.text, start + token.idx, start + token.idx + len(token.text)) for token in doc if not token.is_space)
        tokenized.append(Sentence(start, end, words))
    return tokenized


def _clean_sentence(text: str, sentence: Sentence) -> Sentence | None:
    """The sentence without ticker marks, glued labels and navigation prefixes; None for navigation."""
    start, end = sentence.start, sentence.end
    while start < end and (text[start] in "+| " or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in "+| " or text[end - 1].isspace()):
        end -= 1
    for label in GLUED_LABELS:
        if text.startswith(label, start) and text[start + len(label) : start + len(label) + 1].isupper():
            start += len(label)
            break
    lowered = text[start:end].lower()
    for prefix in BOILERPLATE_PREFIXES:
        if lowered.startswith(prefix):
            colon = text.find(":", start + len(prefix) - 1, end)
            if colon < 0 or not text[colon + 1 : end].strip():
                return None
            start = colon + 1
            while start < end and text[start].isspace():
                start += 1
            break
    # a label glued to the first word ("TLDRMoskau") leaves the word's remainder
    words = tuple(
        Word(text[max(word.start, start) : word.end], max(word.start, start), word.end)
        for word in sentence.words
        if word.end > start and word.end <= end
    )
    if not words:
        return None
    return Sentence(words[0].start, words[-1].end, words)


# --- entities -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    type: str
    canonical: str


@dataclass(frozen=True)
class _Entry:
    type: str
    canonical: str
    capital_of: str | None = None  # a capital that stands for this state unless used as a place


def _holder(holders: Sequence[tuple[str, str, str]], day: str) -> str | None:
    for first, last, canonical in holders:
        if first <= day and (not last or day <= last):
            return canonical
    return None


def _with_genitive(name: str, entry: _Entry) -> list[tuple[str, _Entry]]:
    """A name and its genitive with "s" (not after a sibilant)."""
    forms = [(name, entry)]
    if name[-1] not in "sxzß":
        forms.append((name + "s", entry))
    return forms


def _gazetteer() -> dict[str, _Entry]:
    """Surface form -> entry; earlier lists win when two share a surface form."""
    forms: list[tuple[str, _Entry]] = []
    for full, _, canonical in PERSONS:
        forms += _with_genitive(full, _Entry("PER", canonical))
    forms += [(name, _Entry("EVENT", canonical)) for name, canonical in EVENTS]
    for name, canonical in ORGANISATIONS:
        forms += _with_genitive(name, _Entry("ORG", canonical))
    forms += [(name, _Entry("GPE", state)) for name, state in SEATS]
    forms += [("Kremls", _Entry("GPE", "Russland"))]
    for name, canonical in COUNTRIES:
        forms += _with_genitive(name, _Entry("GPE", canonical))
    for name, own, state in CAPITALS:
        forms += _with_genitive(name, _Entry("GPE", own, state))
    for name in (*CITIES, *REGIONS):
        forms += _with_genitive(name, _Entry("GPE", name))
    forms += [(name, _Entry("LOC", name)) for name in LOCATIONS]
    for _, surname, canonical in PERSONS:
        if " " not in surname:
            forms += _with_genitive(surname, _Entry("PER", canonical))
    gazetteer: dict[str, _Entry] = {}
    for surface, entry in forms:
        gazetteer.setdefault(surface, entry)
    return gazetteer


_GAZETTEER = _gazetteer()
_LONGEST_NAME = max(len(re.findall(r"[^\W\d_][\w'’]*(?:-[\w'’]+)*", surface)) for surface in _GAZETTEER)
_NAME_WORD = re.compile(r"(?<![\w-])[^\W\d_][\w'’]*(?:-[\w'’]+)*")
_ROLES = tuple((re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])"), holders) for pattern, holders in ROLE_HOLDERS)
_PLACE_PREPOSITIONS = frozenset({"in", "nach", "bei", "nahe", "durch", "aus", "von", "um"})
_NAME = r"[A-ZÄÖÜ][\w'’-]*"
_TITLE_NAME = re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(title) for title in sorted(PERSON_TITLES, key=len, reverse=True))})\s+(?P<name>{_NAME}(?:\s+{_NAME}){{0,2}})")
_FIRST_LAST = re.compile(
    rf"(?<![\w-])(?:{'|'.join(sorted(FIRST_NAMES, key=len, reverse=True))})\s+(?:(?:von|van|de|der|den|al|bin)\s+)*{_NAME}(?:\s+(?:Jong|Jae|Suk|Il|Yo)\s+{_NAME})?"
)
_ACRONYM = re.compile(r"(?<![\w-])[A-ZÄÖÜ][A-ZÄÖÜ0-9]{1,5}(?![\wäöü])")
_ROMAN = re.compile(r"[IVXLC]+")
_REGION = re.compile(rf"(?<![\w-])(?:{'|'.join(REGION_WORDS)})\s+{_NAME}")
_WAR_COMPOUND = re.compile(r"(?<![\w-])[A-ZÄÖÜ][\w]*-Krieg(?:es|s)?(?!\w)")
_PLACE_COMPOUND = re.compile(r"(?<![\w-])[A-ZÄÖÜ][\w]*-(?:Fluss|Flusses|Gebirge|Halbinsel|Insel|See)(?!\w)")
_GOVERNMENT = re.compile(
    rf"(?<![\w-])(?P<adj>{'|'.join(COUNTRY_ADJECTIVES)})(?:e|en|er|es|em)\s+(?P<head>Regierung|Staatsführung|Führung|Armee|Streitkräfte|Streitkräften)(?!\w)"
)
_NAMED_ADJECTIVE = re.compile(rf"(?<![\w-])(?P<adj>[A-ZÄÖÜ][a-zäöüß]+(?:e|en|er|es|em))\s+(?P<head>{_NAME})")
_TIME_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS)


def _is_name_word(word: str) -> bool:
    return word not in NOT_NAMES and word.lower() not in _TIME_WORDS and word.lower() not in PREPOSITIONS


def _is_currency_prefix(text: str, end: int) -> bool:
    """"US-Dollar" is a currency, not a mention of the USA."""
    return text.startswith("-Dollar", end)


def _gazetteer_mentions(text: str, dct: str) -> list[tuple[int, int, int, Mention]]:
    """(start, end, priority, mention) candidates from roles, the gazetteer and the patterns."""
    candidates: list[tuple[int, int, int, Mention]] = []
    for pattern, holders in _ROLES:
        canonical = _holder(holders, dct)
        if canonical is None:
            continue
        for match in pattern.finditer(text):
            following = re.match(rf"\s+({_NAME})", text[match.end() :])
            if following and (following[1] in FIRST_NAMES or following[1][0].isupper() and _is_name_word(following[1])):
                continue  # "US-Präsident Joe Biden": the name is the mention
            candidates.append((match.start(), match.end(), 0, Mention(match.start(), match.end(), "PER", canonical)))
    for start, end, entry in _gazetteer_matches(text):
        canonical = entry.canonical
        if entry.capital_of is not None:
            previous = re.search(r"(\w+)\s+$", text[max(0, start - 20) : start])
            if previous is None or previous[1].lower() not in _PLACE_PREPOSITIONS:
                canonical = entry.capital_of  # "Moskau versteht ...": the government (guideline 7)
        candidates.append((start, end, 1, Mention(start, end, entry.type, canonical)))
    return candidates


def _gazetteer_matches(text: str) -> list[tuple[int, int, _Entry]]:
    """Longest gazetteer names at each word, also as the first part of a compound ("NATO-Generalsekretär")."""
    words = [(match.start(), match.end()) for match in _NAME_WORD.finditer(text)]
    found: list[tuple[int, int, _Entry]] = []
    for index, (start, end) in enumerate(words):
        for stop in range(min(len(words), index + _LONGEST_NAME) - 1, index - 1, -1):
            entry = _GAZETTEER.get(text[start : words[stop][1]])
            if entry is not None:
                found.append((start, words[stop][1], entry))
                break
        else:
            head = text[start:end].split("-", 1)[0]
            entry = _GAZETTEER.get(head) if head != text[start:end] else None
            if entry is not None and not _is_currency_prefix(text, start + len(head)):
                found.append((start, start + len(head), entry))
    return found


def _without_genitive(name: str, text: str) -> str:
    """"Oleg Petrenkos" -> "Oleg Petrenko" when the text also names him without the genitive "s"."""
    if name.endswith("s") and re.search(rf"(?<!\w){re.escape(name[:-1])}(?!\w)", text):
        return name[:-1]
    return name


def _pattern_mentions(text: str, sentence_starts: frozenset[int]) -> list[tuple[int, int, int, Mention]]:
    candidates: list[tuple[int, int, int, Mention]] = []

    def add(start: int, end: int, kind: str, canonical: str) -> None:
        candidates.append((start, end, 2, Mention(start, end, kind, canonical)))

    for match in _REGION.finditer(text):
        add(match.start(), match.end(), "GPE", match.group())
    for match in _WAR_COMPOUND.finditer(text):
        add(match.start(), match.end(), "EVENT", re.sub(r"(?:es|s)$", "", match.group()))
    for match in _PLACE_COMPOUND.finditer(text):
        add(match.start(), match.end(), "LOC", match.group())
    for match in _GOVERNMENT.finditer(text):
        adjective, head = match["adj"], match["head"]
        if head.startswith(("Armee", "Streitkräfte")):
            if adjective in ARMED_FORCES:
                add(match.start(), match.end(), "ORG", ARMED_FORCES[adjective])
        else:
            add(match.start(), match.end(), "GPE", COUNTRY_ADJECTIVES[adjective])
    for match in _TITLE_NAME.finditer(text):
        names = match["name"].split()
        kept: list[str] = []
        for name in names:
            if not _is_name_word(name) or (kept and name.lower().endswith(("ung", "heit", "keit"))):
                break
            kept.append(name)
        if kept:
            start = match.start("name")
            end = start + len(" ".join(kept))
            if text[start:end] == " ".join(kept):
                add(start, end, "PER", text[start:end])
    for match in _FIRST_LAST.finditer(text):
        add(match.start(), match.end(), "PER", _without_genitive(match.group(), text))
    for match in _ACRONYM.finditer(text):
        word = match.group()
        if word not in NOT_NAMES and not _ROMAN.fullmatch(word) and not _is_currency_prefix(text, match.end()):
            add(match.start(), match.end(), "ORG", word)
    for match in _NAMED_ADJECTIVE.finditer(text):
        head_type = NAME_HEAD_TYPES.get(match["head"].lower())
        if head_type is None or match.start() in sentence_starts or match["adj"] in NOT_NAMES:
            continue  # a sentence-initial adjective is capitalised anyway
        add(match.start(), match.end(), head_type, match.group())
    return candidates


def _resolve_overlaps(candidates: list[tuple[int, int, int, Mention]]) -> list[Mention]:
    chosen: list[Mention] = []
    for start, end, _, mention in sorted(candidates, key=lambda item: (item[0], -(item[1] - item[0]), item[2])):
        if chosen and start < chosen[-1].end:
            continue
        chosen.append(mention)
    return chosen


def find_entities(text: str, sentence_starts: frozenset[int], dct: str) -> list[Mention]:
    """Named-entity mentions of a document, non-overlapping, sorted; surnames linked to full names."""
    mentions = _resolve_overlaps(_gazetteer_mentions(text, dct) + _pattern_mentions(text, sentence_starts))
    surnames = {}
    for mention in mentions:
        parts = mention.canonical.split()
        if mention.type == "PER" and len(parts) >= 2:
            surnames.setdefault(parts[-1], mention.canonical)
    if not surnames:
        return mentions
    pattern = re.compile(rf"(?<![\w-])(?P<name>{'|'.join(re.escape(name) for name in sorted(surnames, key=len, reverse=True))})s?(?!\w)")
    extra = [
        (match.start(), match.end(), 3, Mention(match.start(), match.end(), "PER", surnames[match["name"]]))
        for match in pattern.finditer(text)
    ]
    return _resolve_overlaps([(m.start, m.end, 0, m) for m in mentions] + extra)


# --- attributions ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attribution:
    source_start: int
    source_end: int
    cue_start: int
    cue_end: int
    rank: int  # 0: frames (laut, zufolge, so, demnach, a following "Das berichtet X"); 1: reporting verbs
    cue_index: int  # word index of the cue in its sentence (-1 for a following framing sentence)


_ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")
_NOT_ADJECTIVES = DETERMINERS | PREPOSITIONS | COMMON_VERBS | REPORTING_VERBS | frozenset(
    {"und", "oder", "aber", "sowie", "wieder", "immer", "sehr", "mehr", "weiter", "gegen", "wenn", "denn", "dann", "ohne", "jedoch", "sie", "wie"}
)
_QUOTE_OR_COMMA = frozenset({",", "“", "”", '"', "»", "«", ":", "–", ")"})
_CLAUSE_OPENERS = frozenset({",", "„", '"', ":", "–", "«", "»", "(", "wie", "dass", "als", "und", "wonach", "weil"})
_COMPLEMENT_MARKERS = frozenset({",", ":", "„", '"', "»", "«", "dass"})
_REPORTED_SUBJUNCTIVE = frozenset({"sei", "seien", "habe", "hätten", "werde", "könne", "müsse", "solle", "wolle", "gebe", "stehe"})


def _is_capitalised(word: Word) -> bool:
    return word.text[:1].isupper() and word.text[:1].isalpha() and word.text not in NOT_NAMES


def _is_adjective(word: Word) -> bool:
    return word.text.isalpha() and word.text.islower() and word.lower.endswith(_ADJECTIVE_ENDINGS) and word.lower not in _NOT_ADJECTIVES


def _noun_phrase_after(words: Sequence[Word], index: int, allow_pronoun: bool = True) -> tuple[int, int] | None:
    """Word range [first content word, end) of the noun phrase starting at ``index``."""
    count = len(words)
    cursor = index
    if cursor < count and words[cursor].lower == "von":
        cursor += 1
    determiner_start = cursor
    while cursor < count and words[cursor].lower in DETERMINERS:
        cursor += 1
    content_start = cursor
    if allow_pronoun and cursor == determiner_start and cursor < count and words[cursor].lower in ("er", "sie"):
        return cursor, cursor + 1
    while cursor < count and (
        _is_adjective(words[cursor])
        or (words[cursor].lower == "und" and cursor > content_start and cursor + 1 < count and _is_adjective(words[cursor + 1]))
    ):
        cursor += 1
    if cursor >= count or not _is_capitalised(words[cursor]):
        return None
    cursor += 1
    while cursor < count and cursor - content_start < 8 and _is_capitalised(words[cursor]) and _is_name_word(words[cursor].text):
        cursor += 1
    if cursor < count and words[cursor].lower in ("des", "der", "eines", "einer"):
        attribute = _noun_phrase_after(words, cursor, allow_pronoun=False)
        if attribute is not None:
            cursor = attribute[1]
    return content_start, cursor


def _noun_phrase_before(words: Sequence[Word], index: int) -> tuple[int, int, int] | None:
    """(first content word, end, first word with determiners) of the noun phrase ending before ``index``."""
    cursor = index - 1
    if cursor < 0:
        return None
    if words[cursor].lower in ("er", "sie"):
        return cursor, index, cursor
    if not _is_capitalised(words[cursor]):
        return None
    while cursor - 1 >= 0 and index - cursor < 6 and _is_capitalised(words[cursor - 1]) and _is_name_word(words[cursor - 1].text):
        cursor -= 1
    if cursor - 2 >= 0 and words[cursor - 1].lower in ("des", "der") and _is_capitalised(words[cursor - 2]):
        cursor -= 2  # "der Sprecher des Kremls"
    while cursor - 1 >= 0 and (_is_adjective(words[cursor - 1]) or (words[cursor - 1].lower == "und" and cursor - 2 >= 0 and _is_adjective(words[cursor - 2]))):
        cursor -= 1
    outer = cursor
    while outer - 1 >= 0 and words[outer - 1].lower in DETERMINERS:
        outer -= 1
    return cursor, index, outer


def _skip_adverbs(words: Sequence[Word], index: int) -> int:
    while index < len(words) and words[index].lower in SKIPPABLE_ADVERBS:
        index += 1
    return index


def _without_sourceless_head(words: Sequence[Word], span: tuple[int, int]) -> tuple[int, int] | None:
    """"Angaben des Ministeriums" -> "Ministeriums"; "Berichten" alone -> None (no source)."""
    first, end = span
    if words[first].lower not in SOURCELESS_NOUNS:
        return span
    cursor = first + 1
    while cursor < end and words[cursor].lower in DETERMINERS:
        cursor += 1
    return (cursor, end) if cursor < end else None


def _verb_source(words: Sequence[Word], index: int) -> tuple[tuple[int, int], bool] | None:
    """The subject of a reporting verb, and whether the verb frames content outside its own clause
    ("…“, sagte X" or "…, wie X berichtete")."""
    previous = words[index - 1] if index else None
    if previous is None or previous.text in _QUOTE_OR_COMMA:
        span = _noun_phrase_after(words, _skip_adverbs(words, index + 1))
        return (span, previous is not None) if span else None
    before = _noun_phrase_before(words, index)
    if before is not None:
        first, end, outer = before
        while outer > 0 and words[outer - 1].lower in SKIPPABLE_ADVERBS:
            outer -= 1  # "Und auch Kanzler X sagte"
        opens_clause = outer == 0 or words[outer - 1].text in _CLAUSE_OPENERS or words[outer - 1].lower in _CLAUSE_OPENERS
        if opens_clause and words[first].lower not in ("das", "dies"):
            return (first, end), outer > 0 and words[outer - 1].lower == "wie"
    span = _noun_phrase_after(words, _skip_adverbs(words, index + 1))
    return (span, False) if span else None


_INFIX_INFINITIVE = re.compile(r"(?:an|auf|aus|ein|mit|vor|zurück|ab|bei|fest|her|hin|los|nach|weg|zu|dar|durch|um|über|unter|fort|frei)zu[a-zäöüß]+en")


def _ends_with_infinitive(words: Sequence[Word]) -> bool:
    """"..., Soldaten entsandt zu haben" / "..., die Offensive auszuweiten": a zu-infinitive completes
    the verb, so the sentence reports a speech act rather than reported content (guideline 6)."""
    content = [word for word in words if word.text[:1].isalnum()]
    if len(content) >= 2 and content[-2].lower == "zu" and content[-1].text.islower():
        return True
    return bool(content) and _INFIX_INFINITIVE.fullmatch(content[-1].text) is not None


def _has_complement(words: Sequence[Word], index: int) -> bool:
    """Whether a reporting verb introduces reported content (a clause or quote), not just an object."""
    if _ends_with_infinitive(words[index + 1 :]):
        return False
    window = words[index + 1 : index + 9]
    if any(word.text in _COMPLEMENT_MARKERS or word.lower in _COMPLEMENT_MARKERS for word in window):
        return True
    return any(word.lower in _REPORTED_SUBJUNCTIVE for word in words[index + 1 :])


_CUES_BY_FIRST_WORD: dict[str, list[tuple[str, ...]]] = {}
for _phrase in PREPOSITIONAL_CUES:
    _CUES_BY_FIRST_WORD.setdefault(_phrase[0], []).append(_phrase)


def sentence_attributions(words: Sequence[Word]) -> list[Attribution]:
    """Attributions whose cue lies in one sentence (sources may be pronouns, resolved later)."""
    found: list[Attribution] = []

    def add(span: tuple[int, int], cue_first: int, cue_last: int, rank: int) -> None:
        found.append(
            Attribution(words[span[0]].start, words[span[1] - 1].end, words[cue_first].start, words[cue_last].end, rank, cue_first)
        )

    count = len(words)
    lowers = [word.lower for word in words]
    frame_indices: set[int] = set()
    for index, lower in enumerate(lowers):
        for phrase in _CUES_BY_FIRST_WORD.get(lower, ()):
            if tuple(lowers[index : index + len(phrase)]) != phrase:
                continue
            last = index + len(phrase) - 1
            span = _noun_phrase_after(words, last + 1, allow_pronoun=False)
            if span is not None:
                add(span, index, last, 0)
                frame_indices.add(index)
            break
        if lower == "nach" and index + 2 < count and words[index + 1].lower in POSSESSIVE_SOURCES and words[index + 2].lower in CUE_NOUNS:
            add((index + 1, index + 2), index, index + 2, 0)  # "Nach deren Erkenntnissen"
            frame_indices.add(index)
        elif lower in POSTPOSITIONAL_CUES:
            before = _noun_phrase_before(words, index)
            span = _without_sourceless_head(words, before[:2]) if before else None
            if span is not None:
                add(span, index, index, 0)
                frame_indices.add(index)
        elif lower == "so" and (index == 0 or words[index - 1].text in _QUOTE_OR_COMMA):
            span = _noun_phrase_after(words, index + 1, allow_pronoun=True)
            if span is not None and (span[1] == count or words[span[1]].text in {",", ".", ";", "!", "“", "”", '"'}):
                add(span, index, index, 0)
                frame_indices.add(index)
        elif lower in RELATIVE_CUES and index >= 2 and words[index - 1].text == ",":
            before = _noun_phrase_before(words, index - 1)
            if before is not None:
                add(before[:2], index, index, 0)
                frame_indices.add(index)
    for index, lower in enumerate(lowers):
        if lower not in REPORTING_VERBS:
            continue
        located = _verb_source(words, index)
        if located is None:
            continue
        span, trailing = located
        if trailing or _has_complement(words, index) or frame_indices:
            add(span, index, index, 1)
    return found


# --- claims ---------------------------------------------------------------------------------------

_ADJECTIVE_SUFFIXES = re.compile(r"(?:isch|lich|ig|bar|sam|los|voll|haft)(?:e|en|er|es|em)?$")
_VERB_ENDINGS = re.compile(r"(?:te|ten|tet|iert|ieren)$")


def _looks_like_verb(words: Sequence[Word], index: int) -> bool:
    """A finite verb or participle, guessed without a tagger (German nouns are capitalised)."""
    word = words[index]
    lower = word.lower
    if lower in COMMON_VERBS or lower in REPORTING_VERBS:
        return True
    if index == 0 or not word.text.isalpha() or not word.text.islower() or lower in NON_VERBS:
        return False
    previous = words[index - 1].lower
    if previous in DETERMINERS or previous in PREPOSITIONS or _ADJECTIVE_SUFFIXES.search(lower):
        return False  # an attributive adjective
    if _VERB_ENDINGS.search(lower) and len(lower) > 4:
        return True
    if lower.startswith("ge") and lower.endswith(("t", "en")) and len(lower) > 5:
        return True
    return lower.endswith("t") and len(lower) > 3 and not lower.endswith(("ist", "est"))


def has_verb(words: Sequence[Word]) -> bool:
    """Whether the words contain a (guessed) verb: verbless headlines are no claims."""
    return any(_looks_like_verb(words, index) for index in range(len(words)))


_FRAMING_OPENERS = frozenset({"das", "dies", "dieses", "davon", "darüber", "so"})
_FINAL_PUNCTUATION = frozenset({".", "!", ";", ":", ",", "…", "-", "–"})
_COORDINATORS = frozenset({"und", "aber", "doch", "während", "sondern"})
_RELATIVE_WORDS = ("vergangen", "letzt", "vorig", "kommend", "nächst", "dies", "laufend")


@dataclass(frozen=True)
class _Parts:
    entities: list[Mention]
    quantities: list[tuple[int, int, QuantityValue]]
    dates: list[tuple[int, int, DateValue]]


def _balanced_span(words: Sequence[Word], first: int, last: int) -> tuple[int, int]:
    """Strip final punctuation and unbalanced quotes from the word range [first, last]."""
    changed = True
    while changed and first <= last:
        changed = False
        if words[last].text in _FINAL_PUNCTUATION:
            last, changed = last - 1, True
            continue
        texts = [word.text for word in words[first : last + 1]]
        opening = sum(text in ("„", "‚", "»") for text in texts)
        closing = sum(text in ("“", "‘", "«") for text in texts)
        straight = sum(text == '"' for text in texts)
        if words[first].text in ("„", "‚", "»") and opening > closing or words[first].text == '"' and straight % 2:
            first, changed = first + 1, True
        elif words[last].text in ("“", "‘", "«", "”") and closing > opening or words[last].text == '"' and straight % 2:
            last, changed = last - 1, True
        elif words[first].text in (",", "–", "-", ":"):
            first, changed = first + 1, True
    return first, last


def _last_word_before(words: Sequence[Word], offset: int) -> int:
    """Index of the last word ending at or before ``offset`` (-1 when the offset precedes the sentence)."""
    return max((index for index, word in enumerate(words) if word.end <= offset), default=-1)


def _content_start(words: Sequence[Word], first: int, last: int) -> int:
    """The first word after a clause's coordinator and content-free discourse opener ("Und", "Zudem")."""
    if first <= last and words[first].lower in _COORDINATORS and first > 0:
        first += 1
    for phrase in LEADING_DISCOURSE_PHRASES:
        if tuple(word.lower for word in words[first : first + len(phrase)]) == phrase:
            first += len(phrase)
    if first <= last and words[first].lower in LEADING_DISCOURSE_WORDS and last - first >= 3:
        first += 1
    while first <= last and words[first].text == ",":
        first += 1
    return first


def _first_word_from(words: Sequence[Word], offset: int) -> int:
    """Index of the first word starting at or after ``offset`` (len(words) when none does)."""
    return next((index for index, word in enumerate(words) if word.start >= offset), len(words))


def _claim_range(words: Sequence[Word], first: int, last: int, attributions: Sequence[Attribution]) -> tuple[int, int]:
    """The claim's word range inside a clause: without discourse openers and attribution frames."""
    by_cue = {attribution.cue_index: attribution for attribution in attributions}
    first = _content_start(words, first, last)
    original_first = first
    # a leading prepositional frame: "Laut KCNA hat ...", "Nach Angaben des Ministeriums sind ..."
    frame = by_cue.get(first)
    if frame is not None and frame.rank == 0:
        first = max(_last_word_before(words, frame.source_end), _last_word_before(words, frame.cue_end)) + 1
        # the frame fills the first position of a verb-second clause: the claim starts at the verb
        verb = next((index for index in range(first, min(first + 6, last + 1)) if _looks_like_verb(words, index)), None)
        if verb is not None and words[verb].lower in COMMON_VERBS | REPORTING_VERBS:
            first = verb
    else:
        for attribution in attributions:
            cue = attribution.cue_index
            if attribution.rank == 0 and words[cue].lower in POSTPOSITIONAL_CUES and words[first].start <= attribution.source_start and cue <= last:
                first = cue + 1  # "Dem Bericht zufolge hat ..."
                break
            # "Putin sagte (am Montag), die Lage sei ernst": the frame ends at the first comma or colon
            separator = next((index for index in range(cue + 1, min(cue + 6, last + 1)) if words[index].text in (",", ":")), None)
            if attribution.rank == 1 and separator is not None and attribution.source_start < words[cue].start:
                subject_first = next((index for index, word in enumerate(words) if word.start == attribution.source_start), cue)
                leading = all(word.lower in DETERMINERS or word.lower in SKIPPABLE_ADVERBS or word.lower == "wie" for word in words[first:subject_first])
                adverbial = not any(_looks_like_verb(words, index) for index in range(cue + 1, separator))
                remainder = words[separator + 1 : last + 1]
                if leading and adverbial and not _ends_with_infinitive(remainder):
                    first = separator + 1
                    if first <= last and words[first].lower == "dass":
                        first += 1
                    break
    while first <= last and words[first].text == ",":
        first += 1
    # a trailing frame: "…“, sagte Putin am Montag." / "…, so Putin." / "…, wie ein Sprecher sagte."
    for attribution in sorted(attributions, key=lambda item: item.cue_index):
        cue = attribution.cue_index
        if not (first < cue <= last) or not (attribution.rank == 1 or words[cue].lower == "so"):
            continue
        frame_first = min(cue, _first_word_from(words, attribution.source_start))
        while frame_first > first and words[frame_first - 1].lower in DETERMINERS:
            frame_first -= 1
        if frame_first > first and words[frame_first - 1].lower == "wie":
            frame_first -= 1
        if frame_first > first and words[frame_first - 1].text == "," and not any(word.text == "," for word in words[frame_first : last + 1]):
            last = frame_first - 2
            break
    first, last = _balanced_span(words, first, last)
    if last - first < 2:
        return _balanced_span(words, original_first, max(last, original_first))
    return first, last


def _clauses(words: Sequence[Word], attributions: Sequence[Attribution]) -> list[tuple[int, int]]:
    """One range for the sentence, or one per clause when each coordinated clause is attributed."""
    boundaries = [
        index for index, word in enumerate(words)
        if word.text == ";" or (word.text == "," and index + 1 < len(words) and words[index + 1].lower in _COORDINATORS)
    ]  # fmt: skip
    if not boundaries:
        return [(0, len(words) - 1)]
    ranges = list(zip([0, *[b + 1 for b in boundaries]], [*[b - 1 for b in boundaries], len(words) - 1]))
    attributed = [any(first <= a.cue_index <= last for a in attributions) for first, last in ranges]
    if len(ranges) >= 2 and all(attributed):
        return ranges
    return [(0, len(words) - 1)]


def framing_attribution(words: Sequence[Word]) -> Attribution | None:
    """"Das berichtet die Nachrichtenagentur KCNA.": a sentence that only attributes the previous one."""
    if not (3 <= len(words) <= 12 and words[0].lower in _FRAMING_OPENERS and words[1].lower in REPORTING_VERBS):
        return None
    span = _noun_phrase_after(words, _skip_adverbs(words, 2))
    if span is None or any(word.text == "," for word in words):
        return None
    return Attribution(words[span[0]].start, words[span[1] - 1].end, words[1].start, words[1].end, 0, -1)


def _word_count(words: Sequence[Word]) -> int:
    return sum(1 for word in words if word.text[:1].isalnum())


def _normalized(text: str, start: int, end: int, dates: Sequence[tuple[int, int, DateValue]]) -> str:
    """The clause as a standalone sentence; relative years made explicit ("vergangenen Jahr" -> "Jahr 2024")."""
    pieces: list[str] = []
    cursor = start
    for date_start, date_end, value in dates:
        is_year = re.fullmatch(r"\d{4}", value.value) is not None and value.mod is None
        is_relative = text[date_start:date_end].lower().startswith(_RELATIVE_WORDS)
        if start <= date_start and date_end <= end and is_year and is_relative:
            pieces.append(text[cursor:date_start])
            pieces.append(f"Jahr {value.value}")
            cursor = date_end
    pieces.append(text[cursor:end])
    sentence = re.sub(r"\s+", " ", "".join(pieces)).strip().strip("+").strip()
    sentence = sentence.rstrip(" ,;:–-")
    if sentence and sentence[0].islower():
        sentence = sentence[0].upper() + sentence[1:]
    return sentence if sentence.endswith((".", "!", "“", '"', "»", "«")) else sentence + "."


class RuleExtractor(Extractor):
    """Rule-based claim extraction (see the module docstring)."""

    name = "rules"
    trains_on_gold = False

    def __init__(self) -> None:
        # one blank pipeline per extractor: creating it costs far more than tokenizing a document
        self._nlp = spacy.blank("de")

    def describe(self) -> dict[str, str]:
        return {
            "sentences": "claimbench.dataset.segment (the scorer's units)",
            "tokenizer": "spacy.blank('de')",
            "spacy": spacy.__version__,
            "training": "none: rules from general German and the guideline's conventions, whose examples "
            "quote the test articles (read the scores as optimistic)",
        }

    def description(self) -> str:
        return "Hand-written rules on the scorer's sentences: number and date patterns, attribution cues, entity lexicon"

    def exposure(self) -> str:
        return (
            "no training; rules written with the annotation guideline 1.1.0, whose examples quoted the test articles "
            "(read its scores as optimistic)"
        )

    def input_files(self) -> list[Path]:
        here = Path(__file__).parent
        return [here / "rules.py", here / "german.py", here / "lexicon.py", Path(segment.__file__)]

    def extract(self, document: ExtractorInput) -> list[PredictedClaim]:
        text = document.text
        sentences = [cleaned for sentence in tokenized_sentences(self._nlp, text) if (cleaned := _clean_sentence(text, sentence))]
        dates = find_dates(text, document.dct)
        date_spans = [(start, end) for start, end, _ in dates]
        quantities = [item for item in find_quantities(text) if not any(item[0] < end and start < item[1] for start, end in date_spans)]
        entities = find_entities(text, frozenset(sentence.start for sentence in sentences), document.dct[:10])
        parts = _Parts(entities, quantities, dates)

        claims: list[PredictedClaim] = []
        previous_claims: list[tuple[int, PredictedClaim]] = []  # claims of the previous sentence (index in claims)
        recent_sources: list[Attribution] = []
        for sentence in sentences:
            words = sentence.words
            attributions = sentence_attributions(words)
            attributions += self._anaphoric(words, recent_sources)
            external = framing_attribution(words)
            if external is not None and previous_claims:
                for position, claim in previous_claims:
                    claims[position] = self._with_external(text, claim, external, entities)
                recent_sources = [external, *recent_sources][:3]
                previous_claims = []
                continue
            if attributions:
                recent_sources = [*sorted(attributions, key=lambda item: (item.rank, item.cue_start)), *recent_sources][:3]
            previous_claims = []
            if not self._is_check_worthy(text, sentence, attributions, parts):
                continue
            for first, last in _clauses(words, attributions):
                clause_attributions = [a for a in attributions if first <= a.cue_index <= last]
                claim_first, claim_last = _claim_range(words, first, last, clause_attributions)
                if claim_last < claim_first:
                    continue
                clause_start = words[_content_start(words, first, last)].start
                claim = self._claim(document, words[claim_first].start, words[claim_last].end, clause_start, words[last].end, clause_attributions, parts)
                previous_claims.append((len(claims), claim))
                claims.append(claim)
        return sorted(claims, key=lambda claim: (claim.start or 0, claim.end or 0))

    @staticmethod
    def _anaphoric(words: Sequence[Word], recent_sources: Sequence[Attribution]) -> list[Attribution]:
        """"Demnach ...": the source of the latest attribution in the preceding sentences."""
        if not recent_sources:
            return []
        source = recent_sources[0]
        return [
            Attribution(source.source_start, source.source_end, word.start, word.end, 0, index)
            for index, word in enumerate(words)
            if word.lower in ANAPHORIC_CUES
        ]

    @staticmethod
    def _is_check_worthy(text: str, sentence: Sentence, attributions: Sequence[Attribution], parts: _Parts) -> bool:
        words = sentence.words
        content = text[sentence.start : sentence.end]
        if content.rstrip("“”\"»« ").endswith("?") or re.search(r"https?:|www\.|@|©", content):
            return False
        if _word_count(words) < 3 or any(word.lower in EVALUATIVE_WORDS for word in words):
            return False
        has_number = any(sentence.start <= start and end <= sentence.end for start, end, _ in parts.quantities)
        if not (has_verb(words) or has_number or attributions):
            return False
        has_date = any(sentence.start <= start and end <= sentence.end for start, end, _ in parts.dates)
        has_entity = any(sentence.start <= m.start and m.end <= sentence.end for m in parts.entities)
        return has_number or has_date or has_entity or bool(attributions)

    @staticmethod
    def _source_canonical(text: str, start: int, end: int, entities: Sequence[Mention]) -> str:
        inside = [m for m in entities if m.start < end and start < m.end]
        if inside:
            return inside[-1].canonical
        if text[start:end].lower() in PRONOUN_SOURCES:
            earlier = [m for m in entities if m.type == "PER" and m.end <= start]
            if earlier:
                return earlier[-1].canonical  # the last person named before the pronoun
        return re.sub(r"\s+", " ", text[start:end])

    def _attribution(self, text: str, attribution: Attribution, depth: int, entities: Sequence[Mention]) -> PredictedAttribution:
        return PredictedAttribution(
            source_text=text[attribution.source_start : attribution.source_end],
            source_start=attribution.source_start,
            source_end=attribution.source_end,
            source_canonical=self._source_canonical(text, attribution.source_start, attribution.source_end, entities),
            cue_text=text[attribution.cue_start : attribution.cue_end],
            cue_start=attribution.cue_start,
            cue_end=attribution.cue_end,
            depth=depth,
        )

    def _with_external(self, text: str, claim: PredictedClaim, external: Attribution, entities: Sequence[Mention]) -> PredictedClaim:
        """The claim with an outermost attribution from a following framing sentence."""
        shifted = tuple(
            PredictedAttribution(a.source_text, a.source_start, a.source_end, a.source_canonical, a.cue_text, a.cue_start, a.cue_end, (a.depth or 0) + 1)
            for a in claim.attributions
        )
        return PredictedClaim(
            doc_id=claim.doc_id, text=claim.text, start=claim.start, end=claim.end, normalized=claim.normalized,
            entities=claim.entities, quantities=claim.quantities, dates=claim.dates,
            attributions=(self._attribution(text, external, 0, entities), *shifted),
        )  # fmt: skip

    def _claim(
        self,
        document: ExtractorInput,
        start: int,
        end: int,
        clause_start: int,
        clause_end: int,
        attributions: Sequence[Attribution],
        parts: _Parts,
    ) -> PredictedClaim:
        text = document.text
        ordered = sorted(
            {(a.source_start, a.source_end, a.cue_start, a.cue_end): a for a in attributions}.values(),
            key=lambda item: (item.rank, item.cue_start),
        )
        return PredictedClaim(
            doc_id=document.doc_id,
            text=text[start:end],
            start=start,
            end=end,
            normalized=_normalized(text, clause_start, clause_end, parts.dates),
            entities=tuple(
                PredictedEntity(text[m.start : m.end], m.start, m.end, m.type, m.canonical)
                for m in parts.entities
                if start <= m.start and m.end <= end
            ),
            quantities=tuple(
                PredictedQuantity(text[s:e], s, e, q.value, q.value_max, q.unit, q.qualifier)
                for s, e, q in parts.quantities
                if start <= s and e <= end
            ),
            dates=tuple(PredictedDate(text[s:e], s, e, d.value, d.type, d.mod) for s, e, d in parts.dates if start <= s and e <= end),
            attributions=tuple(self._attribution(text, a, depth, parts.entities) for depth, a in enumerate(ordered)),
        )


__all__ = ["RuleExtractor", "find_entities", "framing_attribution", "has_verb", "sentence_attributions", "tokenized_sentences"]
