"""The trained spaCy baseline: a pipeline trained from ``spacy.blank("de")`` on the benchmark's gold.

``fit`` trains a fresh pipeline from ``spacy_config.cfg`` in memory (seeded, CPU): a shared CNN
tok2vec, ``ner`` for entity types plus QUANTITY and DATE, a ``claims`` spancat that scores sentence
and clause candidates, and an ``attribution`` spancat for SOURCE and CUE spans. The runner fits it
once per held-out article (leave-one-article-out), so no article is predicted by a model that saw
its gold. It trains and predicts sentence by sentence, on the scorer's sentences
(:func:`claimbench.dataset.segment.sentences`), so no candidate crosses a resampling unit.

Training is not reproducible across machines: the BLAS kernels a CPU selects (thread count, SIMD
width) change float summation order, and twelve epochs amplify the last bits into different
models. So the five trained fold pipelines are stored (``claimbench train spacy`` writes them to
``baselines/spacy/model/`` with a manifest naming each fold's training articles and gold hash) and
the baseline only predicts with them; prediction routes every matrix product through numpy (not
blis), so the kernel-independence of the predictions can be checked with ``OPENBLAS_CORETYPE``.
Quantity and date spans are normalised by the rule functions of
:mod:`claimbench.extractors.german`; canonical names are the ones the training gold gives a surface
form most often, else the surface form.

When a pretrained German pipeline (``de_core_news_lg/md/sm``) is installed, it complements the
trained components: its NER adds entities the trained ``ner`` missed, and its dependency parse
finds the source of a predicted cue that has no predicted source nearby. Nothing is downloaded.
"""

from __future__ import annotations

import json
import random
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy
import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import compile_infix_regex, filter_spans, fix_random_seed, load_model_from_config, registry
from thinc.api import Config, Ops, get_current_ops, use_ops
from thinc.types import Ragged

from claimbench.dataset import segment
from claimbench.dataset.gold import corpus_fingerprint
from claimbench.dataset.model import Claim, Corpus
from claimbench.extractors.base import Extractor, ExtractorError, ExtractorInput
from claimbench.extractors.german import parse_quantity, resolve_date
from claimbench.scoring.submission import (
    PredictedAttribution,
    PredictedClaim,
    PredictedDate,
    PredictedEntity,
    PredictedQuantity,
)

CONFIG_PATH = Path(__file__).with_name("spacy_config.cfg")
FOLDS_MANIFEST = "folds.json"
PRETRAINED_PACKAGES = ("de_core_news_lg", "de_core_news_md", "de_core_news_sm")  # preferred first
CLAIMS_KEY = "claims"
ATTRIBUTION_KEY = "attribution"
CLAIM_LABEL = "CLAIM"
QUANTITY_LABEL = "QUANTITY"
DATE_LABEL = "DATE"
SOURCE_LABEL = "SOURCE"
CUE_LABEL = "CUE"

SENTENCE_FINAL = frozenset({".", "!", "?", "…"})
QUOTES = frozenset({"„", "“", "”", '"', "»", "«", "‚", "‘", "’", "'"})
CLAUSE_PUNCTUATION = frozenset({",", ";", ":", "–", "—", "(", ")", "+"})
# coordinating and subordinating conjunctions that open a clause (general German grammar)
CLAUSE_WORDS = frozenset(
    {"und", "oder", "sowie", "aber", "sondern", "denn", "dass", "weil", "wonach", "ob", "damit", "um",
     "während", "nachdem", "als", "wenn", "obwohl"}
)  # fmt: skip
# de_core_news NER (WikiNER: PER, LOC, ORG, MISC) to the guideline's types; its LOC is mostly
# countries and cities in news, which the guideline types GPE
PRETRAINED_ENTITY_TYPES = {"PER": "PER", "ORG": "ORG", "LOC": "GPE", "MISC": "MISC"}
# TIGER dependency labels that lead from a cue to its source: subject of a reporting verb (sb),
# noun of "laut"/"zufolge"/"nach" (nk), genitive or prepositional attribute of "Angaben" (ag, pg)
SOURCE_DEPENDENCIES = frozenset({"sb", "nk", "ag", "pg"})
SOURCE_POS = frozenset({"NOUN", "PROPN", "PRON"})

