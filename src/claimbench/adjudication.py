"""The adjudication log: every disagreement of the two annotation passes, decided, and checked
against the adjudicated gold (pure; the YAML is read at the edge).

Each log entry names a disagreement by its key (see :func:`claimbench.agreement.disagreements`),
repeats what each pass said, and gives the decision: ``first`` or ``second`` (the gold now says
what that pass said) or ``neither`` (the gold says something else, stated in ``gold``). Claim ids
of the first pass are kept in the gold, so the gold claim of a key is the first pass's claim id;
a claim only in the second pass is found in the gold by its span.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from claimbench.agreement import ABSENT, Disagreement, describe_aspect, disagreements
from claimbench.model import Claim, Corpus

DECISIONS = ("first", "second", "neither")
_FIELDS = ("key", "first", "second", "decision", "reason", "guideline", "gold")


class LogError(ValueError):
    """A malformed log entry: ``path:line: field 'x': message``."""


@dataclass(frozen=True)
class Decision:
    key: str
    first: str
    second: str
    decision: str
    reason: str
    guideline: str | None = None  # the guideline rule this decision added or applied
    gold: str | None = None  # what the gold says, for ``neither``
    line: int = 0

    def __post_init__(self) -> None:
        for name in ("key", "first", "second", "reason"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"field '{name}': expected a non-empty string, got {value!r}")
        if self.decision not in DECISIONS:
            raise ValueError(f"field 'decision': expected one of {', '.join(DECISIONS)}, got {self.decision!r}")
        if (self.decision == "neither") != (self.gold is not None):
            raise ValueError("field 'gold': give it exactly when the decision is 'neither'")


def parse_log(path: str, raw: object, line_key: str) -> list[Decision]:
    """Log entries from the loaded YAML (a mapping with a ``decisions`` list)."""
    if not isinstance(raw, Mapping) or not isinstance(raw.get("decisions"), list):
        raise LogError(f"{path}: expected a mapping with a 'decisions' list")
    decisions = []
    for entry in raw["decisions"]:
        line = entry.get(line_key, 0) if isinstance(entry, Mapping) else 0
        if not isinstance(entry, Mapping):
            raise LogError(f"{path}: every decision must be a mapping")
        unknown = sorted(set(entry) - set(_FIELDS) - {line_key})
        if unknown:
            raise LogError(f"{path}:{line}: field '{unknown[0]}': unknown field")
        values: dict[str, Any] = {name: entry.get(name) for name in _FIELDS}
        try:
            decisions.append(Decision(**values, line=line))
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
    misquoting a pass, or a decision the gold does not follow. Empty when the log is complete."""
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
        wanted = {"first": item.first, "second": item.second, "neither": decision.gold}[decision.decision]
        if now != wanted:
            problems.append(f"{where}: decision '{decision.decision}' means the gold says {wanted!r}, it says {now!r}")
    problems += [f"{path}: {key}: not adjudicated" for key in sorted(set(expected) - seen)]
    return problems
