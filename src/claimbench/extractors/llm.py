"""LLM-prompted baseline: a German prompt sent to any OpenAI-compatible endpoint, with a replay cache.

Each document is split into chunks (paragraphs; a long one into runs of whole sentences, both as
:mod:`claimbench.dataset.segment` cuts them), because a small model copies spans more faithfully from a short
text. Each chunk is one request with temperature 0 and a fixed seed:

- ``api="chat"`` (instruction-tuned models): ``/chat/completions`` with the messages of
  ``prompts/llm_de.md``; ``api="completion"`` (pretrained base models): ``/completions`` with the
  plain text of ``prompts/llm_de_base.md``, which ends where the answer's JSON starts;
- ``shots=K``: K demonstrations (a chunk and the JSON of its gold claims) from the OTHER articles'
  gold, handed over by the runner leave-one-article-out (see :mod:`llm_prompts`);
- ``schema_mode`` constrains the output where the server can: ``"json_object"`` (default for chat:
  ``{"type": "json_object", "schema": ...}``, turned into a grammar by llama.cpp and
  llama-cpp-python), ``"json_schema"`` (the OpenAI form, also vLLM's), ``"gbnf"`` (default for
  completion: a GBNF grammar made from the schema, in llama-cpp-python's ``grammar`` field),
  ``"none"`` (the prompt alone).

Every answer is stored in a content-addressed cache (one JSON file per sha256 key over model, prompt,
input, demonstrations and parameters), written atomically as soon as it arrives, so a committed cache
replays the run offline without a server, key or the ``openai`` package, and a killed run resumes
where it stopped. With ``concurrency=N`` up to N requests are in flight (a thread pool); answers are
read in document order whatever order they arrive in, so the output does not depend on N.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal, cast, get_args

from claimbench.dataset import segment
from claimbench.dataset.model import Corpus
from claimbench.extractors.base import ExtractionTask, Extractor, ExtractorInput
from claimbench.extractors.grammar import schema_grammar
from claimbench.extractors.llm_answers import ClaimBuilder, LLMStats, claim_items
from claimbench.extractors.llm_client import EndpointClient, EndpointRequest, LLMError, RetryPolicy
from claimbench.extractors.llm_prompts import (
    MAX_CHUNK_CHARS,
    Chunk,
    Demonstration,
    choose_demonstrations,
    demonstrations_sha256,
    document_chunks,
    load_chat_template,
    load_completion_template,
)
from claimbench.scoring.locate import Locator
from claimbench.scoring.submission import PredictedClaim

SchemaMode = Literal["json_object", "json_schema", "gbnf", "none"]
Api = Literal["chat", "completion"]

DEFAULT_CACHE_DIR = Path("baselines/llm/cache")
DEFAULT_API_KEY_ENV = "CLAIMBENCH_LLM_API_KEY"
RUN_RECORD_NAME = "run.json"  # metadata of the run that filled a cache, kept beside the cache folder
# facts of the run record that describe() passes on (model file and server facts, measured run figures)
RECORDED_FACTS = (
    "model_name", "instruction_tuned", "model_file", "model_sha256", "size_bytes", "quantisation", "parameter_count",
    "server", "run_date", "concurrency", "seconds_total", "requests_per_second",
)  # fmt: skip
DEFAULT_SCHEMA_MODE: dict[str, SchemaMode] = {"chat": "json_object", "completion": "gbnf"}
CHAT_ONLY_SCHEMA_MODES = ("json_object", "json_schema")  # response_format exists on /chat/completions only
# a completion prompt's answer is one line (as in its demonstrations): a base model without a grammar
# would go on to write the next "Datum: ..." block
COMPLETION_STOP = ("\n",)
TEMPERATURE = 0.0
SEED = 1234
MAX_TOKENS = 1536  # per chunk: bounds a runaway answer (a cut answer is broken JSON, counted)
REQUEST_TIMEOUT_SECONDS = 900.0


@dataclass(frozen=True)
class RequestParameters:
    """Everything besides the prompt text that decides the model's answer (part of the cache key)."""

    model: str
    temperature: float
    seed: int
    max_tokens: int
    schema_mode: SchemaMode
    api: Api = "chat"
    shots: int = 0
    stop: tuple[str, ...] = ()  # where the server ends an answer besides the grammar or end of text

    def key_fields(self) -> dict[str, Any]:
        """The fields in the cache key; ``api``, ``shots`` and ``stop`` only when not chat, zero-shot and
        empty, so that the keys of the zero-shot chat runs made before these options existed stay valid."""
        fields = asdict(self)
        for name, default in (("api", "chat"), ("shots", 0), ("stop", ())):
            if fields[name] == default:
                del fields[name]
        if "stop" in fields:
            fields["stop"] = list(self.stop)
        return fields


