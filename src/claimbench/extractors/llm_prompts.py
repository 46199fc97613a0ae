"""What the LLM baseline shows a model (pure: strings and dataclasses in and out): documents cut into
chunks, the two prompt templates, and few-shot demonstrations taken from the gold of the OTHER
articles.

- ``prompts/llm_de.md``: chat messages for instruction-tuned models (system message with the guideline
  summary and the output schema, an invented worked example, then the paragraph);
- ``prompts/llm_de_base.md``: one plain text for pretrained base models, which continue a document
  rather than follow an instruction: a short header, demonstrations (paragraph, then its JSON) and the
  paragraph to annotate, ending where its JSON starts. The server's grammar fixes the JSON shape.

Demonstrations (``--shots K``) are whole chunks of the other articles with all their gold claims as the
answer, chosen deterministically: articles in id order starting after the predicted one (cyclic), from
each its best chunk in turn (most kinds of parts, then most claims up to three, then
shortest), so every article gets K chunks from
K different articles (fewer if there are fewer) and never one of its own.
"""

from __future__ import annotations

import hashlib
import json
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from claimbench.dataset import segment
from claimbench.dataset.model import Claim, Corpus

MAX_CHUNK_CHARS = 600  # a longer paragraph is split at sentence ends: a small model loses track in long inputs
DEMONSTRATION_MAX_CHARS = 400  # demonstrations are short chunks: they are paid for in every request

_MESSAGE_MARKER = re.compile(r"^<!-- message: (system|user|assistant) -->$", re.MULTILINE)
_PART_MARKER = re.compile(r"^<!-- part: (header|demonstration|query) -->$", re.MULTILINE)
_SCHEMA_BLOCK = re.compile(r"```json\n(.*?)\n```", re.DOTALL)


@dataclass(frozen=True)
class Chunk:
    """One piece of a document sent in one request: its offsets and text (``text == document[start:end]``)."""

    index: int
    start: int
    end: int
    text: str


def _sentence_packs(sentences: Sequence[tuple[int, int]], max_chars: int) -> list[tuple[int, int]]:
    """Consecutive ``sentences`` joined into runs, each at most ``max_chars`` long unless one sentence
    alone is longer (claims never cross a sentence, so no claim is cut)."""
    packs = [sentences[0]]
    for sentence_start, sentence_end in sentences[1:]:
        pack_start = packs[-1][0]
        if sentence_end - pack_start <= max_chars:
            packs[-1] = (pack_start, sentence_end)
        else:
            packs.append((sentence_start, sentence_end))
    return packs


def document_chunks(text: str, max_chars: int = MAX_CHUNK_CHARS) -> list[Chunk]:
    """The paragraphs of ``text`` (:func:`claimbench.dataset.segment.paragraphs`); a longer one as packs of its
    sentences (:func:`claimbench.dataset.segment.sentences`, the scorer's units)."""
    sentences = segment.sentences(text)
    spans: list[tuple[int, int]] = []
    for start, end in segment.paragraphs(text):
        if end - start <= max_chars:
            spans.append((start, end))
        else:
            spans.extend(_sentence_packs([sentence for sentence in sentences if start <= sentence[0] and sentence[1] <= end], max_chars))
    return [Chunk(index=index, start=start, end=end, text=text[start:end]) for index, (start, end) in enumerate(spans)]


@dataclass(frozen=True)
class Demonstration:
    """A solved example: a chunk of another article and the JSON answer made from its gold claims."""

    doc_id: str
    chunk_index: int
    dct: str
    text: str
    answer: str

    @property
    def label(self) -> str:
        return f"{self.doc_id}:{self.chunk_index}"


def _number(value: float) -> int | float:
    return int(value) if value.is_integer() else value


