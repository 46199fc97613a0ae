"""Submissions: one JSON object per predicted claim (JSONL), parsed and validated line by line.

Rules, stated once (also in the README and the dataset card):
- UTF-8. A byte-order mark at the start and CRLF line endings are accepted, each with a warning.
- Every string is NFC-normalised before it is compared with the (NFC) documents; a line whose
  strings change under NFC gets a warning. The input file is never modified.
- Blank lines are skipped; any other line must be a JSON object. NaN and Infinity are refused.
- Limits: a line may hold at most ``MAX_LINE_CHARS`` characters and nest at most ``MAX_DEPTH``
  levels of arrays and objects (a valid line nests 3: claim, part list, part).
- Offsets are optional everywhere; given offsets must be integers with 0 <= start < end <= len(text)
  and the text at them must equal the submitted text.

Two decoders give the same result: a line in plain NFC without ``\\u`` escapes (nearly all) is
decoded by msgspec against typed records; any other line, and any line msgspec refuses, goes
through ``json`` and hand-written type checks, which name the offending field. The checks that
need the document (doc_id, offsets, texts) run on the resulting PredictedClaim in both cases.
"""

from __future__ import annotations

import json
import math
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import msgspec
import msgspec.structs

from claimbench.dataset.model import ENTITY_TYPES, QUALIFIERS, UNITS, Corpus, field_values
from claimbench.dataset.timex import TIMEX3_MODS, TIMEX3_TYPES

PART_NAMES = ("entities", "quantities", "dates", "attributions")
MAX_LINE_CHARS = 1_000_000
MAX_DEPTH = 64


class SubmissionError(ValueError):
    """One bad line of a submission: ``path:line: field 'x': message``."""

    def __init__(self, path: str, line: int, field: str | None, message: str) -> None:
        where = f"{path}:{line}:" if line else f"{path}:"
        detail = f" field '{field}': {message}" if field else f" {message}"
        super().__init__(_printable(where + detail))


