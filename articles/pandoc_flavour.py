"""What pandoc writes from a Word file, the site shows.

A writer who turns a Word document into Markdown with pandoc
(``pandoc -t markdown offre.docx``) gets pandoc's own Markdown, which
Python-Markdown and GitHub's preview show as typed (a simple table's header
even becomes a heading):

- its tables: simple (a line of dashes under each column), multiline
  (framed by lines of dashes, a blank line between rows) and grid
  (``+-----+-----+``), with or without a header, and their caption
  (``: Tableau 1``) below. Each becomes a Markdown table (``| … |``), its
  first row the header when it has none, its caption a paragraph below it;
- its spans (``[texte]{.underline}``): underlined text is shown underlined
  (``<ins>``), highlighted text (``{.mark}``) highlighted (``==texte==``),
  any other (``{.smallcaps}``) as its text alone; Word's bookmarks
  (``[]{#_Toc123 .anchor}``) go;
- its images' sizes in inches or centimetres
  (``![](image1.png){width="6.3in"}``), which a browser reads as pixels
  (an image 6 pixels wide), in pixels;
- Word's dashes, which pandoc writes ``--`` and ``---`` (and hurried
  writers type so), as dashes (« – », « — »), and ``-->`` as an arrow:
  in the site's copy only (``dashes_and_arrows``), never in code, a web
  address, an HTML comment or a table's rule. Python-Markdown's ``smarty``
  and pymdown's ``smartsymbols`` do the same but took seconds on an
  article of many short paragraphs (quadratic), this is linear.

``fix`` writes them so too, and the check tells each table and the first
span on their line. Nothing in code changes.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from articles.github_flavour import outside_code, replace_outside_code, spliced
from articles.markdown import _in_code, prose_lines

# A line of dashes under each column, one or more spaces between columns.
_COLUMN_RULE = re.compile(r" {0,3}-+(?: +-+)+ *")
_DASHES = re.compile(r"-+")
# The line of dashes above and below a multiline table, as wide as it.
_FULL_RULE = re.compile(r" {0,3}-{3,} *")
# A grid table's borders: « +----+----+ », « +====+====+ » under its header.
_GRID_RULE = re.compile(r" {0,3}\+(?:[-=:]+\+)+ *")
_GRID_LINE = re.compile(r" {0,3}[|+]")
_CAPTION = re.compile(r" {0,3}(?:[Tt]able)?:[ \t]+(?P<text>\S.*)")
_UNESCAPED_BAR = re.compile(r"(?<!\\)\|")
_LIST_ITEM = re.compile(r"(?:[-*+]|\d{1,9}[.)])[ \t]")
# The lines of a multiline table's header: pandoc wraps it, a few lines at most.
_MOST_HEADER_LINES = 10

# « [texte]{.underline} », « []{#_Toc123 .anchor} »: a span of text, then
# classes, ids and « clé="valeur" » only (not a link, not an image).
_ATTRIBUTE = r"(?:[.#][\w:-]+|[\w-]+=(?:\"[^\"\n]*\"|[^\s}\"]+))"
_SPAN = re.compile(rf"(?<![\]!\\])\[(?!\^)(?P<text>[^\[\]\n]*)\]\{{(?P<attributes>[ \t]*{_ATTRIBUTE}(?:[ \t]+{_ATTRIBUTE})*[ \t]*)\}}")
_CLASSES = re.compile(r"(?<![\w\"])\.([\w-]+)")
# An image's attributes (attr_list), and a size in them in a unit of print.
_IMAGE_ATTRIBUTES = re.compile(r"(?<=!\[)[^\[\]\n]*\]\([^()\n]*\)\{(?P<attributes>[^{}\n]*)\}")
_PRINTED_SIZE = re.compile(r"(?P<key>width|height)=(?P<quote>\"?)(?P<number>\d{1,5}(?:\.\d{1,5})?)(?P<unit>in|cm|mm|pt)(?P=quote)")
_PIXELS_PER = {"in": 96, "cm": 96 / 2.54, "mm": 96 / 25.4, "pt": 96 / 72}


@dataclass
class _Table:
    first: int  # index of its first line
    end: int  # index after its last line, its caption's included
    rows: list[list[str]]  # the header first
    alignments: list[str]  # per column: "left", "right", "center" or ""
    caption: str = ""


def pandoc_tables(body: str) -> tuple[str, list[tuple[int, int, int]]]:
    """BODY with pandoc's tables as Markdown tables, and for each table its
    line (1-based), its rows (the header's included) and its columns."""
    if "---" not in body and "+-" not in body and "+:" not in body:
        return body, []
    lines = body.split("\n")
    prose = [is_prose for _index, _line, is_prose in prose_lines(body)]
    # Where each line of dashes stands, for the one that closes a table
    # (looked up, not searched for: the work grows as the text does).
    rules = _Rules()
    for at, line in enumerate(lines):
        if _FULL_RULE.fullmatch(line):
            rules.full.append(at)
        elif _COLUMN_RULE.fullmatch(line):
            rules.columns.setdefault(line.rstrip(), []).append(at)
    tables: list[_Table] = []
    index = 0
    while index < len(lines):
        table = _table_at(lines, index, rules) if prose[index] and (index == 0 or not lines[index - 1].strip()) else None
        if table is None or not all(prose[table.first : table.end]):
            index += 1
            continue
        table.end, table.caption = _caption_after(lines, table.end)
        tables.append(table)
        index = table.end
    for table in reversed(tables):  # from the end: the indexes before stay right
        after = [""] if table.end < len(lines) and lines[table.end].strip() else []
        lines[table.first : table.end] = [*_markdown_table(table), *([""] + [table.caption] if table.caption else []), *after]
    found = [(table.first + 1, len(table.rows), len(table.alignments)) for table in tables]
    return "\n".join(lines), found


def pandoc_spans(body: str) -> tuple[str, list[tuple[int, str, int]]]:
    """BODY with pandoc's spans written the site's way, and the line
    (1-based) of the first, as written, with how many there are."""
    if "]{" not in body:
        return body, []
    found = outside_code(body, [(match, _as_site_shows(match)) for match in _SPAN.finditer(body)])
    if not found:
        return body, []
    first = found[0][0]
    return spliced(body, found), [(body.count("\n", 0, first.start()) + 1, first.group(0), len(found))]


def _as_site_shows(span: re.Match[str]) -> str:
    text = span.group("text")
    classes = _CLASSES.findall(span.group("attributes"))
    if not text.strip():
        return text
    if "underline" in classes:
        return f"<ins>{text}</ins>"
    if "mark" in classes:
        return f"=={text}=="
    return text


def image_sizes_in_pixels(body: str) -> str:
    """BODY with its images' sizes in inches, centimetres, millimetres or
    points (pandoc's from Word) in pixels, as a browser reads a size."""
    if "){" not in body:
        return body

    def in_pixels(size: re.Match[str]) -> str:
        pixels = round(float(size.group("number")) * _PIXELS_PER[size.group("unit")])
        return f'{size.group("key")}="{pixels}"'

    def image(found: re.Match[str]) -> str | None:
        attributes = found.group("attributes")
        sized = _PRINTED_SIZE.sub(in_pixels, attributes)
        return None if sized == attributes else f"{found.group(0)[: found.start('attributes') - found.start()]}{sized}}}"

    return replace_outside_code(body, _IMAGE_ATTRIBUTES, image)


@dataclass
class _Rules:
    full: list[int] = field(default_factory=list)  # the lines of dashes alone
    columns: dict[str, list[int]] = field(default_factory=dict)  # each line of columns' dashes -> where it stands

    @staticmethod
    def after(positions: list[int], index: int) -> int | None:
        found = bisect.bisect_right(positions, index)
        return positions[found] if found < len(positions) else None


# Between words (not on a rule of dashes): « a -- b », « 3--5 », « mot---mot »; arrows.
_DASH_OR_ARROW = re.compile(
    r"(?P<arrows><-->|(?<![-!])-->|<--(?![->]))"
    r"|(?<=[^\s|+:-]) (?P<spaced>---?) (?=[^\s|+:-])"
    r"|(?<=\w)(?P<joined>---?)(?=\w)"
)
_DASHES_SHOWN = {"--": "–", "---": "—", "-->": "→", "<--": "←", "<-->": "↔"}


def dashes_and_arrows(body: str) -> str:
    """BODY with « -- » as « – », « --- » between words as « — », and
    « --> », « <-- », « <--> » as arrows, outside code, web addresses and
    HTML comments (« <!-- more --> »)."""
    if "--" not in body:
        return body
    comments = _comment_spans(body)

    def shown(found: re.Match[str]) -> str | None:
        if comments and _in_code(comments, found.start()):  # a comment, as code is
            return None
        dashes = found.group("arrows") or found.group("spaced") or found.group("joined")
        return found.group(0).replace(dashes, _DASHES_SHOWN[dashes])

    return replace_outside_code(body, _DASH_OR_ARROW, shown)


def _comment_spans(body: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each HTML comment; one never closed runs to the end."""
    spans, at = [], body.find("<!--")
    while at >= 0:
        end = body.find("-->", at + 4)
        end = len(body) if end < 0 else end + 3
        spans.append((at, end))
        at = body.find("<!--", end)
    return tuple(spans)


def _table_at(lines: list[str], index: int, rules: _Rules) -> _Table | None:
    line = lines[index]
    if _GRID_RULE.fullmatch(line):
        return _grid_table(lines, index)
    if _FULL_RULE.fullmatch(line):
        return _multiline_table(lines, index, rules)
    if _column_rule(line):
        return _headless_table(lines, index, rules)
    if index + 1 < len(lines) and line.strip() and _column_rule(lines[index + 1]):
        return _simple_table(lines, index)
    return None


def _column_rule(line: str) -> list[tuple[int, int]]:
    """The columns (start, end) a line of dashes marks out, at least two
    and one of three dashes or more (« - - - » is a horizontal rule)."""
    if not _COLUMN_RULE.fullmatch(line):
        return []
    columns = [found.span() for found in _DASHES.finditer(line)]
    return columns if max(end - start for start, end in columns) >= 3 else []


def _simple_table(lines: list[str], index: int) -> _Table | None:
    """A header, the dashes under it, then a row a line up to a blank line."""
    columns = _column_rule(lines[index + 1])
    end = index + 2
    while end < len(lines) and lines[end].strip() and not _COLUMN_RULE.fullmatch(lines[end]):
        end += 1
    if end == index + 2 or (end < len(lines) and lines[end].strip()):
        return None
    rows = [_cells([line], columns) for line in [lines[index], *lines[index + 2 : end]]]
    return _Table(index, end, rows, _alignments(lines[index], columns))


def _headless_table(lines: list[str], index: int, rules: _Rules) -> _Table | None:
    """Dashes, rows (a line each, or several with blank lines between),
    the same dashes: a simple or multiline table with no header."""
    rule = lines[index].rstrip()
    end = rules.after(rules.columns[rule], index)
    if end is None or end == index + 1 or (end + 1 < len(lines) and lines[end + 1].strip()):
        return None
    columns = _column_rule(rule)
    body = lines[index + 1 : end]
    if not body[0].strip() or not body[-1].strip() or any(_FULL_RULE.fullmatch(line) or _GRID_RULE.fullmatch(line) for line in body):
        return None
    groups = _row_groups(body) if any(not line.strip() for line in body) else [[line] for line in body]
    return _Table(index, end + 1, [_cells(group, columns) for group in groups], _alignments(body[0], columns))


def _multiline_table(lines: list[str], index: int, rules: _Rules) -> _Table | None:
    """Dashes as wide as the table, its header's lines, the dashes under
    each column, rows with blank lines between, dashes as wide again."""
    rule_at = index + 1
    while rule_at < len(lines) and rule_at <= index + _MOST_HEADER_LINES and lines[rule_at].strip() and not _column_rule(lines[rule_at]):
        rule_at += 1
    if rule_at == index + 1 or rule_at >= len(lines) or not _column_rule(lines[rule_at]):
        return None
    end = rules.after(rules.full, rule_at)
    if end is None or end == rule_at + 1 or (end + 1 < len(lines) and lines[end + 1].strip()):
        return None
    columns = _column_rule(lines[rule_at])
    body = lines[rule_at + 1 : end]
    if not body[0].strip() or any(_GRID_RULE.fullmatch(line) or _COLUMN_RULE.fullmatch(line) for line in body):
        return None
    header = lines[index + 1 : rule_at]
    rows = [_cells(header, columns), *(_cells(group, columns) for group in _row_groups(body))]
    return _Table(index, end + 1, rows, _alignments(header[0], columns))


def _grid_table(lines: list[str], index: int) -> _Table | None:
    """Borders of « + » and « - » (« = » under the header), rows between
    them, their cells between « | »."""
    top = lines[index].rstrip()
    corners = [at for at, character in enumerate(top) if character == "+"]
    columns = list(zip(corners, corners[1:], strict=False))
    rows: list[list[str]] = []
    header_rows = 0
    alignments = _grid_alignments(top, columns)
    content: list[str] = []
    end = index + 1
    while end < len(lines) and _GRID_LINE.match(lines[end]):
        line = lines[end]
        if _GRID_RULE.fullmatch(line):
            if not content:
                return None
            rows.append(_cells(content, [(start + 1, stop) for start, stop in columns]))
            content = []
            if "=" in line:
                header_rows = len(rows)
                alignments = _grid_alignments(line.rstrip(), columns)
        else:
            content.append(line)
        end += 1
    if content or not rows or (end < len(lines) and lines[end].strip()):
        return None
    if header_rows > 1:  # one header row in Markdown: the others as rows
        rows = [[" ".join(cell for cell in cells if cell) for cells in zip(*rows[:header_rows], strict=True)], *rows[header_rows:]]
    return _Table(index, end, rows, alignments)


def _row_groups(body: list[str]) -> list[list[str]]:
    groups: list[list[str]] = [[]]
    for line in body:
        if line.strip():
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    return [group for group in groups if group]


def _cells(lines: list[str], columns: list[tuple[int, int]]) -> list[str]:
    """Each column's text over LINES: from its start to the next column's
    (pandoc keeps a cell's text within its dashes), its lines joined."""
    starts = [0, *(start for start, _end in columns[1:])]
    stops = [*(start for start, _end in columns[1:]), None]
    return [_joined([line[start:stop].strip(" \t|") for line in lines]) for start, stop in zip(starts, stops, strict=True)]


def _joined(pieces: list[str]) -> str:
    """A cell's lines as one: a line break before a list's item or after a
    blank line, a space otherwise."""
    text, pending_break = "", False
    for piece in pieces:
        if not piece:
            pending_break = bool(text)
            continue
        if text:
            text += "<br>" if pending_break or _LIST_ITEM.match(piece) else " "
        text += piece
        pending_break = False
    return _UNESCAPED_BAR.sub(r"\\|", text)


def _alignments(line: str, columns: list[tuple[int, int]]) -> list[str]:
    """Pandoc aligns a column as its header (or first row) stands against
    the dashes: flush left, flush right, neither (centred) or both (default)."""
    found = []
    for start, end in columns:
        left = line[start : start + 1].strip() != ""
        right = line[end - 1 : end].strip() != ""
        found.append("" if left and right else "left" if left else "right" if right else "center")
    return found


def _grid_alignments(rule: str, columns: list[tuple[int, int]]) -> list[str]:
    found = []
    for start, end in columns:
        left, right = rule[start + 1 : start + 2] == ":", rule[end - 1 : end] == ":"
        found.append("center" if left and right else "left" if left else "right" if right else "")
    return found


def _caption_after(lines: list[str], end: int) -> tuple[int, str]:
    """Where the table ends with the caption pandoc writes below it
    (« : Tableau 1 », after a blank line), and the caption's text."""
    if end + 1 >= len(lines) or lines[end].strip() or not (found := _CAPTION.fullmatch(lines[end + 1])):
        return end, ""
    caption, at = [found.group("text").strip()], end + 2
    while at < len(lines) and lines[at].strip():
        caption.append(lines[at].strip())
        at += 1
    return at, " ".join(caption)


_RULES = {"left": ":---", "right": "---:", "center": ":---:", "": "---"}


def _markdown_table(table: _Table) -> list[str]:
    width = len(table.alignments)
    rows = [row + [""] * (width - len(row)) for row in table.rows]
    return [
        f"| {' | '.join(rows[0])} |",
        f"| {' | '.join(_RULES[alignment] for alignment in table.alignments)} |",
        *(f"| {' | '.join(row)} |" for row in rows[1:]),
    ]
