"""Repairs of the Markdown body: broken image and link markup, missing images.

Code blocks and inline code are never touched. Non-breaking spaces before
``: ; ? !`` (French typography) are kept as they are.
"""

from __future__ import annotations

import bisect
import functools
import html
import itertools
import posixpath
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import unquote

from markdown.util import BLOCK_LEVEL_ELEMENTS

from articles.blog import DEFAULT_EXCERPT_SEPARATOR

if TYPE_CHECKING:
    from articles.links import LinkIndex

# Material's default; the site's own comes from mkdocs.yml (articles/blog.py).
EXCERPT_SEPARATOR = DEFAULT_EXCERPT_SEPARATOR
PLACEHOLDER_IMAGE = "assets/images/image-manquante.svg"

_BACKTICK_RUN = re.compile(r"`+")
# Fences may be indented: inside a list item they are.
_FENCE_LINE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
# Lines whose indented followers are their content, not code: list items,
# notes and foldable blocks (!!! / ???), footnotes, definitions.
_CONTAINER_START = re.compile(r" {0,3}(?:(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)|(?:!!!|\?\?\?\+?)[ \t]|\[\^[^\]\n]+\]:|:[ \t])")
# A source may hold one level of parentheses: img/photo(1).jpg
_PLAIN_SOURCE = r"<[^>\n]*>|(?:[^\s()\"'<>]|\([^\s()\"'<>]*\))+"
_SOURCE = rf"(?P<src>{_PLAIN_SOURCE})"
_IMAGE_EXTENSIONS = r"\.(?:png|jpe?g|gif|svg|webp|avif|bmp|tiff?)"
_IMAGE_FILE = re.compile(rf"{_IMAGE_EXTENSIONS}(?:[?#].*)?$", re.I)
# Python-Markdown also shows an image whose file name has spaces, as names
# copied from a computer have them: img/photo salon.jpg (img/photo%20salon.jpg).
_SPACED_IMAGE_SOURCE = rf"(?i:[^\s()\"'<>][^()\"'<>\n]{{0,300}}?{_IMAGE_EXTENSIONS})"
_TITLE = r"(?:\s+(?P<title>\"[^\"\n]*\"|'[^'\n]*'))?"
# ``! [alt] (src "title")``: the spaces between ``!``, ``]`` and ``(`` are what
# writers add by mistake, and what stops Markdown from seeing an image.
_LOOSE_IMAGE = re.compile(rf"!(?P<gap1>[ \t]*)\[(?P<alt>[^\]\n]{{0,300}})\](?P<gap2>[ \t]*)\([ \t]*{_SOURCE}{_TITLE}[ \t]*\)")
# ``![alt](img/photo.jpg`` at the end of a line: the closing parenthesis
# forgotten (or lost in a copy), with or without the stray spaces above.
_UNCLOSED_IMAGE = re.compile(rf"!(?P<gap1>[ \t]*)\[(?P<alt>[^\]\n]{{0,300}})\](?P<gap2>[ \t]*)\([ \t]*{_SOURCE}{_TITLE}(?=[ \t]*$)", re.M)
_LOOSE_LINK = re.compile(
    # The look-behind sits after the bracket so that the engine can jump
    # from one "[" to the next instead of trying every position.
    rf"\[(?<![!\]\w]\[)(?P<text>[^\]\n]{{1,300}})\](?P<gap>[ \t]+)\([ \t]*"
    rf"(?P<src>(?:https?://|mailto:|\.{{0,2}}/)[^\s()\"'<>]+|[^\s()\"'<>]+\.(?:md|html?)(?:#[\w-]*)?){_TITLE}[ \t]*\)"
)
_IMAGE = re.compile(rf"!\[(?P<alt>[^\]\n]{{0,300}})\]\((?P<src>{_PLAIN_SOURCE}|{_SPACED_IMAGE_SOURCE}){_TITLE}\)(?P<attrs>\{{[^}}\n]*\}})?")
# ![alt][label] and ![alt][], with their [label]: src definitions.
_REFERENCE_IMAGE = re.compile(r"!\[(?P<alt>[^\]\n]{0,300})\]\[(?P<label>[^\]\n]{0,300})\](?P<attrs>\{[^}\n]*\})?")
_DEFINITION = re.compile(r"^ {0,3}\[(?P<label>[^\]\n]+)\]:[ \t]*(?P<src><[^>\n]*>|\S+)", re.M)
# The rest of the heading line is read by hand (_heading_text): a pattern
# for the optional closing "#"s backtracks on long runs of spaces.
_HEADING_START = re.compile(r" {0,3}#(?!#)\s+")
_ANY_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass(frozen=True)
class BodyIssue:
    code: str
    line: int  # 1-based, within the body
    values: dict[str, str]


def prose_lines(body: str) -> Iterator[tuple[int, str, bool]]:
    """(index, line, is_prose) for each line; lines of code blocks are not prose."""
    spans = code_spans(body)
    offset = 0
    span = 0
    for index, line in enumerate(body.split("\n")):
        while span < len(spans) and spans[span][1] <= offset:
            span += 1
        in_code = span < len(spans) and spans[span][0] <= offset < spans[span][1]
        yield index, line, not in_code
        offset += len(line) + 1


@functools.lru_cache(maxsize=16)
def code_spans(body: str) -> tuple[tuple[int, int], ...]:
    """(start, end) offsets of the code blocks of ``body``: fenced (at any
    indentation, as inside list items) and indented by four spaces outside
    lists. A fence left open runs to the end of the text, as Markdown renders it.
    """
    if not _may_hold_fence(body) and not _has_indented_line(body):
        return ()
    return tuple(_code_spans(body))


# Searching a long text for one character is faster than for a string, and a
# pattern that starts with a fixed character is scanned for it quickly, while
# "^" in multi-line mode tries every position.
_INDENTED_LINE = re.compile(r"\n(?: {4}| {0,3}\t)")
# A tab reaches the next multiple of four columns.
_CODE_INDENTS = ("    ", "\t", " \t", "  \t", "   \t")


def _may_hold_fence(body: str) -> bool:
    return ("`" in body and "```" in body) or ("~" in body and "~~~" in body)


def _has_indented_line(body: str) -> bool:
    return body.startswith(_CODE_INDENTS) or _INDENTED_LINE.search(body) is not None


