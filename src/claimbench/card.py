"""Render the dataset card (benchmark/README.md) and the Croissant metadata from the gold.

Pure: corpus and texts in, strings out. Everything numeric in the card is computed here.
"""

from __future__ import annotations

import json
from typing import Any

import yaml
from datasets import DatasetInfo

from claimbench.model import Claim, Corpus
from claimbench.schema import CONFIG_FEATURES, claim_row
from claimbench.stats import compute_stats, render_stats

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
        ("cluster_id", "string", "claims telling the same fact (in one or several articles) share it"),
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


def _yaml_header(version: str) -> str:
    header: dict[str, Any] = {
        "language": ["de"],
        "license": "other",
        "license_name": "claimbench-annotations-cc-by-4.0-texts-publisher-copyright",
        "license_details": "Annotations: CC BY 4.0. Article texts: copyright of their publishers, "
        "included for non-commercial research only (see Licensing).",
        "pretty_name": "claimbench: claims in German news",
        "size_categories": ["n<1K"],
        "task_categories": ["token-classification", "text-classification"],
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
            {"config_name": name, **DatasetInfo(features=features)._to_yaml_dict()}
            for name, features in CONFIG_FEATURES.items()
        ],
    }
    body = yaml.safe_dump(header, sort_keys=False, allow_unicode=True, width=100)
    return f"---\n{body}---\n"


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


def render_card(corpus: Corpus, changelog: str, agreement: str | None) -> str:
    """The full dataset card: YAML front matter plus the Hugging Face template's sections."""
    example = json.dumps(claim_row(_example_claim(corpus)), ensure_ascii=False, indent=2)
    stats = render_stats(compute_stats(corpus))
    agreement_text = agreement or (
        "Not measured yet: a second, independent annotation pass and its agreement figures are "
        "planned (the table will be generated here)."
    )
    return f"""{_yaml_header(corpus.version)}
# claimbench: check-worthy claims in German news

<!-- Generated by `claimbench build` from seeds/ and annotations/. Do not edit by hand. -->

Dataset version **{corpus.version}**.

## Dataset Summary

claimbench is an evaluation benchmark for **claim extraction** from German news. Five German news
articles about Russia and North Korea (December 2025 and November 2024) are annotated by hand with
every check-worthy claim: its span, a standalone German paraphrase (`normalized`), its modality and
polarity, and its parts: entities with canonical names, quantities with normalised values, units and
qualifiers, dates as TIMEX3 values resolved against the document date, and attributions (who says
it, with the cue word, nested chains outermost first). Claims that tell the same fact, in one
article (headline, lead, body) or across articles, share a `cluster_id`.

The data is a **test set only**: it is meant to score extractors, not to train them.

## Supported Tasks

- *Claim detection / span extraction*: find the spans of check-worthy claims.
- *Claim normalisation*: produce a standalone paraphrase of each claim.
- *Claim decomposition*: entities (NER with canonical linking), quantities (value, unit,
  qualifier), temporal expressions (TIMEX3 normalisation), attribution (source and cue).

The `claimbench` package scores submissions against this data (`claimbench score PRED.jsonl`).

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

Five articles received as plain text (`seeds/`, sha256 pinned in `seeds/SHA256SUMS`), kept byte for
byte, including metadata glued to the text by the scraper ("Datum…", "Quelle…", "TLDR…", " date …"):

{_sources_table(corpus)}

Where an article states no date, the document creation time is inferred from its content; the
reasoning is in the guideline, section 10.

### Annotations

#### Annotation process

Each article was read in full and annotated in a human-editable YAML file (`annotations/NNN.yaml`)
following the written guideline ([GUIDELINES.md](GUIDELINES.md), copied here from
`annotations/GUIDELINES.md`). Annotators write the quoted span text; the build computes every
offset and refuses a span that does not occur (or occurs ambiguously), an unknown enum value, a
date value outside the TIMEX3 grammar, a non-finite quantity and a canonical name missing from the
shared registry (`annotations/entities.yaml`). The first pass was made by annotators working from
the guideline and one article each, then reviewed and corrected by the maintainers against the
guideline and linked across articles (clusters). No extractor output was used.

#### Agreement

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
assignment), in modes `strict` (same span), `overlap` (shared characters), `text` (token Dice of
text or normalized against the gold normalized sentence ≥ 0.5) and `cluster`; every part has its
own modes and an element-level mode inside matched claims. Reports carry micro and macro P/R/F1,
bootstrap 95 % intervals over documents and a reproducibility signature.

### Personal and Sensitive Information

The articles name public figures (heads of state, officials, one journalist's byline). No private
persons are annotated.

## Considerations for Using the Data

### Limitations

- Five articles, one news topic (Russia and North Korea's military cooperation, a Russian opinion
  poll), two short time windows. Scores on claimbench do not generalise to German news at large;
  the confidence intervals of the scorer (bootstrap over documents) are wide for this reason.
- Articles `000`, `001` and `002` report one news event; many claims recur across them.
- Check-worthiness has a judgement component; the guideline's rules and decided hard cases make it
  explicit, but other guidelines would draw the line elsewhere.
- The annotations record what the articles claim, not whether the claims are true.

## Additional Information

### Licensing Information

- **Annotations** (`annotations/`, the claim, cluster and part fields of this dataset): CC BY 4.0.
- **Article texts** (`seeds/`, the `text` field of `documents`): copyright of their publishers;
  redistributed unchanged for non-commercial research and evaluation only. They are not covered by
  the CC BY 4.0 license.
- **Code** (the `claimbench` package): MIT.

### Citation Information

```bibtex
@misc{{claimbench,
  title  = {{claimbench: A Benchmark for Claim Extraction from German News}},
  author = {{{{claimbench developers}}}},
  year   = {{2026}},
  note   = {{Dataset version {corpus.version}}}
}}
```

### Version and Changelog

{changelog.strip()}
"""


