"""The scorer's weight matrices equal their definitions computed pair by pair, and a document's
repeated matching problems are solved once with the same result."""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimbench.dataset.segment import word_tokens
from claimbench.scoring import modes
from claimbench.scoring.modes import _claim_weights, _Item, _outcomes, _span_weights, _text_similarity, _word_bounds

TEXT = "Putin lobt Kim. Moskau entsandte 10.000 Soldaten nach Kursk, laut KCNA."
WORDS = [(m.start(), m.end()) for m in re.finditer(r"\w+", TEXT)]


@st.composite
def item_lists(draw: st.DrawFn, min_spans: int, max_spans: int) -> list[_Item]:
    """Items with min_spans..max_spans candidate spans each (gold items have one; predictions may
    have none or several)."""
    out = []
    for index in range(draw(st.integers(0, 5))):
        spans = []
        for _ in range(draw(st.integers(min_spans, max_spans))):
            start = draw(st.integers(0, len(TEXT) - 1))
            spans.append((start, draw(st.integers(start, len(TEXT)))))
        out.append(_Item((tuple(spans),), (), (index,), optional=draw(st.booleans())))
    return out


def _best(gold: list[_Item], pred: list[_Item], score: Any) -> np.ndarray:
    """Each pair's best score over its candidate spans, one pair at a time (0 without candidates)."""
    return _best_in_slot(gold, pred, 0, score)


def _iou(g: tuple[int, int], p: tuple[int, int]) -> float:
    shared = max(0, min(g[1], p[1]) - max(g[0], p[0]))
    return shared / max(g[1] - g[0] + p[1] - p[0] - shared, 1) if shared else 0.0


def _words(span: tuple[int, int]) -> set[int]:
    """Indices of the word tokens a character span touches (shares a character with)."""
    return {i for i, (start, end) in enumerate(WORDS) if start < span[1] and span[0] < end}


@settings(max_examples=300, deadline=None)
@given(item_lists(1, 1), item_lists(0, 3))
def test_span_weights_are_the_best_candidate_of_each_pair(gold: list[_Item], pred: list[_Item]) -> None:
    exact, iou = _span_weights(gold, pred, 0, exact=True)
    assert np.array_equal(exact, _best(gold, pred, lambda g, p: float(g == p)))
    assert np.array_equal(iou, _best(gold, pred, _iou))
    assert np.array_equal(_span_weights(gold, pred, 0, exact=False), iou[None])


@settings(max_examples=300, deadline=None)
@given(st.one_of(item_lists(1, 1), item_lists(0, 2)), item_lists(0, 3))  # gold claims have one span; any count works
def test_claim_weights_are_span_weights_and_token_iou_and_dice_of_the_touched_words(gold: list[_Item], pred: list[_Item]) -> None:
    def iou(g: tuple[int, int], p: tuple[int, int]) -> float:
        a, b = _words(g), _words(p)
        return len(a & b) / len(a | b) if a & b else 0.0

    def dice(g: tuple[int, int], p: tuple[int, int]) -> float:
        a, b = _words(g), _words(p)
        return 2 * len(a & b) / (len(a) + len(b)) if a & b else 0.0

    words = (np.array([start for start, _ in WORDS]), np.array([end for _, end in WORDS]))
    strict, overlap, token_iou, token_dice = _claim_weights(words, gold, pred)
    assert np.array_equal(np.stack([strict, overlap]), _span_weights(gold, pred, 0, exact=True))
    assert np.array_equal(token_iou, _best(gold, pred, iou))
    assert np.array_equal(token_dice, _best(gold, pred, dice))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet=[chr(code) for code in range(128)]), st.text(alphabet="ab .1_äßΣ\U0001f600\ud800")))
def test_word_bounds_are_the_word_tokens(text: str) -> None:
    starts, ends = _word_bounds(text)
    assert list(zip(starts.tolist(), ends.tolist())) == word_tokens(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(), st.text(alphabet=[chr(code) for code in range(128)]), st.text(alphabet="ab .1_\x00ΣσςİK")), min_size=1))
def test_marked_tokens_are_the_lower_cased_regex_words_of_each_text(texts: list[str]) -> None:
    marked = modes._marked_tokens(texts)
    mark = marked[0]
    assert mark in ("\xff", "\x00")
    groups: list[list[str]] = []  # the tokens after each mark
    for token in marked:
        if token == mark:
            groups.append([])
        else:
            groups[-1].append(token)
    assert groups == [re.findall(r"\w+", text.lower()) for text in texts]


# ASCII phrases (split as bytes), and phrases with a NUL (the regex pass's mark between texts) or
# characters whose lower case depends on context (a final sigma) or is longer (the dotted I)
phrases = st.one_of(
    st.none(), st.text(alphabet="ab AB.1_-", max_size=12), st.text(alphabet="ab AB.1_ä-\x00ΣσςİK", max_size=12)
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(phrases, phrases), max_size=4), st.lists(st.tuples(phrases, phrases), max_size=4))
def test_text_similarity_is_the_best_dice_of_the_token_sets(gold: list[tuple[Any, Any]], pred: list[tuple[Any, Any]]) -> None:
    def tokens(text: str | None) -> set[str]:
        return set(re.findall(r"\w+", text.lower())) if text else set()

    def dice(a: str | None, b: str | None) -> float:
        x, y = tokens(a), tokens(b)
        return 2 * len(x & y) / (len(x) + len(y)) if x or y else 0.0

    gold_claims = [SimpleNamespace(text=text or "", normalized=normalized) for text, normalized in gold]
    pred_claims = [SimpleNamespace(text=text or "", normalized=normalized) for text, normalized in pred]
    expected = np.array(
        [[max(dice(p.text, g.normalized), dice(p.text, g.text), dice(p.normalized, g.normalized), dice(p.normalized, g.text))
          for p in pred_claims] for g in gold_claims]
    ).reshape(len(gold), len(pred))  # fmt: skip
    assert np.array_equal(_text_similarity(gold_claims, pred_claims), expected)  # type: ignore[arg-type]


