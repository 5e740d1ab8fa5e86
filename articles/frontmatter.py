"""Split an article into front matter and body, and parse the front matter.

YAML between ``---`` lines and TOML between ``+++`` lines. Tolerates a UTF-8
BOM, Windows line endings, spaces after the delimiters and tabs used as
indentation. Records the line of each top-level key so that messages point at
the right line of the file.
"""

from __future__ import annotations

import collections
import json
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
    # What was read differently from strict YAML: (message code, line, values).
    repairs: list[tuple[str, int, dict[str, object]]] = field(default_factory=list)


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
        raise FrontMatterError("front_matter_unclosed", start + 1, delimiter=delimiter, end=start + 1)
    fmt = _DELIMITERS[delimiter]
    closing = _CLOSING_LINE[fmt].search(text, opening.end())
    if closing is None:
        end = _probable_end(text[opening.end() :], start + 2)
        raise FrontMatterError("front_matter_unclosed", start + 1, delimiter=delimiter, end=end)
    front = text[opening.end() : max(opening.end(), closing.start() - 1)]
    body_line = text.count("\n", 0, closing.start()) + 2
    return fmt, front, start + 2, text[closing.end() + 1 :], body_line


# A line that belongs to a header: "key: value", "key = value", a list item,
# an indented continuation, a comment.
_HEADER_LINE = re.compile(r"^(?:[^\s:=#][^:=]*(?::|=)(?:[ \t].*)?|[ \t]*-(?:[ \t].*)?|[ \t]+\S.*|#.*|\[.*\][ \t]*)$")


def _probable_end(rest: str, first_line: int) -> int:
    """The last line of what looks like a header at the top of ``rest``
    (``first_line`` is its first line in the file): where the closing
    delimiter was probably forgotten."""
    end = first_line - 1
    for number, line in enumerate(rest.split("\n"), first_line):
        if not line.strip():
            continue
        if line.lstrip().startswith("# ") and end >= first_line:
            break  # a Markdown heading: the text has begun
        if not _HEADER_LINE.match(line):
            break
        end = number
    return end


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


# "key: value" (also "- key: value" in a list); the key as YAML reads a plain one.
_YAML_KEY_LINE = re.compile(
    r"^(?P<lead>[ ]*(?:-[ ]+)?)(?P<key>[^\s#'\"\[\]{}&*!|>%@`,?:-][^:\n]*|-[^\s:][^:\n]*):(?P<sep>[ \t]+)(?P<value>\S.*)$"
)
_YAML_ITEM_LINE = re.compile(r"^(?P<lead>[ ]*-)(?P<sep>[ \t]+)(?P<value>\S.*)$")
# A comment: " #" followed by a space or the end of the line. "#1" or
# "#Marketing" is text, as writers mean it.
_COMMENT_START = re.compile(r"[ \t]#(?=[ \t]|$)")
# What prepare_yaml may change: a "#", a tab, «, a value starting with a
# character YAML reserves, an indent, a second ": " on a line, text after "]".
_WORTH_A_LOOK = re.compile(r"#|\t|«|:[ ]+[%@`|>]|:[ ]+-[ ]|^[ ]+\S|^[^:\n]*:[ ][^\n]*?(?::[ ]|:$)|\][ ]*[^\s\],#}]", re.M)
_BLOCK_INDICATOR = re.compile(r"^[|>][-+0-9]*(?:[ \t]+#.*)?$")


