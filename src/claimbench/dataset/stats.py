"""Corpus statistics, computed from the gold (never typed by hand), rendered as Markdown."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from claimbench.dataset.model import ENTITY_TYPES, MODALITIES, POLARITIES, UNITS, Corpus
from claimbench.dataset.timex import TIMEX3_TYPES

PARTS = ("entities", "quantities", "dates", "attributions")


@dataclass(frozen=True)
class DocumentCounts:
    doc_id: str
    characters: int
    claims: int
    clusters: int
    parts: dict[str, int]


@dataclass(frozen=True)
class CorpusStats:
    documents: tuple[DocumentCounts, ...]
    modality: dict[str, int]
    polarity: dict[str, int]
    entity_types: dict[str, int]
    units: dict[str, int]
    date_types: dict[str, int]
    attribution_depths: dict[int, int]
    clusters: int
    multi_mention_clusters: int
    cross_document_clusters: int


def compute_stats(corpus: Corpus) -> CorpusStats:
    documents = []
    for document in corpus.documents:
        claims = [claim for claim in corpus.claims if claim.doc_id == document.doc_id]
        documents.append(
            DocumentCounts(
                doc_id=document.doc_id,
                characters=len(document.text),
                claims=len(claims),
                clusters=len({claim.cluster_id for claim in claims}),
                parts={part: sum(len(getattr(claim, part)) for claim in claims) for part in PARTS},
            )
        )
    cluster_docs: dict[str, set[str]] = {}
    cluster_sizes: Counter[str] = Counter()
    for claim in corpus.claims:
        cluster_docs.setdefault(claim.cluster_id, set()).add(claim.doc_id)
        cluster_sizes[claim.cluster_id] += 1

    def count(values: list[str], choices: tuple[str, ...]) -> dict[str, int]:
        counter = Counter(values)
        return {choice: counter[choice] for choice in choices}

    claims = corpus.claims
    depths = Counter(a.depth for claim in claims for a in claim.attributions)
    return CorpusStats(
        documents=tuple(documents),
        modality=count([claim.modality for claim in claims], MODALITIES),
        polarity=count([claim.polarity for claim in claims], POLARITIES),
        entity_types=count([e.type for claim in claims for e in claim.entities], ENTITY_TYPES),
        units=count([q.unit for claim in claims for q in claim.quantities], UNITS),
        date_types=count([d.type for claim in claims for d in claim.dates], TIMEX3_TYPES),
        attribution_depths={depth: depths[depth] for depth in sorted(depths)},
        clusters=len(cluster_sizes),
        multi_mention_clusters=sum(1 for size in cluster_sizes.values() if size > 1),
        cross_document_clusters=sum(1 for docs in cluster_docs.values() if len(docs) > 1),
    )


def _table(header: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def render_stats(stats: CorpusStats) -> str:
    """Markdown tables of the statistics (used by the dataset card and ``claimbench stats``)."""
    header = ["doc_id", "characters", "claims", "clusters", *PARTS]
    rows: list[list[object]] = [
        [d.doc_id, d.characters, d.claims, d.clusters, *(d.parts[part] for part in PARTS)] for d in stats.documents
    ]
    rows.append(
        [
            "**all**",
            sum(d.characters for d in stats.documents),
            sum(d.claims for d in stats.documents),
            stats.clusters,
            *(sum(d.parts[part] for d in stats.documents) for part in PARTS),
        ]
    )
    sections = [
        "**Claims and parts per article** (clusters in the last row: distinct clusters in the corpus)\n\n"
        + _table(header, rows),
        f"**Clusters**: {stats.clusters} in all, {stats.multi_mention_clusters} with more than one mention, "
        f"{stats.cross_document_clusters} spanning more than one article.",
        "**Modality and polarity of claims**\n\n"
        + _table(["modality", "claims"], [[k, v] for k, v in stats.modality.items()])
        + "\n\n"
        + _table(["polarity", "claims"], [[k, v] for k, v in stats.polarity.items()]),
        "**Parts by type**\n\n"
        + _table(["entity type", "mentions"], [[k, v] for k, v in stats.entity_types.items()])
        + "\n\n"
        + _table(["quantity unit", "quantities"], [[k, v] for k, v in stats.units.items()])
        + "\n\n"
        + _table(["date type", "dates"], [[k, v] for k, v in stats.date_types.items()])
        + "\n\n"
        + _table(["attribution depth", "attributions"], [[k, v] for k, v in stats.attribution_depths.items()]),
    ]
    return "\n\n".join(sections) + "\n"
