"""Speed benchmark of the scorer on synthetic data; prints figures (run, don't test: timings vary).

    python -m claimbench.benchmarks [--documents 10000] [--claims 30]

Prints, in one run: the time to parse the JSONL alone (json.loads per line), our validation +
scoring time, nervaluate's time on the same entities, growth from a tenth of the documents to all
of them, and the time of 1,000 bootstrap resamples.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

import numpy as np

from claimbench.files import submission_lines
from claimbench.model import Attribution, Claim, Corpus, DateExpression, Document, Entity, Quantity
from claimbench.scorer import score
from claimbench.scoring import PART_MODES
from claimbench.statistics import bootstrap_interval, resampling_plan
from claimbench.submission import parse_submission

WORDS = ("Putin", "Kim", "Moskau", "lobt", "entsandte", "Soldaten", "Nordkorea", "Russland", "laut", "KCNA")


def synthetic(documents: int, claims: int, seed: int) -> tuple[Corpus, list[str]]:
    """A gold corpus and a noisy submission (JSONL lines): 2/3 exact, 1/6 shifted, 1/6 spurious."""
    rng = random.Random(seed)
    docs, gold, lines = [], [], []
    for d in range(documents):
        doc_id = f"{d:05d}"
        pieces, spans = [], []
        offset = 0
        for _ in range(claims):
            sentence = " ".join(rng.choice(WORDS) for _ in range(8)) + " 10.000 April. "
            spans.append((offset, offset + len(sentence) - 2))
            pieces.append(sentence)
            offset += len(sentence)
        text = "".join(pieces)
        docs.append(Document(doc_id, f"{doc_id}_x.txt", None, None, None, "2025-12-25", False, "de", text, "0" * 64))
        for c, (start, end) in enumerate(spans):
            words = text[start:end].split(" ")
            entity_end = start + len(words[0])
            number_start = text.index("10.000", start)
            date_start = text.index("April", start)
            claim = Claim(
                f"{doc_id}-{c:02d}", doc_id, start, end, text[start:end], text[start:end] + ".", "asserted", "positive",
                f"c{c}", entities=(Entity(words[0], start, entity_end, "PER", words[0]),),
                quantities=(Quantity("10.000", number_start, number_start + 6, 10000.0, None, "persons", "=", "x"),),
                dates=(DateExpression("April", date_start, date_start + 5, "2025-04", "DATE", None),),
                attributions=(Attribution(words[0], start, entity_end, words[0], words[1], entity_end + 1,
                                          entity_end + 1 + len(words[1]), 0),),
            )  # fmt: skip
            gold.append(claim)
            roll = rng.random()
            shift = 0 if roll < 2 / 3 else 3
            record = {
                "doc_id": doc_id, "text": text[start + shift : end], "start": start + shift, "end": end,
                "entities": [{"text": words[0], "start": start, "end": entity_end, "type": rng.choice(["PER", "ORG"])}],
                "quantities": [{"text": "10.000", "start": number_start, "end": number_start + 6, "value": 10000}],
                "dates": [{"text": "April", "start": date_start, "end": date_start + 5, "value": "2025-04"}],
                "attributions": [{"source_text": words[0], "source_start": start, "source_end": entity_end}],
            }  # fmt: skip
            lines.append(json.dumps(record, ensure_ascii=False))
            if roll > 5 / 6:
                lines.append(json.dumps({"doc_id": doc_id, "text": words[2]}, ensure_ascii=False))
    return Corpus(tuple(docs), tuple(gold), "synthetic"), lines


def _timed(function):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = function()
    return result, time.perf_counter() - start


def run(documents: int, claims: int, seed: int) -> dict[str, float]:
    corpus, lines = synthetic(documents, claims, seed)
    texts = {d.doc_id: d.text for d in corpus.documents}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pred.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        _, parse_only = _timed(lambda: [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()])
        (predictions, _), validate = _timed(lambda: parse_submission(str(path), submission_lines(path), texts))
    report, scoring = _timed(lambda: score(corpus, predictions, resamples=0))
    return {"documents": documents, "lines": len(lines), "parse_only_s": parse_only, "validate_s": validate,
            "score_s": scoring, "ours_total_s": validate + scoring,
            "claims_f1": report.totals("claims", "strict").f1}  # fmt: skip


def nervaluate_time(documents: int, claims: int, seed: int) -> float:
    from nervaluate import Evaluator

    corpus, lines = synthetic(documents, claims, seed)
    by_doc: dict[str, list[dict[str, object]]] = {d.doc_id: [] for d in corpus.documents}
    for claim in corpus.claims:
        by_doc[claim.doc_id] += [{"label": e.type, "start": e.start, "end": e.end - 1} for e in claim.entities]
    predicted: dict[str, list[dict[str, object]]] = {d.doc_id: [] for d in corpus.documents}
    for line in lines:
        record = json.loads(line)
        predicted[record["doc_id"]] += [{"label": e["type"], "start": e["start"], "end": e["end"] - 1}
                                        for e in record.get("entities", [])]  # fmt: skip
    order = sorted(by_doc)
    true = [sorted(by_doc[d], key=lambda e: e["start"]) for d in order]  # type: ignore[arg-type, return-value]
    pred = [sorted(predicted[d], key=lambda e: e["start"]) for d in order]  # type: ignore[arg-type, return-value]
    _, seconds = _timed(lambda: Evaluator(true, pred, tags=["PER", "ORG"], loader="dict").evaluate())
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--claims", type=int, default=30)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    small = run(args.documents // 10, args.claims, args.seed)
    full = run(args.documents, args.claims, args.seed)
    theirs = nervaluate_time(args.documents, args.claims, args.seed)
    plan, plan_s = _timed(lambda: resampling_plan(args.documents, 1000, 12345))
    counts = np.random.default_rng(0).integers(0, 30, size=(args.documents, 3)).astype(float)
    _, interval_s = _timed(lambda: bootstrap_interval(counts, plan))
    modes = sum(len(m) for m in PART_MODES.values())
    print(f"synthetic: {args.documents} documents x {args.claims} claims, {full['lines']} submission lines, {modes} part/mode scores")
    print(f"parse only (json.loads):        {full['parse_only_s']:8.2f} s")
    print(f"ours: validate submission       {full['validate_s']:8.2f} s")
    print(f"ours: score all parts and modes {full['score_s']:8.2f} s")
    print(f"ours: total                     {full['ours_total_s']:8.2f} s = {full['ours_total_s'] / full['parse_only_s']:.1f} x parse only")
    print(f"nervaluate (entities only)      {theirs:8.2f} s = ours (all parts) is {theirs / full['ours_total_s']:.2f} x its throughput")
    print(f"growth {small['documents']} -> {full['documents']} documents: {full['ours_total_s'] / small['ours_total_s']:.1f} x time")
    print(f"bootstrap 1000 resamples x {args.documents} documents: plan {plan_s:.2f} s + one interval {interval_s:.3f} s")


if __name__ == "__main__":
    main()