def prepare_yaml(front: str) -> tuple[str, list[tuple[str, int, dict[str, object]]]]:
    """The header as YAML reads what writers mean, line for line.

    Writers type YAML as plain text: ``titre: le #1 du marché``,
    ``thèmes: #Marketing #Tendances``, ``titre: [Nouveau] Offre``,
    ``titre: Offre : -20 %``, a tab after the colon. Strict YAML reads a
    comment, a list or an error there; these values are quoted as the text
    they are. Returns the text (same number of lines) and, for each line
    changed, (message code, 0-based line, values).
    """
    front = _untab(front)
    if not _WORTH_A_LOOK.search(front):
        return front, []
    rows = front.split("\n")
    repairs: list[tuple[str, int, dict[str, object]]] = []
    _dedent_first_key(rows, repairs)
    block_indent: int | None = None  # inside a "key: |" block: its key's indentation
    in_quote = ""
    skip_until = -1
    for number, line in enumerate(rows):
        if number <= skip_until:
            continue
        if in_quote:
            if _closes_quote(line, in_quote):
                in_quote = ""
            continue
        if block_indent is not None:
            if not line.strip() or len(line) - len(line.lstrip(" ")) > block_indent:
                continue
            block_indent = None
        found = _YAML_KEY_LINE.match(line) or _YAML_ITEM_LINE.match(line)
        if found is None:
            continue
        # Trailing blanks are cut here, not by the pattern (no backtracking).
        value = found.group("value").rstrip(" \t")
        head = line[: found.start("sep")]
        if value[0] in "\"'":
            if not _closes_quote(value[1:], value[0]):
                in_quote = value[0]
            elif "\t" in found.group("sep"):
                rows[number] = f"{head} {line[found.start('value') :]}"
            continue
        if _BLOCK_INDICATOR.match(value):
            # Its lines are those indented more than the key (or the dash).
            block_indent = len(found.group("lead")) if "key" in found.groupdict() else len(found.group("lead")) - 1
            continue
        if value[0] == "[" and "'" not in value and '"' not in value and _FLOW_HASHTAG.search(value):
            # [#Vente, #Marketing]: hashtags in a list are its items.
            rows[number] = f"{head} {_FLOW_HASHTAG.sub(_quote_item, value)}"
            repairs.append(("value_hash_text", number, {"value": _shorten(value)}))
            continue
        if value.startswith("«") and "»" not in value:
            joined = _join_french_quoted(rows, number, head, value)
            if joined:
                repairs.append(("value_french_quotes_joined", number, {"count": joined}))
                skip_until = number + joined - 1
                continue
        text, comment = _split_comment(value)
        # "- key: value" is a mapping in a list: only a key's value can be
        # text that holds a ": ".
        code = _text_repair(text, colon=found.re is _YAML_KEY_LINE)
        if code is None:
            if "\t" in found.group("sep"):
                rows[number] = f"{head} {value}"
            continue
        rows[number] = f"{head} {json.dumps(text, ensure_ascii=False)}{comment}"
        repairs.append((code, number, {"value": _shorten(text)}))
    return "\n".join(rows), repairs


_FLOW_HASHTAG = re.compile(r"(?<=[\[,])(?P<space>[ \t]*)(?P<item>#[^,\]\[{}\"']*)(?=[,\]])")


def _quote_item(found: re.Match[str]) -> str:
    item = found.group("item")
    text = item.rstrip(" \t")
    return f"{found.group('space')}{json.dumps(text, ensure_ascii=False)}{item[len(text) :]}"


def _shorten(text: str) -> str:
    return text if len(text) <= 60 else text[:59] + "…"


_FRENCH_QUOTE_LINES = 10


def _join_french_quoted(rows: list[str], number: int, head: str, value: str) -> int:
    """``résumé: « Une phrase`` continued on the next lines up to ``»``:
    one text, as the writer meant (a double-quoted YAML value over the same
    lines). Return the number of lines joined, or 0."""
    for end in range(number + 1, min(number + 1 + _FRENCH_QUOTE_LINES, len(rows))):
        row = rows[end]
        if row.strip() in ("", "---") or row.lstrip()[:1] in "'\"-[{?#&*!%@|>":
            return 0
        colon = re.search(r":(?:[ \t]|$)", row)
        if colon and colon.start() > 0 and row[colon.start() - 1] not in " \t":
            return 0  # "auteur: X": a field of its own; "suite : texte" is French typing
        if "»" in rows[end]:
            break
    else:
        return 0

    def escaped(text: str) -> str:
        return text.replace("\\", "\\\\").replace('"', '\\"')

    rows[number] = f'{head} "{escaped(value)}'
    for middle in range(number + 1, end):
        rows[middle] = "  " + escaped(rows[middle].strip())
    rows[end] = "  " + escaped(rows[end].strip()) + '"'
    return end - number + 1


