"""The data model of the gold data: immutable dataclasses validated on construction.

Every check that needs only the object itself lives in ``__post_init__`` (as jiwer does), so an
invalid object cannot exist. Checks against the document text live in :func:`check_offsets`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, fields
from functools import cache
from typing import Any

from claimbench.dataset.timex import TIMEX3_MODS, TIMEX3_TYPES, timex3_error

MODALITIES = ("asserted", "reported", "hedged", "predicted")
POLARITIES = ("positive", "negative")
ENTITY_TYPES = ("PER", "ORG", "GPE", "LOC", "EVENT", "MISC")
UNITS = ("percent", "persons", "USD", "EUR", "money", "count", "years")
QUALIFIERS = ("=", ">", ">=", "<", "<=", "~")

DOC_ID_PATTERN = re.compile(r"\d{3,}")  # the seeds use three digits; larger corpora (benchmarks) more
CLAIM_ID_PATTERN = re.compile(r"(\d{3,})-(\d{2,3})")
CLUSTER_ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ISO_DAY_PATTERN = re.compile(r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])")
ISO_MONTH_PATTERN = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
# An optional item names the guideline rule that leaves both readings open (GUIDELINES.md §13).
OPTIONAL_REASON_PATTERN = re.compile(r"§\d+(?:\.\d+)?: \S.*")
PART_NAMES = ("entities", "quantities", "dates", "attributions")


def field_values(item: Any) -> dict[str, Any]:
    """A dataclass's fields as a dict in field order: ``vars`` for the slotted classes here (no
    ``__dict__``: a per-object dict was a third of the memory of a large gold or submission)."""
    return {name: getattr(item, name) for name in _field_names(type(item))}


@cache
def _field_names(dataclass_type: type) -> tuple[str, ...]:
    return tuple(field_.name for field_ in fields(dataclass_type))


class ValidationError(ValueError):
    """An invalid value; ``field`` names the offending field (dotted path inside a claim)."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"field '{field_name}': {message}")
        self.field = field_name
        self.message = message

    def within(self, prefix: str) -> ValidationError:
        """The same error with its field path prefixed, e.g. ``entities[2].type``."""
        return ValidationError(f"{prefix}.{self.field}", self.message)


