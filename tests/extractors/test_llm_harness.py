"""The LLM harness against a local fake OpenAI-compatible server (stdlib http.server on 127.0.0.1, an
ephemeral port) that answers slowly, with 429 + Retry-After, 500, cut-off bodies, hangs and valid
answers in a scripted order: `claimbench run llm --base-url ... --concurrency N` end to end."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
from local_server import serving
from typer.testing import CliRunner

from claimbench.cli import app
from claimbench.dataset.gold import load_gold
from claimbench.extractors.llm import DEFAULT_API_KEY_ENV, LLMError, LLMExtractor
from claimbench.extractors.llm_client import EndpointClient, EndpointRequest, RetryPolicy
from claimbench.extractors.llm_prompts import document_chunks
from claimbench.extractors.runner import run

runner = CliRunner()
SECRET = "sk-harness-secret-9876543210"
CORPUS = load_gold()
DOCUMENT_OF_TEXT = {document.doc_id: document.text for document in CORPUS.documents}


def paragraph_of(body: dict[str, Any]) -> str:
    """The chunk a request asks about: the last "Absatz:" of the chat message or completion prompt."""
    text = body["messages"][-1]["content"] if "messages" in body else body["prompt"]
    return re.split(r"Absatz:\n?", text)[-1].split("\nJSON:")[0].strip()


def answer_for(paragraph: str) -> tuple[str, str]:
    """The fake model: its first words as a claim; a paragraph starting with "Die" gets a cut-off answer
    (decided by content, not arrival order, so the output cannot depend on concurrency)."""
    words = paragraph.split()[:5]
    claim = {"text": " ".join(words), "normalized": " ".join(words) + ".", "entities": [], "quantities": [],
             "dates": [], "attributions": []}  # fmt: skip
    content = json.dumps({"claims": [claim]}, ensure_ascii=False)
    if paragraph.startswith("Die"):
        return content[: len(content) // 2], "length"
    return content, "stop"


@dataclass
class FakeServer:
    """``script[i]`` is how the i-th arriving request is answered ("ok" beyond it): ok, 429, 500, cut
    (a 200 whose JSON body is cut off), hang (longer than the client's timeout), 400 (refused)."""

    url: str = ""
    script: list[str] = field(default_factory=list)
    delay: float = 0.03  # every answer is slow, so that requests overlap
    hang: float = 4.0  # ...but a "hang", which the scripted test waits for with --timeout 2
    arrivals: int = 0
    answered: list[str] = field(default_factory=list)  # paragraphs answered with 200 + a valid body
    bodies: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    reached: threading.Event = field(default_factory=threading.Event)  # set when ``reach`` answers were given
    reach: int = 0
    wave: int = 0  # the first requests wait (up to 10 s) until this many are in flight together
    wave_full: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)