def _dedent_first_key(rows: list[str], repairs: list[tuple[str, int, dict[str, object]]]) -> None:
    """ "  titre: X" above "date: ...": spaces pasted before the first field
    would make YAML read the next fields as wrongly aligned."""
    content = [number for number, row in enumerate(rows) if row.strip() and not row.lstrip().startswith("#")]
    if not content or not rows[content[0]].startswith(" "):
        return
    first = content[0]
    if not _YAML_KEY_LINE.match(rows[first].lstrip(" ")):
        return
    following = content[1] if len(content) > 1 else None
    width = len(rows[first]) - len(rows[first].lstrip(" "))
    if following is not None and len(rows[following]) - len(rows[following].lstrip(" ")) >= width:
        return  # the whole header is indented alike: YAML reads it as it is
    rows[first] = rows[first].lstrip(" ")
    repairs.append(("line_dedented", first, {}))


def _closes_quote(text: str, quote: str) -> bool:
    if quote == "'":
        return text.replace("''", "").count("'") % 2 == 1
    return len(re.findall(r'(?<!\\)"', text.replace("\\\\", ""))) % 2 == 1


def _split_comment(value: str) -> tuple[str, str]:
    found = _COMMENT_START.search(value)
    if found is None:
        return value, ""
    return value[: found.start()].rstrip(), value[found.start() :]


def _text_repair(text: str, *, colon: bool = True) -> str | None:
    """The message code when strict YAML would not read ``text`` as the text it is."""
    if not text or text.startswith("# ") or text == "#" or text == "-":
        return None
    if text.startswith("- "):
        # "titre: - 20 % sur tout" is text; "- - x" is a list in a list.
        return "value_special_text" if colon else None
    if text[0] in "&*!{":
        return None  # YAML's own syntax (anchors, aliases, tags): its error message says what to do
    if text[0] in "%@`|>":
        return "value_special_text"  # "@Amélie raconte", "> Nouveau": text YAML cannot start with
    if text[0] == "[":
        closing = _flow_end(text)
        if closing is None or not text[closing + 1 :].strip():
            return None  # a list, or an unclosed one (YAML says so)
        return "value_bracket_text"
    if not colon and re.search(r":(?:[ \t]|$)", text):
        return None  # "- key: #x": a key inside a list item, left to YAML
    if "#" in text:
        return "value_hash_text"
    if colon and (": " in text or text.endswith(":")):
        return "value_colon_text"
    return None


def _flow_end(text: str) -> int | None:
    """Index of the bracket that closes the one ``text`` starts with, or None."""
    depth = 0
    index = 0
    while index < len(text):
        char = text[index]
        if char in "\"'" and (index == 0 or text[index - 1] in "[{,: \t"):
            index = _quoted_end(text, index)
            if index < 0:
                return None
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return None


def _quoted_end(text: str, start: int) -> int:
    """Index of the quote closing the one at ``start`` ('' and \\" escaped), or -1."""
    quote = text[start]
    index = start + 1
    while index < len(text):
        if quote == '"' and text[index] == "\\":
            index += 2
            continue
        if text[index] == quote:
            if quote == "'" and text[index + 1 : index + 2] == "'":
                index += 2
                continue
            return index
        index += 1
    return -1


def _parse_yaml(front: str, first_line: int) -> tuple[Any, dict[str, int], list[tuple[str, int]]]:
    front = _untab(front)
    simple = simple_yaml.parse(front, _timestamp)
    if simple is not None:
        data, key_lines, duplicates = simple
        return data, {key: first_line + line for key, line in key_lines.items()}, [(key, first_line + line) for key, line in duplicates]
    _refuse_aliases(front, first_line)
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
        raise FrontMatterError("yaml_invalid", line, detail=_french_quotes_detail(front, mark) or _yaml_detail(error)) from None
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


