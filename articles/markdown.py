"""Repairs of the Markdown body: broken image and link markup, missing images.

Code blocks and inline code are never touched. Non-breaking spaces before
``: ; ? !`` (French typography) are kept as they are.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from urllib.parse import unquote
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

EXCERPT_SEPARATOR = "<!-- more -->"
PLACEHOLDER_IMAGE = "assets/images/image-manquante.svg"

_INLINE_CODE = re.compile(r"(`+)(?:.+?)\1")
# Fences may be indented: inside a list item they are.
_FENCE_LINE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
# A source may hold one level of parentheses: img/photo(1).jpg
_SOURCE = r"(?P<src><[^>\n]*>|(?:[^\s()\"'<>]|\([^\s()\"'<>]*\))+)"
_IMAGE_FILE = re.compile(r"\.(?:png|jpe?g|gif|svg|webp|avif|bmp|tiff?)(?:[?#].*)?$", re.I)
_TITLE = r"(?:\s+(?P<title>\"[^\"\n]*\"|'[^'\n]*'))?"
# ``! [alt] (src "title")``: the spaces between ``!``, ``]`` and ``(`` are what
# writers add by mistake, and what stops Markdown from seeing an image.
_LOOSE_IMAGE = re.compile(
    rf"!(?P<gap1>[ \t]*)\[(?P<alt>[^\]\n]{{0,300}})\](?P<gap2>[ \t]*)\([ \t]*{_SOURCE}{_TITLE}[ \t]*\)"
)
_LOOSE_LINK = re.compile(
    # The look-behind sits after the bracket so that the engine can jump
    # from one "[" to the next instead of trying every position.
    rf"\[(?<![!\]\w]\[)(?P<text>[^\]\n]{{1,300}})\](?P<gap>[ \t]+)\([ \t]*"
    rf"(?P<src>(?:https?://|mailto:|\.{{0,2}}/)[^\s()\"'<>]+|[^\s()\"'<>]+\.(?:md|html?)(?:#[\w-]*)?){_TITLE}[ \t]*\)"
)
_IMAGE = re.compile(rf"!\[(?P<alt>[^\]\n]{{0,300}})\]\({_SOURCE}{_TITLE}\)(?P<attrs>\{{[^}}\n]*\}})?")
# ![alt][label] and ![alt][], with their [label]: src definitions.
_REFERENCE_IMAGE = re.compile(r"!\[(?P<alt>[^\]\n]{0,300})\]\[(?P<label>[^\]\n]{0,300})\](?P<attrs>\{[^}\n]*\})?")
_DEFINITION = re.compile(r"^ {0,3}\[(?P<label>[^\]\n]+)\]:[ \t]*(?P<src><[^>\n]*>|\S+)", re.M)
_HEADING = re.compile(r"^ {0,3}#(?!#)\s+(?P<text>.+?)\s*#*\s*$")
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


# Searching a long text for one character is several times faster than for a
# string, and a pattern that starts with a fixed character is scanned for it
# quickly, while "^" in multi-line mode tries every position.
_INDENTED_LINE = re.compile(r"\n(?: {4}|\t)")


def _may_hold_fence(body: str) -> bool:
    return ("`" in body and "```" in body) or ("~" in body and "~~~" in body)


def _has_indented_line(body: str) -> bool:
    return body.startswith(("    ", "\t")) or _INDENTED_LINE.search(body) is not None


def _code_spans(body: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    fence: str | None = None
    fence_start = 0
    indented_start: int | None = None
    previous_blank = True
    in_list = False
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
        indented = line.startswith(("    ", "\t")) and bool(stripped)
        if indented_start is not None and not indented and stripped:
            spans.append((indented_start, offset))
            indented_start = None
        if opening:
            fence, fence_start = opening.group(1), offset
        elif indented and indented_start is None and previous_blank and not in_list:
            indented_start = offset
        if stripped and not line[:1].isspace():
            in_list = bool(_LIST_ITEM.match(line))
        previous_blank = not stripped
        offset = end
    if fence is not None:
        spans.append((fence_start, len(body)))
    if indented_start is not None:
        spans.append((indented_start, len(body)))
    return spans


# One step of the body's preparation: (lines of prose, line of the first of
# them in the body) -> the lines changed.
Step = Callable[[str, int], str]


def _map_prose(body: str, steps: Sequence[Step]) -> list[str]:
    """Apply ``steps`` in turn to the prose of ``body``, never to code blocks;
    return the body as it is after each step.

    Every construct a step changes holds a "[" (links, images, reference
    definitions: at most two lines) or a "<" (HTML tags, which may run over
    several lines): the steps are handed only the lines around those
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
            for output, step in zip(outputs, steps):
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
    """(start, end) of the runs of whole lines that hold a "[" or a "<", each
    with the line after it; in order, not overlapping."""
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
    return _INLINE_CODE.sub(lambda found: _MASK * len(found.group(0)), text)


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


