"""What GitHub's preview shows, the site shows.

Writers read their article in the pull request's preview before anyone
reviews it: what GitHub (or Obsidian, where some write) renders there, and
Python-Markdown does not, is written here the way the site's Markdown says
it. Only for the site: ``fix`` leaves the writer's text as GitHub shows it.

- an alert (``> [!NOTE]``, ``> [!WARNING]``…) or an Obsidian callout
  (``> [!tip] Un titre``, ``> [!faq]-`` folded) becomes a note
  (``!!! note "Remarque"``), folded ones a details block (``???``);
- an emoji's short name (``:white_check_mark:``), as GitHub, Slack and
  Teams write it, becomes the emoji (GitHub's own list, shipped with
  pymdown-extensions);
- ``~texte~`` is struck through, as on GitHub and Slack (``~~texte~~``);
- a backslash ending a line breaks it, as in GitHub's Markdown.

Nothing in code (blocks and inline) or in a web address changes, and no
line is added or removed: the messages keep the writer's line numbers.

Docusaurus' and VitePress' notes (``:::tip Titre`` … ``:::``), which GitHub
shows as typed, become notes too (``containers_as_notes``), and the writer
is told: ``fix`` writes them the site's way.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable

from articles.markdown import _in_code, _masked, code_spans, prose_lines

# Alert or callout kind -> Material's kind of note, and its French title.
_NOTE_KINDS = {
    "note": ("note", "Remarque"),
    "tip": ("tip", "Astuce"),
    "hint": ("tip", "Astuce"),
    "important": ("info", "Important"),
    "info": ("info", "Information"),
    "todo": ("info", "À faire"),
    "warning": ("warning", "Attention"),
    "attention": ("warning", "Attention"),
    "caution": ("danger", "Prudence"),
    "danger": ("danger", "Danger"),
    "error": ("danger", "Erreur"),
    "abstract": ("abstract", "Résumé"),
    "summary": ("abstract", "Résumé"),
    "tldr": ("abstract", "Résumé"),
    "success": ("success", "Réussite"),
    "check": ("success", "Réussite"),
    "done": ("success", "Fait"),
    "question": ("question", "Question"),
    "help": ("question", "Question"),
    "faq": ("question", "Question"),
    "failure": ("failure", "Échec"),
    "fail": ("failure", "Échec"),
    "missing": ("failure", "Manquant"),
    "bug": ("bug", "Bogue"),
    "example": ("example", "Exemple"),
    "quote": ("quote", "Citation"),
    "cite": ("quote", "Citation"),
}
_ALERT = re.compile(r"(?P<indent> {0,3})>[ \t]?\[!(?P<kind>[A-Za-z]+)\](?P<fold>[+-]?)[ \t]*(?P<title>.*)")
_QUOTED = re.compile(r" {0,3}>[ \t]?")
# Starts with its character, so that it is looked for quickly.
_SHORT_NAME = re.compile(r":[a-z0-9_+-]+:")
_SINGLE_TILDE = re.compile(r"(?<![~\\\w])~(?=[^\s~])([^~\n]*?[^\s~\\])~(?![~\w])")
# A backslash ending a line, before a line of the same paragraph.
_BACKSLASH_BREAK = re.compile(r"\\\n(?=[ \t]*\S)")
_NOT_PROSE = re.compile(r" {0,3}(?:#|\||$)")
# How far back an address's start is looked for.
_LONGEST_ADDRESS = 2000


# Docusaurus' « :::tip Titre » or « :::tip[Titre] », VitePress' « ::: details Titre ».
_CONTAINER_OPEN = re.compile(
    r" {0,3}(?P<colons>:{3,})[ \t]*(?P<kind>[A-Za-z]+)(?:\[(?P<bracketed>[^\]\n]*)\]|[ \t]+(?P<title>[^\n]*))?[ \t]*"
)


def containers_as_notes(body: str) -> tuple[str, list[tuple[int, str, str]]]:
    """Docusaurus' and VitePress' notes as Material's: BODY, and for each
    note its line (1-based), the line that opened it and the note's opening
    the site's way. A note left open stays as written."""
    if ":::" not in body:
        return body, []
    lines = body.split("\n")
    prose = [is_prose for _index, _line, is_prose in prose_lines(body)]
    # Where each run of colons stands alone, for the next one after an opening.
    closings: dict[str, list[int]] = {}
    for at, line in enumerate(lines):
        if line.strip().startswith(":::") and set(line.strip()) == {":"}:
            closings.setdefault(line.strip(), []).append(at)
    found: list[tuple[int, str, str]] = []
    index = 0
    while index < len(lines):
        opening = _CONTAINER_OPEN.fullmatch(lines[index])
        written = opening.group("kind").casefold() if opening else ""
        kind = ("note", "Détails") if written == "details" else _NOTE_KINDS.get(written)
        end = None
        if opening and kind and prose[index]:
            candidates = closings.get(opening.group("colons"), [])
            after = bisect.bisect_right(candidates, index)
            end = candidates[after] if after < len(candidates) else None
        if opening is None or kind is None or end is None:
            index += 1
            continue
        title = (opening.group("bracketed") or opening.group("title") or "").strip() or kind[1]
        marker = "???" if written == "details" else "!!!"
        note = f'{marker} {kind[0]} "{title}"'
        found.append((index + 1, lines[index].strip(), note))
        lines[index] = note
        for at in range(index + 1, end):
            lines[at] = f"    {lines[at]}" if lines[at].strip() else ""
        lines[end] = ""
        index = end + 1
    return "\n".join(lines), found


