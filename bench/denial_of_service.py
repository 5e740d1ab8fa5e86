#!/usr/bin/env python3
"""The denial-of-service inputs of issue 13, at twice their sizes, against normal articles.

    python bench/denial_of_service.py [--runs 1]

For each input, a copy of the site holding only that article is checked
(``python -m articles check``) and built (``python -m mkdocs build``); so is
a copy holding a normal article of the same size, in the same run. Printed:
CPU time (user + system of the subprocess, best of the runs) of each, and
the ratio input / normal. A refused input stops early (ratio below 1); a
ratio far above 1 is work that grows faster than the article. Each command
is stopped after --timeout seconds.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

from sites import POSTS, copy_site

FRONT = "---\ntitle: Borne\ndate: 2021-01-01\n---\n\n"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def _bomb(levels: int = 9, width: int = 9) -> str:
    lines = ["---", "titre: Bombe", "date: 2021-01-01", 'z0: &a0 "lol"']
    for level in range(1, levels + 1):
        lines.append(f"z{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]")
    return "\n".join([*lines, f"lol: *a{levels}", "---", "", "Texte.", ""])


INPUTS = {
    "heading of 12,000 spaces, no title (12 KB)": "---\ndate: 2021-01-01\n---\n\n# Titre" + " " * 12_000 + "fin\n\nTexte.\n",
    "[x and 60,000 backticks": FRONT + "[x " + "`" * 60_000 + "\n",
    "[x and 40,000 backticks (one paragraph)": FRONT + "[x " + "`" * 40_000 + "\n",
    "author of 40,000 spaces": '---\ntitle: Borne\ndate: 2021-01-01\nauteur: "' + " " * 40_000 + '"\n---\n\nTexte.\n',
    "billion laughs (9 levels of 9)": _bomb(),
    "list nested 2,000 levels": FRONT + "- " * 2000 + "x\n",
    "quote nested 2,000 levels": FRONT + "> " * 2000 + "x\n",
    "40,000 unclosed [": FRONT + "[" * 40_000 + "\n",
}


def normal_article(size: int) -> str:
    paragraph = "Un paragraphe de texte ordinaire, avec un [lien](https://exemple.fr) et du `code`. " * 4 + "\n\n"
    return FRONT + paragraph * max(1, (size - len(FRONT)) // len(paragraph))


def cpu_seconds(command: list[str], cwd: Path, timeout: float) -> tuple[float, int]:
    """(CPU seconds of the subprocess, its exit code); inf when stopped."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, env=ENV, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return float("inf"), -1
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), done.returncode


def measure(text: str, folder: Path, runs: int, timeout: float) -> tuple[float, float, int]:
    project = copy_site(folder)
    for post in (project / POSTS).glob("*.md"):
        post.unlink()
    (project / POSTS / "article.md").write_text(text, encoding="utf-8")
    check = build = float("inf")
    code = 0
    for _ in range(runs):
        seconds, _ = cpu_seconds([sys.executable, "-m", "articles", "check", f"{POSTS}/article.md"], project, timeout)
        check = min(check, seconds)
        seconds, code = cpu_seconds([sys.executable, "-m", "mkdocs", "build"], project, timeout)
        build = min(build, seconds)
    return check, build, code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    print("| input | size (KB) | check CPU (s) | / normal | build CPU (s) | / normal | build |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        for number, (name, text) in enumerate(INPUTS.items()):
            size = len(text.encode("utf-8"))
            check, build, code = measure(text, root / f"input-{number}", args.runs, args.timeout)
            normal_check, normal_build, _ = measure(normal_article(size), root / f"normal-{number}", args.runs, args.timeout)
            outcome = "published" if code == 0 else "refused" if code > 0 else "stopped"
            print(
                f"| {name} | {size / 1000:.0f} | {check:.2f} | {check / normal_check:.2f} | {build:.2f} | {build / normal_build:.2f} | {outcome} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