def _code_spans(body: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    fence: str | None = None
    fence_start = 0
    indented_start: int | None = None
    previous_blank = True
    previous_heading = False  # "## Titre" then an indented line: code too
    in_container = False
    offset = 0
    for line in body.split("\n"):
        end = offset + len(line) + 1
        stripped = line.strip()
        if fence is not None:
            if stripped.startswith(fence) and set(stripped) <= {fence[0]}:
                spans.append((fence_start, min(end, len(body))))
                fence = None
            offset = end
            continue
        opening = _FENCE_LINE.match(line)
        indented = line.startswith(_CODE_INDENTS) and bool(stripped)
        if indented_start is not None and not indented and stripped:
            spans.append((indented_start, offset))
            indented_start = None
        if opening:
            fence, fence_start = opening.group(1), offset
        elif indented and indented_start is None and (previous_blank or previous_heading) and not in_container:
            indented_start = offset
        if stripped and not line[:1].isspace():
            in_container = bool(_CONTAINER_START.match(line))
        previous_blank = not stripped
        previous_heading = bool(_ANY_HEADING.match(line))
        offset = end
    if fence is not None:
        spans.append((fence_start, len(body)))
    if indented_start is not None:
        spans.append((indented_start, len(body)))
    return spans


# Text pasted from a word processor often starts its paragraphs with a tab or
# a few spaces, which Markdown shows as code. Such a block is told from real
# code by what only code has; what the site shows is said to the writer
# either way.
_LINK_TEXT = re.compile(r"!?\[([^\]\n]{0,300})\]\([^)\n]{0,300}\)")
_NOT_CODE = re.compile(
    r"https?://\S+|[\w.+-]{1,100}@[\w-]+(?:\.[\w-]+)+"  # web and e-mail addresses
    r"|==(?=\S)[^=\n]{1,300}(?<=\S)==|~~(?=\S)[^~\n]{1,300}(?<=\S)~~|`[^`\n]{1,300}`"  # highlight, strike-through, inline code
    r"|(?<=\S )</?[a-zA-Z][^<>\n]{0,300}>"  # an HTML tag within a sentence (the sanitiser sees it)
)
_CODE_SIGN = re.compile(
    r"[{}<>=|\\$@^~]|\S;[ \t]*$|::|/[/*]|\*/|^[\w.-]+:(?:[ \t]|$)"
    r"|\w\([\"'\d]|\w\([^()\n]{0,300}\)[ \t]*(?:[:;,.][ \t]*)?$"  # calls: print("x"), envoyer(client)
    r"|^(?![^\W_]|[«\"'“‘(*_\[•–—-])"  # a line that starts like no sentence
)
_PROSE_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"[.!?:…»)\"”][ \t]*$")


def reads_as_prose(block: str) -> bool:
    """Whether an indented block is text rather than code: each line at the
    same indentation, nothing only code has, a few words, a sentence."""
    lines = [line for line in block.split("\n") if line.strip()]
    if not lines:
        return False
    indent = _indent_width(lines[0])
    words = 0
    longest = 0
    for line in lines:
        if _indent_width(line) != indent:
            return False
        text = _LINK_TEXT.sub(r"\1", _NOT_CODE.sub("x", line.strip()))
        if _CODE_SIGN.search(text):
            return False
        count = len(_PROSE_WORD.findall(text))
        words += count
        longest = max(longest, count)
    return words >= 3 and (longest >= 4 or bool(_SENTENCE_END.search(lines[-1])))


def _indent_width(line: str) -> int:
    return len(line[: len(line) - len(line.lstrip(" \t"))].expandtabs(4))


def _indent_names(block: str) -> dict[str, str]:
    """How the message names the block's indentation (articles/messages.py)."""
    if block.startswith("\t"):
        return {"indent": "une tabulation", "the_indent": "la tabulation"}
    return {"indent": "des espaces", "the_indent": "les espaces"}