def _printable(text: str) -> str:
    """``text`` with control and separator characters escaped, so a message stays one line."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else char.encode("unicode_escape").decode("ascii") for char in text)


@dataclass(frozen=True, slots=True)
class PredictedEntity:
    """A named entity mention: ``type`` one of PER, ORG, GPE, LOC, EVENT, MISC; ``canonical`` its registry name."""

    text: str
    start: int | None = None
    end: int | None = None
    type: str | None = None
    canonical: str | None = None


@dataclass(frozen=True, slots=True)
class PredictedQuantity:
    """A number: ``value`` (``value_max`` for ranges), ``unit`` and ``qualifier`` from the closed lists."""

    text: str
    start: int | None = None
    end: int | None = None
    value: float | None = None
    value_max: float | None = None
    unit: str | None = None
    qualifier: str | None = None
    measured: str | None = None


@dataclass(frozen=True, slots=True)
class PredictedDate:
    """A TIMEX3 expression: ``value`` (e.g. 2025-04), ``type`` DATE/TIME/DURATION/SET, optional ``mod``."""

    text: str
    start: int | None = None
    end: int | None = None
    value: str | None = None
    type: str | None = None
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class PredictedAttribution:
    """Who is reported to say the claim: the source span, optionally the cue verb span and nesting ``depth``."""

    source_text: str
    source_start: int | None = None
    source_end: int | None = None
    source_canonical: str | None = None
    cue_text: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    depth: int | None = None


@dataclass(frozen=True, slots=True)
class PredictedClaim:
    """One predicted claim: one line of a submission, the unit the scorer matches against the gold.

    ``doc_id`` names a gold document; ``text`` is the claim as it appears in the document. ``start``
    and ``end`` are optional half-open string offsets (without them the scorer finds ``text``);
    ``normalized`` is an optional standalone paraphrase (used by the ``text`` mode). The parts are
    optional tuples. ``line`` is the 1-based line (or position) it was read from, used in warnings.
    Validate objects you build yourself by passing them to ``claimbench.score``, which runs the
    checks of ``claimbench validate`` on them.
    """

    doc_id: str
    text: str
    start: int | None = None
    end: int | None = None
    normalized: str | None = None
    entities: tuple[PredictedEntity, ...] = ()
    quantities: tuple[PredictedQuantity, ...] = ()
    dates: tuple[PredictedDate, ...] = ()
    attributions: tuple[PredictedAttribution, ...] = ()
    line: int = 0


# field name -> (kind, required, allowed values or None)
_PART_FIELDS: dict[str, dict[str, tuple[str, bool, tuple[str, ...] | None]]] = {
    "entities": {
        "text": ("str", True, None), "start": ("int", False, None), "end": ("int", False, None),
        "type": ("str", False, ENTITY_TYPES), "canonical": ("str", False, None),
    },
    "quantities": {
        "text": ("str", True, None), "start": ("int", False, None), "end": ("int", False, None),
        "value": ("num", False, None), "value_max": ("num", False, None), "unit": ("str", False, UNITS),
        "qualifier": ("str", False, QUALIFIERS), "measured": ("str", False, None),
    },
    "dates": {
        "text": ("str", True, None), "start": ("int", False, None), "end": ("int", False, None),
        "value": ("str", False, None), "type": ("str", False, TIMEX3_TYPES), "mod": ("str", False, TIMEX3_MODS),
    },
    "attributions": {
        "source_text": ("str", True, None), "source_start": ("int", False, None), "source_end": ("int", False, None),
        "source_canonical": ("str", False, None), "cue_text": ("str", False, None), "cue_start": ("int", False, None),
        "cue_end": ("int", False, None), "depth": ("int", False, None),
    },
}  # fmt: skip
_PART_CLASSES = {
    "entities": PredictedEntity,
    "quantities": PredictedQuantity,
    "dates": PredictedDate,
    "attributions": PredictedAttribution,
}
_CLAIM_FIELDS: dict[str, tuple[str, bool, tuple[str, ...] | None]] = {
    "doc_id": ("str", True, None), "text": ("str", True, None), "start": ("int", False, None),
    "end": ("int", False, None), "normalized": ("str", False, None),
}  # fmt: skip
# (start, end, text) attribute names of each span an object can carry
_SPANS = {
    PredictedClaim: (("start", "end", "text"),),
    PredictedEntity: (("start", "end", "text"),),
    PredictedQuantity: (("start", "end", "text"),),
    PredictedDate: (("start", "end", "text"),),
    PredictedAttribution: (("source_start", "source_end", "source_text"), ("cue_start", "cue_end", "cue_text")),
}


# --- fast path: msgspec records built from the field tables above ------------------------------

_KIND_TYPES: dict[str, type] = {"str": str, "int": int, "num": float}


def _record_type(name: str, spec: Mapping[str, tuple[str, bool, tuple[str, ...] | None]], parts: Mapping[str, type] | None = None) -> type:
    """A msgspec Struct that accepts exactly what the field table allows (same field order as the dataclass)."""
    fields: list[tuple[str, Any] | tuple[str, Any, Any]] = []
    for field_name, (kind, required, allowed) in spec.items():
        value_type: Any = Literal[allowed] if allowed else _KIND_TYPES[kind]  # Literal[("a", "b")] is Literal["a", "b"]
        fields.append((field_name, value_type) if required else (field_name, value_type | None, None))
    for part_name, part_type in (parts or {}).items():
        fields.append((part_name, list[part_type], []))  # type: ignore[valid-type]
    return msgspec.defstruct(name, fields, forbid_unknown_fields=True)


_PART_RECORDS = {part: _record_type(f"{part}_record", _PART_FIELDS[part]) for part in PART_NAMES}
_DECODER = msgspec.json.Decoder(_record_type("claim_record", _CLAIM_FIELDS, _PART_RECORDS))


def _decode_fast(raw_line: str, line: int, shared: dict[Any, Any]) -> PredictedClaim | None:
    """The line as a PredictedClaim when msgspec accepts it against the records, else None. Equal
    strings and ints of the parts, the doc_id and the claim offsets become one object each through
    ``shared`` (a large submission repeats them on every line); floats are left alone (1.0 == 1)."""
    try:
        record = _DECODER.decode(raw_line)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None
    astuple = msgspec.structs.astuple
    share = shared.setdefault
    parts = [
        tuple(_PART_CLASSES[part](*[v if type(v) is float else share(v, v) for v in astuple(item)]) for item in getattr(record, part))
        for part in PART_NAMES
    ]
    doc_id, text, start, end, normalized = astuple(record)[: len(_CLAIM_FIELDS)]
    return PredictedClaim(share(doc_id, doc_id), text, share(start, start), share(end, end), normalized, *parts, line)  # type: ignore[arg-type]


# --- slow path: json + hand-written type checks that name the field ----------------------------


class _NonFinite:
    """Stands in for a JSON NaN/Infinity literal so the error can name its field."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __str__(self) -> str:
        return self.name


