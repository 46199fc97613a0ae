"""File I/O at the edge: read submissions line by line, write reports deterministically."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
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


def write_json(path: Path, payload: Any, default: Callable[[Any], Any] | None = None) -> None:
    """``payload`` as ``json.dump(payload, ensure_ascii=False, indent=2, sort_keys=True, default=default)``
    writes it, plus a final newline, streamed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        out.writelines(json_chunks(payload, default))
        out.write("\n")


def json_chunks(value: Any, default: Callable[[Any], Any] | None = None, level: int = 0) -> Iterator[str]:
    """The text of ``json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True, default=default)``
    in chunks. With an indent, json's encoder is pure Python, a call per value, and a large report
    holds millions of values (each count of ``per_unit`` on a line of its own); this one writes a
    dict or list of plain values, and a list of equally long lists of whole numbers, with one join or
    one %-format each."""
    scalar = _scalar(value)
    if scalar is not None:
        yield scalar
    elif isinstance(value, (list, tuple)):
        yield from _list_chunks(value, default, level)
    elif isinstance(value, dict):
        yield from _dict_chunks(value, default, level)
    elif default is None:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")
    else:
        yield from json_chunks(default(value), default, level)


def _scalar(value: Any) -> str | None:
    """The JSON of a string, number, boolean or null (as json's encoder writes it); None otherwise."""
    kind = type(value)  # the exact types first: most values of a report
    if kind is float and value == value and value not in _INFINITIES:
        return float.__repr__(value)
    if kind is int:
        return int.__repr__(value)
    if isinstance(value, str):
        return _encode_string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if value != value:
            return "NaN"
        if value in _INFINITIES:
            return "Infinity" if value > 0 else "-Infinity"
        return float.__repr__(value)
    return None


def _list_chunks(items: list[Any] | tuple[Any, ...], default: Callable[[Any], Any] | None, level: int) -> Iterator[str]:
    if not items:
        yield "[]"
        return
    inner = "\n" + "  " * (level + 1)
    close = "\n" + "  " * level + "]"
    if isinstance(items[0], (list, tuple)):
        rows = _whole_rows(items, level + 1)
        if rows is not None:
            yield "[" + inner + rows + close
            return
    else:
        scalars = [_scalar(item) for item in items]
        if None not in scalars:
            yield "[" + inner + ("," + inner).join(scalars) + close  # type: ignore[arg-type]
            return
    yield "["
    for index, item in enumerate(items):
        yield ("," + inner) if index else inner
        yield from json_chunks(item, default, level + 1)
    yield close


def _whole_rows(items: list[Any] | tuple[Any, ...], level: int) -> str | None:
    """The items of a list of equally long, non-empty lists of ints (a count matrix), one %-format
    for all of them; None for any other list."""
    width = len(items[0])
    if not width or not set(map(type, items)) <= {list, tuple} or set(map(len, items)) != {width}:
        return None
    values = [value for row in items for value in row]
    if set(map(type, values)) != {int}:
        return None
    inner, outer = "\n" + "  " * (level + 1), "\n" + "  " * level
    row = "[" + inner + ("," + inner).join(["%d"] * width) + outer + "]"
    return ("," + outer).join([row] * len(items)) % tuple(values)


def _dict_chunks(mapping: dict[Any, Any], default: Callable[[Any], Any] | None, level: int) -> Iterator[str]:
    if not mapping:
        yield "{}"
        return
    inner = "\n" + "  " * (level + 1)
    close = "\n" + "  " * level + "}"
    items = [(_key(key), value) for key, value in sorted(mapping.items())]
    scalars = [_scalar(value) for _, value in items]
    if None not in scalars:
        yield "{" + inner + ("," + inner).join(f"{_encode_string(key)}: {text}" for (key, _), text in zip(items, scalars)) + close
        return
    yield "{"
    for index, ((key, value), text) in enumerate(zip(items, scalars)):
        yield ("," if index else "") + inner + _encode_string(key) + ": "
        if text is not None:
            yield text
        else:
            yield from json_chunks(value, default, level + 1)
    yield close


def _key(key: Any) -> str:
    """A dict key as json writes it (strings as they are, numbers, booleans and null as their JSON)."""
    if isinstance(key, str):
        return key
    text = _scalar(key)
    if text is None:
        raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")
    return text


_encode_string: Callable[[str], str] = json.encoder.encode_basestring  # type: ignore[attr-defined]
_INFINITIES = (float("inf"), float("-inf"))


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def write_submission(path: Path, claims: list[PredictedClaim]) -> None:
    """Write predictions as JSONL in canonical order, so equal predictions give equal bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(submission_record(claim), ensure_ascii=False, sort_keys=True) for claim in sorted(claims, key=submission_order)]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