def gold_answer(claims: Sequence[Claim]) -> str:
    """The answer the schema asks for, made from gold claims (what a perfect model would return)."""
    items = [
        {
            "text": claim.text,
            "normalized": claim.normalized,
            "entities": [{"text": e.text, "type": e.type} for e in claim.entities],
            "quantities": [
                {"text": q.text, "value": _number(q.value), "unit": q.unit, "qualifier": q.qualifier} for q in claim.quantities
            ],
            "dates": [{"text": d.text, "value": d.value, "type": d.type} for d in claim.dates],
            "attributions": [
                {"source": a.source_text, "cue": a.cue_text} for a in sorted(claim.attributions, key=lambda a: a.depth)
            ],
        }
        for claim in sorted(claims, key=lambda claim: (claim.start, claim.end))
    ]
    return json.dumps({"claims": items}, ensure_ascii=False)


def _inside(claim: Claim, chunk: Chunk) -> bool:
    spans = [(claim.start, claim.end)]
    spans += [(part.start, part.end) for part in (*claim.entities, *claim.quantities, *claim.dates)]
    spans += [span for a in claim.attributions for span in ((a.source_start, a.source_end), (a.cue_start, a.cue_end))]
    return all(chunk.start <= start and end <= chunk.end for start, end in spans)


def _part_kinds(claims: Sequence[Claim]) -> int:
    return sum(any(getattr(claim, kind) for claim in claims) for kind in ("entities", "quantities", "dates", "attributions"))


def ranked_demonstrations(corpus: Corpus, doc_id: str, max_chars: int = DEMONSTRATION_MAX_CHARS) -> list[Demonstration]:
    """The chunks of one gold article usable as demonstrations, best first: at most ``max_chars`` long,
    with at least one claim, and every claim and part inside the chunk (the answer is complete)."""
    document = corpus.document(doc_id)
    claims = [claim for claim in corpus.claims if claim.doc_id == doc_id]
    ranked = []
    for chunk in document_chunks(document.text):
        touching = [claim for claim in claims if claim.start < chunk.end and chunk.start < claim.end]
        if len(chunk.text) > max_chars or not touching or not all(_inside(claim, chunk) for claim in touching):
            continue
        key = (-_part_kinds(touching), -min(len(touching), 3), len(chunk.text), chunk.index)
        ranked.append((key, Demonstration(doc_id, chunk.index, document.dct, chunk.text, gold_answer(touching))))
    return [demonstration for _, demonstration in sorted(ranked, key=lambda pair: pair[0])]


def choose_demonstrations(training: Corpus, predicted_doc_id: str, shots: int) -> tuple[Demonstration, ...]:
    """``shots`` demonstrations for predicting ``predicted_doc_id``, from ``training``, which must not
    contain that article (the runner passes the corpus without it: leave-one-article-out)."""
    ids = sorted(document.doc_id for document in training.documents)
    if predicted_doc_id in ids:
        raise ValueError(f"demonstrations for {predicted_doc_id} must come from the other articles, got its own gold")
    ordered = [doc_id for doc_id in ids if doc_id > predicted_doc_id] + [doc_id for doc_id in ids if doc_id < predicted_doc_id]
    pools = [ranked_demonstrations(training, doc_id) for doc_id in ordered]
    chosen: list[Demonstration] = []
    for rank in range(max((len(pool) for pool in pools), default=0)):
        chosen += [pool[rank] for pool in pools if rank < len(pool)]
    return tuple(chosen[:shots])


def demonstrations_sha256(demonstrations: Sequence[Demonstration]) -> str:
    """The content address of a demonstration set (part of the cache key of a few-shot request)."""
    payload = [[d.doc_id, d.chunk_index, d.dct, d.text, d.answer] for d in demonstrations]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChatTemplate:
    """The fixed messages (system: instructions and schema; then example turns), the template of a user
    message, and the schema."""

    fixed_messages: tuple[tuple[str, str], ...]  # (role, content)
    user: str  # string.Template with $dct and $text
    schema: dict[str, Any]
    sha256: str  # of the whole template file: any edit gives new cache keys

    def user_message(self, dct: str, text: str) -> str:
        return string.Template(self.user).substitute(dct=dct, text=text)

    def messages(self, user_message: str, demonstrations: Sequence[Demonstration] = ()) -> list[dict[str, str]]:
        """System message and example, then each demonstration as a user turn and its answer, then the query."""
        turns = [(role, content) for role, content in self.fixed_messages]
        for demonstration in demonstrations:
            turns += [("user", self.user_message(demonstration.dct, demonstration.text)), ("assistant", demonstration.answer)]
        return [{"role": role, "content": content} for role, content in turns] + [{"role": "user", "content": user_message}]


