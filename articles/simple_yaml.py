"""A fast reader for the front matter writers actually write.

Most front matters are a few ``key: value`` lines, flow lists
(``tags: [a, b]``) and block lists (``- a``). Reading those with PyYAML's
constructor costs more than everything else the core does to an article, so
this module reads that subset directly and gives up (returns None) on
anything else, which PyYAML then reads. Plain values are typed by PyYAML's
own resolver and constructors, so the result is the one PyYAML would give;
``tests/test_simple_yaml.py`` checks it on generated front matters.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

# No two parts of a pattern match the same spaces (no backtracking over long
# runs of them): trailing spaces of keys and values are cut in code.
_KEY_LINE = re.compile(r"^(?P<key>[^\s#\-\[\]{}&*!|>'\"%@`,?:][^:#]*):(?:[ ]+(?P<value>.*))?$")
_ITEM_LINE = re.compile(r"^(?P<indent>[ ]*)-(?:[ ]+(?P<value>.*))?$")
_COMMENT = re.compile(r"(?<! )[ ]+#.*$")
_PLAIN_START = re.compile(r"^[^\s\[\]{}&*!|>'\"%@`#,]")
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class _Unsupported(Exception):
    """The text is outside the subset: PyYAML reads it."""


def parse(
    front: str, timestamp: Callable[[Any, yaml.ScalarNode], object]
) -> tuple[dict[str, Any], dict[str, int], list[tuple[str, int]]] | None:
    """(data, 0-based line of each key, repeated keys with their line), or None."""
    try:
        return _parse(front, timestamp)
    except _Unsupported:
        return None


def _parse(front: str, timestamp: Callable[[Any, yaml.ScalarNode], object]) -> tuple[dict[str, Any], dict[str, int], list[tuple[str, int]]]:
    data: dict[str, Any] = {}
    lines: dict[str, int] = {}
    duplicates: list[tuple[str, int]] = []
    open_list: list[Any] | None = None  # items of a key whose value is a block list
    open_key: str | None = None
    list_indent = ""
    rows = front.split("\n")
    number = 0
    while number < len(rows):
        line = rows[number]
        number += 1
        kind, first, second = _line(line, timestamp)
        if kind == _BLANK:
            continue
        if kind == _ITEM and open_key is not None:
            if open_list is None:
                open_list = []
                data[open_key] = open_list
                list_indent = first
            elif first != list_indent:
                raise _Unsupported
            open_list.append(second)
            continue
        if kind != _KEY:
            raise _Unsupported  # an item outside a list, a nested mapping, a multi-line scalar...
        key = first
        if key in lines:
            duplicates.append((key, number - 1))
        else:
            lines[key] = number - 1
        open_list, open_key = None, None
        if second is _OPEN:
            data[key] = None
            open_key = key
        elif isinstance(second, _BlockHeader):
            data[key], number = _block_scalar(rows, number, second)
        else:
            data[key] = list(second) if isinstance(second, tuple) else second
    if not lines:
        return None, {}, []  # type: ignore[return-value]  # as PyYAML reads an empty document
    return data, lines, duplicates


_BLANK, _ITEM, _KEY, _OTHER = range(4)
_OPEN = object()  # "key:" alone: its value, if any, is a block list below


@dataclass(frozen=True)
class _BlockHeader:
    """``key: >`` or ``key: |`` (with ``-`` to drop the final line break):
    the value is the more indented lines below."""

    folded: bool
    keep_final_break: bool


_BLOCK_HEADERS = {
    ">": _BlockHeader(True, True),
    ">-": _BlockHeader(True, False),
    "|": _BlockHeader(False, True),
    "|-": _BlockHeader(False, False),
}


def _block_scalar(rows: list[str], start: int, header: _BlockHeader) -> tuple[str, int]:
    """(value, index of the first row after it) of a block scalar whose lines
    all have the same indentation and no blank line between them; anything
    else (more indented lines, blank lines inside, tabs) is left to PyYAML."""
    indent = 0
    content: list[str] = []
    number = start
    while number < len(rows):
        line = rows[number]
        if not line.strip():
            gap = number
            while gap < len(rows) and not rows[gap].strip():
                gap += 1
            width = 0 if gap == len(rows) else len(rows[gap]) - len(rows[gap].lstrip(" "))
            if any(rows[number:gap]) or (width > 0 and width >= indent):
                raise _Unsupported  # a blank line inside the value, or spaces YAML may count as content
            break
        if "\t" in line or "\r" in line:
            raise _Unsupported
        width = len(line) - len(line.lstrip(" "))
        if not content:
            if width == 0:
                break  # "key: >" and nothing below: an empty value
            indent = width
        elif width < indent:
            break
        elif width > indent:
            raise _Unsupported  # more indented lines keep their line breaks
        content.append(line[indent:])
        number += 1
    if not content:
        return "", number
    value = (" " if header.folded else "\n").join(content)
    return value + ("\n" if header.keep_final_break else ""), number


# The patterns below try each split of a line's spaces between key, value
# and comment: a long line (thousands of spaces) is left to PyYAML, which
# reads it in one pass.
_LONGEST_LINE = 500


# Front matters repeat the same lines ("durée de lecture: 3 min", "- Vente"):
# each distinct line is read once. Values are immutable (a list is kept as a
# tuple and copied for each article).
@functools.lru_cache(maxsize=8192)
def _line(line: str, timestamp: Callable[[Any, yaml.ScalarNode], object]) -> tuple[int, Any, Any]:
    stripped = line.strip()
    if not stripped or stripped.startswith("#"):
        return _BLANK, None, None
    if "\t" in line or "\r" in line or len(line) > _LONGEST_LINE:
        raise _Unsupported
    item = _ITEM_LINE.match(line)
    if item:
        return _ITEM, item.group("indent"), _scalar((item.group("value") or "").rstrip(" "), timestamp, flow=False)
    if line[0] == " ":
        return _OTHER, None, None
    found = _KEY_LINE.match(line)
    if not found:
        raise _Unsupported
    key = found.group("key").rstrip(" ")
    if not key or key[-1] in "#":
        raise _Unsupported
    if _resolved_tag(key) != "tag:yaml.org,2002:str":
        raise _Unsupported
    value = (found.group("value") or "").rstrip(" ")
    if not value or value.startswith("#"):
        return _KEY, key, _OPEN
    if value in _BLOCK_HEADERS:
        return _KEY, key, _BLOCK_HEADERS[value]
    parsed = _value(value, timestamp)
    return _KEY, key, tuple(parsed) if isinstance(parsed, list) else parsed


def _value(text: str, timestamp: Callable[[Any, yaml.ScalarNode], object]) -> Any:
    if text.startswith("["):
        end = text.find("]")
        if end < 0 or _COMMENT.sub("", text[end + 1 :]).strip():
            raise _Unsupported
        inner = text[1:end]
        if any(char in inner for char in "[]{}#"):
            raise _Unsupported
        if not inner.strip():
            return []
        items = _split_flow(inner)
        return [_scalar(item.strip(), timestamp, flow=True) for item in items]
    return _scalar(text, timestamp, flow=False)


def _split_flow(inner: str) -> list[str]:
    if '"' not in inner and "'" not in inner:
        items = inner.split(",")
    else:
        items, current, quote = [], "", ""
        for char in inner:
            if quote:
                current += char
                if char == quote:
                    quote = ""
            elif char in "\"'":
                if current.strip():
                    raise _Unsupported  # a quote inside a plain item
                current += char
                quote = char
            elif char == ",":
                items.append(current)
                current = ""
            else:
                current += char
        if quote:
            raise _Unsupported
        items.append(current)
    if items and not items[-1].strip():
        items.pop()  # [a, b,] has two items
    if any(not item.strip() for item in items):
        raise _Unsupported
    return items


def _scalar(text: str, timestamp: Callable[[Any, yaml.ScalarNode], object], *, flow: bool) -> Any:
    if text and text[0] in "\"'":
        quote = text[0]
        end = text.find(quote, 1)
        while quote == "'" and end >= 0 and text[end + 1 : end + 2] == "'":
            end = text.find(quote, end + 2)
        if end < 0 or _COMMENT.sub("", text[end + 1 :]).strip():
            raise _Unsupported
        inner = text[1:end]
        if quote == '"':
            if "\\" in inner:
                raise _Unsupported  # escapes: PyYAML knows them all
            return inner
        return inner.replace("''", "'")
    text = _COMMENT.sub("", text)
    if not text:
        return None
    if not _PLAIN_START.match(text) or ": " in text or text.endswith(":") or " #" in text:
        raise _Unsupported
    if text.startswith(("- ", "? ", ": ")) or text in ("-", "?"):
        raise _Unsupported
    if flow and any(char in text for char in ",[]{}"):
        raise _Unsupported
    return _plain_scalar(text, timestamp)


# Front matters repeat the same keys and values (authors, tags, dates):
# typing each distinct plain scalar once keeps PyYAML's resolver out of the
# loop. The values are immutable (text, numbers, booleans, dates).
@functools.lru_cache(maxsize=8192)
def _resolved_tag(text: str) -> str:
    return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))


@functools.lru_cache(maxsize=8192)
def _plain_scalar(text: str, timestamp: Callable[[Any, yaml.ScalarNode], object]) -> Any:
    tag = _resolved_tag(text)
    if tag == "tag:yaml.org,2002:str":
        return text
    node = yaml.ScalarNode(tag, text)
    if tag == "tag:yaml.org,2002:timestamp":
        return timestamp(_CONSTRUCTOR, node)
    if tag not in _CONSTRUCTOR.yaml_constructors:
        raise _Unsupported  # "=" resolves to a tag SafeLoader refuses: PyYAML reports it
    return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node)