CharSpan = tuple[int, int]
LabelledSpan = tuple[int, int, str]


@registry.tokenizers("claimbench.german_tokenizer.v1")
def create_german_tokenizer() -> Callable[[Language], Tokenizer]:
    """spaCy's German tokenizer that also splits a hyphen between letters, so that names inside
    compounds ("NATO-Generalsekretär", "WZIOM-Leiter") are tokens of their own."""
    default_factory = registry.tokenizers.get("spacy.Tokenizer.v1")()

    def create(nlp: Language) -> Tokenizer:
        tokenizer = default_factory(nlp)
        infixes = [*(nlp.Defaults.infixes or ()), r"(?<=\w)-(?=\w)"]
        tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
        return tokenizer

    return create


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges ``[start, end)`` of the scorer's sentences (:func:`claimbench.dataset.segment.sentences`)
    in ``doc``: from the token holding a sentence's first character to the last token starting
    before its end (sentences meet at whitespace, where spaCy splits tokens too)."""
    token_starts = [token.idx for token in doc]
    return [(bisect_right(token_starts, start) - 1, bisect_left(token_starts, end)) for start, end in segment.sentences(doc.text)]


def clause_candidates(doc: Doc, max_leading_skip: int, max_clauses: int) -> list[tuple[int, int]]:
    """Candidate claim spans (token ranges): runs of up to ``max_clauses`` consecutive clauses of
    a sentence, without sentence-final punctuation; each start is also shifted by up to
    ``max_leading_skip`` tokens so that a leading conjunction, adverb or short frame can be left
    out. At most (max_leading_skip + 1) * max_clauses candidates per clause start: linear in length.
    """
    words = [token.text for token in doc]
    # a hyphen with a space before it is a dash ("A - B"), not part of a compound
    boundaries = [
        word in CLAUSE_PUNCTUATION or (word == "-" and index > 0 and bool(doc[index - 1].whitespace_))
        for index, word in enumerate(words)
    ]
    # a claim starts at a word or an opening quote, never at other punctuation or whitespace
    startable = [word in QUOTES or any(character.isalnum() for character in word) for word in words]
    candidates: set[tuple[int, int]] = set()
    for sentence_start, sentence_end in sentence_bounds(doc):
        end = sentence_end
        while end > sentence_start and (words[end - 1] in SENTENCE_FINAL or words[end - 1].isspace()):
            end -= 1
        clause_starts = {sentence_start}
        clause_ends = {end}
        for index in range(sentence_start, end):
            if boundaries[index]:
                clause_starts.add(index + 1)
                clause_ends.add(index)
            elif words[index].lower() in CLAUSE_WORDS:
                clause_starts.update((index, index + 1))  # with and without the conjunction
                clause_ends.add(index)
        ends = sorted(clause_ends)
        for clause_start in sorted(clause_starts):
            for start in range(clause_start, min(clause_start + max_leading_skip + 1, end)):
                if startable[start]:
                    candidates.update((start, candidate_end) for candidate_end in [e for e in ends if e > start][:max_clauses])
    return sorted(candidates)


@registry.misc("claimbench.clause_suggester.v1")
def create_clause_suggester(
    max_leading_skip: int, max_clauses: int = 6
) -> Callable[[Iterable[Doc], Ops | None], Ragged]:
    """spancat suggester over :func:`clause_candidates`."""

    def suggest(docs: Iterable[Doc], ops: Ops | None = None) -> Ragged:
        ops = ops or get_current_ops()
        rows: list[tuple[int, int]] = []
        lengths: list[int] = []
        for doc in docs:
            candidates = clause_candidates(doc, max_leading_skip, max_clauses)
            rows.extend(candidates)
            lengths.append(len(candidates))
        indices = ops.asarray2i(rows) if rows else ops.xp.zeros((0, 0), dtype="i")
        return Ragged(indices, ops.asarray1i(lengths))

    return suggest


@dataclass(frozen=True)
class GoldSpans:
    """The character spans a document's gold claims annotate, by what they teach."""

    claims: frozenset[LabelledSpan]
    parts: frozenset[LabelledSpan]  # entity types, QUANTITY, DATE
    attribution: frozenset[LabelledSpan]  # SOURCE, CUE

    @classmethod
    def of(cls, claims: Iterable[Claim]) -> GoldSpans:
        claim_spans: set[LabelledSpan] = set()
        parts: set[LabelledSpan] = set()
        attribution: set[LabelledSpan] = set()
        for claim in claims:
            claim_spans.add((claim.start, claim.end, CLAIM_LABEL))
            parts.update((entity.start, entity.end, entity.type) for entity in claim.entities)
            parts.update((quantity.start, quantity.end, QUANTITY_LABEL) for quantity in claim.quantities)
            parts.update((date.start, date.end, DATE_LABEL) for date in claim.dates)
            for source in claim.attributions:
                attribution.add((source.source_start, source.source_end, SOURCE_LABEL))
                attribution.add((source.cue_start, source.cue_end, CUE_LABEL))
        return cls(frozenset(claim_spans), frozenset(parts), frozenset(attribution))


