"""Score predicted claims against the gold: per document, per part, per mode (pure; no file access).

Matching modes (documented in the README, "Scoring"):

claims
  strict   same span (start and end)
  iou      word-token intersection-over-union >= ``iou_threshold`` (0.5); prefers larger IoU
  proportional  partial credit: the matching maximises the total token Dice of its pairs; a pair
           adds its Dice to tp and 1 - Dice to both fp and fn, so precision = sum(Dice) / #predicted
           and recall = sum(Dice) / #gold (GermEval 2023's proportional F1, with one symmetric credit)
  overlap  at least one shared character; the matching prefers larger intersection-over-union
  full     a claim located as in ``iou`` and extracted with its parts: a pair's credit is the F1 of
           its parts (pooled; entities by type, quantities and dates by value, attributions by
           source and cue, as in ``in_claims``; 1 when neither side has parts); the matching
           maximises total credit; tp = sum of credit (the headline: see the README)
  text     token-set Dice similarity >= ``text_threshold`` between the predicted text or
           normalized sentence and the gold normalized sentence or span text; no location needed
  cluster  unit = a gold cluster within one document; found when any of its mentions is matched
           in overlap mode; false positives = predictions unmatched in overlap mode
entities   strict (span + type), exact (span), type (overlap + type; named after nervaluate's
           "type" schema, but matched optimally: nervaluate matches greedily in input order, so its
           counts can differ on ties), canonical (set of canonical names per document)
quantities strict (span), overlap, value (overlap + value and value_max within ``value_tolerance``),
           full (value + unit + qualifier)
dates      strict (span), relaxed (overlap, TempEval-3), value (relaxed + TIMEX3 value)
attributions source (source span overlap), cue (cue span overlap), full (both),
           canonical (set of source canonical names per document)
every part in_claims: element level, anchored in claims: the parts of each pair of claims matched
           in claims/overlap are compared pairwise (entities by type, quantities by value, dates by
           value, attributions by full); parts of unmatched gold claims are false negatives, parts of
           unmatched predicted claims false positives

Part items are sets per document: identical items (one entity mention inside two overlapping
claims) count once on either side. Identical predicted claims count once; the copies are false
positives in every claim mode.

Every count is an :class:`Outcome` (a matched pair, a missed gold item, a spurious prediction) with
an anchor offset: the start of the gold span for tp and fn, of the predicted span for fp (a
prediction that could not be located is anchored at 0). The statistics place each outcome in the
resampling unit (sentence, paragraph) that holds its anchor. Gold claims enter the matching in a
content order (span, then text, paraphrase and labels, never ids), so equally good matchings are
chosen the same way whatever the claim ids.
"""

from __future__ import annotations

import operator
import re
import sys
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, compress, repeat
from typing import Any, overload

import numpy as np

from claimbench.dataset.model import Claim, Corpus
from claimbench.defaults import CLAIM_MODES, DEFAULT_IOU_THRESHOLD, DEFAULT_TEXT_THRESHOLD, OPTIONAL_HANDLING
from claimbench.scoring.locate import Locator
from claimbench.scoring.matching import match, span_iou
from claimbench.scoring.metrics import Counts, f1
from claimbench.scoring.submission import PredictedClaim

PART_MODES: dict[str, tuple[str, ...]] = {
    "claims": CLAIM_MODES,
    "entities": ("strict", "exact", "type", "canonical", "in_claims"),
    "quantities": ("strict", "overlap", "value", "full", "in_claims"),
    "dates": ("strict", "relaxed", "value", "in_claims"),
    "attributions": ("source", "cue", "full", "canonical", "in_claims"),
}
VALUE_PARTS = ("quantities", "dates")


@dataclass(frozen=True)
class ScoringConfig:
    text_threshold: float = DEFAULT_TEXT_THRESHOLD
    iou_threshold: float = DEFAULT_IOU_THRESHOLD
    value_tolerance: float = 1e-6  # relative: |pred - gold| <= tol * max(1, |gold|)
    optional: str = "optional"  # "optional": MUC-style optional gold items; "required": score them as required

    def __post_init__(self) -> None:
        if self.optional not in OPTIONAL_HANDLING:
            raise ValueError(f"optional must be one of {', '.join(OPTIONAL_HANDLING)}, got {self.optional!r}")
        if not 0 < self.text_threshold <= 1:
            raise ValueError(f"text_threshold must be in (0, 1], got {self.text_threshold}")
        if not 0 < self.iou_threshold <= 1:
            raise ValueError(f"iou_threshold must be in (0, 1], got {self.iou_threshold}")
        if not self.value_tolerance >= 0:
            raise ValueError(f"value_tolerance must be >= 0, got {self.value_tolerance}")


@dataclass(frozen=True)
class Outcome:
    """One count of a mode: a matched pair (``tp``), a missed gold item (``fn``), a spurious
    prediction (``fp``), or an optional gold item, matched or not (``optional``: counts nothing). ``gold``/``pred`` name the items (claims: claim id / ``line N``; parts:
    ``start-end`` of the item's first span, ``?`` when not located); ``credit`` is the share of a
    tp in proportional modes (1 elsewhere)."""

    status: str
    anchor: int
    gold: str | None = None
    pred: str | None = None
    credit: float = 1

    def __post_init__(self) -> None:
        if self.status not in ("tp", "fp", "fn", "optional"):
            raise ValueError(f"status must be tp, fp, fn or optional, got {self.status!r}")
        if not 0 <= self.credit <= 1:
            raise ValueError(f"credit must be in [0, 1], got {self.credit}")

    @property
    def counts(self) -> Counts:
        if self.status == "tp":
            return Counts(tp=self.credit, fp=1 - self.credit, fn=1 - self.credit)
        if self.status == "optional":
            return Counts()
        return Counts(fp=1) if self.status == "fp" else Counts(fn=1)


STATUSES = ("tp", "fp", "fn", "optional")
_STATUS_CODES = {status: code for code, status in enumerate(STATUSES)}
TP, FP, FN, OPTIONAL = range(4)  # status codes of outcome rows

# The scorer builds outcomes as plain rows (status code, anchor, gold name, pred name, credit), in
# the field order of Outcome: an Outcome object per count was most of the scoring time.
Row = tuple[int, int, "str | None", "str | None", float]


def _tally(status: bytes | bytearray, credits: Sequence[float] | None) -> tuple[float, float, float]:
    """tp/fp/fn of outcomes by status code and credit (None: every credit is 1); optional outcomes
    count nothing, and the uncredited share of a proportional pair is both fp and fn."""
    n_tp = status.count(TP)
    tp = n_tp if credits is None else sum(compress(credits, map(TP.__eq__, status)))  # in outcome order
    partial = max(n_tp - tp, 0)
    return tp, status.count(FP) + partial, status.count(FN) + partial


def as_outcomes(rows: Sequence[Row]) -> list[Outcome]:
    return [Outcome(STATUSES[code], anchor, gold, pred, credit) for code, anchor, gold, pred, credit in rows]


