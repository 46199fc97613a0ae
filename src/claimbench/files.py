"""File I/O at the edge: read submissions line by line, write reports deterministically."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from claimbench.dataset.model import Corpus
from claimbench.scoring.submission import (
    MAX_LINE_CHARS,
    ParseState,
    PredictedClaim,
    SubmissionError,
    iter_submission,
    submission_order,
    submission_record,
)


def submission_lines(path: Path) -> Iterator[str]:
    """Decoded lines of a submission, streamed; undecodable bytes and overlong lines are one-line errors.

    A line is read at most ``4 * MAX_LINE_CHARS`` bytes at a time (UTF-8 needs at most 4 bytes per
    character), so a huge line is refused without being read into memory whole."""
    limit = 4 * MAX_LINE_CHARS + 2  # room for CR LF
    try:
        handle = path.open("rb")
    except OSError as error:
        raise SubmissionError(str(path), 0, None, f"cannot read: {error.strerror}") from None
    with handle:
        for number, raw in enumerate(iter(lambda: handle.readline(limit), b""), start=1):
            if len(raw) == limit and not raw.endswith(b"\n"):
                raise SubmissionError(str(path), number, None, f"line longer than {MAX_LINE_CHARS:,} characters")
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError as error:
                raise SubmissionError(str(path), number, None, f"not UTF-8 ({error.reason} at byte {error.start})") from None


def read_submission(path: Path, corpus: Corpus, display: str | None = None) -> tuple[list[PredictedClaim], list[str]]:
    """A submission file's predicted claims and warnings; ``display`` names the file in messages."""
    return read_submissions([path], corpus, [display or str(path)])


def read_submissions(
    paths: Sequence[Path], corpus: Corpus, displays: Sequence[str] | None = None
) -> tuple[list[PredictedClaim], list[str]]:
    """Several files read as one submission (shards): claims and warnings of all of them.

    Lines are numbered on across the files in the given order (the second file's first line is
    one more than the first file's last), so warnings that cite lines stay unambiguous; errors name
    the file and its own line."""
    documents = {d.doc_id: d.text for d in corpus.documents}
    claims: list[PredictedClaim] = []
    warnings: list[str] = []
    ranges = []
    offset = 0
    for path, display in zip(paths, displays or [str(path) for path in paths]):
        state = ParseState(path=display, warnings=[], line_offset=offset)
        claims += iter_submission(state, submission_lines(path), documents)
        warnings += state.warnings
        ranges.append(f"{display} {offset + 1}-{offset + state.lines}")
        offset += state.lines
    if len(paths) > 1:
        warnings.append(f"lines are numbered on across the files: {', '.join(ranges)}")
    return claims, warnings


def write_json(path: Path, payload: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # streamed: json.dumps with indent would first hold every chunk of a large report in one list
    with path.open("w", encoding="utf-8") as out:
        json.dump(payload, out, ensure_ascii=False, indent=2, sort_keys=True)
        out.write("\n")


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def write_submission(path: Path, claims: list[PredictedClaim]) -> None:
    """Write predictions as JSONL in canonical order, so equal predictions give equal bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(submission_record(claim), ensure_ascii=False, sort_keys=True) for claim in sorted(claims, key=submission_order)]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