def _token_spans(doc: Doc, spans: Iterable[LabelledSpan], offset: int) -> list[Span]:
    """Gold character spans inside ``doc`` (which starts at ``offset``) as token spans; a span whose
    edges fall inside a token cannot be learnt by token-based components and is left out."""
    aligned = []
    for start, end, label in sorted(spans):
        if offset <= start and end <= offset + len(doc.text):
            span = doc.char_span(start - offset, end - offset, label=label)
            if span is not None:
                aligned.append(span)
    return aligned


def sentence_example(nlp: Language, text: str, offset: int, gold: GoldSpans) -> Example:
    """One training example: a sentence with the gold spans inside it. Entities are annotated only
    inside claim spans (the guideline annotates no others), so NER labels elsewhere are missing,
    not "outside"."""
    reference = nlp.make_doc(text)
    claims = _token_spans(reference, gold.claims, offset)
    parts = filter_spans(_token_spans(reference, gold.parts, offset))
    in_parts = {index for part in parts for index in range(part.start, part.end)}
    outside = sorted({index for claim in claims for index in range(claim.start, claim.end)} - in_parts)
    reference.set_ents(parts, outside=[reference[index : index + 1] for index in outside], default="missing")
    reference.spans[CLAIMS_KEY] = claims
    reference.spans[ATTRIBUTION_KEY] = _token_spans(reference, gold.attribution, offset)
    return Example(nlp.make_doc(text), reference)


def training_examples(nlp: Language, corpus: Corpus) -> list[Example]:
    """Sentence-level examples of every document of ``corpus``, in document order."""
    claims_by_document: dict[str, list[Claim]] = defaultdict(list)
    for claim in corpus.claims:
        claims_by_document[claim.doc_id].append(claim)
    examples = []
    for document in corpus.documents:
        gold = GoldSpans.of(claims_by_document[document.doc_id])
        for start, end in segment.sentences(document.text):
            examples.append(sentence_example(nlp, document.text[start:end], start, gold))
    return examples


def load_training_config(overrides: Mapping[str, Any] | None = None) -> Config:
    """The checked-in config with dotted-path overrides (e.g. ``{"training.max_epochs": 2}``)."""
    return spacy.util.load_config(CONFIG_PATH, overrides=dict(overrides or {}), interpolate=False)


def train_pipeline(config: Config, corpus: Corpus) -> Language:
    """A pipeline trained from scratch on ``corpus``: exactly ``training.max_epochs`` seeded passes."""
    settings = config.interpolate()["training"]
    seed = settings["seed"]
    fix_random_seed(seed)
    nlp = load_model_from_config(config, auto_fill=True, validate=True)
    examples = training_examples(nlp, corpus)
    optimizer = nlp.initialize(lambda: examples)
    batcher = registry.resolve({"batcher": settings["batcher"]})["batcher"]
    shuffler = random.Random(seed)
    for _ in range(settings["max_epochs"]):
        order = list(examples)
        shuffler.shuffle(order)
        for batch in batcher(order):
            nlp.update(batch, drop=settings["dropout"], sgd=optimizer)
    return nlp