def indented_blocks(body: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the blocks Markdown shows as code because they are
    indented, one for each run of lines between blank lines."""
    for start, end in code_spans(body):
        first_line_end = body.find("\n", start, end)
        if _FENCE_LINE.match(body[start : end if first_line_end < 0 else first_line_end]):
            continue
        run_start = None
        offset = start
        for line in body[start:end].split("\n"):
            if line.strip() and run_start is None:
                run_start = offset
            elif not line.strip() and run_start is not None:
                yield run_start, offset - 1
                run_start = None
            offset += len(line) + 1
        if run_start is not None:
            yield run_start, end


def dedent_pasted_paragraphs(body: str) -> tuple[str, list[BodyIssue]]:
    """Indented blocks that read as text lose their indentation; the others
    stay code. Each is reported on its first line."""
    issues: list[BodyIssue] = []
    pieces: list[str] = []
    last = counted = 0
    line = 1
    for start, end in indented_blocks(body):
        block = body[start:end]
        line += body.count("\n", counted, start)  # from the last block on, not from the top each time
        counted = start
        if not reads_as_prose(block):
            issues.append(BodyIssue("indented_code", line, _indent_names(block)))
            continue
        issues.append(BodyIssue("paragraph_dedented", line, _indent_names(block)))
        pieces += [body[last:start], "\n".join(text.lstrip(" \t") for text in block.split("\n"))]
        last = end
    if not pieces:
        return body, issues
    pieces.append(body[last:])
    return "".join(pieces), issues


# Lists as word processors paste them: "•" (or another bullet) then a tab
# or spaces, and "1)" numbers, which Python-Markdown does not read as lists.
_PASTED_ITEM = re.compile(r"^( {0,3})(?:(?P<bullet>[•●▪◦‣⁃]|–(?=\t))[ \t]+|(?P<number>\d{1,2})\)(?P<gap>[ \t]+))", re.M)
# The list items that may follow a line of text without a blank line, as
# GitHub (CommonMark) reads them: a bullet with text, or a number list
# starting at 1; found with the line above them when it is text.
# (Patterns that start with "\n" are searched fast; "^" in multi-line mode
# tries every position of the text.)
_ITEM_LINE = re.compile(r"\n {0,3}(?:[-*+][ \t]+\S|1[.)][ \t]+\S)")
_LIST_ITEMS = re.compile(_LIST_ITEM.pattern, re.M)
# Something _PASTED_ITEM may find (most articles have none), looked for as
# plain text first: a pattern opening with a choice is tried at every position.
_PASTED_MARKS = ("•", "●", "▪", "◦", "‣", "⁃", "–\t")
_PASTED_NUMBER_HINT = re.compile(r"\n {0,3}\d{1,2}\)")
# A line opening with "#" and a word: a hashtag, not a heading ("# Titre").
_WORD_AFTER_HASH = re.compile(r"\n#[^\s#]")
# Bold or italics with a space inside a mark (« **le premier message ** »,
# « ** Important :** »), as word processors leave them: Markdown shows the
# asterisks. Never across lines; a mark touching a letter is left alone.
# Each pattern opens with its literal "*", which lets the engine skip to
# the asterisks (a look-behind first made it try every character).
_SPACE_BEFORE_CLOSING = re.compile(r"(?P<mark>\*(?<![*\\\w]\*)\*?)(?=[^\s*])(?P<inner>[^*\n]*?[^\s*\\])[ \t]+(?P=mark)(?!\*)")
_SPACE_AFTER_OPENING = re.compile(r"(?P<mark>\*(?<![*\\\w]\*)\*?)[ \t]+(?P<inner>[^\s*][^*\n]*?)(?<=[^\s*\\])(?P=mark)(?![*\w])")
# Blocks a blank line must not be put into.
_NOT_PROSE_BLOCK = ("<", "|", ">", "[^", "!!!", "???", ":")


def _in_code(spans: tuple[tuple[int, int], ...], position: int) -> bool:
    index = bisect.bisect_right(spans, (position, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


def pasted_lists(body: str) -> tuple[str, list[BodyIssue]]:
    """Bullets and "1)" numbers become Markdown list items, line for line;
    each run of them (blank lines between items allowed) is reported on its
    first line."""
    if not any(mark in body for mark in _PASTED_MARKS) and not _PASTED_NUMBER_HINT.search(body) and not _PASTED_ITEM.match(body):
        return body, []
    spans = code_spans(body)
    pieces: list[str] = []
    issues: list[BodyIssue] = []
    last = 0
    previous: tuple[str, int] | None = None  # kind and end of the last item changed
    for found in _PASTED_ITEM.finditer(body):
        if _in_code(spans, found.start()):
            continue
        kind = "bullet" if found.group("bullet") else "number"
        # A new list: the first, another kind, or a line of text since the last item.
        if previous is None or previous[0] != kind or body[previous[1] : found.start()].strip():
            marker = found.group("bullet") or f"{found.group('number')})"
            issues.append(BodyIssue("pasted_list", body.count("\n", 0, found.start()) + 1, {"marker": marker}))
        replacement = f"{found.group(1)}- " if kind == "bullet" else f"{found.group(1)}{found.group('number')}.{found.group('gap')}"
        pieces += [body[last : found.start()], replacement]
        last = found.end()
        line_end = body.find("\n", found.end())
        previous = (kind, len(body) if line_end < 0 else line_end)
    if not pieces:
        return body, []
    pieces.append(body[last:])
    return "".join(pieces), issues


# A web address written bare (https://…, www.…) or an e-mail address, not
# inside a link, an autolink, an attribute or a word.
_BARE_ADDRESS = re.compile(
    r"(?<![\w/.@:+\-<\[\\\"'=`])(?<!\]\()"
    r"(?:(?P<web>(?:https?://|www\.)[^\s<>\"'`\[\]{}|\\^]+)|(?P<mail>[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+))"
)
# Marks that end a sentence rather than the address they follow.
_ADDRESS_TAIL = ".,;:!?»\"'*_~"
_REFERENCE_DEFINITION = re.compile(r" {0,3}\[[^\]\n]+\]:")


# What opens a block of raw HTML in Python-Markdown: a block-level tag, a
# comment, a declaration; a paragraph opening with « <b> » is Markdown.
_RAW_HTML_START = re.compile(
    rf" {{0,3}}<(?:!|\?|/?(?:{'|'.join(BLOCK_LEVEL_ELEMENTS)})(?=[\s/>]|$))",
    re.IGNORECASE,
)


def link_bare_addresses(body: str) -> str:
    """Web and e-mail addresses pasted bare into the text become links
    (Markdown's « <https://…> » and « <nom@exemple.fr> »; « www.… » gets
    https). Not in code, link text or destinations, attributes, reference
    definitions, nor in a block of raw HTML (where « <…> » would be a tag).
    Only for the site."""
    if "://" not in body and "www." not in body and "@" not in body:
        return body
    lines = body.split("\n")
    spans = code_spans(body)
    offset = 0
    raw_html = False
    for index, line in enumerate(lines):
        start, offset = offset, offset + len(line) + 1
        if not line.strip():
            raw_html = False
            continue
        if index == 0 or not lines[index - 1].strip():
            raw_html = _RAW_HTML_START.match(line) is not None
        if raw_html or ("://" not in line and "www." not in line and "@" not in line):
            continue
        if _in_code(spans, start) or _REFERENCE_DEFINITION.match(line):
            continue
        masked = _masked(line)
        pieces, done = [], 0
        for found in _BARE_ADDRESS.finditer(masked):
            address = line[found.start() : found.end()]
            address = _without_tail(address)
            if found.group("web") and "." not in address.split("://")[-1].strip("."):
                continue  # « https:// » alone, « www. » alone
            end = found.start() + len(address)
            if found.group("web") and address.startswith("www."):
                shown = re.sub(r"([\\`*_{}\[\]()#+\-.!<>])", r"\\\1", address)
                link = f"[{shown}](https://{address})"
            else:
                link = f"<{address}>"
            pieces += [line[done : found.start()], link]
            done = end
        if pieces:
            lines[index] = "".join(pieces) + line[done:]
    return "\n".join(lines)


def _without_tail(address: str) -> str:
    """ADDRESS without the punctuation that ends the sentence around it; a
    closing parenthesis stays when the address opened one (Wikipedia's)."""
    while address:
        if address[-1] in _ADDRESS_TAIL:
            address = address[:-1]
        elif address[-1] == ")" and address.count("(") < address.count(")"):
            address = address[:-1]
        else:
            break
    return address


# A line that is a block of its own, not a line of a paragraph: a heading,
# a table row, HTML, a quote, a fence, a note, a footnote, a rule.
_BLOCK_LINE = re.compile(r" {0,3}(?:#|\||<|>|```|~~~|!!!|\?\?\?|\[\^|[-*+_=]{3,}[ \t]*$)")
# A line opening with a character past the Latin, Greek and Cyrillic
# letters and punctuation: maybe a pictograph (told by _opens_with_pictograph).
_LINE_OPENING_HIGH = re.compile(r"^[ \t]*[\u2100-\U0010ffff]", re.M)


def _opens_with_pictograph(line: str) -> bool:
    stripped = line.lstrip()
    return bool(stripped) and unicodedata.category(stripped[0]) == "So"


def keep_pasted_line_breaks(body: str) -> str:
    """In a paragraph where a line opens with a pictograph (« 🎉 », « 👉 »,
    « ✅ »), as in a post copied from LinkedIn, every line break is kept:
    Markdown would run its lines together. Only for the site (two spaces
    end each line but the last: Markdown's line break)."""
    if not any(_opens_with_pictograph(found.group(0)) for found in _LINE_OPENING_HIGH.finditer(body)):
        return body
    lines = body.split("\n")
    spans = code_spans(body)
    starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
    paragraph: list[int] = []

    def close() -> None:
        if len(paragraph) > 1 and any(_opens_with_pictograph(lines[index]) for index in paragraph):
            for index in paragraph[:-1]:
                if not lines[index].endswith("  "):
                    lines[index] = lines[index].rstrip() + "  "
        paragraph.clear()

    for index, line in enumerate(lines):
        if not line.strip() or _BLOCK_LINE.match(line) or _in_code(spans, starts[index]) or line.startswith(("    ", "\t")):
            close()
            continue
        if _LIST_ITEM.match(line):
            close()  # an item starts a paragraph of its own
        paragraph.append(index)
    close()
    return "\n".join(lines)


def separate_lists(body: str) -> str:
    """A blank line before a list that follows a line of text: Python-Markdown
    reads it as the end of the paragraph otherwise, where GitHub (and the
    article as the writer sees it in a pull request) shows a list. Only for
    the site: the lines the writer is told about stay those of the file."""
    spans = code_spans(body)
    pieces: list[str] = []
    last = 0
    for found in _ITEM_LINE.finditer(body):
        item = found.start() + 1
        above = body.rfind("\n", 0, found.start()) + 1
        text_line = body[above : found.start()]
        if not text_line.strip() or _LIST_ITEM.match(text_line) or _in_code(spans, above) or _in_code(spans, item):
            continue
        # The block the text line belongs to: a list (the line continues an
        # item), or raw HTML, a table, a quote, a note, a box: left alone.
        block = max(_block_start(body, above), _block_start_after_code(spans, above))
        line_end = body.find("\n", block)
        first_line = body[block : line_end if line_end >= 0 else len(body)].strip()
        # An item above in the block: the text line continues it (a list already).
        if _LIST_ITEMS.search(body, block, item) or first_line.startswith(_NOT_PROSE_BLOCK):
            continue
        pieces += [body[last:item], "\n"]
        last = item
    if not pieces:
        return body
    pieces.append(body[last:])
    return "".join(pieces)


def _block_start(body: str, position: int) -> int:
    """The start of the first line, at ``position`` or above it, after a blank line."""
    start = position
    while start > 0:
        above = body.rfind("\n", 0, start - 1) + 1
        if not body[above : start - 1].strip():
            break
        start = above
    return start


def _block_start_after_code(spans: tuple[tuple[int, int], ...], position: int) -> int:
    """The end of the last code block before ``position`` (a block starts after it)."""
    index = bisect.bisect_right(spans, (position, float("inf"))) - 1
    return spans[index][1] if index >= 0 and spans[index][1] <= position else 0


# A tab, then on the next line another (opening with a tab: searched fast).
_TAB_ROWS = re.compile(r"\t[^\n]*\n[^ \t\n][^\n]*\t")


def _table_runs(body: str) -> list[tuple[int, int, int]]:
    """Rows copied from a spreadsheet: (first line index, line count, tabs
    per row) for each run of two lines or more in a row, each with the same
    number of tabs between its cells. Word's tabs inside a sentence, in an
    indented paragraph or after a list number are not rows."""
    if "\t" not in body or not _TAB_ROWS.search(body):
        return []
    runs: list[tuple[int, int, int]] = []
    run: list[int] = []  # line indexes of the current run
    tabs = 0

    def close() -> None:
        if len(run) >= 2:
            runs.append((run[0], len(run), tabs))

    for index, line, is_prose in prose_lines(body):
        cells = line.strip(" ").split("\t")
        count = len(cells) - 1
        # A list item (Word's « 1.<tab>Texte ») is shown as a list, not as a paragraph.
        # Nor a quote's or a Markdown table's line, which Markdown shows as such.
        row = is_prose and count > 0 and line[:1] not in " \t>|" and bool(cells[0].strip()) and not _LIST_ITEM.match(line)
        # A run opens on a row with a last cell (not Word's trailing tab);
        # the rows after it may leave their last cells empty.
        if row and run and count == tabs:
            run.append(index)
            continue
        row = row and bool(cells[-1].strip())
        close()
        run, tabs = ([index], count) if row else ([], 0)
    close()
    return runs


def pasted_tables(body: str) -> list[BodyIssue]:
    """The runs of ``_table_runs``, each reported on its first line."""
    return [
        BodyIssue("pasted_table", first + 1, {"rows": str(count), "columns": str(tabs + 1)}) for first, count, tabs in _table_runs(body)
    ]


def tables_from_tabs(body: str) -> str:
    """Each run of spreadsheet rows (``_table_runs``) as a Markdown table, its
    first row as the header, set apart from the text around it by blank
    lines (Markdown shows the rows as one paragraph)."""
    runs = _table_runs(body)
    if not runs:
        return body
    lines = body.split("\n")
    for first, count, tabs in reversed(runs):  # from the end: the indexes before stay right
        rows = [
            ["" if not cell.strip() else cell.strip().replace("|", "\\|") for cell in line.strip(" ").split("\t")]
            for line in lines[first : first + count]
        ]
        table = [f"| {' | '.join(rows[0])} |", f"|{' --- |' * (tabs + 1)}", *(f"| {' | '.join(row)} |" for row in rows[1:])]
        after = [""] if first + count < len(lines) and lines[first + count].strip() else []
        before = [""] if first > 0 and lines[first - 1].strip() else []
        lines[first : first + count] = [*before, *table, *after]
    return "\n".join(lines)


# One step of the body's preparation: (lines of prose, line of the first of
# them in the body) -> the lines changed.
Step = Callable[[str, int], str]


def _map_prose(body: str, steps: Sequence[Step]) -> list[str]:
    """Apply ``steps`` in turn to the prose of ``body``, never to code blocks;
    return the body as it is after each step.

    Every construct a step changes holds a "[" (links, images, reference
    definitions: at most two lines), a "<" (HTML tags, which may run over
    several lines) or a "#" opening a line (hashtags): the steps are handed only the lines around those
    characters, which a long article has few of. The code blocks are found
    once for all the steps.
    """
    outputs: list[list[str]] = [[] for _ in steps]
    last, line = 0, 1

    def copy(text: str) -> None:
        for output in outputs:
            output.append(text)

    def prose(text: str) -> None:
        done, first_line = 0, line
        for start, end in _lines_to_look_at(text):
            copy(text[done:start])
            first_line += text.count("\n", done, start)
            lines = text[start:end]
            for output, step in zip(outputs, steps, strict=True):
                lines = step(lines, first_line)
                output.append(lines)
            first_line += text.count("\n", start, end)
            done = end
        copy(text[done:])

    for start, end in code_spans(body):
        prose(body[last:start])
        copy(body[start:end])
        line += body.count("\n", last, end)
        last = end
    prose(body[last:])
    return ["".join(output) for output in outputs]


def _lines_to_look_at(text: str) -> list[tuple[int, int]]:
    """(start, end) of the runs of whole lines that hold a "[" or a "<", or
    open with a "#" and a word (hashtags), each with the line after it; in
    order, not overlapping."""
    ranges: list[tuple[int, int]] = []
    for char in "[<":
        position = text.find(char)
        while position >= 0:
            start = text.rfind("\n", 0, position) + 1
            # An HTML tag may run over several lines: its window is looked at.
            end = min(len(text) - 1, position + _TAG_WINDOW) if char == "<" else position
            end = text.find("\n", end) + 1 or len(text)
            end = text.find("\n", end) + 1 or len(text)  # the line after it
            ranges.append((start, end))
            position = text.find(char, end)
    if "*" in text:
        for pattern in (_SPACE_BEFORE_CLOSING, _SPACE_AFTER_OPENING):
            for found in pattern.finditer(text):
                start = text.rfind("\n", 0, found.start()) + 1
                end = text.find("\n", found.end()) + 1 or len(text)
                ranges.append((start, text.find("\n", end) + 1 or len(text)))
    if "#" in text:
        starts = [found.start() + 1 for found in _WORD_AFTER_HASH.finditer(text)]
        if text[:1] == "#" and text[1:2].strip() and text[1:2] != "#":
            starts.insert(0, 0)
        for start in starts:
            end = text.find("\n", start) + 1 or len(text)
            ranges.append((start, text.find("\n", end) + 1 or len(text)))
    if len(ranges) < 2:
        return ranges
    ranges.sort()
    merged = [ranges[0]]
    for start, end in ranges[1:]:
        if start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# Inline code is text, never markup: patterns look at the prose with each
# code span masked by the same number of neutral characters, which keeps
# offsets, and what they replace is read from the real text. Python-Markdown
# reads code spans first too, so "[`x`](javascript:...)" is a link and
# "`[x](javascript:...)`" is not.
_MASK = "\x1a"


@functools.lru_cache(maxsize=8)
def _masked(text: str) -> str:
    if "`" not in text:
        return text
    pieces, done = [], 0
    for start, end in _inline_code_spans(text):
        pieces += [text[done:start], _MASK * (end - start)]
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def _inline_code_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the code spans of ``text``, each within one line.

    Paired as Python-Markdown pairs them: a run of backticks (not counting
    one after a backslash) is closed by the next run of as many; failing
    that, by the first of the longest later runs when it is shorter (the
    extra backticks of the opening run are then code). Each run is looked
    at a few times only, so the work grows with the text whatever the
    backticks: a pattern that tries every run length at every position
    takes minutes on a line of backticks.
    """
    spans: list[tuple[int, int]] = []
    line_start = 0
    for line in text.split("\n"):
        if "`" in line:
            spans.extend((line_start + start, line_start + end) for start, end in _line_code_spans(line))
        line_start += len(line) + 1
    return spans


def _line_code_spans(line: str, unpaired: list[int] | None = None) -> list[tuple[int, int]]:
    """The code spans of ``line`` (see _inline_code_spans); the end of each
    run that opens none is added to ``unpaired``: Python-Markdown reads
    from there to the end of the text looking for its closing run."""
    runs = [found.span() for found in _BACKTICK_RUN.finditer(line)]
    ends = [end for _, end in runs]
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    # longest_after[i]: the first of the longest runs after run i.
    longest_after: list[int | None] = [None] * len(runs)
    best: int | None = None
    for index in range(len(runs) - 1, -1, -1):
        longest_after[index] = best
        if best is None or runs[index][1] - runs[index][0] >= runs[best][1] - runs[best][0]:
            best = index
    spans: list[tuple[int, int]] = []
    position = 0
    # The run that ends after ``position``; the opening is the rest of it.
    index = bisect.bisect_right(ends, position)
    while index < len(runs):
        start, end = max(runs[index][0], position), runs[index][1]
        if start == runs[index][0] and _escaped(line, start, position):
            start += 1
        ticks = end - start
        closing = None
        same = by_length.get(ticks)
        if ticks and same and same[-1] > index:
            closing = same[bisect.bisect_right(same, index)]
        elif ticks and longest_after[index] is not None:
            longest = longest_after[index]
            if runs[longest][1] - runs[longest][0] < ticks:
                closing = longest
        if closing is not None:
            spans.append((start, runs[closing][1]))
            position = runs[closing][1]
        else:
            if ticks and unpaired is not None:
                unpaired.append(end)
            # Python-Markdown goes on that many characters after the run.
            position = end + ticks if ticks else end
        index = bisect.bisect_right(ends, position)
    return spans


def _escaped(line: str, start: int, position: int) -> bool:
    """Whether the backtick at ``start`` is escaped, reading from ``position``:
    Python-Markdown takes pairs of backslashes before a backtick as escaped
    backslashes, unless it started reading in the middle of them."""
    first = start
    while first > 0 and line[first - 1] == "\\":
        first -= 1
    return first < start and (first < position or (start - first) % 2 == 1)


class _Found:
    """A match in the masked text, read from the real text."""

    __slots__ = ("_match", "_text")

    def __init__(self, match: re.Match[str], text: str) -> None:
        self._match, self._text = match, text

    def group(self, name: int | str = 0) -> str | None:
        start, end = self._match.span(name)
        return None if start < 0 else self._text[start:end]

    def start(self, name: int | str = 0) -> int:
        return self._match.start(name)

    def end(self, name: int | str = 0) -> int:
        return self._match.end(name)

    def groupdict(self) -> dict[str, str | None]:
        return {name: self.group(name) for name in self._match.re.groupindex}


Match = re.Match[str] | _Found


def _substitute(pattern: re.Pattern[str], text: str, replace: Callable[[Match], str]) -> str:
    """``pattern.sub(replace, text)``, blind to the content of inline code."""
    if "`" not in text:
        return pattern.sub(replace, text)
    masked = _masked(text)
    pieces, last = [], 0
    for found in pattern.finditer(masked):
        pieces.append(text[last : found.start()])
        pieces.append(replace(_Found(found, text)))
        last = found.end()
    pieces.append(text[last:])
    return "".join(pieces)


def _image_markup(found: Match) -> str:
    """The image FOUND (by ``_LOOSE_IMAGE`` or ``_UNCLOSED_IMAGE``) as Markdown reads one."""
    title = f" {found.group('title')}" if found.group("title") else ""
    return f"![{found.group('alt')}]({found.group('src')}{title})"


# WordPress' and Hugo's « <!--more--> » (WordPress may add the link's text:
# « <!--more Lire la suite--> »), and « <!-- More --> » spaced or capitalised.
_MORE_MARK = re.compile(r"<!--[ \t]*more[ \t]*-->|<!--more[ \t][^\n>]*-->", re.I)


def _repair_step(issues: list[BodyIssue], excerpt_separator: str = EXCERPT_SEPARATOR) -> Step:
    """Image and link markup with stray spaces, and an image's markup left
    unclosed at the end of its line, become real images and links; bold and
    italics with a space inside a mark become bold and italics; another
    engine's « more » mark becomes the blog's excerpt separator (Material's
    « <!-- more --> » only)."""

    def fix_image(found: Match, text: str, line: int) -> str:
        whole = found.group(0)
        if not found.group("gap1") and not found.group("gap2") and whole.startswith("!["):
            if "( " not in whole and " )" not in whole:
                return whole
        # "Inscrivez-vous ! [le formulaire](https://...)" is an exclamation
        # mark before a link: only an image file, or a "!" opening the line,
        # makes it a broken image.
        line_start = text.rfind("\n", 0, found.start()) + 1
        if not _IMAGE_FILE.search(found.group("src").strip("<>")) and text[line_start : found.start()].strip():
            return whole
        issues.append(BodyIssue("image_markup_repaired", line + text.count("\n", 0, found.start()), {"markup": whole}))
        return _image_markup(found)

    def fix_unclosed_image(found: Match, text: str, line: int) -> str:
        if not _IMAGE_FILE.search(found.group("src").strip("<>")):
            return found.group(0)  # only an image file says it was meant as an image
        issues.append(BodyIssue("image_markup_unclosed", line + text.count("\n", 0, found.start()), {"markup": found.group(0).strip()}))
        return _image_markup(found)

    def fix_link(found: Match, text: str, line: int) -> str:
        # Counted in the text being changed: image repairs before it moved
        # characters, never line breaks.
        issues.append(BodyIssue("link_markup_repaired", line + text.count("\n", 0, found.start()), {"markup": found.group(0)}))
        title = f" {found.group('title')}" if found.group("title") else ""
        return f"[{found.group('text')}]({found.group('src')}{title})"

    def fix_emphasis(found: Match, text: str, line: int) -> str:
        issues.append(BodyIssue("emphasis_repaired", line + text.count("\n", 0, found.start()), {"markup": found.group(0)}))
        mark = found.group("mark")
        repaired = f"{mark}{found.group('inner')}{mark}"
        # « **Important : **lisez » : the space goes after the mark.
        return repaired + " " if text[found.end() : found.end() + 1].isalnum() else repaired

    def fix_more(found: Match, text: str, line: int) -> str:
        if found.group(0) == excerpt_separator:
            return excerpt_separator
        issues.append(BodyIssue("excerpt_mark_repaired", line + text.count("\n", 0, found.start()), {"markup": found.group(0)}))
        return excerpt_separator

    def step(text: str, line: int) -> str:
        if "<!--" in text and excerpt_separator == EXCERPT_SEPARATOR:
            current = text
            text = _substitute(_MORE_MARK, text, lambda found: fix_more(found, current, line))
        if "*" in text:
            for pattern in (_SPACE_BEFORE_CLOSING, _SPACE_AFTER_OPENING):
                current = text
                text = _substitute(pattern, text, lambda found: fix_emphasis(found, current, line))  # noqa: B023 - used at once
        if "[" not in text:
            return text
        if "!" in text:
            current = text
            text = _substitute(_LOOSE_IMAGE, text, lambda found: fix_image(found, current, line))
            current = text
            text = _substitute(_UNCLOSED_IMAGE, text, lambda found: fix_unclosed_image(found, current, line))
        current = text
        return _substitute(_LOOSE_LINK, text, lambda found: fix_link(found, current, line))

    return step


# "#Salon #B2B #prospection" at the start of a line: two hashtags or more and
# nothing else. Python-Markdown makes any line opening with "#" a heading.
_HASHTAG_LINE = re.compile(r"^#(?!#)[^\s#,;]+(?:[ \t]*[,;]?[ \t]+#[^\s#,;]+|[ \t]*[,;]#[^\s#,;]+)+[ \t,;.]*$", re.M)
_HASHTAG = re.compile(r"#([^\s#,;]+)")


def _hashtag_step(issues: list[BodyIssue]) -> Step:
    """A line of hashtags, as social networks have them, stays text: Markdown
    would make it a heading, the largest text of the page."""

    def escape(found: Match, text: str, line: int) -> str:
        markup = found.group(0).rstrip()
        topics = ", ".join(tag.rstrip(".") for tag in _HASHTAG.findall(markup))
        issues.append(BodyIssue("hashtag_line", line + text.count("\n", 0, found.start()), {"markup": markup, "topics": topics}))
        return "\\" + found.group(0)

    def step(text: str, line: int) -> str:
        if "#" not in text:
            return text
        current = text
        return _substitute(_HASHTAG_LINE, text, lambda found: escape(found, current, line))

    return step


def repair_markup(body: str) -> tuple[str, list[BodyIssue]]:
    """Turn image and link markup with stray spaces into real images and links."""
    issues: list[BodyIssue] = []
    (repaired,) = _map_prose(body, [_repair_step(issues)])
    return repaired, issues


@dataclass(frozen=True)
class PreparedBody:
    body: str  # repaired: what the writers' ``fix`` writes back
    build_body: str  # what the site shows: missing images replaced, excerpt cut
    issues: list[BodyIssue]


def prepare_body(
    body: str,
    article_path: str,
    asset_exists: Callable[[str], bool] | None,
    links: LinkIndex | None = None,
    excerpt_separator: str = EXCERPT_SEPARATOR,
) -> PreparedBody:
    """Every change to an article's Markdown, in one pass over its prose;
    ``excerpt_separator`` is the blog's (``post_excerpt_separator``)."""
    from articles.github_flavour import containers_as_notes, github_flavoured  # both build on this module
    from articles.links import find_leftovers
    from articles.pandoc_flavour import dashes_and_arrows, image_sizes_in_pixels, pandoc_spans, pandoc_tables

    repaired: list[BodyIssue] = []
    missing: list[BodyIssue] = []
    linked: list[BodyIssue] = []
    hashtags: list[BodyIssue] = []
    # The first step's output is what ``fix`` writes back: a hashtag line is
    # only escaped in what the site shows.
    steps = [_repair_step(repaired, excerpt_separator), _hashtag_step(hashtags)]
    if links is not None:  # links between articles, rewritten in the build copy
        steps.append(links.step(article_path, linked))
    if asset_exists is not None:  # last: its placeholders add lines
        steps.append(_placeholder_step(body, article_path, asset_exists, missing))
    body, indented = dedent_pasted_paragraphs(body)
    body, listed = pasted_lists(body)
    outputs = _map_prose(body, steps)
    issues = (
        indented
        + listed
        + pasted_tables(body)
        + repaired
        + hashtags
        + missing
        + linked
        + find_leftovers(body)
        + unreferenced_footnotes(body)
        + [BodyIssue("note_container", line, {"markup": written, "note": note}) for line, written, note in containers_as_notes(body)[1]]
        + [BodyIssue("pandoc_table", line, {"rows": str(rows), "columns": str(columns)}) for line, rows, columns in pandoc_tables(body)[1]]
        + [BodyIssue("pandoc_span", line, {"markup": markup, "count": str(count)}) for line, markup, count in pandoc_spans(body)[1]]
    )

    def rewritten(text: str) -> str:  # what ``fix`` writes too
        return tables_from_tabs(image_sizes_in_pixels(pandoc_spans(pandoc_tables(containers_as_notes(text)[0])[0])[0]))

    # Last, as it adds lines: the issues above count the writer's lines.
    site_body = link_bare_addresses(keep_pasted_line_breaks(separate_lists(dashes_and_arrows(github_flavoured(rewritten(outputs[-1]))))))
    build_body = ensure_excerpt_separator(site_body, excerpt_separator)
    return PreparedBody(rewritten(outputs[0]), build_body, issues)


# A footnote's text (« [^1]: … »), its label captured; limits.py counts them.
FOOTNOTE_DEFINITION = re.compile(r"[ ]{0,3}\[\^([^\]\n]+)\]:")
_FOOTNOTE_REFERENCE = re.compile(r"\[\^([^\]\n]+)\]")


def unreferenced_footnotes(body: str) -> list[BodyIssue]:
    """Footnotes written (« [^1]: … ») that the text never calls (« [^1] »):
    shown at the foot of the page with no call to them, their « ↩ » leading
    nowhere (a paste that lost its calls, from Word or Substack)."""
    if "[^" not in body:
        return []
    defined: dict[str, int] = {}
    called: set[str] = set()
    for index, line, is_prose in prose_lines(body):
        if not is_prose or "[^" not in line:
            continue
        masked = _masked(line)
        definition = FOOTNOTE_DEFINITION.match(masked)
        if definition:
            defined.setdefault(definition.group(1), index + 1)
        called.update(found.group(1) for found in _FOOTNOTE_REFERENCE.finditer(masked, definition.end() if definition else 0))
    return [BodyIssue("footnote_unreferenced", line, {"label": label}) for label, line in defined.items() if label not in called]


def local_image_target(src: str, article_path: str) -> str | None:
    """Docs-relative path of a local image, or None for a remote one.

    Raises ValueError for a source that points outside the docs folder or
    uses a scheme a page must never load (``file:``, ``javascript:``...).
    """
    # Backticks vanish from a rendered destination: "`../x.png`" is "../x.png".
    src = src.strip("<>").replace("`", "")
    if src.startswith(("http://", "https://")):
        return None
    if _SCHEME.match(src) or src.startswith("//"):
        raise ValueError(src)
    path = unquote(src.split("#")[0].split("?")[0])
    if path.startswith("/"):
        target = posixpath.normpath(path.lstrip("/"))
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(article_path), path))
    if target == ".." or target.startswith("../") or target.startswith("/"):
        raise ValueError(src)
    return target


