"""Render the dataset card (benchmark/README.md) and the Croissant metadata from the gold.

Pure: corpus and texts in, strings out. Everything numeric in the card is computed here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import yaml
from datasets import DatasetInfo, SplitDict, SplitInfo

from claimbench.dataset.model import Claim, Corpus
from claimbench.dataset.schema import CONFIG_FEATURES, claim_row
from claimbench.dataset.segment import sentences
from claimbench.dataset.stats import compute_stats, render_stats
from claimbench.version import DATASET_DATE, PROJECT_URL

ANNOTATION_LICENSE = "CC BY 4.0"
ANNOTATION_LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
TEXT_LICENSE = (
    "Article texts: copyright of their publishers, redistributed unchanged for non-commercial research "
    "and evaluation only, not covered by CC BY 4.0"
)
LICENSE_DETAILS = f"Annotations: {ANNOTATION_LICENSE}. {TEXT_LICENSE} (see LICENSE and Licensing)."
CREATOR = "claimbench developers"
# sources whose claims the Biases section counts: state media of the two governments the articles cover
STATE_MEDIA = ("KCNA", "WZIOM")


@dataclass(frozen=True)
class SplitSize:
    """One config's split: rows, in-memory Arrow bytes and Parquet file bytes (for the card's YAML)."""

    num_examples: int
    num_bytes: int
    download_size: int

CONFIG_PATHS = {name: f"{name}/test.parquet" for name in CONFIG_FEATURES}

FIELD_DESCRIPTIONS = {
    "documents": [
        ("doc_id", "string", "three-digit id, the seed file's prefix (`000` … `004`)"),
        ("seed_file", "string", "name of the seed file in `seeds/`"),
        ("title", "string or null", "the headline, null when the article has none"),
        ("outlet", "string or null", "publishing outlet when the article names it"),
        ("published", "string or null", "publication date as stated (`YYYY-MM-DD` or `YYYY-MM`)"),
        ("dct", "string", "document creation time, `YYYY-MM-DD`, anchor of relative dates"),
        ("dct_inferred", "bool", "true when `dct` was inferred from the content (guideline §10)"),
        ("language", "string", "`de`"),
        ("text", "string", "the article, byte for byte as received; all offsets index this string"),
        ("sha256", "string", "sha256 of the seed file"),
        (
            "paragraphs",
            "list",
            "`{start, end}`: the scorer's paragraphs (non-empty lines), half-open offsets into `text`, in order; "
            "computed by `claimbench.dataset.segment.paragraphs`",
        ),
        (
            "sentences",
            "list",
            "`{start, end}`: the scorer's sentences (its resampling units), half-open offsets into `text`, in order; "
            "computed by `claimbench.dataset.segment.sentences`",
        ),
    ],
    "claims": [
        ("claim_id", "string", "`NNN-NN`, stable across versions"),
        ("doc_id", "string", "the document"),
        ("start", "int32", "claim span start, Python string index, inclusive"),
        ("end", "int32", "claim span end, exclusive (`text == document.text[start:end]`)"),
        ("text", "string", "the claim span"),
        ("normalized", "string", "standalone German paraphrase (pronouns, dates resolved, attribution kept)"),
        ("modality", "string", "`asserted`, `reported`, `hedged` or `predicted`"),
        ("polarity", "string", "`positive` or `negative`"),
        (
            "cluster_id",
            "string",
            "claims telling the same fact (in one or several articles) share it; a claim id (`003-07`) or an "
            "English slug (`nk-delivered-weapons`), see *Clusters* below",
        ),
        ("entities", "list", "`{text, start, end, type, canonical, optional, optional_reason}`; type in PER ORG GPE LOC EVENT MISC"),
        (
            "quantities",
            "list",
            "`{text, start, end, value, value_max, unit, qualifier, measured, optional, optional_reason}`; "
            "value_max null unless a range",
        ),
        (
            "dates",
            "list",
            "`{text, start, end, value, type, mod, optional, optional_reason}`; TIMEX3 value/type/mod resolved against `dct`",
        ),
        (
            "attributions",
            "list",
            "`{source_text, source_start, source_end, source_canonical, cue_text, cue_start, cue_end, depth, optional, "
            "optional_reason}`, outermost first (depth 0)",
        ),
        (
            "optional",
            "bool",
            "true when the guideline allows both readings of this item (guideline §13): annotating it and leaving it out "
            "are both right; every part item carries the same field, and the parts of an optional claim are optional too",
        ),
        ("optional_reason", "string or null", "for an optional item, the rule and why: `§13.1: …`; null otherwise"),
    ],
    "clusters": [
        ("cluster_id", "string", "the cluster"),
        ("size", "int32", "number of claims in it"),
        ("claim_ids", "list of string", "its claims, sorted"),
        ("doc_ids", "list of string", "the articles it occurs in"),
        ("normalized", "list of string", "the claims' normalized sentences, in `claim_ids` order"),
    ],
}


def _yaml_header(sizes: dict[str, SplitSize]) -> str:
    header: dict[str, Any] = {
        "annotations_creators": ["machine-generated"],
        "language_creators": ["found"],
        "language": ["de"],
        "multilinguality": ["monolingual"],
        "source_datasets": ["original"],
        "license": "other",
        "license_name": "claimbench-annotations-cc-by-4.0-texts-publisher-copyright",
        "license_link": "LICENSE",
        "license_details": LICENSE_DETAILS,
        "pretty_name": "claimbench: claims in German news",
        "size_categories": ["n<1K"],
        "task_categories": ["token-classification", "text-classification"],
        "task_ids": ["named-entity-recognition", "fact-checking"],
        "tags": ["claim-extraction", "fact-checking", "german", "news", "timex3", "attribution"],
        "configs": [
            {
                "config_name": name,
                "data_files": [{"split": "test", "path": path}],
                **({"default": True} if name == "claims" else {}),
            }
            for name, path in CONFIG_PATHS.items()
        ],
        "dataset_info": [
            {"config_name": name, **_dataset_info(features, sizes[name])._to_yaml_dict()}
            for name, features in CONFIG_FEATURES.items()
        ],
    }
    body = yaml.safe_dump(header, sort_keys=False, allow_unicode=True, width=100)
    return f"---\n{body}---\n"


def _dataset_info(features: Any, size: SplitSize) -> DatasetInfo:
    splits = SplitDict()
    splits.add(SplitInfo(name="test", num_bytes=size.num_bytes, num_examples=size.num_examples))
    return DatasetInfo(
        features=features, splits=splits, download_size=size.download_size, dataset_size=size.num_bytes
    )


def _example_claim(corpus: Corpus) -> Claim:
    """The claim with the most parts (ties: lowest id): one real example that shows every field."""

    def richness(claim: Claim) -> tuple[int, int, str]:
        kinds = sum(1 for part in (claim.entities, claim.quantities, claim.dates, claim.attributions) if part)
        size = len(claim.entities) + len(claim.quantities) + len(claim.dates) + len(claim.attributions)
        return (-kinds, -size, claim.claim_id)

    return min(corpus.claims, key=richness)


def _field_table(config: str) -> str:
    rows = ["| field | type | description |", "|---|---|---|"]
    rows += [f"| `{name}` | {kind} | {description} |" for name, kind, description in FIELD_DESCRIPTIONS[config]]
    return "\n".join(rows)


def _sources_table(corpus: Corpus) -> str:
    rows = ["| doc_id | title | outlet | published | dct | dct inferred |", "|---|---|---|---|---|---|"]
    for document in corpus.documents:
        rows.append(
            f"| {document.doc_id} | {document.title or '(none)'} | {document.outlet or '(not stated)'} | "
            f"{document.published or '(not stated)'} | {document.dct} | {'yes' if document.dct_inferred else 'no'} |"
        )
    return "\n".join(rows)


def _cluster_styles(corpus: Corpus) -> str:
    """The two cluster_id styles, counted from the data."""
    claim_ids = {claim.claim_id for claim in corpus.claims}
    sizes: dict[str, int] = {}
    for claim in corpus.claims:
        sizes[claim.cluster_id] = sizes.get(claim.cluster_id, 0) + 1
    by_id = sorted(cluster for cluster in sizes if cluster in claim_ids)
    slugs = sorted(cluster for cluster in sizes if cluster not in claim_ids)
    single_slugs = [slug for slug in slugs if sizes[slug] == 1]
    single_note = (
        f" {len(single_slugs)} slug cluster{'s' if len(single_slugs) != 1 else ''} "
        f"{'have' if len(single_slugs) != 1 else 'has'} a single claim "
        f"({', '.join(f'`{slug}`' for slug in single_slugs)}); a slug does not promise several members."
        if single_slugs
        else ""
    )
    return (
        f"`cluster_id` comes in two styles, and both mean the same thing (claims with equal `cluster_id` "
        f"state the same fact; compare ids only for equality):\n\n"
        f"- **a claim id** (`{by_id[0] if by_id else '000-01'}`): the default when the annotation names no "
        f"cluster; such a cluster contains exactly that claim ({len(by_id)} clusters);\n"
        f"- **an English slug** (`{slugs[0] if slugs else 'nk-delivered-weapons'}`): a cluster named by the "
        f"annotators when linking claims within or across articles ({len(slugs)} clusters, "
        f"{sum(sizes[slug] for slug in slugs)} claims; guideline 12.39: slugs carry no document id).{single_note}"
    )


def _state_media_claims(corpus: Corpus) -> dict[str, int]:
    """Claims attributed (at any depth) to, or naming, each state-media source."""
    counts = {}
    for source in STATE_MEDIA:
        counts[source] = sum(
            1
            for claim in corpus.claims
            if any(attribution.source_canonical == source for attribution in claim.attributions)
            or any(entity.canonical == source for entity in claim.entities)
        )
    return counts


def citation(version: str) -> str:
    """BibTeX entry of a dataset version (the card's and croissant.json's citeAs)."""
    return (
        f"@misc{{claimbench_{version.replace('.', '_')},\n"
        f"  title   = {{claimbench: A Benchmark for Claim Extraction from German News}},\n"
        f"  author  = {{{{{CREATOR}}}}},\n"
        f"  year    = {{{DATASET_DATE[:4]}}},\n"
        f"  version = {{{version}}},\n"
        f"  url     = {{{PROJECT_URL}}},\n"
        f"  note    = {{Dataset version {version}}}\n"
        "}"
    )


def _unnamed_outlets(corpus: Corpus) -> str:
    unnamed = [document.doc_id for document in corpus.documents if document.outlet is None]
    return f"{len(unnamed)} of the {len(corpus.documents)} articles do not name their outlet ({', '.join(unnamed)})"


def _leaderboard_link() -> str:
    """Relative to benchmark/README.md: the leaderboard lives at the repository root, next to the dataset folder."""
    return "[leaderboard](../leaderboard.md) (`leaderboard.md` at the root of the repository)"


def nested_headings(markdown: str, levels: int) -> str:
    """Markdown with every heading moved ``levels`` deeper, so an included file nests under its section."""
    return re.sub(r"^(#+) ", lambda match: "#" * (len(match.group(1)) + levels) + " ", markdown, flags=re.MULTILINE)


def render_card(corpus: Corpus, changelog: str, agreement: str | None, sizes: dict[str, SplitSize]) -> str:
    """The full dataset card: YAML front matter plus the Hugging Face template's sections."""
    example = json.dumps(claim_row(_example_claim(corpus)), ensure_ascii=False, indent=2)
    stats = render_stats(compute_stats(corpus))
    agreement_text = agreement or (
        "Not measured yet: a second, independent annotation pass and its agreement figures are "
        "planned (the table will be generated here)."
    )
    state_media = _state_media_claims(corpus)
    n_sentences = sum(len(sentences(document.text)) for document in corpus.documents)
    optional_counts = ", ".join(
        f"{sum(1 for claim in corpus.claims for item in getattr(claim, part) if item.optional)} {part}"
        for part in ("entities", "quantities", "dates", "attributions")
    )
    optional_claims = f"{sum(1 for claim in corpus.claims if claim.optional)} optional claims; optional parts: {optional_counts}"
    return f"""{_yaml_header(sizes)}
# claimbench: check-worthy claims in German news

<!-- Generated by `claimbench build` from seeds/ and annotations/. Do not edit by hand. -->

Dataset version **{corpus.version}** ({DATASET_DATE}).

## Dataset Summary

claimbench is an evaluation benchmark for **claim extraction** from German news. Five German news
articles about Russia and North Korea (December 2025 and November 2024) are annotated with every
check-worthy claim: its span, a standalone German paraphrase (`normalized`), its modality and
polarity, and its parts: entities with canonical names, quantities with normalised values, units and
qualifiers, dates as TIMEX3 values resolved against the document date, and attributions (who says
it, with the cue word, nested chains outermost first). Claims that tell the same fact, in one
article (headline, lead, body) or across articles, share a `cluster_id`.

The annotations were made by **language-model annotators** following a written guideline, not by
human annotators; see "Who are the annotators?" before relying on them.

The data is a **test set only**: it is meant to score extractors, not to train them. Two baselines on the
leaderboard do learn from it, always leave-one-article-out (never from the article they predict): the
trained spaCy pipeline, and the few-shot LLM runs, whose demonstrations come from the other articles'
gold; the leaderboard says so for each.

## Supported Tasks and Leaderboards

- *Claim detection / span extraction*: find the spans of check-worthy claims.
- *Claim normalisation*: produce a standalone paraphrase of each claim.
- *Claim decomposition*: entities (NER with canonical linking), quantities (value, unit,
  qualifier), temporal expressions (TIMEX3 normalisation), attribution (source and cue).

The `claimbench` package scores submissions against this data (`claimbench score PRED.jsonl`).
Baselines are ranked in the {_leaderboard_link()} by **claims/full F1**: a predicted claim counts
when it covers a gold claim with word-token IoU ≥ 0.5 and earns the F1 of its parts against that
claim's parts (a span alone earns credit only where neither claim has parts).

## Languages

German (`de`), as written in German and Swiss outlets (Swiss orthography in `004`: "ss", «»).

## Dataset Structure

```python
from datasets import load_dataset

claims = load_dataset("benchmark", "claims", split="test")        # from a clone's root
documents = load_dataset("benchmark", "documents", split="test")
clusters = load_dataset("benchmark", "clusters", split="test")
```

Three configs, each with one split `test`. Offsets are half-open `[start, end)` Python string
indices (Unicode code points) into `documents.text`; every `text` field equals the document text at
its offsets (checked by the build).

### Data Instances

One claim of the `claims` config:

```json
{example}
```

### Data Fields

`documents`

{_field_table("documents")}

`claims`

{_field_table("claims")}

`clusters`

{_field_table("clusters")}

#### Clusters

{_cluster_styles(corpus)}

#### Segmentation (`paragraphs`, `sentences`)

The scorer attributes every true positive and false negative to the unit where the gold span starts,
every false positive to the unit where the predicted span starts, and resamples those units for its
confidence intervals and significance tests (`--unit sentence`, the default; `paragraph`;
`document`). The units are a fixed, regex-only segmentation (`claimbench.dataset.segment`): paragraphs are
the non-empty lines; sentences split a paragraph after `.`, `!`, `?` or `…` followed by whitespace
and an upper-case letter, digit or opening quote, except after abbreviations and ordinals ("am
25. Dezember"). The `documents` config ships them so that other tools can reuse exactly the same
units ({n_sentences} sentences in this version); the build computes them from `text`, and a test
checks them against `claimbench.dataset.segment`.

#### Optional items and how they are scored

`optional: true` marks a claim, entity, quantity, date or attribution that the guideline allows
both ways (guideline section 13); `optional_reason` names the rule (`"§13.1: …"`) and is null for
every required item. The parts of an optional claim are optional too. This version has
{optional_claims}. Scoring follows MUC's convention for optional keys: a prediction
matched to an optional gold item counts neither as a true nor as a false positive; an optional gold
item left unmatched is not a false negative. Required gold items are matched first, exactly as if
the optional ones were absent, so an optional item never changes how a required one is scored;
optional items then take the predictions left over. `claimbench score --optional required` scores optional items as required (comparable with
version 1.1.0, which had none); the report's signature records which convention was used.

### Data Splits

All data is in the split `test`.

{stats}
## Dataset Creation

### Curation Rationale

Claim extraction is evaluated mostly on English and mostly on sentence-level check-worthiness.
German news needs its own test data: number formats (10.000, 12'000, 5,6 Milliarden), reported
speech in Konjunktiv I, the reportative "soll", and attributions that nest (KCNA reports that Putin
wrote). claimbench annotates claims at atomic granularity with their parts, so an extractor can be
scored on the claim and on each part.

### Source Data

#### Data Collection and Source Producers

The five articles reached the project as plain-text files (`seeds/`, sha256 pinned in
`seeds/SHA256SUMS`) and are kept byte for byte. How they were collected is not recorded: no URL,
retrieval date or collection tool came with them, and the text carries traces of a scraper or
summariser that the project did not write (metadata glued to the text: "Datum…", "Quelle…",
"TLDR…", " date …"; a TLDR summary at the top of `002`; a byline "Gabriel Knupfer Redaktor News"
inside `004`). The source producers are the journalists and editors of the publishing outlets.
What each file states:

{_sources_table(corpus)}

- `002` states its outlet and time ("Quelle www.spiegel.de", "Datum 25.12.2025 14:17"): Der Spiegel.
- `004` states a date (" date 2025-12-27") and its author's byline, but not the outlet; its Swiss
  orthography (ss, «») suggests a Swiss outlet, which the text does not name.
- `003` states only a month (" date 2024-11"); `000` and `001` state neither outlet nor date.
- Where no day is stated, the document creation time (`dct`) is inferred from the content
  (`dct_inferred: true`); the reasoning is in the guideline, section 10. Outlets not stated are left
  null rather than guessed.

### Annotations

#### Annotation process

Each article was annotated in a YAML file (`annotations/NNN.yaml`) following the written guideline
([GUIDELINES.md](GUIDELINES.md), copied here from `annotations/GUIDELINES.md`; its decisions on the
test articles are in a separate appendix,
[GUIDELINES-appendix-test-decisions.md](GUIDELINES-appendix-test-decisions.md), which quotes the
test articles). Annotators write the quoted span text; the build computes every offset and refuses
a span that does not occur (or occurs ambiguously), an unknown enum value, a date value outside the
TIMEX3 grammar, a non-finite quantity and a canonical name missing from the shared registry
(`annotations/entities.yaml`). No extractor output was used at any stage.

The gold was made in passes:

1. **First pass** (guideline 1.0.0, `annotations/first_pass/`): one annotator per article, working
   from the guideline and the article, then linked across articles (clusters).
2. **Second pass** (`annotations/second_pass/`): an independent re-annotation of all five articles,
   each by a separate annotator that saw only the guideline, the annotation format, the entity
   registry and the article, not the first pass. Its 48 disagreements with the first pass were
   adjudicated in `annotations/adjudication.yaml` (version 1.1.0).
3. **Audit and guideline 1.2.0**: all five articles re-read sentence by sentence; the contradictions
   found were resolved as rules with invented examples and applied to the gold, and items the
   guideline still allows both ways were marked optional (version 1.2.0, see the changelog).
4. **Fresh pass** (`annotations/fresh_pass/`, guideline 1.2.0): a further independent annotation of
   all five articles by annotators who saw neither earlier pass nor the gold, to measure how well the
   current gold can be reproduced.

#### Who are the annotators?

**Language-model annotators, not people.** Every pass above — the first pass, the second pass, the
adjudication and review, and the fresh pass — was made by language-model agents (sessions of one
model family, each started with written instructions; the exact instructions of the second and fresh
passes are in `annotations/second_pass/PROMPT.md` and `annotations/fresh_pass/PROMPT.md`). No pass
was made by a human annotator, and no human checked every item. What keeps the gold honest is
mechanical: every offset, enum, date value and canonical name is checked by code against the text
and the guideline, and every disagreement between passes is decided in a log that names the rule.

How independent the passes are: each annotator of the second and fresh passes worked on one article
in a fresh context, with no access to the other passes, the gold or the other annotators' files
(the fresh-pass annotators reported what they read; see `annotations/fresh_pass/README.md`). They
are **not** independent in the way two human annotators are: they share one model family, and they
read the same guideline, whose rules were derived from these five articles by the same kind of
annotator.

#### Agreement

What the figures below mean: agreement between passes made by language-model annotators of one
model family, reading the same guideline (rules derived from these five articles). They measure
how reproducibly the guideline is applied by such annotators, not human inter-annotator agreement,
and are likely an upper bound of it. Each table says which passes it compares, under which
guideline version, and whether before or after adjudication.

{agreement_text}

### Submissions and scoring

Systems are scored with the `claimbench` package (`pip install` from the repository; the package
carries this gold):

```bash
claimbench validate pred.jsonl      # one line per problem: pred.jsonl:17: field 'start': expected integer, got string
claimbench score pred.jsonl --json report.json
```

A submission is JSONL, one predicted claim per line: `doc_id`, `text`, optional `start`/`end`,
optional `normalized`, and optional lists `entities`, `quantities`, `dates`, `attributions` with the
fields of this dataset (offsets optional everywhere; JSON Schema in the package,
`claimbench/data/submission.schema.json`). Claims are matched one-to-one per document (optimal
assignment), in modes `strict` (same span), `overlap` (shared characters), `iou` and `proportional`
(word tokens), `text` (token Dice of text or normalized against the gold normalized sentence ≥ 0.5),
`full` (IoU match plus the F1 of the claim's parts) and `cluster`; every part has its own modes and
an element-level mode inside matched claims. Optional gold items are scored as described under
"Optional items". Reports carry micro and macro P/R/F1, bootstrap 95 % intervals over the units
above and a reproducibility signature.

### Personal and Sensitive Information

The articles name public figures (heads of state, officials, one journalist's byline). No private
persons are annotated.

## Considerations for Using the Data

### Discussion of Biases

- **One topic.** All five articles cover one subject: Russia's war against Ukraine as seen through
  Russia's military cooperation with North Korea (troops, weapons, the 2024 defence treaty, New
  Year messages between Putin and Kim Jong Un) and a Russian opinion poll on the war's end. An
  extractor tuned on this data learns this topic's names, numbers and phrasing.
- **Claims from state media.** Many claims are statements of state media and state pollsters that
  the articles report: {state_media["KCNA"]} claims are attributed to or name North Korea's state news
  agency KCNA, and {state_media["WZIOM"]} name or cite the Russian state-owned pollster WZIOM (VTsIOM),
  whose poll results the articles present. Poll results an article states as results are annotated
  as asserted, without WZIOM as their source (guideline 12.8), so more claims rest on WZIOM than
  name it. The gold records that *KCNA reports* or *WZIOM found*
  something, faithfully to the article, with the attribution; it does not record whether the claim
  is true, and the annotation gives a state outlet's statement the same standing as any other
  source's. Users building fact-checking systems must not read "annotated as a claim" as "verified"
  or as "neutral".
- **Perspective of the outlets.** The articles are German-language (German and Swiss) reporting
  about the Russian and North Korean governments; the selection of what counts as a check-worthy
  claim follows their framing (e.g. Western and South Korean intelligence estimates of troop
  numbers and losses).
- **Annotator bias.** The annotators are language models of one family (see above); their
  systematic preferences are not averaged out by annotators of a different kind.

### Limitations

- Five articles, one news topic, two short time windows. Scores on claimbench do not generalise to
  German news at large; the scorer's confidence intervals are wide for this reason.
- Articles `000`, `001` and `002` report one news event; many claims recur across them.
- Check-worthiness has a judgement component; the guideline's rules and decided hard cases make it
  explicit, but other guidelines would draw the line elsewhere.
- The annotations record what the articles claim, not whether the claims are true.

## Additional Information

### Dataset Curators

The claimbench developers: the project that wrote the guideline, the build and the scorer, ran the
annotation passes and adjudicated them. The project's work, including the annotation passes, the
adjudication and this card, was carried out by language-model agents working in the repository.

### Contact

Questions, errors in the gold and requests: open an issue in the project's repository,
<{PROJECT_URL}/issues>. Name the claim id (`NNN-NN`) and the guideline rule when reporting a gold error.

### Licensing Information

- **Annotations** (`annotations/`; in this dataset every field of `claims` and `clusters` and the
  fields of `documents` other than `text`): {ANNOTATION_LICENSE} ({ANNOTATION_LICENSE_URL}), see
  [LICENSE](LICENSE).
- **Article texts** (`seeds/`, the `text` field of `documents`, and the span texts quoted from them):
  copyright of their publishers and authors; redistributed unchanged for non-commercial research and
  evaluation only. They are not covered by the {ANNOTATION_LICENSE} licence, and no licence to them is
  granted here. {_unnamed_outlets(corpus)} (see "Data Collection and Source Producers").
- **Code** (the `claimbench` package): MIT.

### Citation Information

```bibtex
{citation(corpus.version)}
```

### Version and Changelog

{nested_headings(changelog.strip(), 2)}
"""


