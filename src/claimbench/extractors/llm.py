"""LLM-prompted baseline: a German prompt sent to any OpenAI-compatible chat endpoint, with a replay cache.

Each document is split into paragraphs (non-blank lines; one longer than ``MAX_CHUNK_CHARS`` into
runs of whole sentences), because a small model copies spans more faithfully from a short text. Each
chunk is one ``/chat/completions`` request with temperature 0, a fixed seed and the JSON schema of
``prompts/llm_de.md`` as constrained output. Every response is stored in a content-addressed cache
(one JSON file per sha256 key over model, prompt hash, input hash and parameters), so a committed
cache replays the run offline without a server or key.

The model's JSON is trusted for nothing: claim texts must be found in their chunk, part texts in
their claim (attribution sources and cues in the chunk), values must be in the closed lists.
Whatever fails is dropped or set to None and counted in :class:`LLMStats`; broken JSON is counted,
never raised.

``response_format`` (constructor option ``schema_mode``):
- ``"json_object"`` (default): ``{"type": "json_object", "schema": {...}}``, the form llama.cpp's and
  llama-cpp-python's servers turn into a grammar, so the output always follows the schema;
- ``"json_schema"``: the OpenAI form ``{"type": "json_schema", "json_schema": {"name", "schema", "strict"}}``;
- ``"none"``: no ``response_format``, for servers that reject both (the prompt still shows the schema).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import string
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, fields
from importlib.resources import files
from pathlib import Path
from typing import Any, ClassVar, Literal, cast, get_args

from claimbench.extractors.base import Extractor, ExtractorError, ExtractorInput
from claimbench.locate import Locator
from claimbench.model import ENTITY_TYPES, QUALIFIERS, UNITS
from claimbench.submission import (
    PredictedAttribution,
    PredictedClaim,
    PredictedDate,
    PredictedEntity,
    PredictedQuantity,
)
from claimbench.timex import TIMEX3_TYPES, timex3_error

SchemaMode = Literal["json_object", "json_schema", "none"]

DEFAULT_CACHE_DIR = Path("baselines/llm/cache")
DEFAULT_API_KEY_ENV = "CLAIMBENCH_LLM_API_KEY"
RUN_RECORD_NAME = "run.json"  # metadata of the run that filled a cache, kept beside the cache folder
RECORDED_FACTS = ("model_file", "size_bytes", "quantisation", "parameter_count", "server", "run_date")
TEMPERATURE = 0.0
SEED = 1234
MAX_TOKENS = 1536  # per chunk: bounds a runaway answer (a cut answer is broken JSON, counted)
REQUEST_TIMEOUT_SECONDS = 900.0
MAX_CHUNK_CHARS = 600  # a longer paragraph is split at sentence ends: a small model loses track in long inputs

_MESSAGE_MARKER = re.compile(r"^<!-- message: (system|user|assistant) -->$", re.MULTILINE)
_SCHEMA_BLOCK = re.compile(r"```json\n(.*?)\n```", re.DOTALL)
_CODE_FENCE = re.compile(r"\A\s*```(?:json)?\s*\n(.*)\n\s*```\s*\Z", re.DOTALL)
_TRAILING_PUNCTUATION = ".,;:!?"
_SENTENCE_END = re.compile(r"[.!?][\"“”»«]?(\s+)(?=\S)")


class LLMError(ExtractorError):
    """A one-line failure of the LLM baseline (no cached response, unreachable server)."""


@dataclass(frozen=True)
class PromptTemplate:
    """The fixed messages (system: instructions and schema; then example turns), the template of the
    final user message, and the schema."""

    fixed_messages: tuple[tuple[str, str], ...]  # (role, content)
    user: str  # string.Template with $dct and $text
    schema: dict[str, Any]
    sha256: str  # of the whole template file: any edit gives new cache keys

    def user_message(self, dct: str, text: str) -> str:
        return string.Template(self.user).substitute(dct=dct, text=text)

    def messages(self, user_message: str) -> list[dict[str, str]]:
        return [{"role": role, "content": content} for role, content in self.fixed_messages] + [
            {"role": "user", "content": user_message}
        ]


def parse_prompt(source: str) -> PromptTemplate:
    """A prompt template from its file text.

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
    return PromptTemplate(
        fixed_messages=tuple(messages[:-1]),
        user=messages[-1][1],
        schema=json.loads(schema_block.group(1)),
        sha256=hashlib.sha256(source.encode("utf-8")).hexdigest(),
    )