def _repair_step(issues: list[BodyIssue]) -> Step:
    """Image and link markup with stray spaces becomes real images and links."""

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
        title = f" {found.group('title')}" if found.group("title") else ""
        return f"![{found.group('alt')}]({found.group('src')}{title})"

    def fix_link(found: Match, text: str, line: int) -> str:
        # Counted in the text being changed: image repairs before it moved
        # characters, never line breaks.
        issues.append(BodyIssue("link_markup_repaired", line + text.count("\n", 0, found.start()), {"markup": found.group(0)}))
        title = f" {found.group('title')}" if found.group("title") else ""
        return f"[{found.group('text')}]({found.group('src')}{title})"

    def step(text: str, line: int) -> str:
        if "[" not in text:
            return text
        if "!" in text:
            current = text
            text = _substitute(_LOOSE_IMAGE, text, lambda found: fix_image(found, current, line))
        current = text
        return _substitute(_LOOSE_LINK, text, lambda found: fix_link(found, current, line))

    return step


def repair_markup(body: str) -> tuple[str, list[BodyIssue]]:
    """Turn image and link markup with stray spaces into real images and links."""
    issues: list[BodyIssue] = []
    (repaired,) = _map_prose(body, [_repair_step(issues)])
    return repaired, issues


@dataclass(frozen=True)
class PreparedBody:
    body: str  # repaired: what the writers' ``fix`` writes back
    build_body: str  # what the site shows: also made safe, missing images replaced, excerpt cut
    issues: list[BodyIssue]


def prepare_body(body: str, article_path: str, asset_exists: Callable[[str], bool] | None) -> PreparedBody:
    """Every change to an article's Markdown, in one pass over its prose."""
    repaired: list[BodyIssue] = []
    unsafe: list[BodyIssue] = []
    missing: list[BodyIssue] = []
    steps = [_repair_step(repaired), _neutralize_step(unsafe)]
    if asset_exists is not None:
        steps.append(_placeholder_step(body, article_path, asset_exists, missing))
    outputs = _map_prose(body, steps)
    return PreparedBody(outputs[0], ensure_excerpt_separator(outputs[-1]), repaired + unsafe + missing)


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


def replace_missing_images(
    body: str, article_path: str, asset_exists: Callable[[str], bool]
) -> tuple[str, list[BodyIssue]]:
    """Show a neutral placeholder, with the alt text, where an image file is missing or unsafe."""
    issues: list[BodyIssue] = []
    (built,) = _map_prose(body, [_placeholder_step(body, article_path, asset_exists, issues)])
    return built, issues


def fold_label(label: str) -> str:
    """Reference labels match case-insensitively, spaces collapsed."""
    return " ".join(label.split()).casefold()


# Link targets a page must never follow, in Markdown links and raw HTML.
_UNSAFE_SCHEME = r"(?:javascript|vbscript|data)\s*:"
# Every link, unsafe or not: its destination is checked with the backticks
# removed, since Python-Markdown builds "[a](`javascript:...`)" into a
# javascript: link (code spans are read first, then put back as text).
_LINK = re.compile(r"\[(?<!!\[)(?P<text>[^\]\n]{0,300})\]\((?P<destination>(?:[^()\n]|\([^()\n]*\)){0,2000})\)")
_UNSAFE_DESTINATION = re.compile(rf"\s*<?\s*{_UNSAFE_SCHEME}", re.I)
# "[label]: javascript:..." (the destination may be on the next line). The
# pattern starts at the bracket, which the engine finds quickly; the caller
# checks that the bracket opens its line.
_UNSAFE_DEFINITION = re.compile(rf"\[[^\]\n]{{1,300}}\]:[ \t]*(?:\n[ \t]*)?<?[ \t]*{_UNSAFE_SCHEME}[^\n]*", re.I)
_TAG_START = re.compile(r"</?(?P<name>[a-zA-Z][\w:-]*)")
# Where a tag ends depends on who reads it: Python-Markdown's inline HTML
# stops at the first ">", a browser and Python-Markdown's HTML blocks skip
# the ">" inside quoted values. Both readings are checked; a tag without an
# end within the window is made text too ("&lt;" displays as "<").
_QUOTED_TAG_END = re.compile(r"""(?:"[^"]*"|'[^']*'|[^"'>])*>""")
_TAG_WINDOW = 5000
_UNSAFE_ELEMENTS = {"script", "iframe", "frame", "object", "embed", "style", "link", "meta", "base", "form", "svg", "math", "template"}
_UNSAFE_ATTRIBUTE = re.compile(rf"(?:\bon[a-z]+\s*=|\b(?:href|src|action|formaction|xlink:href|srcdoc)\s*=\s*[\"']?\s*{_UNSAFE_SCHEME}|\bsrcdoc\s*=)", re.I)


