"""Find a submitted text in its document when the submission gives no offsets.

Rule: first every exact occurrence; if there is none, every occurrence after normalising both
sides (runs of whitespace become one space; typographic quotes „“”«»‚‘’‹› become " or ';
dashes –— become -). A text that occurs several times is placed at every occurrence, and the
matcher uses the occurrence that fits a gold item best, so line order never matters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_CHAR_MAP = str.maketrans({"„": '"', "“": '"', "”": '"', "«": '"', "»": '"', "‚": "'", "‘": "'", "’": "'",
                           "‹": "'", "›": "'", "–": "-", "—": "-"})  # fmt: skip
_WHITESPACE = re.compile(r"\s+")


def _normalise_with_map(text: str) -> tuple[str, list[int]]:
    """Normalised text and, for each of its characters, the index of the original character."""
    chars: list[str] = []
    origin: list[int] = []
    previous_space = False
    for index, char in enumerate(text.translate(_CHAR_MAP)):
        if char.isspace():
            if previous_space:
                continue
            chars.append(" ")
            previous_space = True
        else:
            chars.append(char)
            previous_space = False
        origin.append(index)
    return "".join(chars), origin


def normalise(text: str) -> str:
    return _WHITESPACE.sub(" ", text.translate(_CHAR_MAP)).strip()


@dataclass
class Locator:
    """Locates texts in one document; the normalised index is built on first use."""

    text: str
    _normalised: tuple[str, list[int]] | None = field(default=None, repr=False)

    def find(self, needle: str, within: tuple[int, int] | None = None) -> list[tuple[int, int]]:
        """Every span of ``needle`` (inside ``within`` when given), exact first, else normalised."""
        low, high = within if within is not None else (0, len(self.text))
        spans = []
        index = self.text.find(needle, low, high)
        while index != -1:
            spans.append((index, index + len(needle)))
            index = self.text.find(needle, index + 1, high)
        if spans:
            return spans
        target = normalise(needle)
        if not target:
            return []
        if self._normalised is None:
            self._normalised = _normalise_with_map(self.text)
        normal, origin = self._normalised
        index = normal.find(target)
        while index != -1:
            start, end = origin[index], origin[index + len(target) - 1] + 1
            if low <= start and end <= high:
                spans.append((start, end))
            index = normal.find(target, index + 1)
        return spans