@pytest.fixture()
def server() -> Iterator[FakeServer]:
    state = FakeServer()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def send(self, status: int, payload: bytes, headers: dict[str, str] | None = None, length: int | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload) if length is None else length))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)

        def do_POST(self) -> None:  # the name http.server dispatches to
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            with state.lock:
                action = state.script[state.arrivals] if state.arrivals < len(state.script) else "ok"
                state.arrivals += 1
                state.in_flight += 1
                state.max_in_flight = max(state.max_in_flight, state.in_flight)
                if state.in_flight >= state.wave:
                    state.wave_full.set()
                state.bodies.append(body)
                state.headers.append({name.lower(): value for name, value in self.headers.items()})
            try:
                state.wave_full.wait(timeout=10)
                time.sleep(state.hang if action == "hang" else state.delay)
                self.answer(action, body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting (hang)
            finally:
                with state.lock:
                    state.in_flight -= 1

        def answer(self, action: str, body: dict[str, Any]) -> None:
            if action == "429":
                self.send(429, b'{"error": "rate limited"}', {"Retry-After": "0.05"})
            elif action == "500":
                self.send(500, b'{"error": "overloaded"}')
            elif action == "400":
                self.send(400, b'{"error": "stop here"}')
            else:
                paragraph = paragraph_of(body)
                content, finish_reason = answer_for(paragraph)
                choice: dict[str, Any] = {"index": 0, "finish_reason": finish_reason}
                choice.update({"message": {"role": "assistant", "content": content}} if "messages" in body else {"text": content})
                usage = {"prompt_tokens": len(json.dumps(body)) // 4, "completion_tokens": len(content) // 4}
                payload = json.dumps({"model": "fake.gguf", "choices": [choice], "usage": usage}).encode()
                if action == "cut":
                    self.send(200, payload[: len(payload) // 2])
                    return
                with state.lock:  # counted before sending: the client cannot have it before it is counted
                    state.answered.append(paragraph)
                    if state.reach and len(state.answered) >= state.reach:
                        state.reached.set()
                self.send(200, payload)

        def log_message(self, format: str, *args: Any) -> None:  # keep the test output quiet
            pass

    with serving(Handler) as url:
        state.url = url
        yield state


CHUNKS = 58  # chunks of the five gold documents (one request each)
QUICK = ["--backoff", "0.01", "--timeout", "30", "--model", "fake"]  # no answer of the fake server times out...


def run_cli(server: FakeServer, cache: Path, out: Path, *options: str) -> Any:
    args = ["run", "llm", "--base-url", server.url, "--cache", str(cache), "--out", str(out), *QUICK, *options]
    return runner.invoke(app, args, env={DEFAULT_API_KEY_ENV: SECRET})


def settle(server: FakeServer) -> None:
    """Wait until the server has finished every request, including those a client gave up on."""
    deadline = time.monotonic() + 10
    while server.in_flight and time.monotonic() < deadline:
        time.sleep(0.01)


def files_of(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.json"))}


def test_concurrent_run_survives_scripted_failures_and_equals_a_sequential_run(server: FakeServer, tmp_path: Path) -> None:
    server.script = ["429", "500", "cut", "hang", "ok", "429", "ok", "500"]
    result = run_cli(server, tmp_path / "c8" / "cache", tmp_path / "c8.jsonl", "--concurrency", "8", "--timeout", "2")
    assert result.exit_code == 0, result.output
    # at most eight of the client's requests at once; the server may still hold the one it hung on, which
    # the client gave up at its timeout (then retried)
    assert server.max_in_flight <= 8 + 1
    assert len(set(server.answered)) == CHUNKS  # every chunk answered (a slow one may have been retried)

    settle(server)
    server.script, server.max_in_flight, server.answered = [], 0, []
    result = run_cli(server, tmp_path / "c1" / "cache", tmp_path / "c1.jsonl", "--concurrency", "1")
    assert result.exit_code == 0, result.output
    assert server.max_in_flight == 1
    assert (tmp_path / "c8.jsonl").read_bytes() == (tmp_path / "c1.jsonl").read_bytes()
    assert files_of(tmp_path / "c8" / "cache") == files_of(tmp_path / "c1" / "cache")

    # the predictions are the fake model's: first five words of each chunk, none from the cut-off answers
    predicted = [json.loads(line) for line in (tmp_path / "c8.jsonl").read_text(encoding="utf-8").splitlines()]
    expected = sorted(
        (doc_id, " ".join(chunk.text.split()[:5]).rstrip(".,;:!?"))  # a claim never ends with punctuation
        for doc_id, text in DOCUMENT_OF_TEXT.items()
        for chunk in document_chunks(text)
        if not chunk.text.startswith("Die")
    )
    assert sorted((claim["doc_id"], claim["text"]) for claim in predicted) == expected


def test_in_flight_requests_reach_the_concurrency_and_never_exceed_it(server: FakeServer, tmp_path: Path) -> None:
    server.wave = 8  # the first eight answers wait for each other: a client that cannot keep eight in flight stalls
    result = run_cli(server, tmp_path / "cache", tmp_path / "out.jsonl", "--concurrency", "8")
    assert result.exit_code == 0, result.output
    assert server.max_in_flight == 8


def test_the_api_key_is_sent_but_never_stored_or_printed(server: FakeServer, tmp_path: Path) -> None:
    result = run_cli(server, tmp_path / "run" / "cache", tmp_path / "out.jsonl", "--concurrency", "4")
    assert result.exit_code == 0, result.output
    assert all(headers["authorization"] == f"Bearer {SECRET}" for headers in server.headers)
    written = [path.read_text(encoding="utf-8") for path in (tmp_path / "run").rglob("*") if path.is_file()]
    assert len(written) == CHUNKS + 1  # the cache and run.json
    assert not any(SECRET in text for text in written)
    assert SECRET not in result.output and SECRET not in (tmp_path / "out.jsonl").read_text(encoding="utf-8")


def test_run_json_records_tokens_wall_time_and_rates(server: FakeServer, tmp_path: Path) -> None:
    result = run_cli(server, tmp_path / "run" / "cache", tmp_path / "out.jsonl", "--concurrency", "4",
                     "--fact", "server=fake --n_threads 2", "--fact", "instruction_tuned=false")  # fmt: skip
    assert result.exit_code == 0, result.output
    record = json.loads((tmp_path / "run" / "run.json").read_text(encoding="utf-8"))
    assert (record["requests"], record["concurrency"], record["chunks"], record["documents"]) == (CHUNKS, 4, CHUNKS, 5)
    assert record["seconds_total"] > 0 and record["requests_per_second"] > 0
    assert record["tokens_completion"] == sum(len(answer_for(paragraph)[0]) // 4 for paragraph in server.answered)
    assert record["tokens_prompt"] == record["sent_tokens_prompt"] > 0
    assert (record["server"], record["instruction_tuned"]) == ("fake --n_threads 2", False)
    assert record["parameters"]["shots"] == 0 and record["parameters"]["api"] == "chat"
    assert "requests 58/58 (0 from cache)" in result.output and "tokens/s out" in result.output

    replay = runner.invoke(app, ["run", "llm", "--cache", str(tmp_path / "run" / "cache"), "--out", str(tmp_path / "again.jsonl")])
    assert replay.exit_code == 0, replay.output  # the model name comes from run.json
    assert (tmp_path / "again.jsonl").read_bytes() == (tmp_path / "out.jsonl").read_bytes()


def test_a_refused_request_is_one_line_naming_document_and_chunk(server: FakeServer, tmp_path: Path) -> None:
    server.script = ["400"]
    result = run_cli(server, tmp_path / "cache", tmp_path / "out.jsonl")
    assert result.exit_code == 2
    pattern = r"error: llm: document 000 chunk 0: HTTP 400 from http://127\.0\.0\.1:\d+/v1/chat/completions: .*stop here.*"
    assert re.fullmatch(pattern, result.output.strip().splitlines()[-1])
    assert server.arrivals == 1  # a 400 is not retried


def test_retries_give_up_after_the_last_attempt_with_one_line(server: FakeServer, tmp_path: Path) -> None:
    server.script = ["500"] * 3
    result = run_cli(server, tmp_path / "cache", tmp_path / "out.jsonl", "--attempts", "3")
    assert result.exit_code == 2
    line = result.output.strip().splitlines()[-1]
    assert line.startswith("error: llm: document 000 chunk 0: HTTP 500") and "gave up after 3 attempts" in line
    assert server.arrivals == 3 and not list((tmp_path / "cache").glob("*.json"))


def test_backoff_grows_and_retry_after_is_honoured(server: FakeServer) -> None:
    server.script = ["500", "500", "429", "cut"]
    waits: list[float] = []
    client = EndpointClient(server.url, None, timeout=5.0, retry=RetryPolicy(base_seconds=0.01), sleep=waits.append)
    request = EndpointRequest("chat", "fake", {"max_tokens": 10}, messages=[{"role": "user", "content": "Absatz:\nEin Satz."}])
    answer = client.complete(request, "document 000 chunk 0")
    assert answer["choices"][0]["message"]["content"].startswith('{"claims"')
    assert server.arrivals == 5
    assert 0.005 <= waits[0] <= 0.01 and 0.01 <= waits[1] <= 0.02  # half fixed, half jitter, doubling
    assert waits[2] == 0.05  # Retry-After (0.05 s) outweighs a backoff of 0.04 s at most
    assert 0.04 <= waits[3] <= 0.08  # a cut-off body is retried like a dropped connection


def test_a_killed_run_resumes_without_repeating_cached_requests(server: FakeServer, tmp_path: Path) -> None:
    cache = tmp_path / "run" / "cache"
    server.delay, server.reach = 0.05, 20
    command = [sys.executable, "-m", "claimbench", "run", "llm", "--base-url", server.url, "--cache", str(cache),
               "--out", str(tmp_path / "killed.jsonl"), "--concurrency", "4", *QUICK]  # fmt: skip
    environment = {**os.environ, DEFAULT_API_KEY_ENV: SECRET}
    process = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert server.reached.wait(timeout=60), "the run did not get going"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    settle(server)  # the server finishes answering the requests the dead client left behind
    cached = files_of(cache)
    assert 10 <= len(cached) < CHUNKS  # killed half-way
    assert all(json.loads(content)["key"] + ".json" == name for name, content in cached.items())  # whole entries only
    inputs_before = {json.loads(content)["input"].split("Absatz:\n")[-1] for content in cached.values()}

    server.answered = []
    result = run_cli(server, cache, tmp_path / "resumed.jsonl", "--concurrency", "4")
    assert result.exit_code == 0, result.output
    assert len(server.answered) == CHUNKS - len(cached)  # only what was missing was asked
    assert not inputs_before & set(server.answered)
    assert f"({len(cached)} from cache)" in result.output

    server.answered = []
    fresh = run_cli(server, tmp_path / "fresh" / "cache", tmp_path / "fresh.jsonl", "--concurrency", "4")
    assert fresh.exit_code == 0, fresh.output
    assert (tmp_path / "resumed.jsonl").read_bytes() == (tmp_path / "fresh.jsonl").read_bytes()


def test_an_aborted_run_keeps_every_answer_it_got(server: FakeServer, tmp_path: Path) -> None:
    server.script = ["ok"] * 10 + ["400"]
    with pytest.raises(LLMError, match="HTTP 400"):
        run(LLMExtractor(base_url=server.url, model="fake", cache_dir=tmp_path / "cache", concurrency=3), CORPUS)
    assert len(files_of(tmp_path / "cache")) == len(server.answered) >= 10  # in-flight answers were cached too
    assert server.arrivals < CHUNKS  # the queued requests were cancelled


def test_few_shot_completion_requests_carry_other_articles_gold_and_a_grammar(server: FakeServer, tmp_path: Path) -> None:
    result = run_cli(server, tmp_path / "run" / "cache", tmp_path / "out.jsonl", "--api", "completion", "--shots", "3",
                     "--concurrency", "4")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert len(server.bodies) == CHUNKS
    gold_texts = {claim.text for claim in CORPUS.claims}
    for body in server.bodies:
        assert "messages" not in body and body["grammar"].startswith("char ::=") and body["stop"] == ["\n"]
        paragraph = paragraph_of(body)
        predicted = next(doc_id for doc_id, text in DOCUMENT_OF_TEXT.items() if paragraph in text)
        demonstrations = re.findall(r"Absatz: (.*)\nJSON:\n(\{.*\})\n", body["prompt"])
        assert len(demonstrations) == 3
        for text, answer in demonstrations:
            assert text not in DOCUMENT_OF_TEXT[predicted]  # never the predicted article
            assert any(text in other for doc_id, other in DOCUMENT_OF_TEXT.items() if doc_id != predicted)
            assert {claim["text"] for claim in json.loads(answer)["claims"]} <= gold_texts
    record = json.loads((tmp_path / "run" / "run.json").read_text(encoding="utf-8"))
    assert all(doc_id not in {label.split(":")[0] for label in labels} for doc_id, labels in record["demonstrations"].items())
    assert (record["parameters"]["api"], record["parameters"]["shots"], record["parameters"]["schema_mode"]) == ("completion", 3, "gbnf")

    # a replay from the folder alone takes api, shots and schema mode from run.json
    replay = runner.invoke(app, ["run", "llm", "--cache", str(tmp_path / "run" / "cache"), "--out", str(tmp_path / "again.jsonl")])
    assert replay.exit_code == 0, replay.output
    assert (tmp_path / "again.jsonl").read_bytes() == (tmp_path / "out.jsonl").read_bytes()
    assert "shots: 3" in replay.output and "demonstrations: 000: 001:" in replay.output


def test_few_shot_chat_adds_demonstration_turns_and_new_cache_keys(server: FakeServer, tmp_path: Path) -> None:
    zero = run_cli(server, tmp_path / "zero" / "cache", tmp_path / "zero.jsonl", "--concurrency", "8")
    few = run_cli(server, tmp_path / "few" / "cache", tmp_path / "few.jsonl", "--shots", "2", "--concurrency", "8")
    assert zero.exit_code == 0 and few.exit_code == 0, zero.output + few.output
    roles = [[message["role"] for message in body["messages"]] for body in server.bodies]
    assert all(turns == ["system", "user", "assistant", "user"] for turns in roles[:CHUNKS])
    assert all(turns == ["system", "user", "assistant"] + ["user", "assistant"] * 2 + ["user"] for turns in roles[CHUNKS:])
    assert not set(files_of(tmp_path / "zero" / "cache")) & set(files_of(tmp_path / "few" / "cache"))