def _refuse_aliases(front: str, first_line: int) -> None:
    """Refuse YAML aliases (``&a`` ... ``*a``) before anything is built.

    An alias repeats a value written once: nested, a few lines name billions
    of values, which any reader of the front matter (the blog and RSS
    plugins too) expands. No article needs them; the parser's events are
    read, which expand nothing. An alias with no anchor, or broken YAML, is
    left to the loader, which reports it on its line.
    """
    if "*" not in front:
        return
    anchors: set[str] = set()
    try:
        for event in yaml.parse(front, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                if event.anchor in anchors:
                    name = event.anchor if len(event.anchor) <= 40 else event.anchor[:39] + "…"
                    raise FrontMatterError("yaml_alias", first_line + event.start_mark.line, name=name)
            elif getattr(event, "anchor", None):
                anchors.add(event.anchor)
    except yaml.YAMLError:
        return


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


_FRENCH_QUOTED = re.compile(r"^[^:#]*:[ \t]+«")


def _french_quotes_detail(front: str, mark: Any) -> str | None:
    """The real cause when the value around the error starts with « : the
    writer took French quotes for quotes that hold a value together."""
    if mark is None:
        return None
    rows = front.split("\n")
    for row in rows[max(mark.line - 1, 0) : mark.line + 1]:
        if _FRENCH_QUOTED.match(row):
            return (
                'les guillemets « » font partie du texte et ne protègent pas la valeur ; entourez la valeur de guillemets droits : "« … »"'
            )
    return None


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
    table_line = re.compile(r"""^\s*\[\[?\s*(?:"([^"]+)"|'([^']+)'|([^\].\s]+))""")
    in_table = False
    for offset, line in enumerate(front.split("\n")):
        if line.lstrip().startswith("["):
            # A [table] header is the line of its top-level key; the keys
            # below it belong to the table.
            in_table = True
            found = table_line.match(line)
            if found:
                key = next(group for group in found.groups() if group is not None)
                key_lines.setdefault(key, first_line + offset)
            continue
        if in_table:
            continue
        found = key_line.match(line)
        if found:
            key = next(group for group in found.groups() if group is not None)
            key_lines.setdefault(key, first_line + offset)
    return data, key_lines, []


_TOP_LEVEL_KEY = re.compile(r"^(?P<key>[^\s:=#\-][^:=]*?)[ \t]*[:=]")


def _all_known_fields(header: list[str], *, comments: bool) -> bool:
    """Whether every top-level line of ``header`` is a field the site knows
    (``titre``, ``date``…) or another field of an e-mail's header (``À``,
    ``Cc``), and one is the site's: a sentence of the text is never taken
    for a field. Indented lines and list items continue a field;
    ``comments``: lines starting with ``#`` are comments, else fields."""
    from articles.keys import canonical_key, is_mail_field  # keys.py imports nothing of this module

    skipped = ("#", "-") if comments else ("-",)
    found = [_TOP_LEVEL_KEY.match(line) for line in header if line.strip() and not line[:1].isspace() and not line.startswith(skipped)]
    keys = [match.group("key") for match in found if match is not None]
    if not keys or len(keys) < len(found):
        return False
    site_keys = [key for key in keys if canonical_key(key)[0] is not None]
    return bool(site_keys) and all(key in site_keys or is_mail_field(key) for key in keys)


def _recover_unclosed(text: str, error: FrontMatterError) -> tuple[str, str, int, str, int] | None:
    """The header of an article whose closing ``---`` was forgotten, when the
    lines above the probable end are all fields the site knows (``titre``,
    ``date``…): a sentence of the text is never taken for a field."""
    opening = _OPENING.match(text)
    end = error.values.get("end")
    if opening is None or not isinstance(end, int):
        return None
    first_line = text.count("\n", 0, opening.start("delimiter")) + 2
    lines = text[opening.end() :].split("\n")
    header = lines[: max(0, end - first_line + 1)]
    if not _all_known_fields(header, comments=True):
        return None
    fmt = _DELIMITERS[opening.group("delimiter")]
    return fmt, "\n".join(header), first_line, "\n".join(lines[len(header) :]), first_line + len(header)


# The line an e-mail program puts above a forwarded e-mail's header.
_FORWARDED = re.compile(
    r"[ \t]*-{2,}[ \t]*(?:forwarded message|message transf[ée]r[ée]|original message|message d'origine)[ \t]*-{2,}[ \t]*", re.IGNORECASE
)


def _top_fields(text: str) -> tuple[list[str], int, int]:
    """The text's lines, and where the first run of them that are neither
    blank nor « --- » starts and ends (end excluded); below the line that
    opens a forwarded e-mail, if that comes first."""
    lines = text.split("\n")
    first, end = _field_run(lines, 0)
    if first < end and _FORWARDED.fullmatch(lines[first]):
        return (lines, *_field_run(lines, first + 1))
    return lines, first, end


def _field_run(lines: list[str], index: int) -> tuple[int, int]:
    """Where the first run of ``lines`` from ``index`` on that are neither
    blank nor « --- » starts and ends (end excluded)."""
    while index < len(lines) and not lines[index].strip():
        index += 1
    first = index
    while index < len(lines) and lines[index].strip() and lines[index].strip() != "---":
        index += 1
    return first, index


def _reads_as_header(header: list[str]) -> bool:
    # No comment here: above the text, « # Titre » is a heading.
    return bool(header) and not header[0][:1].isspace() and not header[0].startswith("-") and _all_known_fields(header, comments=False)


def _reads_as_fields(header: list[str]) -> bool:
    """Whether ``header``, with no « --- » around it, is surely one: two
    fields or more, and only fields the site knows."""
    fields = [line for line in header if not line[:1].isspace() and not line.startswith("-")]
    return len(fields) >= 2 and _reads_as_header(header)


def _recover_unopened(text: str) -> tuple[str, str, int, str, int] | None:
    """The header of an article whose opening ``---`` was forgotten: at the
    top, lines that are all fields the site knows (``Titre : …``), then,
    after blank lines at most, a line ``---``. Anything else (a heading, a
    sentence, a blank line inside) and the text is read as it is."""
    lines, first, index = _top_fields(text)
    header = lines[first:index]
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index >= len(lines) or lines[index].strip() != "---" or not _reads_as_header(header):
        return None
    return "yaml", "\n".join(header), first + 1, "\n".join(lines[index + 1 :]), index + 2


def _recover_undelimited(text: str) -> tuple[str, str, int, str, int] | None:
    """The header of an article written without any ``---``: at the top, two
    lines or more that are all fields the site knows (``Titre : …`` then
    ``Date : …``), then a blank line or the end. One line alone, or any
    other line among them, and the text is read as it is."""
    lines, first, index = _top_fields(text)
    header = lines[first:index]
    if index < len(lines) and lines[index].strip() == "---":
        return None  # a closing line: _recover_unopened's case
    if not _reads_as_fields(header):
        return None
    return "yaml", "\n".join(header), first + 1, "\n".join(lines[index:]), index + 1


_TITLE_HEADING = re.compile(r"[ ]{0,3}#[ \t]+\S")


def _run_under_title(lines: list[str]) -> tuple[int, int] | None:
    """Where the first run of lines (``_field_run``) under a « # » title at
    the top of LINES starts and ends; None without such a title."""
    heading = 0
    while heading < len(lines) and not lines[heading].strip():
        heading += 1
    if heading >= len(lines) or not _TITLE_HEADING.match(lines[heading]):
        return None
    return _field_run(lines, heading + 1)


def _recover_below_title(text: str) -> tuple[str, str, int, str, int] | None:
    """The header of an article exported from Notion: its title as a « # »
    heading at the top, then, after blank lines at most, two lines or more
    that are all fields the site knows, then a blank line, a « --- » or the
    end. Those lines (and the « --- ») are left blank in the body, so that
    every line of the text keeps its number."""
    lines = text.split("\n")
    under = _run_under_title(lines)
    if under is None:
        return None
    first, end = under
    header = lines[first:end]
    if not _reads_as_fields(header):
        return None
    if end < len(lines) and lines[end].strip() == "---":
        end += 1
    body = lines[:first] + [""] * (end - first) + lines[end:]
    return "yaml", "\n".join(header), first + 1, "\n".join(body), 1


# The line Confluence shows under a page's title, copied with it: who made
# the page and when it was last changed (« Created by Paul Martin, last
# modified on Nov 24, 2026 », « Créé par Paul Martin, dernière modification
# par Zoé le 24 nov. 2026 »). Read a part at a time: one pattern for the
# whole line would try every way of cutting a long one.
_BYLINE_START = re.compile(r"[ \t]*(?:Created by|Cr[ée]{2} par)[ \t]+", re.IGNORECASE)
_BYLINE_MODIFIED = re.compile(r",[ \t]*(?:last (?:modified|updated)|derni[èe]re modification)\b", re.IGNORECASE)
_BYLINE_ON = re.compile(r"[ \t]+(?:on|le)[ \t]+")


def _confluence_byline(line: str) -> tuple[str, str | None] | None:
    """The author and the date (the last change's, else the creation's) of
    Confluence's line under a page's title; None for any other line."""
    start = _BYLINE_START.match(line)
    if start is None:
        return None
    rest = line[start.end() :]
    modified = _BYLINE_MODIFIED.search(rest)
    made, changed = (rest[: modified.start()], rest[modified.end() :]) if modified else (rest, "")
    author, _on, created = _split_on(made)
    date = _split_on(changed)[2] if modified else created
    if modified and not date:
        return None
    return author.strip(), date.strip() or None


def _split_on(text: str) -> tuple[str, str, str]:
    """TEXT cut at its last « on » or « le » (a date holds neither, a name
    may: « Marie le Goff »): (before, the word, after)."""
    found = collections.deque(_BYLINE_ON.finditer(text), maxlen=1)
    if not found:
        return text, "", ""
    last = found[0]
    return text[: last.start()], last.group(), text[last.end() :]


# What may join a name's capitalised words (« Marie de La Tour », « Anne van Dam »).
_NAME_PARTICLES = frozenset({"de", "du", "des", "d'", "la", "le", "van", "von", "der", "den", "di", "da", "dos", "del", "y"})


def _is_a_name(written: str) -> bool:
    """Whether WRITTEN reads as a person's name: a few words, each
    capitalised but the particles (« Created by the team » is a sentence)."""
    words = written.split()
    return 0 < len(words) <= 5 and words[0][:1].isupper() and all(word[:1].isupper() or word.lower() in _NAME_PARTICLES for word in words)


def _recover_confluence_byline(text: str) -> tuple[str, str, int, str, int] | None:
    """The author and date of a page copied from Confluence: its title as a
    « # » heading at the top, then, after blank lines at most, Confluence's
    line alone (``_confluence_byline``). The line is left blank in the body,
    so that every line of the text keeps its number."""
    lines = text.split("\n")
    under = _run_under_title(lines)
    if under is None:
        return None
    first, end = under
    byline = _confluence_byline(lines[first]) if end == first + 1 else None
    if byline is None or not _is_a_name(byline[0]):
        return None
    fields = {"authors": byline[0]}
    if byline[1]:
        fields["date"] = byline[1]
    # One line, as the writer's: every field is told on the byline's line.
    header = "{" + ", ".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()) + "}"
    return "yaml", header, first + 1, "\n".join([*lines[:first], "", *lines[end:]]), 1