def test_a_repeated_matching_problem_is_solved_once_with_the_same_outcome(monkeypatch: pytest.MonkeyPatch) -> None:
    gold = [_Item((((0, 5),),), (), (0,)), _Item((((6, 9),),), (), (6,), optional=True)]
    pred = [_Item((((0, 5),),), (), (0,)), _Item((((0, 4),),), (), (1,)), _Item((((6, 8),),), (), (2,))]
    weights = np.array([[1.0, 0.8, 0.0], [0.0, 0.0, 0.5]])
    alone = _outcomes(weights, gold, pred)
    solved: list[np.ndarray] = []
    match = modes.match
    monkeypatch.setattr(modes, "match", lambda w, **options: solved.append(w) or match(w, **options))
    memo: dict[tuple[Any, ...], modes._Solved] = {}
    first = _outcomes(weights, gold, pred, matchings=memo)
    again = _outcomes(weights.copy(), gold, pred, matchings=memo)
    as_credit = _outcomes(weights, gold, pred, credit=weights, matchings=memo)  # another objective: solved anew
    assert len(solved) == 2
    assert first == again == alone
    assert as_credit == _outcomes(weights, gold, pred, credit=weights)


@st.composite
def part_items(draw: st.DrawFn, part: str, gold: bool) -> list[_Item]:
    """Items of a part (gold: one span per slot; predicted: zero or more candidate spans per slot)
    with attributes drawn from small sets, so that they often agree."""
    value = st.sampled_from([None, 1.0, 1.0000000001, 2.0, 1e300])
    name = st.sampled_from(["PER", "ORG", None])
    out = []
    for index in range(draw(st.integers(0, 4))):
        slots = []
        for _ in range(2 if part == "attributions" else 1):
            spans = []
            for _ in range(1 if gold else draw(st.integers(0, 3))):
                start = draw(st.integers(0, 12))
                spans.append((start, start + draw(st.integers(0, 5))))
            slots.append(tuple(spans))
        if part == "quantities":
            attrs: tuple[Any, ...] = (draw(value), draw(value), draw(st.sampled_from(["x", "y"])), draw(st.sampled_from(["=", "~"])))
        else:
            attrs = (draw(name), draw(name))
        out.append(_Item(tuple(slots), attrs, (index,), optional=gold and draw(st.booleans())))
    return out


@st.composite
def part_cases(draw: st.DrawFn) -> tuple[str, list[_Item], list[_Item]]:
    part = draw(st.sampled_from(sorted(modes.SPAN_PART_MODES)))
    return part, draw(part_items(part, gold=True)), draw(part_items(part, gold=False))


@settings(max_examples=400, deadline=None)
@given(part_cases())
def test_part_weights_are_span_weights_kept_where_the_attributes_agree(case: tuple[str, list[_Item], list[_Item]]) -> None:
    part, gold, pred = case
    tolerance = modes.ScoringConfig().value_tolerance

    def exact(slot: int = 0) -> np.ndarray:
        return _best_in_slot(gold, pred, slot, lambda g, p: float(g == p))

    def overlap(slot: int = 0) -> np.ndarray:
        return _best_in_slot(gold, pred, slot, _iou)

    def kept(weights: np.ndarray, test: Any) -> np.ndarray:
        return np.array([[w if test(g.attrs, p.attrs) else 0.0 for w, p in zip(row, pred)] for row, g in zip(weights, gold)]).reshape(weights.shape)

    def same_value(g: tuple[Any, ...], p: tuple[Any, ...]) -> bool:
        return all(
            (a is None and b is None) or (a is not None and b is not None and abs(b - a) <= tolerance * max(1.0, abs(a)))
            for a, b in zip(g[:2], p[:2])
        )

    def same_type(g: tuple[Any, ...], p: tuple[Any, ...]) -> bool:
        return bool(g[0] == p[0])

    expected = {
        "entities": lambda: {"strict": kept(exact(), same_type), "exact": exact(), "type": kept(overlap(), same_type)},
        "quantities": lambda: {
            "strict": exact(), "overlap": overlap(), "value": kept(overlap(), same_value),
            "full": kept(overlap(), lambda g, p: same_value(g, p) and g[2:] == p[2:]),
        },
        "dates": lambda: {"strict": exact(), "relaxed": overlap(), "value": kept(overlap(), same_type)},
        "attributions": lambda: {
            "source": overlap(0), "cue": overlap(1),
            "full": np.where((overlap(0) > 0) & (overlap(1) > 0), (overlap(0) + overlap(1)) / 2, 0.0),
        },
    }[part]()  # fmt: skip
    weights = modes._part_weights(part, gold, pred, modes.ScoringConfig())
    assert list(weights) == list(modes.SPAN_PART_MODES[part])
    for mode, matrix in expected.items():
        assert weights[mode].dtype == matrix.dtype and np.array_equal(weights[mode], matrix), mode


def _best_in_slot(gold: list[_Item], pred: list[_Item], slot: int, score: Any) -> np.ndarray:
    """Each pair's best score over its candidate spans in one slot (0 without candidates)."""
    return np.array(
        [[max((score(g, p) for g in gi.slots[slot] for p in pi.slots[slot]), default=0.0) for pi in pred] for gi in gold]
    ).reshape(len(gold), len(pred))