# An image pasted into the text itself (Google Docs' export, an e-mail):
# its bytes written in the address.
_EMBEDDED_IMAGE = re.compile(r"<?\s*data:image/", re.I)


def _placeholder_step(body: str, article_path: str, asset_exists: Callable[[str], bool], issues: list[BodyIssue]) -> Step:
    """A neutral placeholder, with the alt text, where an image file is missing or unsafe."""
    placeholder = _placeholder_path(posixpath.dirname(article_path))
    definitions: dict[str, str] = {}
    definitions_read = False

    def placeholder_for(found: Match, text: str, line: int) -> str:
        if "label" in found.groupdict():
            nonlocal definitions_read
            if not definitions_read:  # read when the first reference image is met
                definitions_read = True
                definitions.update((fold_label(m.group("label")), m.group("src")) for m in _DEFINITION.finditer(body))
            src = definitions.get(fold_label(found.group("label") or found.group("alt")))
            if src is None:
                return found.group(0)
        else:
            src = found.group("src")
        line += text.count("\n", 0, found.start())
        line_start = text.rfind("\n", 0, found.start()) + 1
        line_end = text.find("\n", found.end())
        whole_line = not text[line_start : found.start()].strip() and not text[found.end() : None if line_end < 0 else line_end].strip()
        try:
            target = local_image_target(src, article_path)
        except ValueError:
            if _EMBEDDED_IMAGE.match(src):
                name = found.groupdict().get("label") or found.group("alt").strip() or "sans nom"
                issues.append(BodyIssue("image_embedded", line, {"name": name}))
            else:
                issues.append(BodyIssue("image_unsafe", line, {"src": src}))
        else:
            if target is None or asset_exists(target):
                return found.group(0)
            issues.append(BodyIssue("image_missing", line, {"src": src}))
        alt = found.group("alt")
        safe_alt = html.escape(alt, quote=True)
        # Sized, so that the page does not shift when the placeholder loads.
        image = f'![{alt}]({placeholder}){{ .image-manquante__image width="320" height="180" }}'
        if not whole_line:
            return image
        caption = f"<figcaption>Image non disponible{' : ' + safe_alt if alt.strip() else ''}</figcaption>"
        return f'<figure class="image-manquante" markdown="span" data-search-exclude>\n{image}\n{caption}\n</figure>'

    def step(text: str, line: int) -> str:
        if "![" not in text:
            return text
        current = text
        text = _substitute(_IMAGE, text, lambda found: placeholder_for(found, current, line))
        current = text
        text = _substitute(_REFERENCE_IMAGE, text, lambda found: placeholder_for(found, current, line))
        return text

    return step


