"""Problem lists formatted for people: the build's error, the check's output.

Writer text reaches logs that GitHub Actions reads: its runner runs a line
starting with ``::`` (after spaces), or holding ``##[`` anywhere, as a
workflow command (an annotation, ``stop-commands`` that hides the ones after
it). Whatever carries writer text is printed through ``log_line``: one line,
inert; the tool's own annotations escape their data (``escape_data``).
"""

from __future__ import annotations

import re

from articles.problems import Problem


def format_errors(errors: list[Problem], prefix: str = "") -> str:
    """One paragraph a problem, for the message that stops the build."""
    count = len(errors)
    head = "1 article ne peut pas être publié :" if count == 1 else f"{count} problèmes empêchent la publication :"
    lines = [head]
    for problem in errors:
        where = f"{prefix}/{problem.location()}" if prefix else problem.location()
        lines.append(log_line(f"  - {where} : {problem.message}"))
        if problem.hint:
            lines.append(log_line(f"    → {problem.hint}"))
    return "\n".join(lines)


def build_log_line(problem: Problem, prefix: str = "", where: str | None = None) -> str:
    """A writer's problem as one line of the build's log: where, message, hint."""
    if where is None:
        where = f"{prefix}/{problem.location()}" if prefix else problem.location()
    return log_line(f"{where} : {problem.message}" + (f" ({problem.hint})" if problem.hint else ""))


def group_repeated(problems: list[Problem]) -> list[tuple[Problem, list[Problem]]]:
    """Problems that say the same thing about several articles (the same
    unknown author or tag), grouped: (first problem, every problem), in the
    order first met. A build of a thousand articles then lists each unknown
    tag once, with the articles that use it."""
    groups: dict[tuple[str, tuple[tuple[str, str], ...]], list[Problem]] = {}
    for problem in problems:
        key = (problem.code, tuple((name, str(value)) for name, value in problem.values))
        groups.setdefault(key, []).append(problem)
    return [(members[0], members) for members in groups.values()]


def locations(problems: list[Problem], prefix: str = "", shown: int = 3) -> str:
    """``a.md:4, b.md:6 et 5 autres articles``: where a repeated problem is."""
    places = [log_line(f"{prefix}/{problem.location()}" if prefix else problem.location()) for problem in problems[:shown]]
    rest = len(problems) - len(places)
    if rest <= 0:
        return ", ".join(places)
    return f"{', '.join(places)} et {rest} autre{'s' if rest > 1 else ''} article{'s' if rest > 1 else ''}"


# Safe lines ------------------------------------------------------------------

# Line breaks as Python and GitHub's runner read them, and the other control
# characters (terminal escapes): writer text is shown on one line.
_BREAKS = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
INVISIBLE = "\u200b"


def one_line(text: str) -> str:
    """Writer text on a single line: a line break shows as ⏎."""
    return _CONTROLS.sub("\ufffd", _BREAKS.sub("⏎", text))


def inert(line: str) -> str:
    """A line GitHub's runner cannot read as a workflow command: no ``::``
    at its start (after spaces), no legacy ``##[`` anywhere. The character
    added to break them is invisible."""
    line = line.replace("##[", f"##{INVISIBLE}[")
    stripped = line.lstrip()
    if stripped.startswith("::"):
        line = line[: len(line) - len(stripped)] + ":" + INVISIBLE + stripped[1:]
    return line


def log_line(text: str) -> str:
    """A message carrying writer text, safe for any log GitHub reads."""
    return inert(one_line(text))


def escape_data(text: str) -> str:
    """The data of a workflow command, as GitHub's runner unescapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace("##[", f"##{INVISIBLE}[")


def escape_property(text: str) -> str:
    """A property of a workflow command (file, title)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


# What opens markup inside a table cell of GitHub's job summary (emphasis,
# code, links and images, column breaks, strike-through, maths): escaped with
# a backslash; HTML's characters as entities.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~$])")


def markdown_cell(text: str) -> str:
    """Writer text as the plain content of one Markdown table cell: one line,
    no column break, no markup, no HTML."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", one_line(text))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
