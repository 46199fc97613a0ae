"""The adjudication log: every disagreement of the two annotation passes, decided, and checked
against the adjudicated gold (pure; the YAML is read at the edge).

Each log entry names a disagreement by its key (see :func:`claimbench.annotation.agreement.disagreements`),
repeats what each pass said, and gives the decision: ``first`` or ``second`` (the gold now says
what that pass said) or ``neither`` (the gold says something else, stated in ``gold``). Claim ids
of the first pass are kept in the gold, so the gold claim of a key is the first pass's claim id;
a claim only in the second pass is found in the gold by its span.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from claimbench.annotation.agreement import ABSENT, Disagreement, describe_aspect, disagreements
from claimbench.dataset.model import Claim, Corpus


@dataclass(frozen=True)
class LogShape:
    """How a log names the two compared annotations (its fields and decisions) and the field that
    states what the gold says after a ``neither`` decision."""

    sides: tuple[str, str]
    final: str

    @property
    def decisions(self) -> tuple[str, str, str]:
        return (*self.sides, "neither")

    def field(self, name: str) -> str:
        """The log's name of a :class:`Decision` attribute."""
        return {"first": self.sides[0], "second": self.sides[1], "gold": self.final}.get(name, name)


HISTORICAL = LogShape(("first", "second"), "gold")  # annotations/adjudication.yaml: first vs second pass
FRESH = LogShape(("gold", "fresh"), "final")  # annotations/fresh_adjudication.yaml: gold vs fresh pass
_ATTRIBUTES = ("key", "first", "second", "decision", "reason", "guideline", "gold")


class LogError(ValueError):
    """A malformed log entry: ``path:line: field 'x': message``."""


@dataclass(frozen=True)
class Decision:
    """One log entry; ``first``/``second`` are what the two compared annotations said (named by
    ``shape``: first/second pass, or gold/fresh pass), ``gold`` what the gold says for ``neither``."""

    key: str
    first: str
    second: str
    decision: str
    reason: str
    guideline: str | None = None  # the guideline rule this decision added or applied
    gold: str | None = None
    line: int = 0
    shape: LogShape = HISTORICAL

    def __post_init__(self) -> None:
        for name in ("key", "first", "second", "reason"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"field '{self.shape.field(name)}': expected a non-empty string, got {value!r}")
        if self.decision not in self.shape.decisions:
            raise ValueError(f"field 'decision': expected one of {', '.join(self.shape.decisions)}, got {self.decision!r}")
        if (self.decision == "neither") != (self.gold is not None):
            raise ValueError(f"field '{self.shape.final}': give it exactly when the decision is 'neither'")


def parse_log(path: str, raw: object, line_key: str, shape: LogShape = HISTORICAL) -> list[Decision]:
    """Log entries from the loaded YAML (a mapping with a ``decisions`` list)."""
    if not isinstance(raw, Mapping) or not isinstance(raw.get("decisions"), list):
        raise LogError(f"{path}: expected a mapping with a 'decisions' list")
    decisions = []
    for entry in raw["decisions"]:
        line = entry.get(line_key, 0) if isinstance(entry, Mapping) else 0
        if not isinstance(entry, Mapping):
            raise LogError(f"{path}: every decision must be a mapping")
        fields = {shape.field(name): name for name in _ATTRIBUTES}
        unknown = sorted(set(entry) - set(fields) - {line_key})
        if unknown:
            raise LogError(f"{path}:{line}: field '{unknown[0]}': unknown field")
        values: dict[str, Any] = {name: entry.get(field) for field, name in fields.items()}
        try:
            decisions.append(Decision(**values, line=line, shape=shape))
        except (TypeError, ValueError) as error:
            raise LogError(f"{path}:{line}: {error}") from None
    return decisions


def _gold_claim(gold: Corpus, first_id: str) -> Claim | None:
    return next((claim for claim in gold.claims if claim.claim_id == first_id), None)


def _claim_with_span(corpus: Corpus, reference: Claim) -> Claim | None:
    return next(
        (c for c in corpus.claims if (c.doc_id, c.start, c.end) == (reference.doc_id, reference.start, reference.end)), None
    )


def gold_says(key: str, first: Corpus, second: Corpus, gold: Corpus) -> str:
    """What the adjudicated gold says on the point a disagreement key names, in the log's terms."""
    aspect, ids = key.split(":", 1)
    first_ids, second_ids = ids.split("|")
    if aspect == "claim":
        passes = (first, first_ids) if first_ids != ABSENT else (second, second_ids)
        reference = next(c for c in passes[0].claims if c.claim_id == passes[1])
        found = _claim_with_span(gold, reference)
        return found.text if found else ABSENT
    if aspect == "link":
        claims = [_gold_claim(gold, claim_id) for claim_id in first_ids.split("+")]
        if None in claims:
            return ABSENT
        return "same cluster" if claims[0].cluster_id == claims[1].cluster_id else "different clusters"  # type: ignore[union-attr]
    claim = _gold_claim(gold, first_ids)
    return describe_aspect(claim, aspect) if claim else ABSENT


def check_log(decisions: list[Decision], first: Corpus, second: Corpus, gold: Corpus, path: str) -> list[str]:
    """Every problem of the log: a disagreement not decided, an entry for no disagreement, an entry
    misquoting a pass, or a decision the gold does not follow. Empty when the log is complete.
    ``first`` and ``second`` are the annotations as compared (for the fresh pass: the gold before
    adjudicating it, and the fresh pass); ``gold`` is the gold now."""
    expected: dict[str, Disagreement] = {item.key: item for item in disagreements(first, second)}
    problems = []
    seen = set()
    for decision in decisions:
        where = f"{path}:{decision.line}: {decision.key}"
        if decision.key in seen:
            problems.append(f"{where}: decided twice")
        seen.add(decision.key)
        item = expected.get(decision.key)
        if item is None:
            problems.append(f"{where}: no such disagreement between the passes")
            continue
        if (decision.first, decision.second) != (item.first, item.second):
            problems.append(f"{where}: quotes the passes as {decision.first!r} / {decision.second!r}, they say {item.first!r} / {item.second!r}")
        now = gold_says(decision.key, first, second, gold)
        first_side, second_side = decision.shape.sides
        wanted = {first_side: item.first, second_side: item.second, "neither": decision.gold}[decision.decision]
        if now != wanted:
            problems.append(f"{where}: decision '{decision.decision}' means the gold says {wanted!r}, it says {now!r}")
    problems += [f"{path}: {key}: not adjudicated" for key in sorted(set(expected) - seen)]
    return problems