@functools.lru_cache(maxsize=256)
def _placeholder_path(folder: str) -> str:
    return posixpath.relpath(PLACEHOLDER_IMAGE, folder or ".")


def replace_missing_images(body: str, article_path: str, asset_exists: Callable[[str], bool]) -> tuple[str, list[BodyIssue]]:
    """Show a neutral placeholder, with the alt text, where an image file is missing or unsafe."""
    issues: list[BodyIssue] = []
    (built,) = _map_prose(body, [_placeholder_step(body, article_path, asset_exists, issues)])
    return built, issues


def fold_label(label: str) -> str:
    """Reference labels match case-insensitively, spaces collapsed."""
    return " ".join(label.split()).casefold()


# An HTML tag may run over several lines: the lines a step is handed around a
# "<" reach this far. What may run in a reader's browser is not looked for in
# the Markdown: the build cleans the rendered HTML (articles/sanitize.py).
_TAG_WINDOW = 5000


def first_heading(body: str) -> str | None:
    found = first_heading_line(body)
    return found[1] if found is not None else None


def first_heading_line(body: str) -> tuple[int, str] | None:
    """The first level-1 heading of ``body``: its line index and its text."""
    for index, line, is_prose in prose_lines(body):
        if is_prose:
            text = _heading_text(line)
            if text is not None:
                return index, text
    return None