def parse_chat_template(source: str) -> ChatTemplate:
    """A chat template from its file text.

    Format: messages, each opened by a line ``<!-- message: ROLE -->`` (system, user or assistant).
    The first is the system message and holds the output schema as its first ```json block; the
    last is the user message template ($dct, $text); those between are example turns, sent as is.
    """
    parts = _MESSAGE_MARKER.split(source)
    if parts[0].strip():
        raise ValueError("prompt template: text before the first '<!-- message: ROLE -->' line")
    messages = [(role, content.strip()) for role, content in zip(parts[1::2], parts[2::2])]
    if len(messages) < 2 or messages[0][0] != "system" or messages[-1][0] != "user":
        raise ValueError("prompt template: needs a system message first and a user message last")
    schema_block = _SCHEMA_BLOCK.search(messages[0][1])
    if schema_block is None:
        raise ValueError("prompt template: no ```json schema block in the system message")
    return ChatTemplate(
        fixed_messages=tuple(messages[:-1]),
        user=messages[-1][1],
        schema=json.loads(schema_block.group(1)),
        sha256=hashlib.sha256(source.encode("utf-8")).hexdigest(),
    )


@dataclass(frozen=True)
class CompletionTemplate:
    """A plain-text prompt for a base model: header, demonstration blocks, query block."""

    header: str
    demonstration: str  # string.Template with $dct, $text and $answer
    query: str  # string.Template with $dct and $text; ends where the answer starts
    sha256: str  # of the template file and the schema (the schema becomes the grammar)

    def query_block(self, dct: str, text: str) -> str:
        return string.Template(self.query).substitute(dct=dct, text=text) + "\n"

    def prompt(self, query_block: str, demonstrations: Sequence[Demonstration] = ()) -> str:
        blocks = [self.header] + [
            string.Template(self.demonstration).substitute(dct=d.dct, text=d.text, answer=d.answer) for d in demonstrations
        ]
        return "".join(block + "\n\n" for block in blocks) + query_block


def parse_completion_template(source: str, schema: dict[str, Any]) -> CompletionTemplate:
    """A completion template from its file text: three parts, each opened by a line
    ``<!-- part: header -->``, ``<!-- part: demonstration -->``, ``<!-- part: query -->``, in that order."""
    parts = _PART_MARKER.split(source)
    if parts[0].strip():
        raise ValueError("completion template: text before the first '<!-- part: NAME -->' line")
    named = [(name, content.strip()) for name, content in zip(parts[1::2], parts[2::2])]
    if [name for name, _ in named] != ["header", "demonstration", "query"]:
        raise ValueError("completion template: needs the parts header, demonstration and query, in that order")
    schema_text = json.dumps(schema, sort_keys=True, ensure_ascii=False)
    return CompletionTemplate(
        header=named[0][1],
        demonstration=named[1][1],
        query=named[2][1],
        sha256=hashlib.sha256((source + "\n" + schema_text).encode("utf-8")).hexdigest(),
    )


def _packaged(name: str) -> str:
    return files("claimbench.extractors").joinpath(f"prompts/{name}").read_text(encoding="utf-8")


def load_chat_template() -> ChatTemplate:
    """The packaged German chat template (``prompts/llm_de.md``)."""
    return parse_chat_template(_packaged("llm_de.md"))


def load_completion_template() -> CompletionTemplate:
    """The packaged German base-model template (``prompts/llm_de_base.md``), with the chat template's schema."""
    return parse_completion_template(_packaged("llm_de_base.md"), load_chat_template().schema)
