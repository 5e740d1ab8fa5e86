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