def _heading_text(line: str) -> str | None:
    """The text of a level-1 heading line: what follows "# ", without the
    spaces and closing "#"s at its end (at least one character is kept)."""
    found = _HEADING_START.match(line)
    if found is None:
        return None
    rest = line[found.end() :]
    if not rest:
        # Only spaces after "#": the last of them is the text (two are needed).
        return line[-1] if found.end() - line.index("#") > 2 else None
    return rest[: max(1, len(rest.rstrip().rstrip("#").rstrip()))]


# A heading: « ## Texte » (ATX; its text read by hand, as _heading_text's),
# or a line of text with « === » or « --- » under it (setext).
_ATX = re.compile(r" {0,3}(?P<marks>#{1,6})(?=[ \t]|$)")
_SETEXT_RULE = re.compile(r" {0,3}(?:=+|-+)[ \t]*")
_NOT_SETEXT_TEXT = re.compile(r" {0,3}(?:[#>|*+-]|\d{1,9}[.)]|$)|    ")


def headings(body: str) -> Iterator[tuple[int, int, str]]:
    """(index, level, text) of each heading of ``body``'s prose."""
    lines = body.split("\n")
    prose = [is_prose for _index, _line, is_prose in prose_lines(body)]
    for index, line in enumerate(lines):
        if not prose[index] or not line.strip():
            continue
        if (found := _ATX.match(line)) is not None:
            text = line[found.end() :].strip(" \t")
            closed = text.rstrip("#")
            if closed != text and (not closed or closed[-1] in " \t"):  # « ## Titre ## »
                text = closed.rstrip(" \t")
            yield index, len(found.group("marks")), text
        elif (
            index + 1 < len(lines)
            and prose[index + 1]
            and _SETEXT_RULE.fullmatch(lines[index + 1])
            and (index == 0 or not lines[index - 1].strip())
            and not _NOT_SETEXT_TEXT.match(line)
        ):
            yield index, 1 if "=" in lines[index + 1] else 2, line.strip()


