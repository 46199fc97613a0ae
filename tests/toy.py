"""A tiny hand-made gold corpus for scorer tests (counts below are computed by hand)."""

from __future__ import annotations

from claimbench.dataset.model import Attribution, Claim, Corpus, DateExpression, Document, Entity, Quantity
from claimbench.scoring.submission import PredictedClaim

TEXT_A = "Putin lobt Kim. Laut KCNA entsandte Nordkorea mehr als 10.000 Soldaten im April. Der Krieg dauert an."
TEXT_B = "Kim dankt Putin. Rund 70 Prozent erwarten 2026 ein Ende."


def span(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def document(doc_id: str, text: str) -> Document:
    return Document(doc_id=doc_id, seed_file=f"{doc_id}_toy.txt", title=None, outlet=None, published=None,
                    dct="2025-12-25", dct_inferred=False, language="de", text=text, sha256="0" * 64)  # fmt: skip


def claim(claim_id: str, text: str, needle: str, cluster: str, **parts: object) -> Claim:
    start, end = span(text, needle)
    return Claim(claim_id=claim_id, doc_id=claim_id[:3], start=start, end=end, text=needle, normalized=needle + ".",
                 modality="asserted", polarity="positive", cluster_id=cluster, **parts)  # type: ignore[arg-type]


def entity(text: str, needle: str, kind: str, canonical: str) -> Entity:
    return Entity(needle, *span(text, needle), kind, canonical)


def toy_corpus() -> Corpus:
    a_send = "Nordkorea mehr als 10.000 Soldaten im April"
    claims = (
        claim("900-01", TEXT_A, "Putin lobt Kim", "praise",
              entities=(entity(TEXT_A, "Putin", "PER", "Wladimir Putin"), entity(TEXT_A, "Kim", "PER", "Kim Jong Un"))),
        claim("900-02", TEXT_A, "entsandte " + a_send, "sent",
              entities=(entity(TEXT_A, "Nordkorea", "GPE", "Nordkorea"),),
              quantities=(Quantity("mehr als 10.000", *span(TEXT_A, "mehr als 10.000"), 10000.0, None, "persons", ">", "Soldaten"),),
              dates=(DateExpression("April", *span(TEXT_A, "April"), "2025-04", "DATE", None),),
              attributions=(Attribution("KCNA", *span(TEXT_A, "KCNA"), "KCNA", "Laut", *span(TEXT_A, "Laut"), 0),)),
        claim("900-03", TEXT_A, "Der Krieg dauert an", "war"),
        claim("901-01", TEXT_B, "Kim dankt Putin", "praise",
              entities=(entity(TEXT_B, "Kim", "PER", "Kim Jong Un"), entity(TEXT_B, "Putin", "PER", "Wladimir Putin"))),
        claim("901-02", TEXT_B, "Rund 70 Prozent erwarten 2026 ein Ende", "poll",
              quantities=(Quantity("Rund 70 Prozent", *span(TEXT_B, "Rund 70 Prozent"), 70.0, None, "percent", "~", "Befragte"),),
              dates=(DateExpression("2026", *span(TEXT_B, "2026"), "2026", "DATE", None),)),
    )  # fmt: skip
    return Corpus(documents=(document("900", TEXT_A), document("901", TEXT_B)), claims=claims, version="toy")


def predicted(doc_id: str, text: str, line: int = 1, **fields: object) -> PredictedClaim:
    return PredictedClaim(doc_id=doc_id, text=text, line=line, **fields)  # type: ignore[arg-type]