# the standard Croissant 1.0 JSON-LD context (as mlcroissant writes it)
CROISSANT_CONTEXT = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}


def render_croissant(corpus: Corpus, file_hashes: dict[str, str]) -> str:
    """Croissant 1.0 JSON-LD: the dataset, its Parquet files (with sha256) and their fields."""

    def data_type(kind: object) -> str:
        dtype = getattr(kind, "dtype", "string")
        return {"bool": "sc:Boolean", "int32": "sc:Integer", "float64": "sc:Float"}.get(dtype, "sc:Text")

    def fields(config: str, features: dict[str, Any], parent: str | None = None) -> list[dict[str, Any]]:
        """Top-level fields read a Parquet column; the sub-fields of a list of structs read their key of
        the parent column (so that ``mlcroissant`` yields their values, not nulls)."""
        out = []
        for name, kind in features.items():
            field_id = f"{config}/{parent}/{name}" if parent else f"{config}/{name}"
            entry: dict[str, Any] = {"@type": "cr:Field", "@id": field_id, "name": name}
            inner = getattr(kind, "feature", None)
            if isinstance(inner, dict):
                entry["repeated"] = True
                entry["subField"] = fields(config, inner, name)
            else:
                entry["dataType"] = data_type(inner if inner is not None else kind)
                if inner is not None:
                    entry["repeated"] = True
            source: dict[str, Any] = {"fileObject": {"@id": f"{config}-parquet"}, "extract": {"column": parent or name}}
            if parent:
                source["transform"] = {"jsonPath": name}
            entry["source"] = source
            out.append(entry)
        return out

    document = {
        "@context": CROISSANT_CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        "name": "claimbench",
        "description": "Check-worthy claims in five German news articles, with entities, quantities, "
        "TIMEX3 dates, attributions and cross-article clusters.",
        "version": corpus.version,
        "inLanguage": "de",
        "license": [
            {"@type": "sc:CreativeWork", "name": f"Annotations: {ANNOTATION_LICENSE}", "url": ANNOTATION_LICENSE_URL},
            {"@type": "sc:CreativeWork", "name": TEXT_LICENSE, "url": "LICENSE"},
        ],
        "url": PROJECT_URL,
        "creator": {"@type": "sc:Organization", "name": CREATOR, "url": PROJECT_URL},
        "datePublished": DATASET_DATE,
        "citeAs": citation(corpus.version),
        "distribution": [
            {
                "@type": "cr:FileObject",
                "@id": f"{name}-parquet",
                "name": f"{name}-parquet",
                "contentUrl": path,
                "encodingFormat": "application/x-parquet",
                "sha256": file_hashes[path],
            }
            for name, path in CONFIG_PATHS.items()
        ],
        "recordSet": [
            {"@type": "cr:RecordSet", "@id": name, "name": name, "field": fields(name, dict(features))}
            for name, features in CONFIG_FEATURES.items()
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