def headings_below_title(body: str, is_title: Callable[[str], bool]) -> tuple[str, int | None]:
    """BODY with every heading one level down when a level-1 heading other
    than the article's title is there (Word's « Titre 1 » on each section):
    Material shows the title only on a page with no level-1 heading. The
    first heading stays when ``is_title`` says it is the title. Also the
    index of the first level-1 heading moved (None: nothing moved)."""
    found = list(headings(body)) if "#" in body or "==" in body or "--" in body else []
    title_at = found[0][0] if found and found[0][1] == 1 and is_title(found[0][2]) else None
    moved = next((index for index, level, _text in found if level == 1 and index != title_at), None)
    if moved is None:
        return body, None
    lines = body.split("\n")
    for index, level, text in found:
        if index == title_at or level == 6:
            continue
        line = lines[index]
        if line.lstrip().startswith("#"):
            lines[index] = line.replace("#", "##", 1)
        elif level == 1:  # « === » under it: « --- », one level down
            lines[index + 1] = lines[index + 1].replace("=", "-")
        else:  # no line of dashes makes a third level: written as « ### »
            lines[index], lines[index + 1] = f"### {text}", ""
    return "\n".join(lines), moved


def ensure_excerpt_separator(body: str, separator: str = EXCERPT_SEPARATOR) -> str:
    """Add the blog's excerpt separator after the first paragraph of prose.

    Without it, listing pages would show every article in full.
    """
    if separator in body:
        return body
    # The first paragraph is near the top: the beginning of the text is
    # looked at first (its code blocks are found as in the whole text), the
    # whole text only when the paragraph does not end, or nothing follows it, there.
    cut = None
    if len(body) > _EXCERPT_WINDOW:
        window_end = body.rfind("\n", 0, _EXCERPT_WINDOW)
        if window_end > 0:
            cut = _first_paragraph_end(body[:window_end])
    if cut is None:
        cut = _first_paragraph_end(body)
    if cut is None:
        return body
    return f"{body[:cut]}\n{separator}\n{body[cut:]}"


_EXCERPT_WINDOW = 4000


def _first_paragraph_end(text: str) -> int | None:
    """Offset of the line that ends the first paragraph, when more text
    follows it; None when there is no such paragraph."""
    in_paragraph = False
    offset = 0
    for _, line, is_prose in prose_lines(text):
        stripped = line.strip()
        if in_paragraph and (not stripped or not is_prose):
            return offset if text[offset:].strip() else None
        starts_block = (
            not is_prose
            or (stripped.startswith(("#", "<", "!", "|", "-", "*", "+", ">", "{")) and not stripped.startswith("**"))
            or bool(_LIST_ITEM.match(line))
        )
        if stripped and not starts_block:
            in_paragraph = True
        offset += len(line) + 1
    return None
