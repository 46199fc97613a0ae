"""Turn parsed annotation files (quoted spans) into validated gold objects (offsets).

Pure: receives parsed YAML mappings and document texts, returns dataclasses. Every problem is an
:class:`AnnotationError` naming the file, line, claim id and field in one line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from claimbench.dataset.model import (
    Attribution,
    Claim,
    DateExpression,
    Document,
    Entity,
    Quantity,
    ValidationError,
    check_offsets,
)

LINE_KEY = "__line__"  # set by the YAML loader on every mapping, so errors can name a line

DOCUMENT_KEYS = ("doc_id", "title", "outlet", "published", "dct", "dct_inferred", "claims")
CLAIM_KEYS = ("id", "span", "normalized", "modality", "polarity", "entities", "quantities", "dates", "attributions")
OPTIONAL_MARK_KEYS = ("optional", "optional_reason")  # GUIDELINES.md §13, on claims and on every part
OPTIONAL_CLAIM_KEYS = ("occurrence", "cluster", *OPTIONAL_MARK_KEYS)
PART_KEYS = {
    "entities": ("span", "type", "canonical"),
    "quantities": ("span", "value", "value_max", "unit", "qualifier", "measured"),
    "dates": ("span", "value", "type", "mod"),
    "attributions": ("source", "source_canonical", "cue"),
}
OPTIONAL_PART_KEYS = {
    "entities": ("occurrence", *OPTIONAL_MARK_KEYS),
    "quantities": ("occurrence", *OPTIONAL_MARK_KEYS),
    "dates": ("occurrence", *OPTIONAL_MARK_KEYS),
    "attributions": ("source_occurrence", "cue_occurrence", *OPTIONAL_MARK_KEYS),
}


@dataclass(frozen=True)
class RegistryEntry:
    name: str
    type: str
    named: bool


class AnnotationError(ValueError):
    """One problem in one annotation file, printable as a single line."""

    def __init__(self, path: str, line: int | None, claim_id: str | None, field: str, message: str) -> None:
        location = f"{path}:{line}" if line else path
        claim = f" claim {claim_id}:" if claim_id else ""
        super().__init__(f"{location}:{claim} field '{field}': {message}")
        self.path = path
        self.line = line
        self.claim_id = claim_id
        self.field = field


def occurrences(haystack: str, needle: str) -> list[int]:
    """Start offsets of every (possibly overlapping) occurrence of ``needle``."""
    found: list[int] = []
    index = haystack.find(needle)
    while index != -1:
        found.append(index)
        index = haystack.find(needle, index + 1)
    return found


class _FileContext:
    """Raises errors that name this file, the current claim and its line."""

    def __init__(self, path: str) -> None:
        self.path = path

    def error(self, mapping: Mapping[str, Any] | None, claim_id: str | None, field: str, message: str) -> AnnotationError:
        line = mapping.get(LINE_KEY) if isinstance(mapping, Mapping) else None
        return AnnotationError(self.path, line, claim_id, field, message)

    def check_keys(
        self,
        mapping: object,
        required: Sequence[str],
        optional: Sequence[str],
        claim_id: str | None,
        prefix: str,
    ) -> Mapping[str, Any]:
        if not isinstance(mapping, Mapping):
            raise self.error(None, claim_id, prefix.rstrip(".") or "(file)", f"expected a mapping, got {type(mapping).__name__}")
        keys = set(mapping) - {LINE_KEY}
        for key in required:
            if key not in keys:
                raise self.error(mapping, claim_id, f"{prefix}{key}", "missing")
        for key in sorted(keys - set(required) - set(optional)):
            raise self.error(mapping, claim_id, f"{prefix}{key}", "unknown field")
        return mapping


def _occurrence_index(
    ctx: _FileContext, mapping: Mapping[str, Any], claim_id: str | None, field: str, prefix: str
) -> int | None:
    value = mapping.get(field)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ctx.error(mapping, claim_id, prefix + field, f"expected a non-negative integer, got {value!r}")
    return value


def _find(
    ctx: _FileContext,
    mapping: Mapping[str, Any],
    claim_id: str | None,
    field: str,
    haystack: str,
    where: str,
    prefix: str,
) -> tuple[str, list[int]]:
    """The quoted text of ``field`` and its occurrences in ``haystack``; an error when there are none."""
    needle = mapping[field]
    if not isinstance(needle, str) or not needle:
        raise ctx.error(mapping, claim_id, prefix + field, f"expected the quoted text, got {needle!r}")
    found = occurrences(haystack, needle)
    if not found:
        raise ctx.error(mapping, claim_id, prefix + field, f"{needle!r} does not occur in {where}")
    return needle, found


def _locate(
    ctx: _FileContext,
    mapping: Mapping[str, Any],
    claim_id: str | None,
    field: str,
    occurrence_field: str,
    haystack: str,
    offset: int,
    where: str,
    prefix: str = "",
) -> tuple[int, int, str]:
    needle, found = _find(ctx, mapping, claim_id, field, haystack, where, prefix)
    index = _occurrence_index(ctx, mapping, claim_id, occurrence_field, prefix)
    if index is None:
        if len(found) > 1:
            raise ctx.error(
                mapping, claim_id, prefix + field,
                f"{needle!r} occurs {len(found)} times in {where}; add '{occurrence_field}'",
            )  # fmt: skip
        index = 0
    if index >= len(found):
        raise ctx.error(
            mapping, claim_id, prefix + occurrence_field, f"{needle!r} occurs only {len(found)} times in {where}"
        )
    start = offset + found[index]
    return start, start + len(needle), needle


def _locate_nearest(
    ctx: _FileContext,
    mapping: Mapping[str, Any],
    claim_id: str,
    field: str,
    text: str,
    claim_start: int,
    claim_end: int,
    prefix: str,
) -> tuple[int, int, str]:
    """The occurrence nearest the claim span (0 inside it; ties go to the earlier one)."""
    if mapping.get(f"{field}_occurrence") is not None:
        return _locate(ctx, mapping, claim_id, field, f"{field}_occurrence", text, 0, "the document", prefix)
    needle, found = _find(ctx, mapping, claim_id, field, text, "the document", prefix)

    def distance(start: int) -> tuple[int, int]:
        end = start + len(needle)
        gap = max(claim_start - end, start - claim_end, 0)
        return gap, start

    start = min(found, key=distance)
    return start, start + len(needle), needle


def _build_part(
    ctx: _FileContext,
    part_name: str,
    raw: Mapping[str, Any],
    claim_id: str,
    index: int,
    make: Callable[..., Any],
    **fields: Any,
) -> Any:
    try:
        return make(**fields)
    except ValidationError as error:
        raise ctx.error(raw, claim_id, f"{part_name}[{index}].{error.field}", error.message) from None
    except TypeError as error:  # a wrong YAML type, e.g. a string where a number belongs
        raise ctx.error(raw, claim_id, f"{part_name}[{index}]", str(error)) from None


def _optional_mark(mapping: Mapping[str, Any]) -> dict[str, Any]:
    """The optional fields as written (absent means required); the model validates them."""
    return {"optional": mapping.get("optional", False), "optional_reason": mapping.get("optional_reason")}


def _number(ctx: _FileContext, raw: Mapping[str, Any], claim_id: str, field: str, value: object, nullable: bool) -> Any:
    if value is None and nullable:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ctx.error(raw, claim_id, field, f"expected a number, got {value!r}")
    return float(value)


def _parse_claim(
    ctx: _FileContext,
    raw_claim: object,
    document: Document,
    registry: Mapping[str, RegistryEntry],
) -> Claim:
    raw = ctx.check_keys(raw_claim, CLAIM_KEYS, OPTIONAL_CLAIM_KEYS, None, "")
    claim_id = raw["id"]
    if not isinstance(claim_id, str):
        raise ctx.error(raw, None, "id", f"expected a string like '{document.doc_id}-01', got {claim_id!r}")
    text = document.text
    start, end, span = _locate(ctx, raw, claim_id, "span", "occurrence", text, 0, "the document")

    parts: dict[str, list[Any]] = {name: [] for name in PART_KEYS}
    for part_name, required in PART_KEYS.items():
        raw_parts = raw[part_name]
        if not isinstance(raw_parts, list):
            raise ctx.error(raw, claim_id, part_name, f"expected a list (write [] when empty), got {raw_parts!r}")
        for index, raw_part in enumerate(raw_parts):
            prefix = f"{part_name}[{index}]."
            part = ctx.check_keys(raw_part, required, OPTIONAL_PART_KEYS[part_name], claim_id, prefix)
            parts[part_name].append(_parse_part(ctx, part_name, part, index, claim_id, text, start, end, span, registry))

    try:
        claim = Claim(
            claim_id=claim_id,
            doc_id=document.doc_id,
            start=start,
            end=end,
            text=span,
            normalized=raw["normalized"],
            modality=raw["modality"],
            polarity=raw["polarity"],
            cluster_id=raw.get("cluster") or claim_id,
            entities=tuple(parts["entities"]),
            quantities=tuple(parts["quantities"]),
            dates=tuple(parts["dates"]),
            attributions=tuple(parts["attributions"]),
            **_optional_mark(raw),
        )
        check_offsets(document, claim)
    except ValidationError as error:
        raise ctx.error(raw, claim_id, error.field, error.message) from None
    return claim


def _parse_part(
    ctx: _FileContext,
    part_name: str,
    part: Mapping[str, Any],
    index: int,
    claim_id: str,
    text: str,
    claim_start: int,
    claim_end: int,
    claim_span: str,
    registry: Mapping[str, RegistryEntry],
) -> Any:
    prefix = f"{part_name}[{index}]."
    if part_name == "attributions":
        source_start, source_end, source = _locate_nearest(
            ctx, part, claim_id, "source", text, claim_start, claim_end, prefix
        )
        cue_start, cue_end, cue = _locate_nearest(ctx, part, claim_id, "cue", text, claim_start, claim_end, prefix)
        canonical = part["source_canonical"]
        if canonical is not None and canonical not in registry:
            raise ctx.error(part, claim_id, f"{prefix}source_canonical", f"unknown canonical name {canonical!r}")
        return _build_part(
            ctx, part_name, part, claim_id, index, Attribution,
            source_text=source, source_start=source_start, source_end=source_end, source_canonical=canonical,
            cue_text=cue, cue_start=cue_start, cue_end=cue_end, depth=index, **_optional_mark(part),
        )  # fmt: skip
    start, end, span = _locate(
        ctx, part, claim_id, "span", "occurrence", claim_span, claim_start, "the claim span", prefix
    )
    if part_name == "entities":
        canonical = part["canonical"]
        entry = registry.get(canonical) if isinstance(canonical, str) else None
        if entry is None or not entry.named:
            raise ctx.error(part, claim_id, f"{prefix}canonical", f"unknown canonical name {canonical!r}")
        if part["type"] != entry.type:
            raise ctx.error(
                part, claim_id, f"{prefix}type", f"{part['type']!r} differs from {canonical!r}'s registered type {entry.type}"
            )
        return _build_part(ctx, part_name, part, claim_id, index, Entity,
                           text=span, start=start, end=end, type=part["type"], canonical=canonical,
                           **_optional_mark(part))  # fmt: skip
    if part_name == "quantities":
        return _build_part(
            ctx, part_name, part, claim_id, index, Quantity,
            text=span, start=start, end=end,
            value=_number(ctx, part, claim_id, f"{prefix}value", part["value"], nullable=False),
            value_max=_number(ctx, part, claim_id, f"{prefix}value_max", part["value_max"], nullable=True),
            unit=part["unit"], qualifier=part["qualifier"], measured=part["measured"], **_optional_mark(part),
        )  # fmt: skip
    return _build_part(ctx, part_name, part, claim_id, index, DateExpression,
                       text=span, start=start, end=end, value=part["value"], type=part["type"], mod=part["mod"],
                       **_optional_mark(part))  # fmt: skip


def parse_registry(path: str, raw: object) -> dict[str, RegistryEntry]:
    """The canonical-name registry (``annotations/entities.yaml``)."""
    ctx = _FileContext(path)
    if not isinstance(raw, list):
        raise ctx.error(None, None, "(file)", "expected a list of {name, type} entries")
    registry: dict[str, RegistryEntry] = {}
    for index, item in enumerate(raw):
        entry = ctx.check_keys(item, ("name", "type"), ("named",), None, f"[{index}].")
        name = entry["name"]
        if name in registry:
            raise ctx.error(entry, None, f"[{index}].name", f"duplicate canonical name {name!r}")
        try:
            Entity(text=name, start=0, end=1, type=entry["type"], canonical=name)
        except ValidationError as error:
            raise ctx.error(entry, None, f"[{index}].{error.field}", error.message) from None
        registry[name] = RegistryEntry(name=name, type=entry["type"], named=entry.get("named", True) is not False)
    return registry


def parse_annotation_file(
    path: str,
    raw: object,
    doc_id: str,
    seed_file: str,
    text: str,
    sha256: str,
    registry: Mapping[str, RegistryEntry],
) -> tuple[Document, list[Claim]]:
    """One article's document record and claims, validated against its text."""
    ctx = _FileContext(path)
    top = ctx.check_keys(raw, DOCUMENT_KEYS, (), None, "")
    if top["doc_id"] != doc_id:
        raise ctx.error(top, None, "doc_id", f"expected {doc_id!r} (from the file name), got {top['doc_id']!r}")
    try:
        document = Document(
            doc_id=doc_id,
            seed_file=seed_file,
            title=top["title"],
            outlet=top["outlet"],
            published=top["published"],
            dct=top["dct"],
            dct_inferred=top["dct_inferred"],
            language="de",
            text=text,
            sha256=sha256,
        )
    except ValidationError as error:
        raise ctx.error(top, None, error.field, error.message) from None
    raw_claims = top["claims"]
    if not isinstance(raw_claims, list):
        raise ctx.error(top, None, "claims", "expected a list of claims")
    claims: list[Claim] = []
    seen: dict[str, int] = {}
    for raw_claim in raw_claims:
        claim = _parse_claim(ctx, raw_claim, document, registry)
        if claim.claim_id in seen:
            raise ctx.error(raw_claim, claim.claim_id, "id", "duplicate claim id")
        seen[claim.claim_id] = 1
        claims.append(claim)
    return document, claims