def _type_name(value: object) -> str:
    if isinstance(value, _NonFinite):
        return str(value)
    return {bool: "boolean", int: "integer", float: "number", str: "string", list: "array", dict: "object"}.get(
        type(value), "null" if value is None else type(value).__name__
    )


def _non_finite(name: str) -> _NonFinite:
    return _NonFinite(name)


@dataclass
class ParseState:
    """Warnings collected while parsing (the parser itself never drops a record).

    ``line_offset`` is added to the ``line`` of each claim (not to error messages), so claims of
    several files read one after another keep distinct line numbers."""

    path: str
    warnings: list[str]
    nfd_lines: int = 0
    crlf: bool = False
    line_offset: int = 0
    lines: int = 0  # lines read so far
    shared: dict[Any, Any] = field(default_factory=dict, repr=False)  # one object per equal string or int read


def _check_value(
    state: ParseState, line: int, field: str, value: object, kind: str, allowed: tuple[str, ...] | None
) -> Any:
    if value is None:
        return None
    if isinstance(value, _NonFinite):
        expected = "a finite number" if kind == "num" else {"str": "string", "int": "integer"}[kind]
        raise SubmissionError(state.path, line, field, f"expected {expected}, got {value} (not allowed in submissions)")
    if kind == "str":
        if not isinstance(value, str):
            raise SubmissionError(state.path, line, field, f"expected string, got {_type_name(value)}")
        if allowed is not None and value not in allowed:
            raise SubmissionError(state.path, line, field, f"expected one of {', '.join(allowed)}, got {value!r}")
        return value
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise SubmissionError(state.path, line, field, f"expected integer, got {_type_name(value)}")
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise SubmissionError(state.path, line, field, f"expected number, got {_type_name(value)}")
    if not math.isfinite(value):
        raise SubmissionError(state.path, line, field, "expected a finite number")
    return float(value)


def _nfc(value: Any) -> tuple[Any, bool]:
    """NFC-normalise every string inside ``value``; report whether anything changed."""
    if isinstance(value, str):
        normal = unicodedata.normalize("NFC", value)
        return normal, normal != value
    if isinstance(value, list):
        items = [_nfc(item) for item in value]
        return [item for item, _ in items], any(changed for _, changed in items)
    if isinstance(value, dict):
        pairs = {key: _nfc(item) for key, item in value.items()}
        return {key: item for key, (item, _) in pairs.items()}, any(changed for _, changed in pairs.values())
    return value, False


def _typed_fields(
    state: ParseState, line: int, raw: Mapping[str, Any], spec: Mapping[str, tuple[str, bool, tuple[str, ...] | None]], prefix: str
) -> dict[str, Any]:
    for name in raw:
        if name not in spec and name not in PART_NAMES:
            raise SubmissionError(state.path, line, f"{prefix}{name}", "unknown field")
    values: dict[str, Any] = {}
    for name, (kind, required, allowed) in spec.items():
        if required and raw.get(name) is None:
            raise SubmissionError(state.path, line, f"{prefix}{name}", "missing")
        values[name] = _check_value(state, line, f"{prefix}{name}", raw.get(name), kind, allowed)
    return values