class Outcomes(Sequence[Outcome]):
    """The outcomes of one part and mode of a document, stored by column and read as a sequence of
    :class:`Outcome` (one object per count would hold most of the memory of a large report)."""

    __slots__ = ("_status", "_anchor", "_credit", "_gold", "_pred")

    def __init__(self, outcomes: Sequence[Outcome]) -> None:
        self._store([(_STATUS_CODES[o.status], o.anchor, o.gold, o.pred, o.credit) for o in outcomes])

    @classmethod
    def from_rows(cls, rows: Sequence[Row], named: bool = True) -> Outcomes:
        """Outcomes of rows; without ``named``, only what counts need (status, anchor, credit): the
        gold and predicted names (what ``explain`` reads) are dropped, and so is reading outcomes back."""
        stored = cls.__new__(cls)
        stored._store(rows, named)
        return stored

    def _store(self, rows: Sequence[Row], named: bool = True) -> None:
        status, anchor, gold, pred, credit = zip(*rows) if rows else ((), (), (), (), ())
        self._status = bytes(status)
        self._anchor = array("q", anchor)
        # credits other than the default 1 occur only in proportional modes; kept as given (int or float)
        self._credit = None if credit.count(1) == len(credit) and {*map(type, credit)} <= {int} else credit
        # the scorer's names are shared already (claim ids, one "line N" per prediction, one name per item)
        self._gold, self._pred = (gold, pred) if named else (None, None)

    def total(self) -> Counts:
        return Counts(*_tally(self._status, self._credit))

    def __len__(self) -> int:
        return len(self._status)

    def _at(self, index: int) -> Outcome:
        if self._gold is None or self._pred is None:
            raise ValueError("these outcomes were kept without names (scored for a report only): score with names to read them")
        credit = 1 if self._credit is None else self._credit[index]
        return Outcome(STATUSES[self._status[index]], self._anchor[index], self._gold[index], self._pred[index], credit)

    @overload
    def __getitem__(self, index: int) -> Outcome: ...
    @overload
    def __getitem__(self, index: slice) -> list[Outcome]: ...
    def __getitem__(self, index: int | slice) -> Outcome | list[Outcome]:
        if isinstance(index, slice):
            return [self._at(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._at(index)

    def __iter__(self) -> Iterator[Outcome]:
        return (self._at(i) for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"Outcomes({list(self)!r})"


def unit_rows(outcomes: Sequence[Outcomes], unit_starts: Sequence[Sequence[int]]) -> np.ndarray:
    """(units of all documents, 3) tp/fp/fn per unit for the outcomes of several documents at once
    (``unit_starts`` per document, each beginning at 0); an outcome belongs to the last unit of its
    document starting at or before its anchor; counts are summed in outcome order, as
    ``Outcome.counts`` one by one."""
    sizes = np.array([len(starts) for starts in unit_starts], dtype=np.int64)
    n_units = int(sizes.sum())
    lengths = np.array([len(items) for items in outcomes], dtype=np.int64)
    if not lengths.sum():
        return np.zeros((n_units, 3))
    # the stored columns of all documents joined as bytes, read as arrays without a copy each
    status = np.frombuffer(b"".join(items._status for items in outcomes), dtype=np.uint8)
    anchors = np.frombuffer(b"".join(items._anchor for items in outcomes), dtype=np.int64)
    credit = (
        np.ones(len(status))
        if all(items._credit is None for items in outcomes)
        else np.fromiter(chain.from_iterable((1,) * len(items) if items._credit is None else items._credit for items in outcomes),
                         dtype=np.float64, count=len(status))
    )  # fmt: skip
    # one searchsorted over all documents: document d's offsets are shifted by d * stride, beyond
    # any offset, and an anchor before its document's first unit goes to that unit (as max(.., 0))
    starts = np.fromiter(chain.from_iterable(unit_starts), dtype=np.int64, count=n_units)
    stride = int(max(anchors.max(), starts.max(initial=0))) + 1
    document = np.repeat(np.arange(len(outcomes), dtype=np.int64), lengths)
    first_unit = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    shifted_starts = starts + np.repeat(np.arange(len(unit_starts), dtype=np.int64), sizes) * stride
    units = np.searchsorted(shifted_starts, anchors + document * stride, side="right") - 1
    units = np.maximum(units, first_unit[document])
    matched = status == TP
    columns = (
        np.where(matched, credit, 0.0),
        np.where(matched, 1.0 - credit, np.where(status == FP, 1.0, 0.0)),
        np.where(matched, 1.0 - credit, np.where(status == FN, 1.0, 0.0)),
    )
    # bincount adds the weights one after the other in outcome order: the same float sums as one at a time
    return np.stack([np.bincount(units, weights=column, minlength=n_units) for column in columns], axis=1)


@dataclass
class DocumentScore:
    """Outcomes of one document per part and mode (stored as :class:`Outcomes`), the gold claims it
    found, and value-accuracy counts."""

    outcomes: dict[str, dict[str, Sequence[Outcome]]]
    found_claims: dict[str, list[str]]  # claim mode -> ids of gold claims matched
    value_pairs: dict[str, tuple[int, int]]  # part -> (pairs with correct value, matched pairs)
    unlocated: list[int] = field(default_factory=list)  # submission lines of claims not found in the text
    duplicates: list[int] = field(default_factory=list)  # submission lines of duplicated claims
    counts: dict[str, dict[str, Counts]] = field(init=False)

    def __post_init__(self) -> None:
        stored = {
            part: {mode: items if isinstance(items, Outcomes) else Outcomes(items) for mode, items in modes.items()}
            for part, modes in self.outcomes.items()
        }
        self.outcomes = stored  # type: ignore[assignment]  # Outcomes are Sequence[Outcome]
        # modes often share one stored Outcomes (a repeated matching problem): counted once
        distinct = {id(items): items for modes in stored.values() for items in modes.values()}
        totals = {key: items.total() for key, items in distinct.items()}
        self.counts = {part: {mode: totals[id(items)] for mode, items in modes.items()} for part, modes in stored.items()}


_TOKEN = re.compile(r"\w+")
# ASCII as bytes: its word characters (\w: letters, digits, "_") lower-cased, every other byte a space
_ASCII_WORD_BYTES = bytes(
    ord(chr(byte).lower()) if byte < 128 and (chr(byte).isalnum() or chr(byte) == "_") else ord(" ") for byte in range(256)
)


# the ASCII table, but a byte no ASCII text holds (0xff) stays itself: the mark between joined texts
_ASCII_WORD_BYTES_AND_MARK = _ASCII_WORD_BYTES[:255] + b"\xff"
_TEXT_MARK = "\x00"  # a non-word character (\w never matches it), between texts joined for the regex
_TOKEN_OR_MARK = re.compile(r"\w+|\x00")


def _marked_tokens(texts: Sequence[str]) -> list[str]:
    """The lower-cased word tokens (``\\w+``) of each text, repeats kept, every text's led
    by a mark ("\\xff" or "\\x00", never a token): one split or regex pass over all texts joined,
    not one per text (the pass per text was most of the cost of :func:`_text_similarity`)."""
    if all(map(str.isascii, texts)):
        joined = " \xff ".join(texts).encode("latin-1")
        return ["\xff", *joined.translate(_ASCII_WORD_BYTES_AND_MARK).decode("latin-1").split()]
    # lower() maps each character alone (its one context rule, a final sigma, never looks past the
    # space and mark between texts), and \w+ never spans them
    joined = f" {_TEXT_MARK} ".join(texts)
    if joined.count(_TEXT_MARK) == len(texts) - 1:  # no text holds the mark itself
        return [_TEXT_MARK, *_TOKEN_OR_MARK.findall(joined.lower())]
    return [token for text in texts for token in (_TEXT_MARK, *_TOKEN.findall(text.lower()))]


def _text_similarity(gold: Sequence[Claim], predicted: Sequence[PredictedClaim]) -> np.ndarray:
    """Best token-set Dice of (pred text | pred normalized) against (gold normalized | gold text)."""
    n, m = len(gold), len(predicted)
    if not n or not m:
        return np.zeros((n, m))
    # a predicted text often repeats a gold one (or another prediction's): each distinct string is
    # one row of a (string, token) incidence matrix, split in one pass with all the others
    texts = [*(c.normalized for c in gold), *(c.text for c in gold), *(c.text for c in predicted), *(c.normalized for c in predicted)]
    row_of_text = {text: row for row, text in enumerate(dict.fromkeys(texts))}
    marked = _marked_tokens([text or "" for text in row_of_text])
    column_of_token = {token: column for column, token in enumerate(dict.fromkeys(marked))}  # the mark is column 0
    columns = np.fromiter(map(column_of_token.__getitem__, marked), dtype=np.int64, count=len(marked))
    words = np.zeros((len(row_of_text), len(column_of_token)))
    words[np.cumsum(columns == 0) - 1, columns] = 1.0  # every (text, token) cell in one scatter
    words[:, 0] = 0.0  # the marks are no tokens
    sizes = np.count_nonzero(words, axis=1)
    rows = np.fromiter(map(row_of_text.__getitem__, texts), dtype=np.int64, count=len(texts))
    gold_rows, pred_rows = rows[: 2 * n], rows[2 * n :]
    # rows gold (normalized, text) × columns predicted (text, normalized): only the pairs compared
    shared = words[gold_rows] @ words[pred_rows].T
    dice = 2 * shared / np.maximum(sizes[gold_rows, None] + sizes[None, pred_rows], 1)  # 0 where both sets are empty
    return dice.reshape(2, n, 2, m).max(axis=(0, 2))  # the best of the four pairings


@dataclass(slots=True, init=False)
class _Item:
    """A gold or predicted item prepared for matching (built in the scorer's inner loops: slots,
    a hand-written constructor, and :func:`_span_item` for the usual one-span item; no
    frozen-dataclass setattr).

    ``slots`` holds, per span slot (one for most parts; source and cue for attributions), the
    candidate spans: exactly one for gold, zero or more for a prediction without offsets.
    """

    slots: tuple[tuple[tuple[int, int], ...], ...]
    attrs: tuple[Any, ...]
    key: tuple[Any, ...]  # canonical sort key, also the identity for de-duplication
    optional: bool  # a gold item the guideline allows either way (MUC-style optional)
    anchor: int  # where the item starts: its earliest span over all slots (0 when it was not located)

    def __init__(
        self, slots: tuple[tuple[tuple[int, int], ...], ...], attrs: tuple[Any, ...], key: tuple[Any, ...], optional: bool = False
    ) -> None:
        self.slots, self.attrs, self.key, self.optional = slots, attrs, key, optional
        spans = slots[0]
        if len(spans) == 1 and len(slots) == 1:  # the usual item: one slot, one span
            self.anchor = spans[0][0]
        else:
            # the least span has the least start: no generator over the starts
            self.anchor = min(chain.from_iterable(slots), default=(0,))[0]

    @property
    def name(self) -> str:
        """What outcomes call the item: ``start-end`` of its first span, ``?`` if not located; built
        only for outcomes kept with names. Interned: a gold item and the prediction it matches, an
        entity and the attribution source on its span, share one string in the stored outcomes."""
        spans = self.slots[0]
        return sys.intern(f"{spans[0][0]}-{spans[0][1]}") if spans else "?"


def _span_item(start: int, end: int, attrs: tuple[Any, ...], key: tuple[Any, ...], optional: bool) -> _Item:
    """``_Item((((start, end),),), attrs, key, optional)``, set field by field (most items have one
    slot with one span: no test of the spans needed)."""
    item = object.__new__(_Item)
    item.slots, item.attrs, item.key, item.optional = (((start, end),),), attrs, key, optional
    item.anchor = start
    return item


def _flatten(items: Sequence[_Item], slot: int) -> tuple[np.ndarray | None, np.ndarray, np.ndarray]:
    """The candidate spans of ``items`` in one slot, item after item: how many each item has (None
    when every item has exactly one, the usual case), their starts and their ends."""
    candidates = [item.slots[slot] for item in items]
    spans = list(chain.from_iterable(candidates))
    # from a flat iterator of the bounds: much cheaper than an array of a list of pairs
    bounds = np.fromiter(chain.from_iterable(spans), dtype=np.int64, count=2 * len(spans))
    if len(spans) == len(items) and all(len(item_spans) == 1 for item_spans in candidates):
        return None, bounds[0::2], bounds[1::2]
    return np.fromiter(map(len, candidates), dtype=np.int64, count=len(candidates)), bounds[0::2], bounds[1::2]


def _span_weights(gold: Sequence[_Item], pred: Sequence[_Item], slot: int, exact: bool) -> np.ndarray:
    """Gold × predicted weights from spans, best candidate span each, as layers of one array: with
    ``exact`` the exact-match weights (1/0) then the IoU weights, else the IoU weights alone. Each
    side's spans are flattened once for both layers (the same float operations, element by element,
    as one matrix at a time)."""
    g_counts, g_start, g_end = _flatten(gold, slot)
    p_counts, p_start, p_end = _flatten(pred, slot)
    if not len(g_start) or not len(p_start):
        return np.zeros((1 + exact, len(gold), len(pred)))
    scores = np.empty((1 + exact, len(g_start), len(p_start)))
    if exact:
        scores[0] = (g_start[:, None] == p_start[None, :]) & (g_end[:, None] == p_end[None, :])
    scores[-1] = span_iou(g_start, g_end, p_start, p_end)
    return _best_candidates(g_counts, p_counts, scores)


def _best_candidates(g_counts: np.ndarray | None, p_counts: np.ndarray | None, scores: np.ndarray) -> np.ndarray:
    """Gold × predicted item weights: each pair's best score (>= 0) over their candidate spans, from
    scores of candidate spans (each item's spans consecutive, ``counts`` per item as from :func:`_flatten`;
    ``scores`` may stack several such matrices, gold × predicted being its last two axes)."""
    return _best_of_runs(_best_of_runs(scores, g_counts, axis=-2), p_counts, axis=-1)


def _best_of_runs(scores: np.ndarray, counts: np.ndarray | None, axis: int) -> np.ndarray:
    """The maximum of each run of ``counts`` consecutive rows (axis -2) or columns (axis -1); 0 for
    an empty run."""
    if counts is None:
        return scores
    shape = list(scores.shape)
    shape[axis] = len(counts)
    out = np.zeros(shape)
    filled = np.flatnonzero(counts)
    if len(filled):
        first = (np.cumsum(counts) - counts)[filled]
        if axis == -2:
            out[..., filled, :] = np.maximum.reduceat(scores, first, axis=-2)
        else:
            out[..., filled] = np.maximum.reduceat(scores, first, axis=-1)
    return out


def _same_first_attr(gold: Sequence[_Item], pred: Sequence[_Item]) -> np.ndarray:
    """Gold × predicted: whether the items' first attributes (entity type, date value) are equal,
    compared as codes, one per distinct value (the values are strings or None)."""
    codes: dict[Any, int] = {}
    g_codes = np.fromiter((codes.setdefault(item.attrs[0], len(codes)) for item in gold), dtype=np.int64, count=len(gold))
    p_codes = np.fromiter((codes.setdefault(item.attrs[0], len(codes)) for item in pred), dtype=np.int64, count=len(pred))
    return g_codes[:, None] == p_codes[None, :]


def _same_quantity(weights: np.ndarray, gold: Sequence[_Item], pred: Sequence[_Item], tolerance: float) -> tuple[np.ndarray, np.ndarray]:
    """Gold × predicted: whether the values agree (value and value_max within ``tolerance``), and
    whether unit and qualifier agree as well; tested only where ``weights`` are positive (False elsewhere)."""
    value, full = np.zeros(weights.shape, dtype=bool), np.zeros(weights.shape, dtype=bool)
    for g, p in zip(*(axis.tolist() for axis in np.nonzero(weights))):
        g_attrs, p_attrs = gold[g].attrs, pred[p].attrs
        if _same_value(g_attrs, p_attrs, tolerance):
            value[g, p] = True
            full[g, p] = g_attrs[2] == p_attrs[2] and g_attrs[3] == p_attrs[3]
    return value, full


def _outcomes(
    weights: np.ndarray,
    gold: Sequence[_Item],
    pred: Sequence[_Item],
    credit: np.ndarray | None = None,
    gold_names: Sequence[str] | None = None,
    pred_names: Sequence[str] | None = None,
    matchings: dict[tuple[Any, ...], _Solved] | None = None,
    named: bool = True,
) -> tuple[list[Row], list[tuple[int, int]]]:
    """Outcomes of one matching; with ``credit`` the matching maximises total credit (proportional).
    Required gold items are matched first; a prediction matched to an optional gold item, and an
    optional gold item left unmatched, count nothing. ``matchings`` remembers the pairs of each
    matching problem (weights, objective, required rows) already solved: the modes of a document
    often pose the same one (a span mode and its attribute mode when every attribute agrees); posed
    again with the very same items and names (and credit None or the weights themselves), it gives
    the very same rows list (callers never modify rows).
    Without ``named``, items' names (``gold_names``/``pred_names`` when not given) are left None."""
    required = bytes([not item.optional for item in gold])
    preferred_rows = None if all(required) else np.frombuffer(required, dtype=bool)  # None: every row, read without numpy
    maximize_pairs = credit is None
    if matchings is None:
        pairs = match(weights, maximize_pairs=maximize_pairs, preferred_rows=preferred_rows)
    else:
        problem = (weights.shape, weights.dtype.str, weights.tobytes(), maximize_pairs, required)
        solved = matchings.get(problem)
        if solved is None:
            pairs = match(weights, maximize_pairs=maximize_pairs, preferred_rows=preferred_rows)
            solved = matchings[problem] = _Solved(pairs)
        posed = (gold, pred, gold_names, pred_names, named)
        if (credit is None or credit is weights) and solved.posed is not None and all(map(operator.is_, posed, solved.posed)):
            return solved.rows, list(solved.pairs)
        pairs = list(solved.pairs)
    rows = _matched_rows(pairs, gold, pred, credit, gold_names, pred_names, named)
    if matchings is not None and (credit is None or credit is weights):
        solved.posed, solved.rows = posed, rows
    return rows, pairs


@dataclass(slots=True)
class _Solved:
    """The pairs of a solved matching problem, and the rows of the items it was last posed with
    (kept, so those objects stay alive and no other object can take their identity)."""

    pairs: list[tuple[int, int]]
    posed: tuple[Any, ...] | None = None
    rows: list[Row] = field(default_factory=list)


def _matched_rows(
    pairs: list[tuple[int, int]],
    gold: Sequence[_Item],
    pred: Sequence[_Item],
    credit: np.ndarray | None,
    gold_names: Sequence[str] | None,
    pred_names: Sequence[str] | None,
    named: bool,
) -> list[Row]:
    """The rows of a matching's pairs, then of the gold items and predictions it left unmatched."""
    g_names = gold_names or _names(gold, named)
    p_names = pred_names or _names(pred, named)
    pair_gold, pair_pred = zip(*pairs) if pairs else ((), ())
    # credit as the matrix holds it, read as Python floats (as float() of each entry)
    credits = repeat(1) if credit is None or not pairs else credit[pair_gold, pair_pred].astype(np.float64, copy=False).tolist()
    rows: list[Row] = [
        (OPTIONAL if item.optional else TP, item.anchor, g_names[g], p_names[p], c)
        for item, g, p, c in zip(map(gold.__getitem__, pair_gold), pair_gold, pair_pred, credits)
    ]
    if len(pair_gold) < len(gold):  # (a side whose items are all matched is not read again)
        matched_gold = set(pair_gold)
        rows += [(OPTIONAL if item.optional else FN, item.anchor, g_names[g], None, 1) for g, item in enumerate(gold) if g not in matched_gold]
    if len(pair_pred) < len(pred):
        matched_pred = set(pair_pred)
        rows += [(FP, item.anchor, None, p_names[p], 1) for p, item in enumerate(pred) if p not in matched_pred]
    return rows


def _names(items: Sequence[_Item], named: bool) -> list[str | None]:
    return [item.name for item in items] if named else [None] * len(items)


def _set_outcomes(gold: dict[str, int], pred: dict[str, int], optional: set[str]) -> list[Row]:
    """Outcomes of comparing name sets; values are the names' first offsets (anchors); names in
    ``optional`` (only optional gold items carry them) count nothing, found or not."""
    rows: list[Row] = [(OPTIONAL if name in optional else TP, gold[name], name, name, 1) for name in sorted(gold.keys() & pred.keys())]
    rows += [(OPTIONAL if name in optional else FN, gold[name], name, None, 1) for name in sorted(gold.keys() - pred.keys())]
    rows += [(FP, pred[name], None, name, 1) for name in sorted(pred.keys() - gold.keys())]
    return rows


def _first_offsets(items: Sequence[_Item], index: int) -> dict[str, int]:
    names: dict[str, int] = {}
    for item in items:
        name = item.attrs[index]
        if name:
            names[name] = min(names.get(name, item.anchor), item.anchor)
    return names


def _close(gold: float | None, pred: float | None, tolerance: float) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    return abs(pred - gold) <= tolerance * max(1.0, abs(gold))


# --- items -----------------------------------------------------------------------------------


def _gold_parts(claims: Sequence[Claim], part: str, optional: bool = True) -> list[_Item]:
    """Gold part items as sets; an item is optional only when every mention of it is (with
    ``optional`` False every item is required, as ``--optional required``)."""
    build = _GOLD_ITEMS[part]
    mentions = [build(p, optional and (p.optional or claim.optional)) for claim in claims for p in getattr(claim, part)]
    return _union_gold([mentions])


def _gold_entity(p: Any, optional: bool) -> _Item:
    return _span_item(p.start, p.end, (p.type, p.canonical), (p.start, p.end, p.type, p.canonical), optional)


def _gold_quantity(p: Any, optional: bool) -> _Item:
    attrs = (p.value, p.value_max, p.unit, p.qualifier)
    return _span_item(p.start, p.end, attrs, (p.start, p.end, str(p.value), str(p.value_max), str(p.unit), str(p.qualifier)), optional)


def _gold_date(p: Any, optional: bool) -> _Item:
    return _span_item(p.start, p.end, (p.value, p.type, p.mod), (p.start, p.end, p.value, p.type, str(p.mod)), optional)


def _gold_attribution(p: Any, optional: bool) -> _Item:
    source, cue = (p.source_start, p.source_end), (p.cue_start, p.cue_end)
    return _Item(((source,), (cue,)), (p.source_canonical,), (*source, *cue, str(p.source_canonical)), optional)


# the item of one gold part (an Entity, Quantity, DateExpression or Attribution), by part
_GOLD_ITEMS: dict[str, Callable[[Any, bool], _Item]] = {
    "entities": _gold_entity, "quantities": _gold_quantity, "dates": _gold_date, "attributions": _gold_attribution,
}  # fmt: skip


def _as_set(items: dict[tuple[Any, ...], _Item]) -> list[_Item]:
    """Items by key, in key order (one item needs no sort: most claims have one of each part)."""
    return list(items.values()) if len(items) < 2 else [items[key] for key in sorted(items)]


def _union_gold(per_claim: Iterable[Sequence[_Item]]) -> list[_Item]:
    """The gold items of several claims as one set: what :func:`_gold_parts` gives for all of them
    (the same rule applied to each claim's items), from the items each claim already has."""
    items: dict[tuple[Any, ...], _Item] = {}
    for claim_items in per_claim:
        for item in claim_items:
            kept = items.get(item.key)
            if kept is None or kept.optional:  # the first required mention of an item, else its last optional one
                items[item.key] = item
    return _as_set(items)


def _union_pred(per_claim: Iterable[Sequence[_Item]]) -> list[_Item]:
    """The predicted items of several claims as one set, as :func:`_pred_parts` gives it for all of
    them (equal keys are equal items; the first is kept)."""
    items: dict[tuple[Any, ...], _Item] = {}
    for claim_items in per_claim:
        for item in claim_items:
            items.setdefault(item.key, item)
    return _as_set(items)


def locate_part(
    locator: Locator, text: str | None, start: int | None, end: int | None, within: Sequence[tuple[int, int]]
) -> tuple[tuple[int, int], ...]:
    """Candidate spans of a predicted part: its offsets, else its text inside its claim, else anywhere."""
    if text is None:
        return ()
    if start is not None and end is not None:
        return ((start, end),)
    inside = sorted({span for region in within for span in locator.find(text, region)})
    return tuple(inside or locator.find(text))


def _pred_parts(
    claims: Sequence[tuple[PredictedClaim, tuple[tuple[int, int], ...]]], part: str, locator: Locator
) -> list[_Item]:
    build = _PRED_ITEMS[part]
    mentions = [build(p, claim_spans, locator) for claim, claim_spans in claims for p in getattr(claim, part)]
    return _union_pred([mentions])


def _pred_entity(p: Any, claim_spans: tuple[tuple[int, int], ...], locator: Locator) -> _Item:
    slots, attrs = (locate_part(locator, p.text, p.start, p.end, claim_spans),), (p.type, p.canonical)
    return _pred_item(slots, attrs)


def _pred_quantity(p: Any, claim_spans: tuple[tuple[int, int], ...], locator: Locator) -> _Item:
    slots, attrs = (locate_part(locator, p.text, p.start, p.end, claim_spans),), (p.value, p.value_max, p.unit, p.qualifier)
    return _pred_item(slots, attrs)


def _pred_date(p: Any, claim_spans: tuple[tuple[int, int], ...], locator: Locator) -> _Item:
    slots, attrs = (locate_part(locator, p.text, p.start, p.end, claim_spans),), (p.value, p.type, p.mod)
    return _pred_item(slots, attrs)


def _pred_attribution(p: Any, claim_spans: tuple[tuple[int, int], ...], locator: Locator) -> _Item:
    source = locate_part(locator, p.source_text, p.source_start, p.source_end, claim_spans)
    cue = locate_part(locator, p.cue_text, p.cue_start, p.cue_end, claim_spans)
    slots, attrs = (source, cue), (p.source_canonical,)
    return _pred_item(slots, attrs)


def _pred_item(slots: tuple[tuple[tuple[int, int], ...], ...], attrs: tuple[Any, ...]) -> _Item:
    """A predicted item: keyed by the repr of its spans and attributes, never optional."""
    return _Item(slots, attrs, (repr(slots), repr(attrs)))


# the item of one predicted part, located in its claim's spans, keyed by the repr of its spans and
# attributes, by part
_PRED_ITEMS: dict[str, Callable[[Any, tuple[tuple[int, int], ...], Locator], _Item]] = {
    "entities": _pred_entity, "quantities": _pred_quantity, "dates": _pred_date, "attributions": _pred_attribution,
}  # fmt: skip


def _same_value(g: tuple[Any, ...], p: tuple[Any, ...], tolerance: float) -> bool:
    return _close(g[0], p[0], tolerance) and _close(g[1], p[1], tolerance)


def _part_weights(part: str, gold: Sequence[_Item], pred: Sequence[_Item], config: ScoringConfig) -> dict[str, np.ndarray]:
    """Gold × predicted weights of one part in each of its span modes (:data:`SPAN_PART_MODES`, in
    that order): a span mode's weights kept where the mode's attributes agree, 0 elsewhere (modes
    share arrays, which are never modified)."""
    if part == "attributions":
        source, cue = _span_weights(gold, pred, 0, exact=False)[0], _span_weights(gold, pred, 1, exact=False)[0]
        return {"source": source, "cue": cue, "full": np.where((source > 0) & (cue > 0), (source + cue) / 2, 0.0)}
    exact, overlap = _span_weights(gold, pred, 0, exact=True)
    if part == "entities":
        same_type = _same_first_attr(gold, pred)
        return {"strict": np.where(same_type, exact, 0.0), "exact": exact, "type": np.where(same_type, overlap, 0.0)}
    if part == "quantities":
        same_value, same_full = _same_quantity(overlap, gold, pred, config.value_tolerance)
        return {"strict": exact, "overlap": overlap, "value": np.where(same_value, overlap, 0.0), "full": np.where(same_full, overlap, 0.0)}
    return {"strict": exact, "relaxed": overlap, "value": np.where(_same_first_attr(gold, pred), overlap, 0.0)}


IN_CLAIMS_MODE = {"entities": "type", "quantities": "value", "dates": "value", "attributions": "full"}
SPAN_PART_MODES = {
    "entities": ("strict", "exact", "type"),
    "quantities": ("strict", "overlap", "value", "full"),
    "dates": ("strict", "relaxed", "value"),
    "attributions": ("source", "cue", "full"),
}


# --- claims ----------------------------------------------------------------------------------


def _claim_key(claim: PredictedClaim) -> tuple[Any, ...]:
    return (claim.text, -1 if claim.start is None else claim.start, -1 if claim.end is None else claim.end,
            claim.normalized or "")  # fmt: skip


def _gold_content(claim: Claim) -> tuple[Any, ...]:
    """Matching order of gold claims: by content, never by claim id (ties then resolve alike)."""
    return (*_gold_head(claim), repr((claim.entities, claim.quantities, claim.dates, claim.attributions)))


def _gold_head(claim: Claim) -> tuple[Any, ...]:
    return (claim.start, claim.end, claim.text, claim.normalized, claim.modality, claim.polarity, claim.cluster_id)


def _gold_order(claims: Sequence[Claim]) -> list[Claim]:
    """Claims sorted by :func:`_gold_content`; when its first fields already differ between all
    claims (nearly always), they alone decide the order, and the repr of the parts is not built."""
    heads = [_gold_head(claim) for claim in claims]
    if len(set(heads)) < len(heads):
        return sorted(claims, key=_gold_content)
    return [claim for _, claim in sorted(zip(heads, claims), key=lambda pair: pair[0])]


# whether each ASCII character is a word character (\w): those the byte table keeps
_ASCII_WORD = np.frombuffer(_ASCII_WORD_BYTES[:128], dtype=np.uint8) != ord(" ")


def _word_bounds(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Starts and ends of the word tokens of a text (:func:`claimbench.dataset.segment.word_tokens`,
    the benchmark's one definition of them: runs of ``\\w``), as arrays: the edges of the runs of
    word characters, found by numpy from each character's class (not a match object per token)."""
    if text.isascii():
        is_word = _ASCII_WORD[np.frombuffer(text.encode("ascii"), dtype=np.uint8)]
    else:
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
        is_word = _ASCII_WORD[np.minimum(codes, 127)]
        beyond = np.flatnonzero(codes > 127)
        distinct, which = np.unique(codes[beyond], return_inverse=True)
        # each distinct non-ASCII character classed by the regex itself (\w), as word_tokens classes it
        is_word[beyond] = np.array([_TOKEN.fullmatch(chr(code)) is not None for code in distinct.tolist()], dtype=bool)[which]
    edges = np.flatnonzero(np.diff(is_word, prepend=False, append=False))  # a run's start, then its end
    return edges[0::2], edges[1::2]


def _token_ranges(word_bounds: tuple[np.ndarray, np.ndarray], starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """[first, last) indices of the word tokens (their starts and ends) each character span touches."""
    word_starts, word_ends = word_bounds
    first = np.searchsorted(word_ends, starts, side="right")
    last = np.searchsorted(word_starts, ends, side="left")
    return first, np.maximum(last, first)


def _claim_weights(
    word_bounds: tuple[np.ndarray, np.ndarray], gold: Sequence[_Item], pred: Sequence[_Item]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Gold × predicted claim weights from their spans, best candidate span of each prediction:
    strict and character IoU (as :func:`_span_weights`), word-token IoU and Dice. The spans of both
    sides are flattened once and the four are computed as layers of one array, over the pairs of
    candidate spans that touch (the same float operations, element by element, as one full matrix
    at a time)."""
    counts, starts, ends = _flatten([*gold, *pred], 0)
    g_counts = p_counts = None
    if counts is not None:
        g_counts, p_counts = counts[: len(gold)], counts[len(gold) :]
        if (g_counts == 1).all():  # as gold claims are: no reduction over them
            g_counts = None
    n_gold = len(gold) if g_counts is None else int(g_counts.sum())
    if not n_gold or n_gold == len(starts):
        return tuple(np.zeros((len(gold), len(pred))) for _ in range(4))  # type: ignore[return-value]
    # row 0: characters, row 1: word tokens (the tokens two spans share, as characters are for spans)
    first, last = _token_ranges(word_bounds, starts, ends)
    low, high = np.stack([starts, first]), np.stack([ends, last])
    lengths = high - low
    shared = np.minimum(high[:, :n_gold, None], high[:, None, n_gold:]) - np.maximum(low[:, :n_gold, None], low[:, None, n_gold:])
    # most pairs share nothing, and all four weights of such a pair are 0 (strict only when two
    # empty spans are equal): the ratios are taken only over the pairs sharing a character or a token
    touching = np.maximum(shared[0], shared[1]) > 0
    if (lengths[0, :n_gold] == 0).any():
        touching |= (starts[:n_gold, None] == starts[None, n_gold:]) & (ends[:n_gold, None] == ends[None, n_gold:])
    g, p = np.nonzero(touching)
    pair_shared = np.maximum(shared[:, g, p], 0)
    sizes = lengths[:, g] + lengths[:, n_gold + p]
    scores = np.empty((4, len(g)))
    scores[0] = (starts[g] == starts[n_gold + p]) & (ends[g] == ends[n_gold + p])
    scores[1:3] = pair_shared / np.maximum(sizes - pair_shared, 1)  # 0 where nothing is shared
    scores[3] = 2 * pair_shared[1] / np.maximum(sizes[1], 1)
    best = np.zeros((4, len(gold), len(pred)))
    if g_counts is None and p_counts is None:
        best[:, g, p] = scores
    else:  # each pair of items gets the best score of its candidate spans (0 when none touches)
        g_items = g if g_counts is None else np.repeat(np.arange(len(gold)), g_counts)[g]
        p_items = p if p_counts is None else np.repeat(np.arange(len(pred)), p_counts)[p]
        np.maximum.at(best, (np.arange(4)[:, None], g_items, p_items), scores)
    return best[0], best[1], best[2], best[3]


def _own_parts_gold(claim: Claim | None, honour_optional: bool) -> list[list[_Item]]:
    """Per part (in :data:`IN_CLAIMS_MODE` order), :func:`_gold_parts` of this claim alone (a part
    with one item is its own set)."""
    if claim is None:
        return [[] for _ in IN_CLAIMS_MODE]
    own: list[list[_Item]] = []
    for part, build in _GOLD_ITEMS.items():
        found = getattr(claim, part)
        if len(found) == 1:
            own.append([build(found[0], honour_optional and (found[0].optional or claim.optional))])
        else:
            own.append(_gold_parts([claim], part, honour_optional) if found else [])
    return own


def _own_parts_pred(located: tuple[PredictedClaim, tuple[tuple[int, int], ...]] | None, locator: Locator) -> list[list[_Item]]:
    """Per part (in :data:`IN_CLAIMS_MODE` order), :func:`_pred_parts` of this claim alone (a part
    with one item is its own set)."""
    if located is None:
        return [[] for _ in IN_CLAIMS_MODE]
    claim, claim_spans = located
    own: list[list[_Item]] = []
    for part, build in _PRED_ITEMS.items():
        found = getattr(claim, part)
        if len(found) == 1:
            own.append([build(found[0], claim_spans, locator)])
        else:
            own.append(_pred_parts([located], part, locator) if found else [])
    return own


def _compare_parts(
    gold: Sequence[Sequence[_Item]], pred: Sequence[Sequence[_Item]], config: ScoringConfig, named: bool = True
) -> list[list[Row]]:
    """Per part (in :data:`IN_CLAIMS_MODE` order), the outcomes of one claim's items against
    another's, as ``in_claims`` compares them (without ``named``: rows whose names are None)."""
    out = []
    for part, g_in, p_in in zip(IN_CLAIMS_MODE, gold, pred):
        rows = _in_claims_one_to_one(part, g_in, p_in, config, named)
        if rows is None:
            rows = _outcomes(_part_weights(part, g_in, p_in, config)[IN_CLAIMS_MODE[part]], g_in, p_in, named=named)[0]
        out.append(rows)
    return out


def _in_claims_one_to_one(
    part: str, gold: Sequence[_Item], pred: Sequence[_Item], config: ScoringConfig, named: bool
) -> list[Row] | None:
    """The outcomes of the ``in_claims`` comparison when a side has no item or each side has one (most
    claim pairs), without weight matrices: then the matching pairs the two items exactly when their
    weight is positive, i.e. their spans share a character in every slot of the mode (IoU > 0) and
    their attributes agree. None for larger cases (the matrix path)."""
    if gold and pred:
        if len(gold) > 1 or len(pred) > 1:
            return None
        g, p = gold[0], pred[0]
        if part == "quantities":
            agree = _same_value(g.attrs, p.attrs, config.value_tolerance)
        elif part == "attributions":  # full: the cue spans as well as the source spans
            agree = _spans_share(g.slots[1], p.slots[1])
        else:  # entities by type, dates by value
            agree = bool(g.attrs[0] == p.attrs[0])
        if agree and _spans_share(g.slots[0], p.slots[0]):
            return [(OPTIONAL if g.optional else TP, g.anchor, g.name if named else None, p.name if named else None, 1)]
    return _unmatched_rows(gold, pred, named)


def _unmatched_rows(gold: Iterable[_Item], pred: Iterable[_Item], named: bool) -> list[Row]:
    """Rows of gold items left unmatched (fn, or optional), then of predictions left unmatched (fp)."""
    rows: list[Row] = [(OPTIONAL if item.optional else FN, item.anchor, item.name if named else None, None, 1) for item in gold]
    return rows + [(FP, item.anchor, None, item.name if named else None, 1) for item in pred]


def _spans_share(gold: Sequence[tuple[int, int]], pred: Sequence[tuple[int, int]]) -> bool:
    """Whether any candidate spans share a character (half-open spans; touching ones share none)."""
    for g_start, g_end in gold:
        for p_start, p_end in pred:
            if g_start < g_end and p_start < p_end and p_start < g_end and g_start < p_end:  # min(ends) > max(starts)
                return True
    return False


def claim_part_outcomes(
    gold: Claim | None,
    located: tuple[PredictedClaim, tuple[tuple[int, int], ...]] | None,
    locator: Locator,
    config: ScoringConfig,
) -> dict[str, list[Outcome]]:
    """Per part, the outcomes of one gold claim against one located prediction, compared as in
    ``in_claims`` (and the credit of ``full``); a missing side makes every part of the other fn or fp."""
    rows = _compare_parts(_own_parts_gold(gold, config.optional == "optional"), _own_parts_pred(located, locator), config)
    return {part: as_outcomes(part_rows) for part, part_rows in zip(IN_CLAIMS_MODE, rows)}


class _PairParts:
    """The part outcomes of gold × predicted claim pairs of one document, each computed once (the
    credit of ``full`` and ``in_claims`` compare the same pairs), from each claim's items built once."""

    def __init__(
        self,
        gold: Sequence[Claim],
        located: Sequence[tuple[PredictedClaim, tuple[tuple[int, int], ...]]],
        locator: Locator,
        config: ScoringConfig,
        named: bool,
    ) -> None:
        honour_optional = config.optional == "optional"
        self.gold = [_own_parts_gold(claim, honour_optional) for claim in gold]
        self.pred = [_own_parts_pred(pair, locator) for pair in located]
        self.config, self.named = config, named
        self._pairs: dict[tuple[int, int], list[list[Row]]] = {}

    def __call__(self, g: int, p: int) -> list[list[Row]]:
        """Per part (in :data:`IN_CLAIMS_MODE` order), the ``in_claims`` outcomes of gold claim ``g``
        against prediction ``p``."""
        rows = self._pairs.get((g, p))
        if rows is None:
            rows = self._pairs[(g, p)] = _compare_parts(self.gold[g], self.pred[p], self.config, self.named)
        return rows


def _part_credit(located_pairs: np.ndarray, pair_parts: _PairParts) -> np.ndarray:
    """For every located gold × predicted pair, the F1 of their parts pooled over the four parts."""
    credit = np.zeros_like(located_pairs)
    gold, pred = np.nonzero(located_pairs)
    values = []
    for g, p in zip(gold.tolist(), pred.tolist()):
        # every in_claims row has credit 1: the pooled tp, fp and fn are counts of status codes
        codes = [row[0] for rows in pair_parts(g, p) for row in rows]
        values.append(f1(codes.count(TP), codes.count(FP), codes.count(FN)))
    credit[gold, pred] = values  # one scatter, not an item assignment per pair
    return credit


def score_document(
    text: str, gold_claims: Sequence[Claim], predicted: Sequence[PredictedClaim], config: ScoringConfig, named: bool = True
) -> DocumentScore:
    """Outcomes for every part and mode of one document (without ``named``: outcomes that only
    count, see :meth:`Outcomes.from_rows`)."""
    locator = Locator(text)
    gold = _gold_order(gold_claims)
    # each claim's key computed once; the index keeps equal (key, line) in input order, as a stable sort
    ordered = sorted((_claim_key(claim), claim.line, index) for index, claim in enumerate(predicted))
    unique: list[PredictedClaim] = []
    unique_keys: list[tuple[Any, ...]] = []
    duplicates: list[tuple[tuple[Any, ...], PredictedClaim]] = []
    seen: set[tuple[Any, ...]] = set()
    for key, _, index in ordered:
        if key in seen:
            duplicates.append((key, predicted[index]))
        else:
            seen.add(key)
            unique.append(predicted[index])
            unique_keys.append(key)

    located: list[tuple[PredictedClaim, tuple[tuple[int, int], ...]]] = []
    unlocated = []
    for claim in unique:
        spans = locate_part(locator, claim.text, claim.start, claim.end, ())
        located.append((claim, spans))
        if not spans:
            unlocated.append(claim.line)

    outcomes: dict[str, dict[str, list[Row]]] = {part: {} for part in PART_MODES}
    found: dict[str, list[str]] = {}
    honour_optional = config.optional == "optional"
    gold_items = [_span_item(c.start, c.end, (), (c.start, c.end), honour_optional and c.optional) for c in gold]
    pred_items = [_Item((spans,), (), key) for (_, spans), key in zip(located, unique_keys)]
    names = {"gold_names": [c.claim_id for c in gold], "pred_names": [f"line {c.line}" for c in unique]}
    # copies of a predicted claim are false positives in every claim mode, anchored where the claim is
    anchors = {item.key: item.anchor for item in pred_items}
    copies: list[Row] = [(FP, anchors[key], None, f"line {c.line}", 1) for key, c in duplicates]

    strict, overlap, token_iou, token_dice = _claim_weights(_word_bounds(text), gold_items, pred_items)
    weights = {"strict": (strict, None), "iou": (token_iou, None), "proportional": (None, token_dice), "overlap": (overlap, None)}
    iou = weights["iou"][0]
    iou[iou < config.iou_threshold - 1e-12] = 0.0
    pair_parts = _PairParts(gold, located, locator, config, named)
    weights["full"] = (None, _part_credit(iou, pair_parts))
    similarity = _text_similarity(gold, unique)
    similarity[similarity < config.text_threshold] = 0.0
    weights["text"] = (similarity, None)
    overlap_pairs: list[tuple[int, int]] = []
    matchings: dict[tuple[Any, ...], _Solved] = {}  # the document's solved matching problems
    for mode, (weight, credit) in weights.items():
        matrix = credit if weight is None else weight
        result, pairs = _outcomes(matrix, gold_items, pred_items, credit, **names, matchings=matchings, named=named)
        outcomes["claims"][mode] = result + copies
        found[mode] = sorted(gold[g].claim_id for g, _ in pairs)
        if mode == "overlap":
            overlap_pairs = pairs

    cluster_anchor: dict[str, int] = {}
    required_clusters = {c.cluster_id for c, item in zip(gold, gold_items) if not item.optional}
    for claim in gold:
        cluster_anchor[claim.cluster_id] = min(cluster_anchor.get(claim.cluster_id, claim.start), claim.start)
    hit_clusters = {gold[g].cluster_id for g, _ in overlap_pairs}
    matched_pred = {p for _, p in overlap_pairs}
    outcomes["claims"]["cluster"] = (
        [
            ((TP if cluster in hit_clusters else FN) if cluster in required_clusters else OPTIONAL, anchor, cluster, None, 1)
            for cluster, anchor in sorted(cluster_anchor.items())  # OPTIONAL: every mention optional
        ]
        + [(FP, item.anchor, None, names["pred_names"][p], 1) for p, item in enumerate(pred_items) if p not in matched_pred]
        + copies
    )

    value_pairs: dict[str, tuple[int, int]] = {}
    # in_claims: the part rows of the pairs matched in overlap mode, then the parts of the claims left unmatched
    overlap_rows = [pair_parts(g, p) for g, p in overlap_pairs]
    matched_gold = {g for g, _ in overlap_pairs}
    unmatched_gold = [parts for g, parts in enumerate(pair_parts.gold) if g not in matched_gold]
    unmatched_pred = [parts for p, parts in enumerate(pair_parts.pred) if p not in matched_pred]
    for position, part in enumerate(IN_CLAIMS_MODE):
        g_items = _union_gold(parts[position] for parts in pair_parts.gold)
        p_items = _union_pred(parts[position] for parts in pair_parts.pred)
        if g_items and p_items:
            part_weights = _part_weights(part, g_items, p_items, config)
            pairs_by_mode = {}
            for mode, weights in part_weights.items():
                outcomes[part][mode], pairs_by_mode[mode] = _outcomes(weights, g_items, p_items, matchings=matchings, named=named)
            if part in VALUE_PARTS:
                span_pairs = pairs_by_mode["overlap" if part == "quantities" else "relaxed"]
                value_pairs[part] = (sum(1 for g, p in span_pairs if part_weights["value"][g, p] > 0), len(span_pairs))
        else:  # a side without items: no pair in any mode, every item unmatched (one rows list, as a repeated problem gives)
            unmatched = _unmatched_rows(g_items, p_items, named)
            outcomes[part].update(dict.fromkeys(SPAN_PART_MODES[part], unmatched))
            if part in VALUE_PARTS:
                value_pairs[part] = (0, 0)
        if part in ("entities", "attributions"):
            index = 1 if part == "entities" else 0
            optional_names = set(_first_offsets([i for i in g_items if i.optional], index)) - set(
                _first_offsets([i for i in g_items if not i.optional], index)
            )
            outcomes[part]["canonical"] = _set_outcomes(
                _first_offsets(g_items, index), _first_offsets(p_items, index), optional_names
            )
        inner = [row for rows in overlap_rows for row in rows[position]]
        inner += _unmatched_rows(
            (item for parts in unmatched_gold for item in parts[position]), (item for parts in unmatched_pred for item in parts[position]), named
        )
        outcomes[part]["in_claims"] = inner

    # modes whose rows are one list (a repeated matching problem) share one stored Outcomes, which
    # nothing modifies (every rows list stays alive in ``outcomes``, so no two share an id)
    stored_by_rows: dict[int, Outcomes] = {}

    def stored(rows: list[Row]) -> Outcomes:
        if id(rows) not in stored_by_rows:
            stored_by_rows[id(rows)] = Outcomes.from_rows(rows, named)
        return stored_by_rows[id(rows)]

    return DocumentScore(
        outcomes={part: {mode: stored(rows) for mode, rows in modes.items()} for part, modes in outcomes.items()},
        found_claims=found, value_pairs=value_pairs, unlocated=unlocated,
        duplicates=sorted(c.line for _, c in duplicates),
    )  # fmt: skip


def group_predictions(predictions: Sequence[PredictedClaim]) -> dict[str, list[PredictedClaim]]:
    grouped: dict[str, list[PredictedClaim]] = defaultdict(list)
    for claim in predictions:
        grouped[claim.doc_id].append(claim)
    return grouped


def score_grouped_documents(
    corpus: Corpus, grouped: dict[str, list[PredictedClaim]], config: ScoringConfig, named: bool = True
) -> dict[str, DocumentScore]:
    """Per-document scores for every gold document (a document with no predictions scores 0 recall),
    from predictions grouped by doc_id (:func:`group_predictions`). It empties ``grouped`` as it goes: a caller that keeps no other reference to the predictions frees
    each document's once it is scored (a large submission then never lives beside all its scores)."""
    unknown = sorted(set(grouped) - {d.doc_id for d in corpus.documents})
    if unknown:
        raise ValueError(f"predictions for unknown doc_id {unknown[0]!r}")
    gold_by_doc: dict[str, list[Claim]] = defaultdict(list)
    for claim in corpus.claims:
        gold_by_doc[claim.doc_id].append(claim)
    return {
        document.doc_id: score_document(document.text, gold_by_doc[document.doc_id], grouped.pop(document.doc_id, []), config, named)
        for document in corpus.documents
    }
