"""A GBNF grammar (llama.cpp's grammar format) from the output schema, for servers that constrain a
plain completion with a ``grammar`` field (llama-cpp-python's ``/v1/completions``).

Only the schema features the prompt uses are supported, and anything else is refused rather than
ignored: objects whose properties are all required (emitted in schema order), arrays with
``maxItems``, strings with ``maxLength``, numbers and ``enum``s. The separators are fixed to those
of ``json.dumps`` (``", "`` and ``": "``), no other whitespace and no control characters in strings,
so the grammar admits exactly the layout of the few-shot demonstrations and nothing to ramble in.
"""

from __future__ import annotations

import json
import re
from typing import Any

_STRING_CHAR = r'[^"\\\x00-\x1f] | "\\" (["\\/bfnrt] | "u" [0-9a-fA-F]{4})'
_RULE_NAME = re.compile(r"[^a-z0-9]+")  # GBNF rule names: lower-case letters, digits and dashes
_NUMBER = r'"-"? ("0" | [1-9] [0-9]{0,15}) ("." [0-9]{1,8})? ([eE] [-+]? [0-9]{1,3})?'


class SchemaNotSupported(ValueError):
    """The schema uses a feature the grammar writer does not translate."""


def _literal(text: str) -> str:
    """A GBNF string literal matching ``text`` exactly."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class _GrammarWriter:
    def __init__(self) -> None:
        self.rules: dict[str, str] = {"char": _STRING_CHAR, "number": _NUMBER}

    def rule(self, name: str, body: str) -> str:
        if self.rules.setdefault(name, body) != body:
            raise SchemaNotSupported(f"two different shapes want the rule name {name!r}")
        return name

    def value(self, schema: dict[str, Any], name: str) -> str:
        if "enum" in schema:
            return self.rule(name, " | ".join(_literal(json.dumps(option, ensure_ascii=False)) for option in schema["enum"]))
        kind = schema.get("type")
        if kind == "string":
            limit = schema.get("maxLength")
            repeat = f"{{0,{limit}}}" if isinstance(limit, int) else "*"
            return self.rule(name, f'"\\"" char{repeat} "\\""')
        if kind == "number":
            return "number"
        if kind == "array":
            return self._array(schema, name)
        if kind == "object":
            return self._object(schema, name)
        raise SchemaNotSupported(f"{name}: type {kind!r} is not supported")

    def _array(self, schema: dict[str, Any], name: str) -> str:
        item = self.value(schema["items"], f"{name}-item")
        limit = schema.get("maxItems")
        more = f"{{0,{limit - 1}}}" if isinstance(limit, int) else "*"
        if isinstance(limit, int) and limit < 1:
            raise SchemaNotSupported(f"{name}: maxItems must be at least 1")
        return self.rule(name, f'"[" ({item} (", " {item}){more})? "]"')

    def _object(self, schema: dict[str, Any], name: str) -> str:
        properties: dict[str, Any] = schema.get("properties", {})
        if set(schema.get("required", ())) != set(properties):
            raise SchemaNotSupported(f"{name}: every property must be required (optional ones are not supported)")
        members = [
            f"{_literal(json.dumps(key) + ': ')} {self.value(value, name + '-' + _RULE_NAME.sub('-', key.lower()))}"
            for key, value in properties.items()
        ]
        return self.rule(name, '"{" ' + ' ", " '.join(members) + ' "}"')


def schema_grammar(schema: dict[str, Any]) -> str:
    """The GBNF grammar whose ``root`` is exactly the compact JSON documents the schema allows."""
    writer = _GrammarWriter()
    root = writer.value(schema, "root")
    if root != "root":  # the schema is a single number: name it root
        writer.rule("root", root)
    return "".join(f"{name} ::= {body}\n" for name, body in writer.rules.items())