def github_flavoured(body: str) -> str:
    """BODY with what GitHub renders and Python-Markdown does not written
    the site's way (see the module's docstring)."""
    if "[!" in body:
        body = alerts_as_notes(body)
    if ":" in body:
        body = emoji_from_short_names(body)
    if "~" in body:
        body = single_tildes_struck(body)
    if "\\\n" in body:
        body = backslash_line_breaks(body)
    return body


def alerts_as_notes(body: str) -> str:
    """GitHub's alerts and Obsidian's callouts as Material's notes."""
    lines = body.split("\n")
    prose = [is_prose for _index, _line, is_prose in prose_lines(body)]
    index = 0
    while index < len(lines):
        found = _ALERT.fullmatch(lines[index])
        kind = _NOTE_KINDS.get(found.group("kind").casefold()) if found else None
        opens_quote = index == 0 or not _QUOTED.match(lines[index - 1])
        if found is None or kind is None or not opens_quote or not prose[index]:
            index += 1
            continue
        indent = found.group("indent")
        marker = {"-": "???", "+": "???+"}.get(found.group("fold"), "!!!")
        title = found.group("title").strip() or kind[1]
        lines[index] = f'{indent}{marker} {kind[0]} "{title}"'
        index += 1
        text_above = False  # a line of the note's text just above: a lazy continuation may follow
        while index < len(lines):
            line = lines[index]
            quoted = _QUOTED.match(line)
            if quoted:
                content = line[quoted.end() :]
            elif text_above and line.strip() and not _NOT_PROSE.match(line):
                content = line.strip()
            else:
                break
            lines[index] = f"{indent}    {content}" if content.strip() else ""
            text_above = bool(content.strip())
            index += 1
    return "\n".join(lines)


def emoji_from_short_names(body: str) -> str:
    """``:rocket:`` as 🚀, for the short names GitHub knows."""

    def emoji(found: re.Match[str]) -> str | None:
        start, end = found.span()
        # Not inside a word, a time (10:30:00) or an address.
        if (start and (body[start - 1].isalnum() or body[start - 1] in "_:/")) or (
            end < len(body) and (body[end].isalnum() or body[end] in "_:")
        ):
            return None
        return _gemoji().get(found.group(0))

    return replace_outside_code(body, _SHORT_NAME, emoji)


@functools.cache
def _gemoji() -> dict[str, str]:
    from pymdownx import gemoji_db

    characters: dict[str, str] = {}
    for name, entry in gemoji_db.emoji.items():
        codes = entry.get("unicode_alt") or entry.get("unicode")
        if codes:  # GitHub's own images (:octocat:) have no character
            characters[name] = "".join(chr(int(code, 16)) for code in codes.split("-"))
    for alias, name in gemoji_db.aliases.items():
        if name in characters:
            characters[alias] = characters[name]
    return characters


def single_tildes_struck(body: str) -> str:
    """``~texte~`` as ``~~texte~~``: struck through, as GitHub shows it."""
    return replace_outside_code(body, _SINGLE_TILDE, lambda found: f"~{found.group(0)}~")


def backslash_line_breaks(body: str) -> str:
    """A backslash ending a line of a paragraph as Markdown's line break (two spaces)."""

    def line_break(found: re.Match[str]) -> str | None:
        before = found.start()
        while before and body[before - 1] == "\\":
            before -= 1
        return None if (found.start() - before) % 2 else "  \n"  # « \\ » is a backslash written, not a break

    return replace_outside_code(body, _BACKSLASH_BREAK, line_break)


def replace_outside_code(body: str, pattern: re.Pattern[str], replacement: Callable[[re.Match[str]], str | None]) -> str:
    """BODY with each match of PATTERN outside code replaced (a None
    replacement leaves it)."""
    found = [(match, new) for match in pattern.finditer(body) if (new := replacement(match)) is not None]
    return spliced(body, outside_code(body, found))


def outside_code(body: str, found: list[tuple[re.Match[str], str]]) -> list[tuple[re.Match[str], str]]:
    """The (match, replacement) pairs of FOUND outside code and web
    addresses; the code is looked for only once something is found."""
    if not found:
        return []
    spans = code_spans(body)
    masked = _masked(body)
    return [
        (match, new)
        for match, new in found
        if not (_in_code(spans, match.start()) or masked[match.start() : match.end()] != match.group(0) or _in_address(body, match.start()))
    ]


def spliced(body: str, found: list[tuple[re.Match[str], str]]) -> str:
    """BODY with each match of FOUND (in order, apart) replaced."""
    if not found:
        return body
    pieces, done = [], 0
    for match, new in found:
        pieces += [body[done : match.start()], new]
        done = match.end()
    pieces.append(body[done:])
    return "".join(pieces)


def _in_address(body: str, position: int) -> bool:
    """Whether POSITION is within a web address (« https://…/~jean/ »,
    a link's destination): its characters are the address's."""
    window = max(0, position - _LONGEST_ADDRESS)
    start = max(window - 1, *(body.rfind(mark, window, position) for mark in " \n(<")) + 1
    word = body[start:position]
    return "://" in word or word.startswith(("www.", "mailto:")) or "](" in body[max(0, start - 2) : start]
