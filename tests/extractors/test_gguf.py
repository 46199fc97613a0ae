"""GGUF facts come from the file itself: a small GGUF file written here byte by byte."""

from __future__ import annotations

import hashlib
import struct
from pathlib import Path

import pytest

from claimbench.extractors.gguf import GGUFError, model_facts


def gguf_string(text: str) -> bytes:
    data = text.encode("utf-8")
    return struct.pack("<Q", len(data)) + data


def write_gguf(path: Path, file_type: int, shapes: list[tuple[int, ...]]) -> None:
    metadata = [
        gguf_string("general.name") + struct.pack("<I", 8) + gguf_string("tiny"),
        gguf_string("general.file_type") + struct.pack("<I", 4) + struct.pack("<I", file_type),
        gguf_string("tokenizer.ggml.tokens") + struct.pack("<IIQ", 9, 8, 2) + gguf_string("a") + gguf_string("b"),
        gguf_string("general.alignment") + struct.pack("<I", 10) + struct.pack("<Q", 32),
    ]
    tensors = [
        gguf_string(f"t{index}") + struct.pack("<I", len(shape)) + b"".join(struct.pack("<Q", n) for n in shape)
        + struct.pack("<IQ", 12, 0)
        for index, shape in enumerate(shapes)
    ]
    header = b"GGUF" + struct.pack("<IQQ", 3, len(tensors), len(metadata))
    path.write_bytes(header + b"".join(metadata) + b"".join(tensors) + b"\0" * 64)


def test_facts_of_a_gguf_file(tmp_path: Path) -> None:
    path = tmp_path / "tiny.gguf"
    write_gguf(path, 15, [(640, 1000), (640,), (2, 3, 4)])
    facts = model_facts(path)
    assert facts == {
        "model_file": "tiny.gguf",
        "model_sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "size_bytes": path.stat().st_size,
        "quantisation": "Q4_K_M",
        "parameter_count": 640 * 1000 + 640 + 24,
    }
    write_gguf(path, 99, [(1,)])
    assert model_facts(path)["quantisation"] == "file_type 99"


def test_a_file_that_is_not_gguf_or_is_cut_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "model.bin"
    path.write_bytes(b"PK\x03\x04 not a model")
    with pytest.raises(GGUFError, match="not a GGUF file"):
        model_facts(path)
    write_gguf(path, 15, [(640, 1000)])
    path.write_bytes(path.read_bytes()[:40])
    with pytest.raises(GGUFError, match="truncated"):
        model_facts(path)
