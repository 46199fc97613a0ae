"""The scorer's fast paths give exactly what the reference paths give, on random inputs."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from conftest import ROOT, typed_fields
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from claimbench.bench.speed import synthetic
from claimbench.dataset import segment
from claimbench.dataset.gold import load_gold
from claimbench.files import json_chunks, submission_lines, write_json
from claimbench.scoring.locate import Locator
from claimbench.scoring.matching import _components
from claimbench.scoring.metrics import Counts
from claimbench.scoring.modes import (
    _GOLD_ITEMS,
    _PRED_ITEMS,
    IN_CLAIMS_MODE,
    STATUSES,
    Outcome,
    Outcomes,
    ScoringConfig,
    _gold_content,
    _gold_order,
    _gold_parts,
    _in_claims_one_to_one,
    _Item,
    _outcomes,
    _own_parts_gold,
    _own_parts_pred,
    _PairParts,
    _part_weights,
    _pred_item,
    _pred_parts,
    _span_item,
    _union_gold,
    _union_pred,
    as_outcomes,
    group_predictions,
    locate_part,
    score_document,
    unit_rows,
)
from claimbench.scoring.report import _number, _rows, json_default, score, score_grouped
from claimbench.scoring.statistics import bootstrap_totals, whole
from claimbench.scoring.submission import ParseState, _decode_fast, _decode_slow, parse_submission, predictions_from_corpus

PARTS = tuple(IN_CLAIMS_MODE)


@st.composite
def spans(draw: st.DrawFn, count: st.SearchStrategy[int]) -> tuple[tuple[int, int], ...]:
    out = []
    for _ in range(draw(count)):
        start = draw(st.integers(0, 12))
        out.append((start, start + draw(st.integers(0, 5))))
    return tuple(out)


@st.composite
def items(draw: st.DrawFn, part: str, gold: bool) -> list[_Item]:
    """At most one item (gold: one span per slot; predicted: zero or more candidate spans)."""
    if not draw(st.booleans()):
        return []
    count = st.just(1) if gold else st.integers(0, 2)
    slots = tuple(draw(spans(count)) for _ in range(2 if part == "attributions" else 1))
    value = st.sampled_from([None, 1.0, 1.0000000001, 2.0])
    attrs = (draw(value), draw(value), "x", "=") if part == "quantities" else (draw(st.sampled_from(["PER", "ORG", None])),)
    return [_Item(slots, attrs, (repr(slots), repr(attrs)), optional=gold and draw(st.booleans()))]


@st.composite
def comparisons(draw: st.DrawFn) -> tuple[str, list[_Item], list[_Item]]:
    part = draw(st.sampled_from(PARTS))
    return part, draw(items(part, gold=True)), draw(items(part, gold=False))


@settings(max_examples=400, deadline=None)
@given(comparisons())
def test_one_to_one_in_claims_equals_the_matrix_path(case: tuple[str, list[_Item], list[_Item]]) -> None:
    part, gold, pred = case
    config = ScoringConfig()
    for named in (True, False):  # without names, the same rows with None for every name
        reference = _outcomes(_part_weights(part, gold, pred, config)[IN_CLAIMS_MODE[part]], gold, pred, named=named)[0]
        assert _in_claims_one_to_one(part, gold, pred, config, named) == reference


def test_claim_items_are_in_the_order_of_the_in_claims_parts() -> None:
    assert tuple(_GOLD_ITEMS) == tuple(_PRED_ITEMS) == PARTS


def test_one_span_items_equal_those_of_the_constructor() -> None:
    for optional in (False, True):
        assert _span_item(3, 7, ("PER", "x"), (3, 7), optional) == _Item((((3, 7),),), ("PER", "x"), (3, 7), optional)


@given(st.lists(spans(st.integers(0, 2)), min_size=1, max_size=2), st.tuples(st.sampled_from([None, "PER", 1.5])))
def test_predicted_items_equal_those_of_the_constructor(slots: list[tuple[tuple[int, int], ...]], attrs: tuple[Any, ...]) -> None:
    item, reference = _pred_item(tuple(slots), attrs), _Item(tuple(slots), attrs, (repr(tuple(slots)), repr(attrs)))
    assert item == reference and item.anchor == reference.anchor == min((span[0] for slot in slots for span in slot), default=0)


def test_larger_comparisons_take_the_matrix_path() -> None:
    two = [_Item((((0, 3),),), ("PER",), (0,)), _Item((((4, 6),),), ("PER",), (4,))]
    assert _in_claims_one_to_one("entities", two, two[:1], ScoringConfig(), True) is None


outcomes = st.lists(
    st.builds(
        Outcome,
        status=st.sampled_from(["tp", "fp", "fn", "optional"]),
        anchor=st.integers(0, 60),
        gold=st.sampled_from([None, "c1", "3-7"]),
        pred=st.sampled_from([None, "line 2", "3-7"]),
        credit=st.one_of(st.just(1), st.floats(0, 1)),
    ),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(outcomes, st.lists(st.integers(1, 59), max_size=5, unique=True))
def test_columnar_outcomes_read_back_and_count_per_unit_as_one_at_a_time(items: list[Outcome], starts: list[int]) -> None:
    unit_starts = [0, *sorted(starts)]
    stored = Outcomes(items)
    assert list(stored) == items and len(stored) == len(items)
    assert [type(o.credit) for o in stored] == [type(o.credit) for o in items]
    expected = np.zeros((len(unit_starts), 3))
    for outcome in items:  # the former loop of DocumentScore.unit_counts
        unit = max(int(np.searchsorted(np.asarray(unit_starts), outcome.anchor, side="right")) - 1, 0)
        counts = outcome.counts
        expected[unit] += (counts.tp, counts.fp, counts.fn)
    assert np.array_equal(unit_rows([stored], [unit_starts]), expected)
    rows = [(STATUSES.index(o.status), o.anchor, o.gold, o.pred, o.credit) for o in items]
    assert list(Outcomes.from_rows(rows)) == items
    former = _former_total(items)
    for counted in (stored.total(), Outcomes.from_rows(rows).total()):
        assert (counted.tp, counted.fp, counted.fn) == (former.tp, former.fp, former.fn)
        assert [type(v) for v in (counted.tp, counted.fp, counted.fn)] == [type(v) for v in (former.tp, former.fp, former.fn)]


def _former_total(outcomes: list[Outcome]) -> Counts:
    """The former count of a list of outcome objects, one generator per field."""
    tp = sum(o.credit for o in outcomes if o.status == "tp")
    n_tp = sum(1 for o in outcomes if o.status == "tp")
    partial = max(n_tp - tp, 0)
    fp = sum(1 for o in outcomes if o.status == "fp") + partial
    fn = sum(1 for o in outcomes if o.status == "fn") + partial
    return Counts(tp=tp, fp=fp, fn=fn)


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 40), st.integers(1, 30), st.integers(0, 2**32 - 1))
def test_resampling_plan_equals_one_draw_at_a_time(n_units: int, resamples: int, seed: int) -> None:
    counts = np.random.default_rng(seed).integers(0, 4, size=(n_units, 3)).astype(float)
    draws = np.random.default_rng(seed).integers(0, n_units, size=(resamples, n_units))
    plan = np.zeros((resamples, n_units))
    np.add.at(plan, (np.arange(resamples)[:, None], draws), 1)  # the former plan
    assert np.array_equal(bootstrap_totals(counts, resamples, seed), plan @ whole(counts))
    assert np.array_equal(bootstrap_totals(counts.copy(), resamples, seed, overwrite=True), plan @ whole(counts))


def _reference_ends_sentence(text: str, paragraph_start: int, boundary: re.Match[str]) -> bool:
    """The former check: the word before the boundary found by a search from the paragraph start."""
    if not boundary.group().startswith("."):
        return True
    word = re.search(r"[\w.]+$", text[paragraph_start : boundary.start()])
    if word is None:
        return True
    before = word.group().lower()
    if before.isdigit() and len(before) <= 2:
        return False
    return before not in segment._ABBREVIATIONS and not (len(before) == 1 and before.isalpha())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*"ab Z1.2_é…!? \"„z", "bzw", "Dr", "25", "u.a", "\n"]), max_size=40).map("".join))
def test_sentence_ends_equal_the_search_from_the_paragraph_start(text: str) -> None:
    for start, end in segment.paragraphs(text):
        for boundary in segment._BOUNDARY.finditer(text, start, end):
            assert segment._ends_sentence(text, start, boundary) == _reference_ends_sentence(text, start, boundary)


json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=8)
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.lists(children, max_size=4).map(tuple),
        st.lists(st.lists(st.integers(-5, 2**64), min_size=1, max_size=3), max_size=4),  # count matrices
        st.lists(st.lists(st.integers(0, 9), min_size=3, max_size=3), max_size=4),
        st.dictionaries(st.text(max_size=6), children, max_size=4),
        st.dictionaries(st.integers(-3, 3), children, max_size=3),
    ),
    max_leaves=30,
)


@settings(max_examples=500, deadline=None)
@given(json_values)
def test_json_chunks_equal_the_standard_encoder(value: object) -> None:
    assert "".join(json_chunks(value)) == json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)


def test_json_chunks_convert_other_objects_as_the_standard_encoder_does() -> None:
    payload = {"b": np.arange(6).reshape(2, 3), "a": [np.float64(0.25), {"c": np.zeros((1, 3))}]}

    def default(value: object) -> object:
        return value.tolist() if isinstance(value, np.ndarray) else None

    assert "".join(json_chunks(payload, default)) == json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True, default=default)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(outcomes, st.lists(st.integers(1, 59), max_size=5, unique=True)), max_size=4))
def test_unit_rows_of_several_documents_stack_those_of_each(documents: list[tuple[list[Outcome], list[int]]]) -> None:
    stored = [Outcomes(items) for items, _ in documents]
    starts = [[0, *sorted(unit_starts)] for _, unit_starts in documents]
    each = [unit_rows([one], [one_starts]) for one, one_starts in zip(stored, starts)]
    assert np.array_equal(unit_rows(stored, starts), np.concatenate(each) if each else np.zeros((0, 3)))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(*[st.one_of(st.integers(0, 40), st.floats(0, 40)) for _ in range(3)]), max_size=6))
def test_count_rows_convert_as_one_number_at_a_time(rows: list[tuple[float, float, float]]) -> None:
    matrix = np.array(rows, dtype=np.float64).reshape(len(rows), 3)
    converted = _rows(matrix)
    expected = [[_number(v) for v in row] for row in matrix.tolist()]
    assert converted == expected
    assert [[type(v) for v in row] for row in converted] == [[type(v) for v in row] for row in expected]


def test_document_items_are_the_union_of_the_claims_items() -> None:
    """On the gold and the committed baselines (optional items, parts without offsets): the items a
    document scores are those built from all its claims at once."""
    corpus = load_gold()
    texts = {d.doc_id: d.text for d in corpus.documents}
    submissions = [predictions_from_corpus(corpus)]
    paths = sorted(ROOT.glob("baselines/*/predictions.jsonl"))
    assert len(paths) >= 7, paths  # an empty glob would check nothing
    for path in paths:
        submissions.append(parse_submission(str(path), submission_lines(path), texts)[0])
    for predictions in submissions:
        grouped = group_predictions(predictions)
        for document in corpus.documents:
            locator = Locator(document.text)
            gold = _gold_order([c for c in corpus.claims if c.doc_id == document.doc_id])
            assert gold == sorted(gold, key=_gold_content)
            located = [(c, locate_part(locator, c.text, c.start, c.end, ())) for c in grouped.get(document.doc_id, [])]
            for part in PARTS:
                for optional in (True, False):
                    union = _union_gold(_gold_parts([claim], part, optional) for claim in gold)
                    assert union == _gold_parts(gold, part, optional)
                    assert [i.optional for i in union] == [i.optional for i in _gold_parts(gold, part, optional)]
                assert _union_pred(_pred_parts([pair], part, locator) for pair in located) == _pred_parts(located, part, locator)


_DEFINED_ATTRS = {
    "entities": lambda p: (p.type, p.canonical),
    "quantities": lambda p: (p.value, p.value_max, p.unit, p.qualifier),
    "dates": lambda p: (p.value, p.type, p.mod),
}


def _defined_gold_item(part: str, p: Any, optional: bool) -> _Item:
    """The item of one gold part, by its definition (the constructor, keys of spans and attributes)."""
    if part == "attributions":
        source, cue = (p.source_start, p.source_end), (p.cue_start, p.cue_end)
        return _Item(((source,), (cue,)), (p.source_canonical,), (*source, *cue, str(p.source_canonical)), optional)
    attrs = _DEFINED_ATTRS[part](p)
    key = (p.start, p.end, *attrs) if part == "entities" else (p.start, p.end, *map(str, attrs)) if part == "quantities" else (p.start, p.end, p.value, p.type, str(p.mod))
    return _Item((((p.start, p.end),),), attrs, key, optional)


def _defined_pred_item(part: str, p: Any, claim_spans: tuple[tuple[int, int], ...], locator: Locator) -> _Item:
    """The item of one predicted part, by its definition: located in its claim's spans, keyed by the
    repr of its spans and attributes."""
    if part == "attributions":
        source = locate_part(locator, p.source_text, p.source_start, p.source_end, claim_spans)
        slots: tuple[Any, ...] = (source, locate_part(locator, p.cue_text, p.cue_start, p.cue_end, claim_spans))
        attrs: tuple[Any, ...] = (p.source_canonical,)
    else:
        slots = (locate_part(locator, p.text, p.start, p.end, claim_spans),)
        attrs = _DEFINED_ATTRS[part](p)
    return _Item(slots, attrs, (repr(slots), repr(attrs)))


def test_claims_items_are_those_of_the_definition() -> None:
    """On the gold, the committed baselines (parts without offsets) and synthetic data: each claim's
    items per part are the set of the items of its parts built by their definition."""
    corpus = load_gold()
    synthetic_corpus, lines = synthetic(3, 8, 0)
    cases = [(corpus, [predictions_from_corpus(corpus)]), (synthetic_corpus, [])]
    texts = {d.doc_id: d.text for d in synthetic_corpus.documents}
    cases[1][1].append(parse_submission("synthetic", iter(lines), texts)[0])
    for path in sorted(ROOT.glob("baselines/*/predictions.jsonl")):
        cases[0][1].append(parse_submission(str(path), submission_lines(path), {d.doc_id: d.text for d in corpus.documents})[0])
    assert len(cases[0][1]) >= 8
    for gold, submissions in cases:
        for document in gold.documents:
            locator = Locator(document.text)
            claims = [c for c in gold.claims if c.doc_id == document.doc_id]
            for optional in (True, False):
                for claim in claims:
                    own = _own_parts_gold(claim, optional)
                    for part, items in zip(PARTS, own, strict=True):
                        defined = _union_gold([[_defined_gold_item(part, p, optional and (p.optional or claim.optional)) for p in getattr(claim, part)]])
                        assert items == defined and [i.optional for i in items] == [i.optional for i in defined]
            for predictions in submissions:
                for claim in group_predictions(predictions).get(document.doc_id, []):
                    spans = locate_part(locator, claim.text, claim.start, claim.end, ())
                    own = _own_parts_pred((claim, spans), locator)
                    for part, items in zip(PARTS, own, strict=True):
                        assert items == _union_pred([[_defined_pred_item(part, p, spans, locator) for p in getattr(claim, part)]])


def test_parts_with_a_side_without_items_score_as_the_matrix_path() -> None:
    """A part without gold items or without predicted ones skips the weights and the matching: its
    outcomes are those of the zero weights matched (every item unmatched)."""
    corpus, lines = synthetic(2, 6, 0)
    texts = {d.doc_id: d.text for d in corpus.documents}
    grouped = group_predictions(parse_submission("synthetic", iter(lines), texts)[0])
    config = ScoringConfig()
    for document in corpus.documents:
        gold = [replace(c, entities=(), dates=()) for c in corpus.claims if c.doc_id == document.doc_id]
        predicted = [replace(c, quantities=(), dates=()) for c in grouped[document.doc_id]]
        score = score_document(document.text, gold, predicted, config)
        locator = Locator(document.text)
        located = [(c, locate_part(locator, c.text, c.start, c.end, ())) for c in predicted]
        parts = _PairParts(_gold_order(gold), located, locator, config, True)
        for position, part in enumerate(("entities", "quantities", "dates")):
            g_items = _union_gold(own[position] for own in parts.gold)
            p_items = _union_pred(own[position] for own in parts.pred)
            # entities: predictions only; quantities: gold only; dates: neither
            assert (bool(g_items), bool(p_items)) == {"entities": (False, True), "quantities": (True, False), "dates": (False, False)}[part]
            for mode, weights in _part_weights(part, g_items, p_items, config).items():
                assert score.outcomes[part][mode] == as_outcomes(_outcomes(weights, g_items, p_items)[0]), (part, mode)
        assert score.value_pairs == {"quantities": (0, 0), "dates": (0, 0)}


def test_lazy_unit_rows_write_the_same_report(tmp_path: Path) -> None:
    corpus = load_gold()
    path = ROOT / "baselines" / "rules" / "predictions.jsonl"
    predictions, warnings = parse_submission(str(path), submission_lines(path), {d.doc_id: d.text for d in corpus.documents})
    report = score(corpus, predictions, resamples=50, warnings=warnings)
    write_json(tmp_path / "eager.json", report.to_dict())
    write_json(tmp_path / "lazy.json", report.to_dict(lazy_unit_rows=True), default=json_default)
    assert (tmp_path / "lazy.json").read_bytes() == (tmp_path / "eager.json").read_bytes()



@pytest.mark.parametrize("optional", ["optional", "required"])
def test_grouped_scoring_without_names_gives_the_same_report(optional: str) -> None:
    """What ``claimbench score`` runs (grouped predictions freed as scored, outcomes that only
    count) gives the report of ``score``, on every committed baseline and the synthetic benchmark."""
    corpus = load_gold()
    texts = {d.doc_id: d.text for d in corpus.documents}
    cases = []
    for path in sorted(ROOT.glob("baselines/*/predictions.jsonl")):
        cases.append((corpus, *parse_submission(str(path), submission_lines(path), texts)))
    synthetic_gold, lines = synthetic(12, 8, seed=3)
    cases.append((synthetic_gold, *parse_submission("synthetic", lines, {d.doc_id: d.text for d in synthetic_gold.documents})))
    config = ScoringConfig(optional=optional)
    for gold, predictions, warnings in cases:
        full = score(gold, predictions, config, resamples=30, warnings=warnings, unit="sentence")
        grouped = group_predictions(predictions)
        compact = score_grouped(gold, grouped, config, resamples=30, warnings=warnings, unit="sentence", named=False)
        assert not grouped  # each document's predictions were released once scored
        assert compact.to_dict() == full.to_dict()
    with pytest.raises(ValueError, match="without names"):
        next(iter(compact.documents.values())).outcomes["claims"]["strict"][0]



def test_fast_decoder_with_shared_values_equals_the_checked_json_path() -> None:
    """msgspec records with equal strings and ints shared give, field for field and type for type,
    the claims json and the hand-written checks give (every committed baseline, a synthetic file)."""
    lines = [line for path in sorted(ROOT.glob("baselines/*/predictions.jsonl")) for line in submission_lines(path)]
    lines += synthetic(5, 10, seed=2)[1]
    state, shared = ParseState(path="lines", warnings=[]), {}
    decoded = 0
    for number, line in enumerate(lines, start=1):
        fast = _decode_fast(line.rstrip("\n"), number, shared)
        if fast is not None:
            decoded += 1
            assert typed_fields(fast) == typed_fields(_decode_slow(state, number, line.rstrip("\n")))
    assert decoded > len(lines) // 2


def _components_by_union_find(eligible: np.ndarray) -> list[tuple[list[int], list[int]]]:
    """The former component search: union-find over rows, then columns, grouped by first node."""
    n_rows = eligible.shape[0]
    parent = list(range(n_rows + eligible.shape[1]))

    def root(node: int) -> int:
        while parent[node] != node:
            node = parent[node]
        return node

    for r, c in zip(*np.nonzero(eligible)):
        parent[root(int(r))] = root(n_rows + int(c))
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for node in range(len(parent)):
        rows, cols = groups.setdefault(root(node), ([], []))
        (rows if node < n_rows else cols).append(node if node < n_rows else node - n_rows)
    return [group for group in groups.values() if group[0] and group[1]]


@settings(max_examples=300, deadline=None)
@given(st.tuples(st.integers(0, 12), st.integers(0, 12)).flatmap(lambda shape: arrays(np.bool_, shape)))
def test_components_equal_union_find(eligible: np.ndarray) -> None:
    assert _components(eligible) == _components_by_union_find(eligible)
