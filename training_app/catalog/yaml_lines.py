"""YAML with line numbers: errors in content files point at the offending key (``file:line: message``).

PyYAML's ``compose`` keeps every node's ``start_mark``; we parse each document once into data and once into nodes
and walk the nodes along a pydantic error location (``("questions", 2, "options", 0, "correct")``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError


@dataclass(frozen=True)
class Problem:
    """One problem in one content file; ``str()`` is ``file:line: message``."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class YamlDoc:
    path: Path
    data: Any
    node: yaml.Node | None
    offset: int = 0  # lines of the file before the YAML text (front matter starts after "---")
    problems: list[Problem] = field(default_factory=list)

    def line(self, loc: Sequence[str | int] = ()) -> int:
        """1-based file line of the deepest node found along ``loc`` (the key line for mapping entries)."""
        node = self.node
        if node is None:
            return self.offset + 1
        line = node.start_mark.line
        for part in loc:
            found = _child(node, part)
            if found is None:
                break
            line, node = found
        return self.offset + line + 1

    def problem(self, loc: Sequence[str | int], message: str) -> Problem:
        return Problem(self.path, self.line(loc), message)


def _child(node: yaml.Node, part: str | int) -> tuple[int, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        for key, value in node.value:
            if key.value == part:
                return key.start_mark.line, value
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        item = node.value[part]
        return item.start_mark.line, item
    return None


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(path: Path, text: str, *, offset: int = 0) -> YamlDoc:
    """Parse ``text``; a syntax error or duplicate key becomes a problem on the doc (``data`` is None then)."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = offset + (mark.line + 1 if mark else 1)
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return YamlDoc(path, None, None, offset, [Problem(path, line, f"YAML syntax error: {reason}")])
    doc = YamlDoc(path, data, node, offset)
    if node is not None:
        doc.problems.extend(Problem(path, offset + line + 1, msg) for line, msg in _duplicate_keys(node))
    return doc


def _duplicate_keys(node: yaml.Node) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if key.value in seen:
                found.append((key.start_mark.line, f"duplicate key '{key.value}'"))
            seen.add(key.value)
            found.extend(_duplicate_keys(value))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found.extend(_duplicate_keys(item))
    return found


def validation_problems(doc: YamlDoc, exc: ValidationError, *, prefix: Sequence[str | int] = ()) -> list[Problem]:
    """One problem per pydantic error, at the line of the key it is about."""
    problems = []
    for error in exc.errors():
        loc = [*prefix, *error["loc"]]
        message = str(error["msg"]).removeprefix("Value error, ")
        where = ".".join(str(p) for p in error["loc"])
        problems.append(doc.problem(loc, f"{where}: {message}" if where else message))
    return problems