def save_folds(folder: Path, corpus: Corpus, config: Config, on_fold: Callable[[str], None] = lambda doc_id: None) -> None:
    """Train one pipeline per held-out article and store it with a manifest (``folds.json``)
    naming its training articles and the hash of their gold, so a stale fold is never used."""
    from claimbench.extractors.runner import held_out  # the runner imports the extractors package

    folder.mkdir(parents=True, exist_ok=True)
    folds = {}
    for document in corpus.documents:
        training = held_out(corpus, document.doc_id)
        train_pipeline(config, training).to_disk(folder / document.doc_id)
        folds[document.doc_id] = {
            "training_docs": sorted(d.doc_id for d in training.documents),
            "training_sha256": corpus_fingerprint(training),
        }
        on_fold(document.doc_id)
    manifest = {
        "config": config.to_str(),
        "dataset_version": corpus.version,
        "folds": folds,
        "spacy": spacy.__version__,
    }
    (folder / FOLDS_MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def load_fold(folder: Path, training: Corpus) -> Language:
    """The stored pipeline trained on exactly ``training``; a one-line error when there is none."""
    try:
        manifest = json.loads((folder / FOLDS_MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise ExtractorError(
            f"spacy: {folder}: no stored folds ({FOLDS_MANIFEST} missing); run 'claimbench train spacy' in a clone, "
            "or pass --retrain to train in memory (retrained models differ by CPU)"
        ) from None
    docs = sorted(d.doc_id for d in training.documents)
    fold = next((name for name, entry in sorted(manifest["folds"].items()) if entry["training_docs"] == docs), None)
    if fold is None:
        raise ExtractorError(f"spacy: {folder}: no stored fold trained on articles {', '.join(docs)}")
    if manifest["folds"][fold]["training_sha256"] != corpus_fingerprint(training):
        raise ExtractorError(
            f"spacy: {folder / fold} was trained on other gold (dataset {manifest['dataset_version']}, now "
            f"{training.version}); retrain with 'claimbench train spacy'"
        )
    # numpy's BLAS instead of blis: the same float32 products, and OPENBLAS_CORETYPE can vary the kernel
    with use_ops("numpy", use_blis=False):
        return spacy.load(folder / fold)


@dataclass(frozen=True)
class CanonicalNames:
    """Canonical names learnt from training gold: surface form -> the canonical name it has most."""

    entities: Mapping[str, str] = field(default_factory=dict)
    sources: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def learn(cls, corpus: Corpus) -> CanonicalNames:
        entity_names: dict[str, Counter[str]] = defaultdict(Counter)
        source_names: dict[str, Counter[str]] = defaultdict(Counter)
        for claim in corpus.claims:
            for entity in claim.entities:
                entity_names[entity.text][entity.canonical] += 1
            for attribution in claim.attributions:
                if attribution.source_canonical is not None:
                    source_names[attribution.source_text][attribution.source_canonical] += 1
        return cls(_most_frequent(entity_names), _most_frequent(source_names))

    def entity(self, text: str) -> str:
        return self.entities.get(text, text)

    def source(self, text: str) -> str:
        return self.sources.get(text) or self.entity(text)


def _most_frequent(counts: Mapping[str, Counter[str]]) -> dict[str, str]:
    # ties go to the alphabetically first name, so the choice never depends on corpus order
    return {text: min(names.items(), key=lambda item: (-item[1], item[0]))[0] for text, names in sorted(counts.items())}


@dataclass(frozen=True)
class SentencePrediction:
    """What the pipeline found in one sentence, in character offsets of the document."""

    start: int
    end: int
    claims: tuple[CharSpan, ...]
    parts: tuple[LabelledSpan, ...]  # entity types, QUANTITY, DATE
    sources: tuple[CharSpan, ...]
    cues: tuple[CharSpan, ...]


def _overlaps(a: CharSpan, b: CharSpan) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def best_non_overlapping(scored: Iterable[tuple[CharSpan, float]]) -> tuple[CharSpan, ...]:
    """Highest-scoring spans first, skipping any that overlaps one already taken; ties by position."""
    chosen: list[CharSpan] = []
    for span, _ in sorted(scored, key=lambda item: (-item[1], item[0])):
        if not any(_overlaps(span, taken) for taken in chosen):
            chosen.append(span)
    return tuple(sorted(chosen))


def merge_adjacent(spans: Sequence[CharSpan], text: str) -> tuple[CharSpan, ...]:
    """Sorted non-overlapping spans with only whitespace between them joined into one: the span
    scorer may pick "Nach" and "Angaben" where the cue is "Nach Angaben"."""
    merged: list[CharSpan] = []
    for start, end in spans:
        if merged and not text[merged[-1][1] : start].strip():
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return tuple(merged)


def _scored_spans(doc: Doc, key: str, offset: int, label: str) -> list[tuple[CharSpan, float]]:
    group = doc.spans[key]
    scores = numpy.asarray(group.attrs.get("scores", [])).reshape(-1)  # one score per span
    return [
        ((offset + span.start_char, offset + span.end_char), float(score))
        for span, score in zip(group, scores)
        if span.label_ == label
    ]


def predict_sentences(nlp: Language, text: str) -> list[SentencePrediction]:
    """Run the trained pipeline sentence by sentence (as it was trained) over a document."""
    offsets = segment.sentences(text)
    predictions = []
    for (start, end), doc in zip(offsets, nlp.pipe(text[start:end] for start, end in offsets)):
        predictions.append(
            SentencePrediction(
                start=start,
                end=end,
                claims=best_non_overlapping(_scored_spans(doc, CLAIMS_KEY, start, CLAIM_LABEL)),
                parts=tuple((start + e.start_char, start + e.end_char, e.label_) for e in doc.ents),
                sources=merge_adjacent(best_non_overlapping(_scored_spans(doc, ATTRIBUTION_KEY, start, SOURCE_LABEL)), text),
                cues=merge_adjacent(best_non_overlapping(_scored_spans(doc, ATTRIBUTION_KEY, start, CUE_LABEL)), text),
            )
        )
    return predictions


def _distance(a: CharSpan, b: CharSpan) -> int:
    return max(a[0] - b[1], b[0] - a[1], 0)


def pair_attributions(sentence: SentencePrediction, previous: SentencePrediction | None) -> list[tuple[CharSpan, CharSpan]]:
    """(source, cue) pairs of a sentence, sorted by cue: each cue takes the nearest free source of
    its sentence, else the nearest source of its sentence or, failing that, of the sentence before
    (a cue like "demnach" refers back). A source without a cue is no attribution."""
    pairs: dict[CharSpan, CharSpan] = {}
    used_sources: set[CharSpan] = set()
    distances = sorted((_distance(cue, source), cue, source) for cue in sentence.cues for source in sentence.sources)
    for _, cue, source in distances:
        if cue not in pairs and source not in used_sources:
            pairs[cue] = source
            used_sources.add(source)
    fallback_sources = sentence.sources or (previous.sources if previous else ())
    for cue in sentence.cues:
        if cue not in pairs and fallback_sources:
            pairs[cue] = min(fallback_sources, key=lambda source: (_distance(cue, source), source))
    return [(pairs[cue], cue) for cue in sorted(pairs)]


def _quantity(text: str, start: int, end: int, sentence_end: int) -> PredictedQuantity:
    # the rest of the sentence holds the counted noun, which decides persons vs. count
    parsed = parse_quantity(text[start:end], following=text[end:sentence_end])
    if parsed is None:
        return PredictedQuantity(text=text[start:end], start=start, end=end)
    return PredictedQuantity(
        text=text[start:end], start=start, end=end, value=parsed.value, value_max=parsed.value_max,
        unit=parsed.unit, qualifier=parsed.qualifier,
    )  # fmt: skip


def _date(text: str, start: int, end: int, dct: str) -> PredictedDate:
    resolved = resolve_date(text[start:end], dct)
    if resolved is None:
        return PredictedDate(text=text[start:end], start=start, end=end)
    return PredictedDate(text=text[start:end], start=start, end=end, value=resolved.value, type=resolved.type, mod=resolved.mod)


def assemble_claims(
    document: ExtractorInput, sentences: Sequence[SentencePrediction], names: CanonicalNames
) -> list[PredictedClaim]:
    """Predicted claims with the parts inside their spans and the attributions of their sentence."""
    text = document.text
    claims = []
    for index, sentence in enumerate(sentences):
        # depth follows the order of the cues in the text (a guess at nesting; the scorer ignores depth)
        attributions = tuple(
            PredictedAttribution(
                source_text=text[source[0] : source[1]], source_start=source[0], source_end=source[1],
                source_canonical=names.source(text[source[0] : source[1]]),
                cue_text=text[cue[0] : cue[1]], cue_start=cue[0], cue_end=cue[1], depth=depth,
            )
            for depth, (source, cue) in enumerate(pair_attributions(sentence, sentences[index - 1] if index else None))
        )  # fmt: skip
        for start, end in sentence.claims:
            inside = sorted(part for part in sentence.parts if start <= part[0] and part[1] <= end)
            claims.append(
                PredictedClaim(
                    doc_id=document.doc_id, text=text[start:end], start=start, end=end,
                    entities=tuple(
                        PredictedEntity(text=text[s:e], start=s, end=e, type=label, canonical=names.entity(text[s:e]))
                        for s, e, label in inside if label not in (QUANTITY_LABEL, DATE_LABEL)
                    ),
                    quantities=tuple(_quantity(text, s, e, sentence.end) for s, e, label in inside if label == QUANTITY_LABEL),
                    dates=tuple(_date(text, s, e, document.dct) for s, e, label in inside if label == DATE_LABEL),
                    attributions=attributions,
                )
            )
    return claims


def choose_pretrained(choice: str, is_package: Callable[[str], bool] = spacy.util.is_package) -> str | None:
    """The installed ``de_core_news_*`` package to use: ``"auto"`` takes the largest installed one
    (or none), ``"none"`` never uses one, a package name requires that package."""
    if choice == "none":
        return None
    if choice == "auto":
        return next((name for name in PRETRAINED_PACKAGES if is_package(name)), None)
    if not choice.startswith("de_core_news_"):
        raise ValueError(f"pretrained: expected 'auto', 'none' or a de_core_news_* package, got {choice!r}")
    if not is_package(choice):
        raise ValueError(f"pretrained: {choice} is not installed (install it with: python -m spacy download {choice})")
    return choice


def pretrained_entities(parsed: Doc, start: int, end: int) -> list[LabelledSpan]:
    """Entities of the pretrained pipeline inside ``[start, end)``, in the guideline's types."""
    return [
        (entity.start_char, entity.end_char, PRETRAINED_ENTITY_TYPES[entity.label_])
        for entity in parsed.ents
        if entity.label_ in PRETRAINED_ENTITY_TYPES and start <= entity.start_char and entity.end_char <= end
    ]


def parser_source(parsed: Doc, cue: CharSpan) -> CharSpan | None:
    """The source of a cue by the dependency parse: the nearest noun or pronoun that depends on a
    cue token as subject, prepositional object or attribute, with its phrase (its subtree, cut at
    punctuation and at the cue so that a relative clause or the cue itself stays out)."""
    cue_span = parsed.char_span(cue[0], cue[1], alignment_mode="expand")
    if cue_span is None:
        return None
    cue_indices = range(cue_span.start, cue_span.end)
    heads = [
        child
        for token in cue_span
        for child in token.children
        if child.dep_ in SOURCE_DEPENDENCIES and child.pos_ in SOURCE_POS and child.i not in cue_indices
    ]
    if not heads:
        return None
    head = min(heads, key=lambda token: (min(abs(token.i - index) for index in cue_indices), token.i))

    def inside_phrase(index: int) -> bool:
        return head.left_edge.i <= index <= head.right_edge.i and index not in cue_indices and not parsed[index].is_punct

    first = last = head.i
    while inside_phrase(first - 1):
        first -= 1
    while inside_phrase(last + 1):
        last += 1
    return parsed[first].idx, parsed[last].idx + len(parsed[last])


def complement_with_pretrained(sentence: SentencePrediction, parsed: Doc) -> SentencePrediction:
    """Add the pretrained pipeline's entities that overlap no trained part, and parser sources
    for the cues of a sentence where the trained model found no source."""
    extra_parts = [
        entity
        for entity in pretrained_entities(parsed, sentence.start, sentence.end)
        if not any(_overlaps(entity[:2], part[:2]) for part in sentence.parts)
    ]
    sources = sentence.sources
    if not sources:
        found = {parser_source(parsed, cue) for cue in sentence.cues}
        sources = tuple(sorted(source for source in found if source is not None))
    return replace(sentence, parts=tuple(sorted((*sentence.parts, *extra_parts))), sources=sources)


class SpacyExtractor(Extractor):
    """A spaCy pipeline trained from ``spacy.blank("de")`` on the other articles' gold."""

    name = "spacy"
    trains_on_gold = True

    def __init__(
        self, pretrained: str = "auto", config_overrides: Mapping[str, Any] | None = None, folds: Path | None = None
    ) -> None:
        """``folds``: stored fold pipelines to predict with (see :func:`save_folds`); None trains in memory."""
        self._config = load_training_config(config_overrides)
        self._overrides = dict(config_overrides or {})
        self._folds = folds
        if folds is not None and self._overrides:
            raise ValueError("spacy: config_overrides apply to training; stored folds are already trained")
        self._pretrained_name = choose_pretrained(pretrained)
        self._pretrained = spacy.load(self._pretrained_name) if self._pretrained_name else None
        self._nlp: Language | None = None
        self._names = CanonicalNames()

    def fit(self, training: Corpus) -> None:
        self._nlp = train_pipeline(self._config, training) if self._folds is None else load_fold(self._folds, training)
        self._names = CanonicalNames.learn(training)

    def extract(self, document: ExtractorInput) -> list[PredictedClaim]:
        if self._nlp is None:
            raise RuntimeError("spacy: call fit() before extract()")
        sentences = predict_sentences(self._nlp, document.text)
        if self._pretrained is not None:
            parsed = self._pretrained(document.text)
            sentences = [complement_with_pretrained(sentence, parsed) for sentence in sentences]
        return assemble_claims(document, sentences, self._names)

    def describe(self) -> dict[str, str]:
        pipeline = "blank de + spacy_config.cfg"
        if self._pretrained_name:
            version = spacy.util.get_package_version(self._pretrained_name)
            pipeline = f"{self._pretrained_name} {version} (NER, parser) + {pipeline}"
        facts = {
            "pipeline": pipeline,
            "training": "leave-one-article-out on the benchmark's own gold",
            "seed": str(self._config["system"]["seed"]),
            "spacy": spacy.__version__,
            "models": "trained in memory by this run" if self._folds is None else "stored folds (claimbench train spacy)",
        }
        if self._overrides:
            facts["config_overrides"] = ", ".join(f"{key}={value}" for key, value in sorted(self._overrides.items()))
        return facts

    def description(self) -> str:
        return "spaCy 3 pipeline (CNN tok2vec, NER, two span categorisers) trained from a blank German model"

    def exposure(self) -> str:
        return "trained on the benchmark's own gold, leave-one-article-out (never on the article it predicts)"

    def input_files(self) -> list[Path]:
        files = [CONFIG_PATH, Path(__file__), Path(__file__).with_name("german.py"), Path(segment.__file__)]
        return files if self._folds is None else [*files, self._folds]
