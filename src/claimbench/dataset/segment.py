"""Fixed segmentation of a document into paragraphs, sentences and word tokens (pure, regex only).

The scorer uses it for two things, so it is part of the benchmark's definition and is shipped in
the dataset (``documents`` config, fields ``paragraphs`` and ``sentences``):

- resampling units: every tp/fp/fn is placed in the unit where its gold (tp, fn) or predicted
  (fp) span starts, and intervals and significance tests resample those units;
- word tokens for the span-quality claim modes (``proportional``, ``iou``): a token is a maximal
  run of word characters (``\\w+``, Unicode), so punctuation and whitespace never count.

Paragraphs are the non-empty lines (the seeds have one paragraph or headline per line). A paragraph
is split into sentences after ``.``, ``!``, ``?`` or ``…`` (and any closing quotes or brackets) when
whitespace and an upper-case letter, digit or opening quote follow, except after an abbreviation or
an ordinal number ("am 25. Dezember"). Offsets are half-open character offsets into the text.
"""

from __future__ import annotations

import re

Span = tuple[int, int]

_WORD = re.compile(r"\w+")
_LINE = re.compile(r"[^\n]+")
# a sentence may end here: final punctuation, closing quotes/brackets, whitespace, then a capital,
# digit or opening quote
_BOUNDARY = re.compile(r"[.!?…]+[\"'“”»«’)\]]*(?=\s+[\"'„“»«‚(\[]?[\w])")
_WORD_OR_DOT = re.compile(r"[\w.]")
_ABBREVIATIONS = frozenset(
    "bzw ca dr etc evtl ggf inkl mio mrd nr prof sog st u.a usw vgl z.b zb bspw jh jhd abs art geb min max mind".split()
)


def paragraphs(text: str) -> list[Span]:
    """Non-empty lines without their surrounding whitespace."""
    spans = []
    for line in _LINE.finditer(text):
        stripped = line.group().strip()
        if stripped:
            start = line.start() + line.group().index(stripped)
            spans.append((start, start + len(stripped)))
    return spans


def _ends_sentence(text: str, paragraph_start: int, boundary: re.Match[str]) -> bool:
    if not boundary.group().startswith("."):
        return True
    # the run of word characters and dots just before the boundary (what ``[\w.]+$`` finds), read
    # backwards: a search from the paragraph start would be quadratic in long paragraphs
    first = boundary.start()
    while first > paragraph_start and _WORD_OR_DOT.match(text, first - 1):
        first -= 1
    if first == boundary.start():
        return True
    before = text[first : boundary.start()].lower()
    if before.isdigit() and len(before) <= 2:  # ordinal: "am 25. Dezember", "der 3. Weltkrieg"
        return False
    return before not in _ABBREVIATIONS and not (len(before) == 1 and before.isalpha())  # initials: "J. Smith"


def sentences(text: str) -> list[Span]:
    """Sentences within paragraphs, without surrounding whitespace."""
    spans = []
    for start, end in paragraphs(text):
        cursor = start
        for boundary in _BOUNDARY.finditer(text, start, end):
            if _ends_sentence(text, start, boundary):
                spans.append((cursor, boundary.end()))
                cursor = boundary.end()
                while cursor < end and text[cursor].isspace():
                    cursor += 1
        if cursor < end:
            spans.append((cursor, end))
    return spans


def word_tokens(text: str) -> list[Span]:
    """Word tokens (``\\w+``) of a text."""
    return [match.span() for match in _WORD.finditer(text)]