def cache_key(
    parameters: RequestParameters, prompt_sha256: str, input_sha256: str, demonstrations_sha256: str | None = None
) -> str:
    """The sha256 content address of one request."""
    payload = {"parameters": parameters.key_fields(), "prompt_sha256": prompt_sha256, "input_sha256": input_sha256}
    if demonstrations_sha256 is not None:
        payload["demonstrations_sha256"] = demonstrations_sha256
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def output_constraint(schema_mode: SchemaMode, schema: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The request fields (``response_format``) and extra body fields (``grammar``) that hold the answer to the schema."""
    if schema_mode == "json_object":
        return {"response_format": {"type": "json_object", "schema": schema}}, {}
    if schema_mode == "json_schema":
        # strict would reject the schema's maxItems/maxLength on OpenAI; the server still follows it
        format_field = {"type": "json_schema", "json_schema": {"name": "claims", "schema": schema, "strict": False}}
        return {"response_format": format_field}, {}
    if schema_mode == "gbnf":
        return {}, {"grammar": schema_grammar(schema)}
    return {}, {}


@dataclass(frozen=True)
class PlannedRequest:
    """One chunk's request: its cache key, what the cache records of its input, and the request itself."""

    doc_id: str
    chunk: Chunk
    key: str
    input: str  # the user message (chat) or the query block (completion): the part that is not shared
    request: EndpointRequest
    demonstrations: tuple[str, ...]  # labels "doc_id:chunk" of the demonstrations in the prompt

    @property
    def where(self) -> str:
        return f"document {self.doc_id} chunk {self.chunk.index}"


def cache_entry(planned: PlannedRequest, parameters: RequestParameters, prompt_sha256: str, answer: dict[str, Any]) -> dict[str, Any]:
    """What the cache keeps of one request (never the API key): parameters, input, raw answer, usage."""
    choice = answer["choices"][0]
    choice = choice if isinstance(choice, dict) else {}
    message = choice.get("message")
    content = message.get("content") if isinstance(message, dict) else choice.get("text")
    entry = {
        "key": planned.key,
        "request": {**parameters.key_fields(), "prompt_sha256": prompt_sha256},
        "input": planned.input,
        "response": {
            "content": content if isinstance(content, str) else "",
            "finish_reason": choice.get("finish_reason"),
            "model": answer.get("model"),
            "usage": answer.get("usage"),
        },
    }
    if planned.demonstrations:
        entry["demonstrations"] = list(planned.demonstrations)
    return entry


def _usage(entry: dict[str, Any], name: str) -> int:
    usage = entry["response"].get("usage")
    value = usage.get(name) if isinstance(usage, dict) else None
    return value if isinstance(value, int) else 0


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
        """Atomic: the entry goes to a temporary file in the same folder, then replaces the final name, so
        a run killed at any moment leaves whole entries only (a stray temporary file is never read)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{key}.", suffix=".partial", dir=self.directory)
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(json.dumps(entry, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
        os.replace(temporary, self.path(key))


@dataclass(frozen=True)
class RequestProgress:
    """Where a live run stands: requests answered out of those not in the cache, tokens, seconds."""

    done: int
    total: int
    cached: int
    prompt_tokens: int
    completion_tokens: int
    seconds: float

    def line(self) -> str:
        rate = self.completion_tokens / self.seconds if self.seconds > 0 else 0.0
        return (
            f"llm: requests {self.done}/{self.total} ({self.cached} from cache) | tokens in {self.prompt_tokens} "
            f"out {self.completion_tokens} | {rate:.1f} tokens/s out | {self.seconds:.0f} s"
        )


def recorded_run(cache_dir: Path) -> dict[str, Any]:
    """The run record beside a cache folder (``<cache_dir>/../run.json``); empty if there is none."""
    path = cache_dir.parent / RUN_RECORD_NAME
    if not path.exists():
        return {}
    return cast(dict[str, Any], json.loads(path.read_text(encoding="utf-8")))


def _fact(value: Any) -> str:
    """A recorded value as the text of a fact (true/false as in run.json)."""
    return json.dumps(value) if isinstance(value, bool) else str(value)


def _parameter_label(count: Any) -> str | None:
    if not isinstance(count, int) or count <= 0:
        return None
    return f"{count / 1e9:.1f}B parameters" if count >= 1e9 else f"{round(count / 1e6)}M parameters"


def _quantisation_words(quantisation: Any) -> str | None:
    if not isinstance(quantisation, str):
        return None
    bits = {"Q2": 2, "Q3": 3, "Q4": 4, "Q5": 5, "Q6": 6, "Q8": 8, "F16": 16, "BF16": 16, "F32": 32}.get(quantisation.split("_")[0])
    return f"{quantisation} ({bits}-bit weights)" if bits else quantisation


class LLMExtractor(Extractor):
    """Claims from a prompted LLM behind an OpenAI-compatible endpoint, or replayed from its cache.

    Options left out are taken from the run record beside the cache (``run.json``) when it names the
    same model, so ``cache_dir`` alone replays a recorded run, whatever its prompt style and shots."""

    name = "llm"

    def __init__(
        self,
        base_url: str | None = None,
        model: str | None = None,
        cache_dir: Path = DEFAULT_CACHE_DIR,
        api_key_env: str = DEFAULT_API_KEY_ENV,
        offline: bool = False,
        schema_mode: SchemaMode | None = None,
        api: Api | None = None,
        shots: int | None = None,
        max_tokens: int | None = None,
        concurrency: int = 1,
        timeout: float = REQUEST_TIMEOUT_SECONDS,
        retry: RetryPolicy = RetryPolicy(),
        name: str | None = None,
        on_progress: Callable[[RequestProgress], None] | None = None,
    ) -> None:
        self.cache = ResponseCache(Path(cache_dir))
        self.record = recorded_run(self.cache.directory)
        model = model or (self.record.get("model") if isinstance(self.record.get("model"), str) else None)
        if model is None:
            raise LLMError(f"llm: no model given and no {RUN_RECORD_NAME} beside {cache_dir} names one; pass --model")
        if self.record.get("model") != model:
            self.record = {}  # a record of another model says nothing about this run
        recorded = self.record.get("parameters", {})
        api = api or recorded.get("api", "chat")
        if api not in get_args(Api):
            raise ValueError(f"api must be one of {', '.join(get_args(Api))}, got {api!r}")
        schema_mode = schema_mode or recorded.get("schema_mode") or DEFAULT_SCHEMA_MODE[api]
        if schema_mode not in get_args(SchemaMode):
            raise ValueError(f"schema_mode must be one of {', '.join(get_args(SchemaMode))}, got {schema_mode!r}")
        if api == "completion" and schema_mode in CHAT_ONLY_SCHEMA_MODES:
            raise ValueError(f"schema_mode {schema_mode!r} is a chat response_format; with api 'completion' use gbnf or none")
        shots = recorded.get("shots", 0) if shots is None else shots
        if shots < 0 or concurrency < 1:
            raise ValueError("shots must be at least 0 and concurrency at least 1")
        if name is not None:
            self.name = name
        self.trains_on_gold = shots > 0  # few-shot: the runner hands over the other articles' gold
        self.parameters = RequestParameters(
            model=model, temperature=TEMPERATURE, seed=SEED, max_tokens=max_tokens or recorded.get("max_tokens", MAX_TOKENS),
            schema_mode=schema_mode, api=api, shots=shots, stop=COMPLETION_STOP if api == "completion" else (),
        )  # fmt: skip
        self.chat = load_chat_template()
        self.completion = load_completion_template()
        self.prompt_sha256 = self.chat.sha256 if api == "chat" else self.completion.sha256
        self.request_fields, self.extra_body = output_constraint(schema_mode, self.chat.schema)
        self.request_fields.update(temperature=TEMPERATURE, seed=SEED, max_tokens=self.parameters.max_tokens)
        if self.parameters.stop:
            self.request_fields["stop"] = list(self.parameters.stop)
        self.base_url = None if offline else base_url
        self.api_key_env = api_key_env
        self.concurrency = concurrency
        self.timeout = timeout
        self.retry = retry
        self.on_progress = on_progress
        self.stats = LLMStats()
        self.demonstrations: dict[str, tuple[str, ...]] = {}  # doc_id -> labels of its demonstrations
        self.tokens = {"prompt": 0, "completion": 0}  # summed over every chunk's answer (cached or new)
        self.live: dict[str, Any] = {}  # figures of the requests this run sent (run.json)
        self._training: Corpus | None = None
        self._documents = 0

    def fit(self, training: Corpus) -> None:
        """Keep the other articles' gold for the demonstrations of the next :meth:`extract` (few-shot only)."""
        self._training = training

    def extract(self, document: ExtractorInput) -> list[PredictedClaim]:
        return next(iter(self.extract_all([ExtractionTask(document, self._training)])))

    def extract_all(self, tasks: Iterable[ExtractionTask]) -> Iterator[list[PredictedClaim]]:
        """Plan every chunk's request of every document, send the missing ones (``concurrency`` at a time),
        then read the answers in document order."""
        plans = [(task.document, self._plan(task)) for task in tasks]
        entries = self._answers([planned for _, plan in plans for planned in plan])
        for document, plan in plans:
            yield self._claims(document, plan, entries)

    def _plan(self, task: ExtractionTask) -> list[PlannedRequest]:
        document = task.document
        self._documents += 1
        demonstrations: tuple[Demonstration, ...] = ()
        demonstration_hash = None
        if self.parameters.shots > 0:
            if task.training is None:
                raise LLMError(f"llm: {self.parameters.shots}-shot needs the other articles' gold (claimbench.extractors.runner.run passes it)")
            demonstrations = choose_demonstrations(task.training, document.doc_id, self.parameters.shots)
            demonstration_hash = demonstrations_sha256(demonstrations)
            self.demonstrations[document.doc_id] = tuple(d.label for d in demonstrations)
        planned = []
        for chunk in document_chunks(document.text):
            if self.parameters.api == "chat":
                text = self.chat.user_message(dct=document.dct, text=chunk.text)
                request = EndpointRequest("chat", self.parameters.model, self.request_fields,
                                          messages=self.chat.messages(text, demonstrations), extra_body=self.extra_body)  # fmt: skip
            else:
                text = self.completion.query_block(dct=document.dct, text=chunk.text)
                request = EndpointRequest("completion", self.parameters.model, self.request_fields,
                                          prompt=self.completion.prompt(text, demonstrations), extra_body=self.extra_body)  # fmt: skip
            key = cache_key(self.parameters, self.prompt_sha256, hashlib.sha256(text.encode("utf-8")).hexdigest(), demonstration_hash)
            planned.append(PlannedRequest(document.doc_id, chunk, key, text, request, tuple(d.label for d in demonstrations)))
        return planned

    def _answers(self, planned: list[PlannedRequest]) -> dict[str, dict[str, Any]]:
        """The cache entry of every planned request: from the cache, else from the server (then cached)."""
        entries: dict[str, dict[str, Any]] = {}
        missing: dict[str, PlannedRequest] = {}  # a key asked twice (the same paragraph twice) is sent once
        for request in planned:
            if request.key in entries or request.key in missing:
                continue
            entry = self.cache.read(request.key)
            if entry is not None:
                entries[request.key] = entry
            else:
                missing[request.key] = request
        if missing and self.base_url is None:
            first = next(iter(missing.values()))
            raise LLMError(
                f"llm: no cached answer for {first.where} (model {self.parameters.model}, key {first.key[:12]}) in "
                f"{self.cache.directory}; run the model: claimbench run llm --base-url http://HOST:PORT/v1 "
                f"--model {self.parameters.model}"
            )
        if missing:
            entries.update(self._fetch_all(list(missing.values()), cached=len(planned) - len(missing)))
        self.stats.cache_hits += len(planned) - len(missing)
        self.stats.requests += len(missing)
        return entries

    def _fetch_all(self, requests: list[PlannedRequest], cached: int) -> dict[str, dict[str, Any]]:
        """Send ``requests`` with up to ``concurrency`` in flight, in the order given (document order, so a
        server that reuses a shared prompt prefix can). After a request failed for good no other is sent;
        those in flight finish and are cached, and the error is raised."""
        client = EndpointClient(self.base_url or "", os.environ.get(self.api_key_env), self.timeout, self.retry)
        entries: dict[str, dict[str, Any]] = {}
        tokens = {"prompt": 0, "completion": 0}
        started = time.perf_counter()

        def report() -> None:
            if self.on_progress is not None:
                seconds = time.perf_counter() - started
                self.on_progress(RequestProgress(len(entries), len(requests), cached, tokens["prompt"], tokens["completion"], seconds))

        failed = threading.Event()  # once a request has failed for good, no worker sends another

        def fetch(request: PlannedRequest) -> dict[str, Any] | None:
            if failed.is_set():
                return None
            try:
                answer = client.complete(request.request, request.where)
            except BaseException:
                failed.set()
                raise
            entry = cache_entry(request, self.parameters, self.prompt_sha256, answer)
            self.cache.write(request.key, entry)
            return entry

        report()
        pool = ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="llm-request")
        try:
            for future in as_completed([pool.submit(fetch, request) for request in requests]):
                entry = future.result()
                if entry is None:
                    continue
                entries[entry["key"]] = entry
                tokens["prompt"] += _usage(entry, "prompt_tokens")
                tokens["completion"] += _usage(entry, "completion_tokens")
                report()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        seconds = time.perf_counter() - started
        self.live = {
            "requests": len(requests),
            "concurrency": self.concurrency,
            "seconds_total": round(seconds, 1),
            "requests_per_second": round(len(requests) / seconds, 3) if seconds > 0 else None,
            "sent_tokens_prompt": tokens["prompt"],
            "sent_tokens_completion": tokens["completion"],
            "completion_tokens_per_second": round(tokens["completion"] / seconds, 1) if seconds > 0 else None,
        }
        return entries

    def _claims(self, document: ExtractorInput, plan: list[PlannedRequest], entries: dict[str, dict[str, Any]]) -> list[PredictedClaim]:
        builder = ClaimBuilder(document, Locator(document.text), self.stats)
        claims: list[PredictedClaim] = []
        for request in plan:
            self.stats.chunks += 1
            entry = entries[request.key]
            if entry["response"]["finish_reason"] == "length":
                self.stats.truncated += 1
            self.tokens["prompt"] += _usage(entry, "prompt_tokens")
            self.tokens["completion"] += _usage(entry, "completion_tokens")
            claims.extend(builder.build(request.chunk, claim_items(entry["response"]["content"], self.stats)))
        return sorted(claims, key=lambda claim: (claim.start or 0, claim.end or 0))

    def describe(self) -> dict[str, str]:
        """Model, prompt, parameters, demonstrations, tokens, the recorded run's facts and the answer
        statistics (never the key; nothing that changes between replays)."""
        parameters = self.parameters
        facts = {
            "model": parameters.model,
            "api": parameters.api,
            "prompt_sha256": self.prompt_sha256,
            "temperature": str(parameters.temperature),
            "seed": str(parameters.seed),
            "max_tokens": str(parameters.max_tokens),
            "schema_mode": parameters.schema_mode,
            "shots": str(parameters.shots),
            "mode": "live" if self.base_url else "replay",
            "tokens_prompt": str(self.tokens["prompt"]),
            "tokens_completion": str(self.tokens["completion"]),
        }
        if parameters.stop:
            facts["stop"] = json.dumps(list(parameters.stop))
        if self.demonstrations:
            facts["demonstrations"] = "; ".join(f"{doc_id}: {', '.join(labels)}" for doc_id, labels in sorted(self.demonstrations.items()))
        facts.update({name: _fact(self.record[name]) for name in RECORDED_FACTS if name in self.record})
        facts.update({name: str(count) for name, count in self.stats.as_dict().items()})
        return facts

    def description(self) -> str:
        """What the system is, in plain words (model, size, base or instruction-tuned, quantisation, prompting)."""
        record, parameters = self.record, self.parameters
        kind = {True: "instruction-tuned", False: "base model: pretrained, not instruction-tuned"}.get(record.get("instruction_tuned"))
        about = [label for label in (_parameter_label(record.get("parameter_count")), kind) if label]
        model = str(record.get("model_name") or parameters.model) + (f" ({', '.join(about)})" if about else "")
        shots = f"{parameters.shots}-shot" if parameters.shots else "zero-shot"
        style = "chat prompt" if parameters.api == "chat" else "plain-text completion prompt"
        constraint = {
            "json_object": "JSON schema enforced by the server",
            "json_schema": "JSON schema enforced by the server",
            "gbnf": "JSON shape enforced by a grammar",
            "none": "output not constrained" + (" (the answer ends at its line break)" if parameters.stop else ""),
        }[parameters.schema_mode]
        quantisation = _quantisation_words(record.get("quantisation"))
        return ", ".join(part for part in (f"LLM: {model}", quantisation, f"{shots} {style}", constraint) if part)

    def exposure(self) -> str:
        """What the system saw of the benchmark."""
        if self.parameters.shots:
            return (
                f"{self.parameters.shots} demonstrations per article from the other articles' gold "
                "(leave-one-article-out, never the article predicted); prompt written with the annotation guideline"
            )
        example = " (its one worked example is invented, not from the articles)" if self.parameters.api == "chat" else ""
        return f"no gold data (zero-shot); prompt written with the annotation guideline{example}"

    def recorded_with(self, facts: dict[str, Any]) -> dict[str, Any]:
        """The run record to store after a live run: the earlier record of this model (model file facts),
        overwritten by this run's measured facts, then by ``facts`` (model file, server flags, date)."""
        return {**self.record, **self.run_record(), **facts}

    def input_files(self) -> list[Path]:
        """The code and prompts that shape the requests and read the answers, and the cache of answers."""
        folder = Path(__file__).parent
        modules = ("llm.py", "llm_prompts.py", "llm_answers.py", "grammar.py", "prompts/llm_de.md", "prompts/llm_de_base.md")
        return [folder / name for name in modules] + [Path(segment.__file__), self.cache.directory]

    def run_record(self) -> dict[str, Any]:
        """The measured facts of this run for ``run.json``: parameters, demonstrations, answers, tokens
        and, when requests were sent, their number, concurrency, wall time and rates."""
        return {
            "model": self.parameters.model,
            "prompt_sha256": self.prompt_sha256,
            "parameters": {**asdict(self.parameters), "max_chunk_chars": MAX_CHUNK_CHARS},
            "documents": self._documents,
            "chunks": self.stats.chunks,
            "demonstrations": {doc_id: list(labels) for doc_id, labels in sorted(self.demonstrations.items())},
            "answer_statistics": self.stats.as_dict(),
            "tokens_prompt": self.tokens["prompt"],
            "tokens_completion": self.tokens["completion"],
            **self.live,
        }