def load_prompt() -> PromptTemplate:
    """The packaged German prompt template."""
    return parse_prompt(files("claimbench.extractors").joinpath("prompts/llm_de.md").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Chunk:
    """One piece of a document sent in one request: its offsets and text (``text == document[start:end]``)."""

    index: int
    start: int
    end: int
    text: str


def _sentence_packs(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """``text[start:end]`` as consecutive runs of whole sentences, each at most ``max_chars`` long
    unless one sentence alone is longer (claims never cross a sentence, so no claim is cut)."""
    sentences = []
    cursor = start
    for boundary in _SENTENCE_END.finditer(text, start, end):
        sentences.append((cursor, boundary.start(1)))
        cursor = boundary.end()
    sentences.append((cursor, end))
    packs = [sentences[0]]
    for sentence_start, sentence_end in sentences[1:]:
        pack_start = packs[-1][0]
        if sentence_end - pack_start <= max_chars:
            packs[-1] = (pack_start, sentence_end)
        else:
            packs.append((sentence_start, sentence_end))
    return packs


def document_chunks(text: str, max_chars: int = MAX_CHUNK_CHARS) -> list[Chunk]:
    """The paragraphs (non-blank lines, stripped) of ``text``; a longer one as packs of sentences."""
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        stripped = line.group().strip()
        if not stripped:
            continue
        start = line.start() + line.group().index(stripped[0])
        end = start + len(stripped)
        spans.extend([(start, end)] if end - start <= max_chars else _sentence_packs(text, start, end, max_chars))
    return [Chunk(index=index, start=start, end=end, text=text[start:end]) for index, (start, end) in enumerate(spans)]


@dataclass
class LLMStats:
    """What happened to the model's answers, summed over all documents of a run."""

    chunks: int = 0
    cache_hits: int = 0
    requests: int = 0
    truncated: int = 0  # finish_reason "length": the answer hit max_tokens
    broken_json: int = 0  # the answer is not JSON
    control_characters: int = 0  # JSON but for raw control characters inside strings: read anyway
    wrong_shape: int = 0  # JSON, but not an object with a "claims" array
    claims_returned: int = 0
    claims_kept: int = 0
    claims_malformed: int = 0  # not an object with a non-empty "text" string
    claims_not_found: int = 0  # text not in its chunk
    claims_duplicate: int = 0  # same span as an earlier claim of the document
    parts_malformed: int = 0
    parts_not_found: int = 0  # part text not in its claim (attribution: not in its chunk)
    invalid_values: int = 0  # value outside its closed list or grammar: set to None

    def as_dict(self) -> dict[str, int]:
        return asdict(self)

    def summary(self) -> str:
        """One line for the CLI: every counter, in field order."""
        return ", ".join(f"{field.name.replace('_', ' ')} {getattr(self, field.name)}" for field in fields(self))


@dataclass(frozen=True)
class RequestParameters:
    """Everything besides the messages that decides the model's answer (part of the cache key)."""

    model: str
    temperature: float
    seed: int
    max_tokens: int
    schema_mode: SchemaMode

    def key_fields(self) -> dict[str, Any]:
        return asdict(self)


def cache_key(parameters: RequestParameters, prompt_sha256: str, input_sha256: str) -> str:
    """The sha256 content address of one request."""
    payload = {"parameters": parameters.key_fields(), "prompt_sha256": prompt_sha256, "input_sha256": input_sha256}
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def response_format(schema_mode: SchemaMode, schema: dict[str, Any]) -> dict[str, Any] | None:
    """The ``response_format`` field for the chosen server dialect (None: leave it out)."""
    if schema_mode == "json_object":
        return {"type": "json_object", "schema": schema}
    if schema_mode == "json_schema":
        # strict would reject the schema's maxItems/maxLength on OpenAI; the server still follows it
        return {"type": "json_schema", "json_schema": {"name": "claims", "schema": schema, "strict": False}}
    return None


def request_body(parameters: RequestParameters, messages: list[dict[str, str]], schema: dict[str, Any]) -> dict[str, Any]:
    """The JSON body of one ``/chat/completions`` request."""
    body: dict[str, Any] = {
        "model": parameters.model,
        "messages": messages,
        "temperature": parameters.temperature,
        "seed": parameters.seed,
        "max_tokens": parameters.max_tokens,
        "stream": False,
    }
    format_field = response_format(parameters.schema_mode, schema)
    if format_field is not None:
        body["response_format"] = format_field
    return body


def post_chat_completion(base_url: str, body: dict[str, Any], api_key: str | None, timeout: float) -> dict[str, Any]:
    """POST ``body`` to ``{base_url}/chat/completions``; the decoded JSON answer, or LLMError."""
    url = base_url.rstrip("/") + "/chat/completions"
    headers = {"Content-Type": "application/json"}
    if api_key:
        headers["Authorization"] = f"Bearer {api_key}"
    request = urllib.request.Request(url, data=json.dumps(body).encode("utf-8"), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read()
    except urllib.error.HTTPError as error:
        detail = error.read().decode("utf-8", "replace").replace("\n", " ")[:300]
        raise LLMError(f"llm: {url} answered HTTP {error.code}: {detail}") from None
    except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
        reason = getattr(error, "reason", error)
        raise LLMError(f"llm: cannot reach {url}: {reason}") from None
    try:
        answer = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise LLMError(f"llm: {url} did not answer with JSON") from None
    if not isinstance(answer, dict) or not isinstance(answer.get("choices"), list) or not answer["choices"]:
        raise LLMError(f"llm: {url} answered without choices")
    return answer


def cache_entry(
    key: str, parameters: RequestParameters, prompt_sha256: str, user_message: str, answer: dict[str, Any]
) -> dict[str, Any]:
    """What the cache keeps of one request (never the API key): parameters, input, raw answer, usage."""
    choice = answer["choices"][0]
    message = choice.get("message") if isinstance(choice, dict) else None
    content = message.get("content") if isinstance(message, dict) else None
    return {
        "key": key,
        "request": {**parameters.key_fields(), "prompt_sha256": prompt_sha256},
        "input": user_message,
        "response": {
            "content": content if isinstance(content, str) else "",
            "finish_reason": choice.get("finish_reason") if isinstance(choice, dict) else None,
            "model": answer.get("model"),
            "usage": answer.get("usage"),
        },
    }


class ResponseCache:
    """One JSON file per request, named by its key; written with sorted keys (same entry, same bytes)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path(self, key: str) -> Path:
        return self.directory / f"{key}.json"

    def read(self, key: str) -> dict[str, Any] | None:
        path = self.path(key)
        if not path.exists():
            return None
        return cast(dict[str, Any], json.loads(path.read_text(encoding="utf-8")))

    def write(self, key: str, entry: dict[str, Any]) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        partial = self.path(key).with_suffix(".json.partial")
        partial.write_text(json.dumps(entry, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        partial.replace(self.path(key))  # atomic: an interrupted run never leaves a half-written entry


def claim_items(content: str, stats: LLMStats) -> list[Any]:
    """The "claims" array of an answer; broken JSON or another shape is counted and gives []."""
    fenced = _CODE_FENCE.match(content)  # servers without schema support often wrap JSON in a fence
    text = fenced.group(1) if fenced else content
    try:
        payload = json.loads(text)
    except ValueError:
        try:
            # llama-cpp-python's schema grammar (char ::= [^"\\] | ...) lets raw newlines into strings
            payload = json.loads(text, strict=False)
        except ValueError:
            stats.broken_json += 1
            return []
        stats.control_characters += 1
    if not isinstance(payload, dict) or not isinstance(payload.get("claims"), list):
        stats.wrong_shape += 1
        return []
    return cast(list[Any], payload["claims"])


def _text_field(item: dict[str, Any], name: str) -> str | None:
    value = item.get(name)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _choice(value: Any, allowed: tuple[str, ...], stats: LLMStats) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and value in allowed:
        return value
    stats.invalid_values += 1
    return None


def _number(value: Any, stats: LLMStats) -> float | None:
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    stats.invalid_values += 1
    return None


class _ClaimBuilder:
    """Turns one chunk's claim items into predicted claims with offsets into the document."""

    def __init__(self, document: ExtractorInput, locator: Locator, stats: LLMStats) -> None:
        self.document = document
        self.locator = locator
        self.stats = stats
        self.seen_spans: set[tuple[int, int]] = set()

    def _span(
        self, text: str, within: tuple[int, int], taken: set[tuple[int, int]], near: int
    ) -> tuple[int, int] | None:
        """Where ``text`` occurs in ``within`` (exact, else whitespace/quote-normalised): the occurrence
        not yet taken by an earlier part, nearest to ``near``; None when it does not occur."""
        spans = self.locator.find(text, within)
        if not spans:
            return None
        free = [span for span in spans if span not in taken] or spans
        return min(free, key=lambda span: (abs(span[0] - near), span[0]))

    def build(self, chunk: Chunk, items: list[Any]) -> list[PredictedClaim]:
        claims = []
        for item in items:
            self.stats.claims_returned += 1
            claim = self._claim(chunk, item)
            if claim is not None:
                self.stats.claims_kept += 1
                claims.append(claim)
        return claims

    def _claim(self, chunk: Chunk, item: Any) -> PredictedClaim | None:
        text = _text_field(item, "text") if isinstance(item, dict) else None
        # a claim span never ends with sentence punctuation (guideline section 4); models often copy it
        text = text.rstrip(_TRAILING_PUNCTUATION).rstrip() if text else None
        if not text:
            self.stats.claims_malformed += 1
            return None
        span = self._span(text, (chunk.start, chunk.end), set(), chunk.start)
        if span is None:
            self.stats.claims_not_found += 1
            return None
        if span in self.seen_spans:
            self.stats.claims_duplicate += 1
            return None
        self.seen_spans.add(span)
        normalized = item.get("normalized")
        if not isinstance(normalized, str):
            if normalized is not None:
                self.stats.invalid_values += 1
            normalized = ""
        start, end = span
        return PredictedClaim(
            doc_id=self.document.doc_id,
            text=self.document.text[start:end],
            start=start,
            end=end,
            normalized=normalized.strip() or None,
            entities=tuple(self._entities(item.get("entities"), span)),
            quantities=tuple(self._quantities(item.get("quantities"), span)),
            dates=tuple(self._dates(item.get("dates"), span)),
            attributions=tuple(self._attributions(item.get("attributions"), span, chunk)),
        )

    def _part_items(self, raw: Any, text_field: str) -> list[tuple[dict[str, Any], str]]:
        """Well-formed part objects with their (stripped) text; the rest is counted as malformed."""
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.stats.parts_malformed += 1
            return []
        parts = []
        for part in raw:
            text = _text_field(part, text_field) if isinstance(part, dict) else None
            if text is None:
                self.stats.parts_malformed += 1
                continue
            parts.append((cast(dict[str, Any], part), text))
        return parts

    def _located(self, raw: Any, text_field: str, claim: tuple[int, int]) -> list[tuple[dict[str, Any], int, int]]:
        """Part objects found inside the claim span, each at its own occurrence where possible."""
        located = []
        taken: set[tuple[int, int]] = set()
        for part, text in self._part_items(raw, text_field):
            span = self._span(text, claim, taken, claim[0])
            if span is None:
                self.stats.parts_not_found += 1
                continue
            taken.add(span)
            located.append((part, *span))
        return located

    def _entities(self, raw: Any, claim: tuple[int, int]) -> list[PredictedEntity]:
        text = self.document.text
        return [
            PredictedEntity(text=text[start:end], start=start, end=end, type=_choice(part.get("type"), ENTITY_TYPES, self.stats))
            for part, start, end in self._located(raw, "text", claim)
        ]

    def _quantities(self, raw: Any, claim: tuple[int, int]) -> list[PredictedQuantity]:
        text = self.document.text
        return [
            PredictedQuantity(
                text=text[start:end],
                start=start,
                end=end,
                value=_number(part.get("value"), self.stats),
                unit=_choice(part.get("unit"), UNITS, self.stats),
                qualifier=_choice(part.get("qualifier"), QUALIFIERS, self.stats),
            )
            for part, start, end in self._located(raw, "text", claim)
        ]

    def _dates(self, raw: Any, claim: tuple[int, int]) -> list[PredictedDate]:
        dates = []
        for part, start, end in self._located(raw, "text", claim):
            timex_type = _choice(part.get("type"), TIMEX3_TYPES, self.stats)
            value = part.get("value")
            if value is not None and timex3_error(value, timex_type or "DATE") is not None:
                self.stats.invalid_values += 1
                value = None
            dates.append(PredictedDate(text=self.document.text[start:end], start=start, end=end, value=value, type=timex_type))
        return dates

    def _attributions(self, raw: Any, claim: tuple[int, int], chunk: Chunk) -> list[PredictedAttribution]:
        """Sources and cues may stand outside the claim (the frame is excluded), so search the chunk."""
        attributions: list[PredictedAttribution] = []
        chunk_span = (chunk.start, chunk.end)
        for part, source in self._part_items(raw, "source"):
            source_span = self._span(source, chunk_span, set(), claim[0])
            if source_span is None:
                self.stats.parts_not_found += 1
                continue
            cue = _text_field(part, "cue")
            cue_span = self._span(cue, chunk_span, set(), source_span[0]) if cue is not None else None
            if cue is not None and cue_span is None:
                self.stats.parts_not_found += 1
            text = self.document.text
            cue_start, cue_end = cue_span if cue_span else (None, None)
            attributions.append(
                PredictedAttribution(
                    source_text=text[source_span[0] : source_span[1]],
                    source_start=source_span[0],
                    source_end=source_span[1],
                    cue_text=text[cue_span[0] : cue_span[1]] if cue_span else None,
                    cue_start=cue_start,
                    cue_end=cue_end,
                    depth=len(attributions),  # the prompt asks for the outermost source first
                )
            )
        return attributions


def recorded_run(cache_dir: Path) -> dict[str, Any] | None:
    """The run record beside a cache folder (``<cache_dir>/../run.json``), if there is one."""
    path = cache_dir.parent / RUN_RECORD_NAME
    if not path.exists():
        return None
    return cast(dict[str, Any], json.loads(path.read_text(encoding="utf-8")))


class LLMExtractor(Extractor):
    """Claims from a prompted LLM behind an OpenAI-compatible endpoint, or replayed from its cache."""

    name: ClassVar[str] = "llm"
    trains_on_gold: ClassVar[bool] = False

    def __init__(
        self,
        base_url: str | None = None,
        model: str | None = None,
        cache_dir: Path = DEFAULT_CACHE_DIR,
        api_key_env: str = DEFAULT_API_KEY_ENV,
        offline: bool = False,
        schema_mode: SchemaMode = "json_object",
    ) -> None:
        if schema_mode not in get_args(SchemaMode):
            raise ValueError(f"schema_mode must be one of {', '.join(get_args(SchemaMode))}, got {schema_mode!r}")
        self.cache = ResponseCache(Path(cache_dir))
        self.record = recorded_run(self.cache.directory)
        recorded_model = self.record.get("model") if self.record else None
        model = model or (recorded_model if isinstance(recorded_model, str) else None)
        if model is None:
            raise LLMError(f"llm: no model given and no {RUN_RECORD_NAME} beside {cache_dir} names one; pass --model")
        self.base_url = None if offline else base_url
        self.api_key_env = api_key_env
        self.prompt = load_prompt()
        self.parameters = RequestParameters(
            model=model, temperature=TEMPERATURE, seed=SEED, max_tokens=MAX_TOKENS, schema_mode=schema_mode
        )
        self.stats = LLMStats()

    def extract(self, document: ExtractorInput) -> list[PredictedClaim]:
        builder = _ClaimBuilder(document, Locator(document.text), self.stats)
        claims: list[PredictedClaim] = []
        for chunk in document_chunks(document.text):
            self.stats.chunks += 1
            entry = self._answer(document, chunk)
            if entry["response"]["finish_reason"] == "length":
                self.stats.truncated += 1
            claims.extend(builder.build(chunk, claim_items(entry["response"]["content"], self.stats)))
        return sorted(claims, key=lambda claim: (claim.start or 0, claim.end or 0))

    def _answer(self, document: ExtractorInput, chunk: Chunk) -> dict[str, Any]:
        """The cache entry for one chunk: from the cache, else from the server (then cached)."""
        user_message = self.prompt.user_message(dct=document.dct, text=chunk.text)
        input_sha256 = hashlib.sha256(user_message.encode("utf-8")).hexdigest()
        key = cache_key(self.parameters, self.prompt.sha256, input_sha256)
        entry = self.cache.read(key)
        if entry is not None:
            self.stats.cache_hits += 1
            return entry
        if self.base_url is None:
            raise LLMError(
                f"llm: no cached answer for document {document.doc_id} chunk {chunk.index} "
                f"(model {self.parameters.model}, key {key[:12]}) in {self.cache.directory}; run the model: "
                f"claimbench run llm --base-url http://HOST:PORT/v1 --model {self.parameters.model}"
            )
        body = request_body(self.parameters, self.prompt.messages(user_message), self.prompt.schema)
        answer = post_chat_completion(self.base_url, body, os.environ.get(self.api_key_env), REQUEST_TIMEOUT_SECONDS)
        self.stats.requests += 1
        entry = cache_entry(key, self.parameters, self.prompt.sha256, user_message, answer)
        self.cache.write(key, entry)
        return entry

    def description(self) -> str:
        model = self.parameters.model
        if model.startswith("SmolLM2-135M-Instruct"):
            model = "SmolLM2 135M Instruct (instruction-tuned), 4-bit Q4_1"
        return f"LLM: {model}, zero-shot German prompt with a JSON output schema"

    def exposure(self) -> str:
        return "no training and no examples from the test articles; prompt written with the guideline"

    def input_files(self) -> list[Path]:
        return [Path(__file__), Path(__file__).parent / "prompts" / "llm_de.md", self.cache.directory]

    def describe(self) -> dict[str, str]:
        """Model, prompt, parameters, the recorded run's facts and the answer statistics (no key)."""
        facts = {
            "model": self.parameters.model,
            "prompt_sha256": self.prompt.sha256,
            "temperature": str(self.parameters.temperature),
            "seed": str(self.parameters.seed),
            "max_tokens": str(self.parameters.max_tokens),
            "schema_mode": self.parameters.schema_mode,
            "mode": "live" if self.base_url else "replay",
        }
        if self.record and self.record.get("model") == self.parameters.model:
            for name in RECORDED_FACTS:
                if name in self.record:
                    facts[name] = str(self.record[name])
        facts.update({name: str(count) for name, count in self.stats.as_dict().items()})
        return facts