def _typed_claim(state: ParseState, line: int, raw: Mapping[str, Any]) -> PredictedClaim:
    """A decoded JSON object as a PredictedClaim, after checking every field's type and value list."""
    claim_fields = _typed_fields(state, line, raw, _CLAIM_FIELDS, "")
    parts: dict[str, tuple[Any, ...]] = {}
    for part_name in PART_NAMES:
        raw_parts = raw.get(part_name)
        if raw_parts is None:
            parts[part_name] = ()
            continue
        if not isinstance(raw_parts, list):
            raise SubmissionError(state.path, line, part_name, f"expected array, got {_type_name(raw_parts)}")
        items = []
        for index, raw_part in enumerate(raw_parts):
            prefix = f"{part_name}[{index}]."
            if not isinstance(raw_part, dict):
                raise SubmissionError(state.path, line, prefix.rstrip("."), f"expected object, got {_type_name(raw_part)}")
            items.append(_PART_CLASSES[part_name](**_typed_fields(state, line, raw_part, _PART_FIELDS[part_name], prefix)))
        parts[part_name] = tuple(items)
    return PredictedClaim(**claim_fields, **parts, line=line)


def _nesting(value: object) -> int:
    """How deeply arrays and objects nest in a decoded JSON value (iterative: no recursion limit)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (list, dict)):
            deepest = max(deepest, depth)
            if depth <= MAX_DEPTH:  # deeper levels need not be looked at
                stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def _decode_slow(state: ParseState, line: int, raw_line: str) -> PredictedClaim:
    try:
        raw = json.loads(raw_line, parse_constant=_non_finite)
    except RecursionError:  # far deeper than MAX_DEPTH
        raise SubmissionError(state.path, line, None, f"JSON nested deeper than {MAX_DEPTH} levels") from None
    except ValueError as error:
        raise SubmissionError(state.path, line, None, f"invalid JSON: {error}") from None
    return check_record(state, line, raw)


def check_record(state: ParseState, line: int, raw: object) -> PredictedClaim:
    """A decoded JSON value (or a caller's dict) as a PredictedClaim, NFC-normalised and type-checked."""
    if not isinstance(raw, dict):
        raise SubmissionError(state.path, line, None, f"expected a JSON object, got {_type_name(raw)}")
    if _nesting(raw) > MAX_DEPTH:
        raise SubmissionError(state.path, line, None, f"JSON nested deeper than {MAX_DEPTH} levels")
    raw, changed = _nfc(raw)
    if changed:
        state.nfd_lines += 1
    return _typed_claim(state, line, raw)


# --- checks against the document, shared by both paths -----------------------------------------


def _check_spans(state: ParseState, line: int, item: object, prefix: str, text: str) -> None:
    for start_name, end_name, text_name in _SPANS[type(item)]:
        start, end, span_text = getattr(item, start_name), getattr(item, end_name), getattr(item, text_name)
        if text_name in ("text", "source_text") and not span_text.strip():
            raise SubmissionError(state.path, line, f"{prefix}{text_name}", "empty string")
        if start is None and end is None:
            continue
        if start is None or end is None:
            missing = end_name if end is None else start_name
            raise SubmissionError(state.path, line, f"{prefix}{missing}", f"give both {start_name} and {end_name} or neither")
        if span_text is None:
            raise SubmissionError(state.path, line, f"{prefix}{text_name}", "missing (offsets need their text)")
        if start < 0 or end > len(text):
            raise SubmissionError(
                state.path, line, f"{prefix}{start_name}", f"span [{start}, {end}) outside the document (0..{len(text)})"
            )
        if start >= end:
            raise SubmissionError(state.path, line, f"{prefix}{end_name}", f"span [{start}, {end}) is empty or reversed")
        if text[start:end] != span_text:
            raise SubmissionError(
                state.path, line, f"{prefix}{text_name}", f"{span_text[:40]!r} differs from the document at [{start}, {end}): {text[start:end][:40]!r}"
            )


def check_claim(state: ParseState, line: int, claim: PredictedClaim, documents: Mapping[str, str]) -> None:
    """Raise SubmissionError unless the claim's doc_id is known and every span fits its document."""
    if claim.doc_id not in documents:
        raise SubmissionError(state.path, line, "doc_id", f"unknown doc_id {claim.doc_id!r} (expected one of {', '.join(sorted(documents))})")
    text = documents[claim.doc_id]
    _check_spans(state, line, claim, "", text)
    for part_name in PART_NAMES:
        for index, part in enumerate(getattr(claim, part_name)):
            _check_spans(state, line, part, f"{part_name}[{index}].", text)


def parse_line(state: ParseState, line: int, raw_line: str, documents: Mapping[str, str]) -> PredictedClaim | None:
    """One submission line as a predicted claim (None for a blank line)."""
    if raw_line.endswith("\r"):
        raw_line = raw_line[:-1]
        state.crlf = True
    if len(raw_line) > MAX_LINE_CHARS:
        raise SubmissionError(state.path, line, None, f"line longer than {MAX_LINE_CHARS:,} characters")
    if not raw_line.strip():
        return None
    claim = None
    if "\\u" not in raw_line and unicodedata.is_normalized("NFC", raw_line):
        claim = _decode_fast(raw_line, line + state.line_offset, state.shared)
    if claim is None:
        claim = _decode_slow(state, line, raw_line)
        if state.line_offset:
            claim = replace(claim, line=line + state.line_offset)
    check_claim(state, line, claim, documents)
    return claim


def parse_submission(
    path: str, lines: Iterable[str], documents: Mapping[str, str], line_offset: int = 0
) -> tuple[list[PredictedClaim], list[str]]:
    """All predicted claims of a submission, and its warnings. Raises SubmissionError on bad input."""
    state = ParseState(path=path, warnings=[], line_offset=line_offset)
    claims = list(iter_submission(state, lines, documents))
    return claims, state.warnings


def iter_submission(state: ParseState, lines: Iterable[str], documents: Mapping[str, str]) -> Iterator[PredictedClaim]:
    """Stream predicted claims line by line; warnings are added to ``state`` at the end."""
    count = 0
    for number, raw_line in enumerate(lines, start=1):
        state.lines = number
        if number == 1 and raw_line.startswith("\ufeff"):
            raw_line = raw_line[1:]
            state.warnings.append(f"{state.path}: starts with a UTF-8 byte-order mark; it was skipped")
        claim = parse_line(state, number, raw_line.rstrip("\n"), documents)
        if claim is not None:
            count += 1
            yield claim
    if state.crlf:
        state.warnings.append(f"{state.path}: CRLF line endings; read as LF")
    if state.nfd_lines:
        state.warnings.append(f"{state.path}: {state.nfd_lines} line(s) not in Unicode NFC; compared after NFC normalisation")
    if count == 0:
        state.warnings.append(f"{state.path}: no predictions in the file")


def predictions_from_corpus(corpus: Corpus) -> list[PredictedClaim]:
    """A corpus's claims as a submission (used to score one annotation pass against another)."""
    predictions = []
    for line, claim in enumerate(corpus.claims, start=1):
        predictions.append(
            PredictedClaim(
                doc_id=claim.doc_id, text=claim.text, start=claim.start, end=claim.end, normalized=claim.normalized,
                entities=tuple(PredictedEntity(e.text, e.start, e.end, e.type, e.canonical) for e in claim.entities),
                quantities=tuple(
                    PredictedQuantity(q.text, q.start, q.end, q.value, q.value_max, q.unit, q.qualifier, q.measured)
                    for q in claim.quantities
                ),
                dates=tuple(PredictedDate(d.text, d.start, d.end, d.value, d.type, d.mod) for d in claim.dates),
                attributions=tuple(
                    PredictedAttribution(a.source_text, a.source_start, a.source_end, a.source_canonical,
                                         a.cue_text, a.cue_start, a.cue_end, a.depth)
                    for a in claim.attributions
                ),
                line=line,
            )  # fmt: skip
        )
    return predictions


def _without_none(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value is not None}


def submission_record(claim: PredictedClaim) -> dict[str, Any]:
    """One predicted claim as a submission JSON object (``None`` fields left out)."""
    record = _without_none(
        {"doc_id": claim.doc_id, "text": claim.text, "start": claim.start, "end": claim.end, "normalized": claim.normalized}
    )
    for part_name in PART_NAMES:
        items = getattr(claim, part_name)
        if items:
            record[part_name] = [_without_none(field_values(item)) for item in items]
    return record


def submission_order(claim: PredictedClaim) -> tuple[str, int, int, str]:
    """A canonical order for writing submissions (same claims, same bytes)."""
    return (claim.doc_id, -1 if claim.start is None else claim.start, -1 if claim.end is None else claim.end, claim.text)
