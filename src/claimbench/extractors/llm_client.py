"""One request to an OpenAI-compatible endpoint (I/O edge of the LLM baseline), through the official
``openai`` package (the ``[llm]`` extra), imported only when a live run starts: replaying a cache
needs neither the package nor a network.

The package's own retries are switched off (``max_retries=0``) and done here instead, so that the
backoff is configurable (tests use milliseconds) and the last failure becomes one line naming the
document and chunk: exponential backoff with jitter on 408, 409, 429, 5xx, timeouts, lost connections
and answers that are not JSON (a cut-off body), waiting at least what ``Retry-After`` (or
``retry-after-ms``) asks. Other 4xx answers fail at once: repeating them cannot help.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any

from claimbench.extractors.base import ExtractorError

RETRYABLE_STATUS = frozenset({408, 409, 429}) | frozenset(range(500, 600))


class LLMError(ExtractorError):
    """A one-line failure of the LLM baseline (no cached response, unreachable server, refused request)."""


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to wait: attempt n (from 0) waits base·2ⁿ capped at ``max_seconds``,
    half of it fixed and half random (jitter spreads the retries of concurrent requests)."""

    attempts: int = 6
    base_seconds: float = 1.0
    max_seconds: float = 60.0
    max_retry_after_seconds: float = 600.0  # a longer Retry-After is waited for this long at most

    def delay(self, attempt: int, retry_after: float | None, jitter: random.Random) -> float:
        backoff = min(self.max_seconds, self.base_seconds * 2**attempt)
        delay = backoff / 2 + jitter.uniform(0, backoff / 2)
        if retry_after is not None:
            delay = max(delay, min(retry_after, self.max_retry_after_seconds))
        return delay


def retry_after_seconds(headers: Any) -> float | None:
    """The wait a 429/503 answer asks for: ``retry-after-ms``, else ``Retry-After`` (seconds or an HTTP date)."""
    milliseconds = headers.get("retry-after-ms")
    if milliseconds is not None:
        try:
            return max(0.0, float(milliseconds) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class EndpointRequest:
    """What is sent: ``/chat/completions`` (``messages``) or ``/completions`` (``prompt``)."""

    api: str  # "chat" or "completion"
    model: str
    fields: dict[str, Any]  # temperature, seed, max_tokens, response_format, ...
    messages: list[dict[str, str]] | None = None
    prompt: str | None = None
    extra_body: dict[str, Any] = field(default_factory=dict)  # server-specific fields (e.g. a GBNF grammar)


class _BadAnswer(Exception):
    """A 200 answer that is not usable JSON (cut off, or without choices): retried like a dropped connection."""


def _decode(raw: str) -> dict[str, Any]:
    try:
        answer = json.loads(raw)
    except ValueError:
        raise _BadAnswer("the answer is not JSON (cut off?)") from None
    if not isinstance(answer, dict) or not isinstance(answer.get("choices"), list) or not answer["choices"]:
        raise _BadAnswer("the answer has no choices")
    return answer


class EndpointClient:
    """Sends requests to one endpoint with retries; safe to share between threads (one httpx pool)."""

    def __init__(
        self,
        base_url: str,
        api_key: str | None,
        timeout: float,
        retry: RetryPolicy,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        try:
            import openai  # the [llm] extra: only live runs need it
        except ModuleNotFoundError:
            raise LLMError("llm: a live run needs the openai package: pip install 'claimbench[llm]'") from None
        self._openai = openai
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retry = retry
        self._sleep = sleep
        self._jitter = random.Random()  # timing only: never changes an answer
        # openai refuses a client without credentials; a local server needs none, so without a key the
        # placeholder is never sent (the Authorization header is omitted from every request)
        self._client = openai.OpenAI(base_url=self.base_url, api_key=api_key or "no-key", max_retries=0, timeout=timeout)
        self._headers: dict[str, Any] = {} if api_key else {"Authorization": openai.Omit()}

    def _send(self, request: EndpointRequest) -> str:
        common = {"model": request.model, "extra_headers": self._headers, "extra_body": request.extra_body or None}
        if request.api == "chat":
            response = self._client.chat.completions.with_raw_response.create(
                messages=request.messages, **common, **request.fields
            )
        else:
            response = self._client.completions.with_raw_response.create(prompt=request.prompt, **common, **request.fields)
        return str(response.http_response.text)

    def complete(self, request: EndpointRequest, where: str) -> dict[str, Any]:
        """The decoded answer; after the last failed attempt an LLMError naming ``where`` (document, chunk)."""
        openai = self._openai
        path = "/chat/completions" if request.api == "chat" else "/completions"
        for attempt in range(self.retry.attempts):
            retry_after = None
            try:
                return _decode(self._send(request))
            except openai.APIStatusError as error:
                detail = error.response.text.replace("\n", " ")[:200]
                failure = f"HTTP {error.status_code} from {self.base_url}{path}: {detail}"
                if error.status_code not in RETRYABLE_STATUS:
                    raise LLMError(f"llm: {where}: {failure}") from None
                retry_after = retry_after_seconds(error.response.headers)
            except openai.APITimeoutError:
                failure = f"no answer from {self.base_url}{path} within {self.timeout:g} s"
            except openai.APIConnectionError as error:
                failure = f"cannot reach {self.base_url}{path}: {error.__cause__ or error}"
            except _BadAnswer as error:
                failure = f"{self.base_url}{path}: {error}"
            if attempt + 1 == self.retry.attempts:
                raise LLMError(f"llm: {where}: {failure} (gave up after {self.retry.attempts} attempts)")
            self._sleep(self.retry.delay(attempt, retry_after, self._jitter))
        raise AssertionError("unreachable: the loop returns or raises")
