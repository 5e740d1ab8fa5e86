"""Problem lists formatted for people: the build's error, the check's output."""

from __future__ import annotations

from articles.problems import Problem


def format_errors(errors: list[Problem], prefix: str = "") -> str:
    """One paragraph a problem, for the message that stops the build."""
    count = len(errors)
    head = "1 article ne peut pas être publié :" if count == 1 else f"{count} problèmes empêchent la publication :"
    lines = [head]
    for problem in errors:
        where = f"{prefix}/{problem.location()}" if prefix else problem.location()
        lines.append(f"  - {where} : {problem.message}")
        if problem.hint:
            lines.append(f"    → {problem.hint}")
    return "\n".join(lines)


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
    places = [f"{prefix}/{problem.location()}" if prefix else problem.location() for problem in problems[:shown]]
    rest = len(problems) - len(places)
    if rest <= 0:
        return ", ".join(places)
    return f"{', '.join(places)} et {rest} autre{'s' if rest > 1 else ''} article{'s' if rest > 1 else ''}"
