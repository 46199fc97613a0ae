"""Read YAML annotation files, remembering the line of every mapping for error messages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from claimbench.dataset.annotations import LINE_KEY


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that stores each mapping's 1-based line under ``LINE_KEY``."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping


class YamlFileError(ValueError):
    """A file that is not valid YAML, as one line naming file and line."""


def load_yaml(path: Path, display_path: str) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise YamlFileError(f"{display_path}: cannot read: {error}") from None
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise YamlFileError(f"{display_path}{line}: invalid YAML: {problem}") from None
