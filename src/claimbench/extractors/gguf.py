"""Facts about a GGUF model file for a run record: sha256, size, quantisation and parameter count,
computed from the file (its header: metadata and tensor shapes), never typed in by hand."""

from __future__ import annotations

import hashlib
import math
import struct
from pathlib import Path
from typing import Any, BinaryIO

# llama.cpp's llama_ftype (general.file_type): the quantisation a GGUF file was made with
FILE_TYPES = {
    0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 7: "Q8_0", 8: "Q5_0", 9: "Q5_1", 10: "Q2_K", 11: "Q3_K_S",
    12: "Q3_K_M", 13: "Q3_K_L", 14: "Q4_K_S", 15: "Q4_K_M", 16: "Q5_K_S", 17: "Q5_K_M", 18: "Q6_K",
    19: "IQ2_XXS", 20: "IQ2_XS", 21: "Q2_K_S", 22: "IQ3_XS", 23: "IQ3_XXS", 24: "IQ1_S", 25: "IQ4_NL",
    26: "IQ3_S", 27: "IQ3_M", 28: "IQ2_S", 29: "IQ2_M", 30: "IQ4_XS", 31: "IQ1_M", 32: "BF16",
}  # fmt: skip
_SCALARS = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?", 10: "<Q", 11: "<q", 12: "<d"}
_STRING, _ARRAY = 8, 9


class GGUFError(ValueError):
    """Not a GGUF file (or a truncated one)."""


def _read(handle: BinaryIO, size: int) -> bytes:
    data = handle.read(size)
    if len(data) != size:
        raise GGUFError("truncated GGUF header")
    return data


def _unpack(handle: BinaryIO, layout: str) -> Any:
    return struct.unpack(layout, _read(handle, struct.calcsize(layout)))[0]


def _string(handle: BinaryIO) -> str:
    return _read(handle, _unpack(handle, "<Q")).decode("utf-8", "replace")


def _value(handle: BinaryIO, value_type: int) -> Any:
    if value_type in _SCALARS:
        return _unpack(handle, _SCALARS[value_type])
    if value_type == _STRING:
        return _string(handle)
    if value_type == _ARRAY:
        item_type, count = _unpack(handle, "<I"), _unpack(handle, "<Q")
        return [_value(handle, item_type) for _ in range(count)]
    raise GGUFError(f"unknown GGUF value type {value_type}")


def read_header(path: Path) -> tuple[dict[str, Any], list[tuple[str, tuple[int, ...]]]]:
    """The metadata key/values and the (name, shape) of every tensor of a GGUF file."""
    with path.open("rb") as handle:
        if _read(handle, 4) != b"GGUF":
            raise GGUFError(f"{path}: not a GGUF file")
        _unpack(handle, "<I")  # format version
        tensor_count, metadata_count = _unpack(handle, "<Q"), _unpack(handle, "<Q")
        metadata = {}
        for _ in range(metadata_count):
            key = _string(handle)
            metadata[key] = _value(handle, _unpack(handle, "<I"))
        tensors = []
        for _ in range(tensor_count):
            name = _string(handle)
            shape = tuple(_unpack(handle, "<Q") for _ in range(_unpack(handle, "<I")))
            _unpack(handle, "<I")  # tensor type
            _unpack(handle, "<Q")  # data offset
            tensors.append((name, shape))
    return metadata, tensors


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def model_facts(path: Path) -> dict[str, Any]:
    """model_file, model_sha256, size_bytes, quantisation and parameter_count of a GGUF file."""
    metadata, tensors = read_header(path)
    file_type = metadata.get("general.file_type")
    return {
        "model_file": path.name,
        "model_sha256": file_sha256(path),
        "size_bytes": path.stat().st_size,
        "quantisation": FILE_TYPES.get(file_type, f"file_type {file_type}") if file_type is not None else "unknown",
        "parameter_count": sum(math.prod(shape) for _, shape in tensors),
    }