def _neutralize_step(issues: list[BodyIssue]) -> Step:
    """What could run in a reader's browser becomes plain text: links to
    ``javascript:`` (and ``vbscript:``, ``data:``) URLs, and raw HTML
    elements or attributes that execute code."""

    def report(found: Match, text: str, line: int) -> None:
        # Lines counted in the text being changed: no substitution here adds
        # or removes a line break, so the count matches the writer's file.
        line += text.count("\n", 0, found.start())
        issues.append(BodyIssue("unsafe_markup", line, {"markup": found.group(0)[:60]}))

    def link(found: Match, text: str, line: int) -> str:
        if not _UNSAFE_DESTINATION.match(found.group("destination").replace("`", "")):
            return found.group(0)
        report(found, text, line)
        return found.group("text")

    def definition(found: Match, text: str, line: int) -> str:
        line_start = text.rfind("\n", 0, found.start()) + 1
        if len(text[line_start : found.start()]) > 3 or text[line_start : found.start()].strip(" "):
            return found.group(0)  # not a definition: the bracket does not open its line
        report(found, text, line)
        return "\n" * found.group(0).count("\n")  # keep the line numbers of what follows

    def tag(found: Match, text: str, line: int) -> str:
        window = text[found.start() : found.start() + _TAG_WINDOW]
        first_end = window.find(">") + 1
        quoted = _QUOTED_TAG_END.match(window, len(found.group(0)))
        unsafe_name = found.group("name").lower() in _UNSAFE_ELEMENTS
        if first_end and quoted:
            tag = window[: max(first_end, quoted.end())]
            if not unsafe_name and not _UNSAFE_ATTRIBUTE.search(tag):
                return found.group(0)
        elif not first_end and not unsafe_name and not _UNSAFE_ATTRIBUTE.search(window):
            # "a<b" with no ">" after it: text for Markdown too, and
            # "&lt;" displays the same; nothing to tell the writer.
            return "&lt;" + found.group(0)[1:]
        else:
            tag = window  # a quote opened and never closed: a browser would read on
        line += text.count("\n", 0, found.start())
        issues.append(BodyIssue("unsafe_markup", line, {"markup": tag[:60]}))
        return "&lt;" + found.group(0)[1:]

    def step(text: str, line: int) -> str:
        if "[" in text:
            current = text
            text = _substitute(_LINK, text, lambda found: link(found, current, line))
            current = text
            text = _substitute(_UNSAFE_DEFINITION, text, lambda found: definition(found, current, line))
        if "<" in text:
            current = text
            text = _substitute(_TAG_START, text, lambda found: tag(found, current, line))
        return text

    return step


def neutralize_scripts(body: str) -> tuple[str, list[BodyIssue]]:
    """Make what could run in a reader's browser plain text. Code is left alone."""
    issues: list[BodyIssue] = []
    (safe,) = _map_prose(body, [_neutralize_step(issues)])
    return safe, issues


def first_heading(body: str) -> str | None:
    for _, line, is_prose in prose_lines(body):
        if is_prose:
            found = _HEADING.match(line)
            if found:
                return found.group("text")
    return None


def ensure_excerpt_separator(body: str) -> str:
    """Add Material's excerpt separator after the first paragraph of prose.

    Without it, listing pages would show every article in full.
    """
    if EXCERPT_SEPARATOR in body:
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
    return f"{body[:cut]}\n{EXCERPT_SEPARATOR}\n{body[cut:]}"


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
        starts_block = not is_prose or (
            stripped.startswith(("#", "<", "!", "|", "-", "*", "+", ">", "{")) and not stripped.startswith("**")
        ) or bool(_LIST_ITEM.match(line))
        if stripped and not starts_block:
            in_paragraph = True
        offset += len(line) + 1
    return None
