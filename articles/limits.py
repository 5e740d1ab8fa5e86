"""Limits on the work one article may ask of the build.

Python-Markdown does more than linear work on some shapes of text: each
"[" left open makes its link reader scan the rest of the paragraph, each
run of backticks left open makes its code reader do the same, and each
level of nesting (lists, quotes, admonitions) is a recursive call, which
ends in ``RecursionError`` a few hundred levels down. No article a person
writes comes near these limits; one that does would stall or crash the
build, so it is refused before anything reads it, with a message naming
the line. The limits are counted on the prose: code blocks are not read
as Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from articles import frontmatter, markdown

MAX_ARTICLE_BYTES = 1_000_000
# Levels of lists, quotes and indented blocks (admonitions, details).
MAX_NESTING = 20
# Characters Python-Markdown reads again, in one paragraph, for the "[" and
# the runs of backticks that nothing closes (a few seconds of its time).
MAX_RESCANNED = 1_000_000
# Headings that all get an anchor: the table of contents numbers repeated
# titles one by one, a cost that grows with the square of their number.
MAX_HEADINGS = 1000
# Python-Markdown rewrites a paragraph's whole text at each link, emphasis or
# abbreviation it finds in it: its work grows with the square of the size.
MAX_BLOCK_CHARACTERS = 50_000
# Each footnote and each abbreviation is looked for in the whole article.
MAX_FOOTNOTES = 500
MAX_ABBREVIATIONS = 200

# What opens a level at the start of a line: a quote marker, a list marker
# followed by a space, or indentation (four columns a level).
_PREFIX = re.compile(r"(?:[ \t]|>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]))*")
_LIST_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?=[ \t])")
# "* * * * *" is a horizontal rule, not nested lists.
_RULE = re.compile(r"[ \t]*+(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})")
_INDENT = re.compile(r"[ \t]+")
_BRACKET = re.compile(r"[\[\]]")
_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
# "Titre" underlined with "===" or "---": a heading too.
_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*")
_ABBREVIATION = re.compile(r" {0,3}\*\[[^\]\n]+\]:")


# The codes of the problems check() returns: an article refused with one
# of them must not be rendered, by the build or by the writers' tool.
CODES = frozenset(
    {
        "article_too_large",
        "nesting_too_deep",
        "too_many_headings",
        "block_too_long",
        "too_many_footnotes",
        "too_many_abbreviations",
        "brackets_unclosed",
        "backticks_unclosed",
    }
)


@dataclass(frozen=True)
class Exceeded:
    code: str  # a code of articles/messages.py
    line: int  # 1-based, in the file
    values: dict[str, object] = field(default_factory=dict)


def check(text: str) -> Exceeded | None:
    """The first limit ``text`` (a whole article, newlines normalised) goes
    beyond, or None. The work is proportional to the length of the text."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_ARTICLE_BYTES:
        return Exceeded("article_too_large", 1, {"size": _kilobytes(size), "limit": _kilobytes(MAX_ARTICLE_BYTES)})
    try:
        _, _, _, body, body_line = frontmatter.split(text)
    except frontmatter.FrontMatterError:
        body, body_line = text, 1  # reported by the front matter's reader
    return _check_body(body, body_line)


def _check_body(body: str, first_line: int) -> Exceeded | None:
    block: list[str] = []
    block_start = block_size = 0
    headings = footnotes = abbreviations = 0
    for index, line, is_prose in markdown.prose_lines(body):
        # Python-Markdown reads the text of a paragraph, or of a list item, at once.
        if not is_prose or not line.strip() or (block and markdown._LIST_ITEM.match(line.lstrip(" \t>"))):
            found = _check_block(block, first_line + block_start)
            if found:
                return found
            block, block_size = [], 0
            if not is_prose or not line.strip():
                continue
        if not block:
            block_start = index
        block.append(line)
        block_size += len(line) + 1
        if block_size > MAX_BLOCK_CHARACTERS:
            return Exceeded("block_too_long", first_line + block_start, {"limit": _thousands(MAX_BLOCK_CHARACTERS)})
        if markdown.FOOTNOTE_DEFINITION.match(line):
            footnotes += 1
            if footnotes > MAX_FOOTNOTES:
                return Exceeded("too_many_footnotes", first_line + index, {"limit": MAX_FOOTNOTES})
        if _ABBREVIATION.match(line):
            abbreviations += 1
            if abbreviations > MAX_ABBREVIATIONS:
                return Exceeded("too_many_abbreviations", first_line + index, {"limit": MAX_ABBREVIATIONS})
        depth = _depth(line)
        if depth > MAX_NESTING:
            return Exceeded("nesting_too_deep", first_line + index, {"depth": depth, "limit": MAX_NESTING})
        if _HEADING.match(line) or (len(block) > 1 and _UNDERLINE.fullmatch(line)):
            headings += 1
            if headings > MAX_HEADINGS:
                return Exceeded("too_many_headings", first_line + index, {"limit": MAX_HEADINGS})
    return _check_block(block, first_line + block_start)


def _depth(line: str) -> int:
    prefix = _PREFIX.match(line).group(0)  # type: ignore[union-attr]  # matches the empty string
    if not prefix or _RULE.fullmatch(line):
        return 0
    # The space after a marker belongs to it: only runs of indentation count.
    indents = sum(len(run.expandtabs(4)) // 4 for run in _INDENT.findall(prefix))
    return prefix.count(">") + len(_LIST_MARKER.findall(prefix)) + indents


def _check_block(lines: list[str], first_line: int) -> Exceeded | None:
    """Python-Markdown's rescanning in one paragraph (the text of a block
    between blank lines: an upper bound of what it reads at once)."""
    if not lines:
        return None
    text = "\n".join(lines)
    if "[" in text:
        rescanned, first_open = _bracket_rescans(markdown._masked(text) if "`" in text else text)
        if rescanned > MAX_RESCANNED:
            return Exceeded("brackets_unclosed", first_line + text.count("\n", 0, first_open))
    if "`" in text:
        unpaired: list[int] = []
        markdown._line_code_spans(text, unpaired)
        if sum(len(text) - end for end in unpaired) > MAX_RESCANNED:
            return Exceeded("backticks_unclosed", first_line + text.count("\n", 0, unpaired[0]))
    return None


def _bracket_rescans(text: str) -> tuple[int, int]:
    """(characters read again, offset of the first "[" left open): each "["
    is read on to its "]", or to the end when none closes it."""
    opened: list[int] = []
    rescanned = 0
    for found in _BRACKET.finditer(text):
        if found.group() == "[":
            opened.append(found.start())
        elif opened:
            rescanned += found.start() - opened.pop()
    rescanned += sum(len(text) - start for start in opened)
    return rescanned, opened[0] if opened else 0


def _kilobytes(size: int) -> str:
    return _thousands(size // 1000)


def _thousands(number: int) -> str:
    # French: a narrow non-breaking space between thousands.
    return f"{number:,}".replace(",", "\u202f")
