"""Split an article into front matter and body, and parse the front matter.

YAML between ``---`` lines and TOML between ``+++`` lines. Tolerates a UTF-8
BOM, Windows line endings, spaces after the delimiters and tabs used as
indentation. Records the line of each top-level key so that messages point at
the right line of the file.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

import yaml

from articles import simple_yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_DELIMITERS = {"---": "yaml", "+++": "toml"}
# [^\S\n]: white space other than a line break.
_OPENING = re.compile(r"(?:[^\S\n]*\n)*[^\S\n]*(?P<delimiter>---|\+\+\+)[^\S\n]*(?:\n|\Z)")
_CLOSING_LINE = {
    "yaml": re.compile(r"^(?:---|\.\.\.)[^\S\n]*$", re.M),
    "toml": re.compile(r"^\+\+\+[^\S\n]*$", re.M),
}
_TOML_LINE = re.compile(r"\(at line (\d+)")


class FrontMatterError(Exception):
    """The front matter cannot be read; ``line`` is a line of the file."""

    def __init__(self, code: str, line: int | None, **values: object) -> None:
        super().__init__(code)
        self.code = code
        self.line = line
        self.values = values


@dataclass
class FrontMatter:
    format: str | None  # "yaml", "toml" or None when the article has none
    data: dict[str, Any] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)
    duplicate_keys: list[tuple[str, int]] = field(default_factory=list)
    body: str = ""
    body_line: int = 1  # line of the file where the body starts


def normalise_newlines(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split(text: str) -> tuple[str | None, str, int, str, int]:
    """Return (format, front matter text, its first line, body, body's first line)."""
    # Searched, not split into lines: the body is most of the text.
    # Writers sometimes leave blank lines above the opening delimiter.
    opening = _OPENING.match(text)
    if opening is None:
        return None, "", 0, text, 1
    delimiter = opening.group("delimiter")
    start = text.count("\n", 0, opening.start("delimiter"))  # 0-based line of the opening
    if opening.end() == len(text) and not text.endswith("\n"):
        raise FrontMatterError("front_matter_unclosed", start + 1, delimiter=delimiter)
    fmt = _DELIMITERS[delimiter]
    closing = _CLOSING_LINE[fmt].search(text, opening.end())
    if closing is None:
        raise FrontMatterError("front_matter_unclosed", start + 1, delimiter=delimiter)
    front = text[opening.end() : max(opening.end(), closing.start() - 1)]
    body_line = text.count("\n", 0, closing.start()) + 2
    return fmt, front, start + 2, text[closing.end() + 1 :], body_line


class _KeyRecordingLoader(_Loader):  # type: ignore[misc, valid-type]
    """SafeLoader that keeps impossible dates as text (``dates.py`` reports
    them clearly instead of a YAML crash) and records the line of each
    top-level key and any key written twice."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.key_lines: dict[str, int] = {}
        self.duplicate_keys: list[tuple[str, int]] = []
        self._depth = 0

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        if self._depth == 0:
            seen: set[Any] = set()
            for key_node, _ in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    continue
                key = key_node.value
                line = key_node.start_mark.line
                if key in seen:
                    self.duplicate_keys.append((key, line))
                else:
                    self.key_lines[key] = line
                    seen.add(key)
        self._depth += 1
        try:
            return super().construct_mapping(node, deep=True)
        finally:
            self._depth -= 1


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    # A real date stays a date (for unknown keys too); an impossible one
    # (2021-02-30) stays text, so that dates.py reports it clearly.
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError, AttributeError, TypeError):
        # Also `!!timestamp pas une date`: PyYAML fails on it with AttributeError.
        return loader.construct_scalar(node)


_KeyRecordingLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def _untab(front: str) -> str:
    # YAML forbids tabs in indentation; writers paste them anyway.
    return re.sub(r"(?m)^[ \t]+", lambda m: m.group(0).replace("\t", "  "), front)


def _parse_yaml(front: str, first_line: int) -> tuple[Any, dict[str, int], list[tuple[str, int]]]:
    front = _untab(front)
    simple = simple_yaml.parse(front, _timestamp)
    if simple is not None:
        data, key_lines, duplicates = simple
        return data, {key: first_line + line for key, line in key_lines.items()}, [(key, first_line + line) for key, line in duplicates]
    loader = _KeyRecordingLoader(front)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        # An unclosed quote or bracket is reported at the end of the front
        # matter; the line where it was opened is the one to fix.
        reached_end = (
            "end of stream" in str(error.problem)
            or "<stream end>" in str(error.problem)
            or str(error.context).startswith(("while parsing a flow", "while scanning a quoted"))
        )
        mark = (error.context_mark if reached_end else None) or error.problem_mark or error.context_mark
        line = first_line + mark.line if mark else first_line
        raise FrontMatterError("yaml_invalid", line, detail=_yaml_detail(error)) from None
    except yaml.YAMLError as error:
        raise FrontMatterError("yaml_invalid", first_line, detail=str(error)) from None
    except RecursionError:
        raise FrontMatterError("yaml_invalid", first_line, detail="imbrication trop profonde") from None
    except (ValueError, TypeError, OverflowError, AttributeError) as error:
        raise FrontMatterError("yaml_invalid", first_line, detail=f"valeur illisible ({error})") from None
    finally:
        loader.dispose()
    key_lines = {key: first_line + line for key, line in loader.key_lines.items()}
    duplicates = [(key, first_line + line) for key, line in loader.duplicate_keys]
    return data, key_lines, duplicates


# PyYAML's wording, for the writer: (fragment of the problem, French detail).
_YAML_PROBLEMS = (
    ("end of stream", "un guillemet ou un crochet ouvert n'est jamais fermé"),
    ("mapping values are not allowed", "un « : » de trop dans une valeur (mettez la valeur entre guillemets)"),
    ("could not find expected ':'", "il manque « : » après le nom du champ"),
    ("expected <block end>", "l'alignement des lignes est incohérent"),
    ("expected ',' or ']'", "une liste entre crochets est mal fermée"),
    ("expected ',' or '}'", "une liste entre accolades est mal fermée"),
    ("found undefined alias", "un « * » en début de valeur (mettez la valeur entre guillemets)"),
    ("found character that cannot start any token", "un caractère spécial en début de valeur (mettez la valeur entre guillemets)"),
    ("found unknown escape character", "une barre oblique inverse « \\ » dans une valeur entre guillemets"),
    ("did not find expected key", "l'alignement des lignes est incohérent"),
    ("could not determine a constructor", "une valeur spéciale de YAML (« = », « << » ou « !… ») ; mettez la valeur entre guillemets"),
    ("did not find expected", "la syntaxe de cette ligne est incorrecte"),
)


def _yaml_detail(error: yaml.MarkedYAMLError) -> str:
    problem = f"{error.problem or ''} {error.context or ''}"
    for fragment, detail in _YAML_PROBLEMS:
        if fragment in problem:
            return detail
    return f"syntaxe incorrecte ({(error.problem or error.context or '').strip()})"


# tomllib's wording, for the writer.
_TOML_PROBLEMS = (
    ("Invalid date or datetime", "cette date n'existe pas ou est mal écrite (AAAA-MM-JJ)"),
    ("Invalid value", "valeur mal écrite : un texte se met entre guillemets"),
    ("Expected '=' after a key", "il manque « = » après le nom du champ"),
    ("Unclosed array", "une liste entre crochets n'est jamais fermée"),
    ("Unclosed inline table", "des accolades ne sont jamais fermées"),
    ("Cannot overwrite a value", "ce champ est écrit deux fois"),
    ("Cannot declare", "ce champ ou cette section est écrit deux fois"),
    ("Unterminated string", "un guillemet ouvert n'est jamais fermé"),
    ("Illegal character", "un caractère interdit dans un texte entre guillemets"),
    ("Invalid statement", "cette ligne n'est ni « nom = valeur » ni une section [..]"),
    ("Invalid initial character for a key part", "le nom du champ commence par un caractère interdit"),
)


def _toml_detail(message: str) -> str:
    for fragment, detail in _TOML_PROBLEMS:
        if fragment in message:
            return detail
    return f"syntaxe incorrecte ({message})"


def _parse_toml(front: str, first_line: int) -> tuple[Any, dict[str, int], list[tuple[str, int]]]:
    try:
        data = tomllib.loads(_untab(front))
    except tomllib.TOMLDecodeError as error:
        found = _TOML_LINE.search(str(error))
        line = first_line + int(found.group(1)) - 1 if found else first_line
        raise FrontMatterError("toml_invalid", line, detail=_toml_detail(str(error).split(" (at")[0])) from None
    except RecursionError:
        raise FrontMatterError("toml_invalid", first_line, detail="imbrication trop profonde") from None
    key_lines: dict[str, int] = {}
    key_line = re.compile(r"""^\s*(?:"([^"]+)"|'([^']+)'|([^=\s]+))\s*=""")
    for offset, line in enumerate(front.split("\n")):
        if line.lstrip().startswith("["):
            break  # keys below a [table] header belong to that table
        found = key_line.match(line)
        if found:
            key = next(group for group in found.groups() if group is not None)
            key_lines.setdefault(key, first_line + offset)
    return data, key_lines, []


def parse(text: str) -> FrontMatter:
    """Parse an article's text (newlines already normalised)."""
    fmt, front, first_line, body, body_line = split(text)
    if fmt is None:
        return FrontMatter(format=None, body=body, body_line=body_line)
    parser = _parse_yaml if fmt == "yaml" else _parse_toml
    data, key_lines, duplicates = parser(front, first_line)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError("front_matter_not_mapping", first_line)
    return FrontMatter(
        format=fmt,
        data={str(key): value for key, value in data.items()},
        key_lines={str(key): line for key, line in key_lines.items()},
        duplicate_keys=duplicates,
        body=body,
        body_line=body_line,
    )