def split_recovering(text: str) -> tuple[tuple[str | None, str, int, str, int], tuple[str, int, dict[str, object]] | None]:
    """``split``, and a header left unclosed (or unopened) read as one when
    that is certain; then also the warning that says so (code, line, values)."""
    try:
        parts = split(text)
    except FrontMatterError as error:
        recovered = _recover_unclosed(text, error) if error.code == "front_matter_unclosed" else None
        if recovered is None:
            raise
        end = recovered[4] - 1
        return recovered, ("front_matter_unclosed_guessed", end, {"delimiter": error.values["delimiter"], "end": end})
    if parts[0] is None:
        unopened = _recover_unopened(text)
        if unopened is not None:
            closing = unopened[4] - 1
            return unopened, ("front_matter_unopened_guessed", unopened[2], {"end": closing})
        undelimited = _recover_undelimited(text)
        if undelimited is not None:
            last = undelimited[4] - 1
            return undelimited, ("front_matter_undelimited_guessed", undelimited[2], {"first": undelimited[2], "end": last})
        below_title = _recover_below_title(text)
        if below_title is not None:
            first = below_title[2]
            last = first + below_title[1].count("\n")
            return below_title, ("front_matter_below_title_guessed", first, {"first": first, "end": last})
        byline = _recover_confluence_byline(text)
        if byline is not None:
            return byline, ("front_matter_confluence_byline", byline[2], {})
    return parts, None


def body_line(text: str) -> int:
    """The line of ``text`` (a whole article) where its body starts, as the
    build reads it; 1 when it has no header, or one that cannot be read."""
    try:
        return split_recovering(normalise_newlines(text))[0][4]
    except FrontMatterError:
        return 1


def parse(text: str) -> FrontMatter:
    """Parse an article's text (newlines already normalised)."""
    repairs: list[tuple[str, int, dict[str, object]]] = []
    (fmt, front, first_line, body, body_line), guessed = split_recovering(text)
    if guessed is not None:
        repairs.append(guessed)
    if fmt is None:
        return FrontMatter(format=None, body=body, body_line=body_line)
    if fmt == "yaml":
        front, changed = prepare_yaml(front)
        repairs += [(code, first_line + line, values) for code, line, values in changed]
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
        repairs=repairs,
    )