def render_croissant(corpus: Corpus, file_hashes: dict[str, str]) -> str:
    """Croissant 1.0 JSON-LD: the dataset, its Parquet files (with sha256) and their fields."""

    def data_type(kind: object) -> str:
        dtype = getattr(kind, "dtype", "string")
        return {"bool": "sc:Boolean", "int32": "sc:Integer", "float64": "sc:Float"}.get(dtype, "sc:Text")

    def fields(config: str, features: dict[str, Any], prefix: str) -> list[dict[str, Any]]:
        out = []
        for name, kind in features.items():
            field_id = f"{prefix}/{name}"
            entry: dict[str, Any] = {"@type": "cr:Field", "@id": field_id, "name": name}
            inner = getattr(kind, "feature", None)
            if isinstance(inner, dict):
                entry["repeated"] = True
                entry["subField"] = fields(config, inner, field_id)
            else:
                entry["dataType"] = data_type(inner if inner is not None else kind)
                if inner is not None:
                    entry["repeated"] = True
            if prefix == config:
                entry["source"] = {"fileObject": {"@id": f"{config}-parquet"}, "extract": {"column": name}}
            out.append(entry)
        return out

    document = {
        "@context": {
            "@language": "en",
            "@vocab": "https://schema.org/",
            "cr": "http://mlcommons.org/croissant/",
            "sc": "https://schema.org/",
            "dct": "http://purl.org/dc/terms/",
            "data": {"@id": "cr:data", "@type": "@json"},
            "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
            "examples": {"@id": "cr:examples", "@type": "@json"},
            "extract": "cr:extract",
            "field": "cr:field",
            "fileObject": "cr:fileObject",
            "format": "cr:format",
            "column": "cr:column",
            "recordSet": "cr:recordSet",
            "references": "cr:references",
            "repeated": "cr:repeated",
            "source": "cr:source",
            "subField": "cr:subField",
            "conformsTo": "dct:conformsTo",
        },
        "@type": "sc:Dataset",
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        "name": "claimbench",
        "description": "Check-worthy claims in five German news articles, with entities, quantities, "
        "TIMEX3 dates, attributions and cross-article clusters.",
        "version": corpus.version,
        "inLanguage": "de",
        "license": "https://creativecommons.org/licenses/by/4.0/",
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
            {"@type": "cr:RecordSet", "@id": name, "name": name, "field": fields(name, dict(features), name)}
            for name, features in CONFIG_FEATURES.items()
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
