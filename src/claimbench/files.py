"""File I/O at the edge: read submissions line by line, write reports deterministically."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from claimbench.model import Corpus
from claimbench.submission import (
    PredictedClaim,
    SubmissionError,
    parse_submission,
    submission_order,
    submission_record,
)


def submission_lines(path: Path) -> Iterator[str]:
    """Decoded lines of a submission, streamed; undecodable bytes are a one-line error."""
    try:
        handle = path.open("rb")
    except OSError as error:
        raise SubmissionError(str(path), 0, None, f"cannot read: {error.strerror}") from None
    with handle:
        for number, raw in enumerate(handle, start=1):
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError as error:
                raise SubmissionError(str(path), number, None, f"not UTF-8 ({error.reason} at byte {error.start})") from None


def read_submission(path: Path, corpus: Corpus, display: str | None = None) -> tuple[list[PredictedClaim], list[str]]:
    """A submission file's predicted claims and warnings; ``display`` names the file in messages."""
    documents = {d.doc_id: d.text for d in corpus.documents}
    return parse_submission(display or str(path), submission_lines(path), documents)


def write_json(path: Path, payload: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def write_submission(path: Path, claims: list[PredictedClaim]) -> None:
    """Write predictions as JSONL in canonical order, so equal predictions give equal bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(submission_record(claim), ensure_ascii=False, sort_keys=True) for claim in sorted(claims, key=submission_order)]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