def _require_choice(name: str, value: object, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise ValidationError(name, f"expected one of {', '.join(choices)}, got {value!r}")


def _require_text(name: str, value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(name, f"expected a non-empty string, got {value!r}")


def _require_span(prefix: str, start: object, end: object) -> None:
    for name, value in ((f"{prefix}start", start), (f"{prefix}end", end)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValidationError(name, f"expected a non-negative integer, got {value!r}")
    if start >= end:  # type: ignore[operator]
        raise ValidationError(f"{prefix}end", f"span [{start}, {end}) is empty or reversed")


def _require_optional(optional: object, reason: object) -> None:
    if not isinstance(optional, bool):
        raise ValidationError("optional", f"expected true or false, got {optional!r}")
    if optional and not (isinstance(reason, str) and OPTIONAL_REASON_PATTERN.fullmatch(reason)):
        raise ValidationError("optional_reason", f"expected '§<rule>: <why>' for an optional item, got {reason!r}")
    if not optional and reason is not None:
        raise ValidationError("optional_reason", "give it only when optional is true")


def _require_finite(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValidationError(name, f"expected a finite number, got {value!r}")


@dataclass(frozen=True, slots=True)
class Entity:
    text: str
    start: int
    end: int
    type: str
    canonical: str
    optional: bool = False
    optional_reason: str | None = None

    def __post_init__(self) -> None:
        _require_text("text", self.text)
        _require_span("", self.start, self.end)
        _require_choice("type", self.type, ENTITY_TYPES)
        _require_text("canonical", self.canonical)
        _require_optional(self.optional, self.optional_reason)


@dataclass(frozen=True, slots=True)
class Quantity:
    text: str
    start: int
    end: int
    value: float
    value_max: float | None
    unit: str
    qualifier: str
    measured: str
    optional: bool = False
    optional_reason: str | None = None

    def __post_init__(self) -> None:
        _require_text("text", self.text)
        _require_span("", self.start, self.end)
        _require_finite("value", self.value)
        if self.value_max is not None:
            _require_finite("value_max", self.value_max)
            if self.value_max < self.value:
                raise ValidationError("value_max", f"{self.value_max} is below value {self.value}")
        _require_choice("unit", self.unit, UNITS)
        _require_choice("qualifier", self.qualifier, QUALIFIERS)
        _require_text("measured", self.measured)
        _require_optional(self.optional, self.optional_reason)


@dataclass(frozen=True, slots=True)
class DateExpression:
    text: str
    start: int
    end: int
    value: str
    type: str
    mod: str | None
    optional: bool = False
    optional_reason: str | None = None

    def __post_init__(self) -> None:
        _require_text("text", self.text)
        _require_span("", self.start, self.end)
        _require_choice("type", self.type, TIMEX3_TYPES)
        if self.mod is not None:
            _require_choice("mod", self.mod, TIMEX3_MODS)
        problem = timex3_error(self.value, self.type)
        if problem:
            raise ValidationError("value", problem)
        _require_optional(self.optional, self.optional_reason)


@dataclass(frozen=True, slots=True)
class Attribution:
    source_text: str
    source_start: int
    source_end: int
    source_canonical: str | None
    cue_text: str
    cue_start: int
    cue_end: int
    depth: int
    optional: bool = False
    optional_reason: str | None = None

    def __post_init__(self) -> None:
        _require_text("source_text", self.source_text)
        _require_span("source_", self.source_start, self.source_end)
        if self.source_canonical is not None:
            _require_text("source_canonical", self.source_canonical)
        _require_text("cue_text", self.cue_text)
        _require_span("cue_", self.cue_start, self.cue_end)
        if not isinstance(self.depth, int) or isinstance(self.depth, bool) or self.depth < 0:
            raise ValidationError("depth", f"expected a non-negative integer, got {self.depth!r}")
        _require_optional(self.optional, self.optional_reason)


@dataclass(frozen=True, slots=True)
class Claim:
    claim_id: str
    doc_id: str
    start: int
    end: int
    text: str
    normalized: str
    modality: str
    polarity: str
    cluster_id: str
    entities: tuple[Entity, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    dates: tuple[DateExpression, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    optional: bool = False  # the guideline allows both readings (GUIDELINES.md §13)
    optional_reason: str | None = None

    def __post_init__(self) -> None:
        match = CLAIM_ID_PATTERN.fullmatch(self.claim_id) if isinstance(self.claim_id, str) else None
        if match is None:
            raise ValidationError("claim_id", f"expected NNN-NN, got {self.claim_id!r}")
        if match.group(1) != self.doc_id:
            raise ValidationError("claim_id", f"{self.claim_id!r} does not start with doc_id {self.doc_id!r}")
        _require_span("", self.start, self.end)
        _require_text("text", self.text)
        _require_text("normalized", self.normalized)
        _require_choice("modality", self.modality, MODALITIES)
        _require_choice("polarity", self.polarity, POLARITIES)
        if not isinstance(self.cluster_id, str) or not (
            CLUSTER_ID_PATTERN.fullmatch(self.cluster_id) or CLAIM_ID_PATTERN.fullmatch(self.cluster_id)
        ):
            raise ValidationError("cluster_id", f"expected a lower-case slug or a claim id, got {self.cluster_id!r}")
        depths = [attribution.depth for attribution in self.attributions]
        if depths != list(range(len(depths))):
            raise ValidationError("attributions", f"depths must be 0, 1, … outermost first, got {depths}")
        _require_optional(self.optional, self.optional_reason)
        if self.optional:  # a system that leaves out an optional claim cannot be asked for its parts
            for part_name in PART_NAMES:
                for index, part in enumerate(getattr(self, part_name)):
                    if not part.optional:
                        raise ValidationError(f"{part_name}[{index}].optional", "the claim is optional, so its parts must be optional too")


@dataclass(frozen=True, slots=True)
class Document:
    doc_id: str
    seed_file: str
    title: str | None
    outlet: str | None
    published: str | None
    dct: str
    dct_inferred: bool
    language: str
    text: str
    sha256: str

    def __post_init__(self) -> None:
        if not isinstance(self.doc_id, str) or not DOC_ID_PATTERN.fullmatch(self.doc_id):
            raise ValidationError("doc_id", f"expected three or more digits, got {self.doc_id!r}")
        if not isinstance(self.seed_file, str) or not self.seed_file.startswith(f"{self.doc_id}_"):
            raise ValidationError("seed_file", f"{self.seed_file!r} does not start with {self.doc_id}_")
        for name in ("title", "outlet"):
            value = getattr(self, name)
            if value is not None:
                _require_text(name, value)
        if self.published is not None and not (
            isinstance(self.published, str)
            and (ISO_DAY_PATTERN.fullmatch(self.published) or ISO_MONTH_PATTERN.fullmatch(self.published))
        ):
            raise ValidationError("published", f"expected YYYY-MM-DD, YYYY-MM or null, got {self.published!r}")
        if not isinstance(self.dct, str) or not ISO_DAY_PATTERN.fullmatch(self.dct):
            raise ValidationError("dct", f"expected YYYY-MM-DD, got {self.dct!r}")
        if not isinstance(self.dct_inferred, bool):
            raise ValidationError("dct_inferred", f"expected true or false, got {self.dct_inferred!r}")
        _require_text("language", self.language)
        _require_text("text", self.text)


@dataclass(frozen=True)  # not slotted: load_gold keeps a weak reference to it
class Corpus:
    """The gold data: documents and their claims, both sorted by id."""

    documents: tuple[Document, ...]
    claims: tuple[Claim, ...]
    version: str = field(default="")

    def document(self, doc_id: str) -> Document:
        for document in self.documents:
            if document.doc_id == doc_id:
                return document
        raise KeyError(doc_id)


def _span_mismatch(text: str, start: int, end: int, expected: str) -> str | None:
    if end > len(text):
        return f"span [{start}, {end}) ends after the document ({len(text)} characters)"
    if text[start:end] != expected:
        return f"text {expected!r} differs from the document at [{start}, {end}): {text[start:end]!r}"
    return None


def check_offsets(document: Document, claim: Claim) -> None:
    """Raise ValidationError unless every ``text`` of the claim equals the document at its span."""
    problem = _span_mismatch(document.text, claim.start, claim.end, claim.text)
    if problem:
        raise ValidationError("text", problem)
    for part_name in ("entities", "quantities", "dates"):
        for index, part in enumerate(getattr(claim, part_name)):
            problem = _span_mismatch(document.text, part.start, part.end, part.text)
            if problem:
                raise ValidationError(f"{part_name}[{index}].text", problem)
            if part.start < claim.start or part.end > claim.end:
                raise ValidationError(
                    f"{part_name}[{index}].start",
                    f"span [{part.start}, {part.end}) lies outside the claim span [{claim.start}, {claim.end})",
                )
    for index, attribution in enumerate(claim.attributions):
        for role in ("source", "cue"):
            problem = _span_mismatch(
                document.text,
                getattr(attribution, f"{role}_start"),
                getattr(attribution, f"{role}_end"),
                getattr(attribution, f"{role}_text"),
            )
            if problem:
                raise ValidationError(f"attributions[{index}].{role}_text", problem)
