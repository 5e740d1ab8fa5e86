"""Bounded work per article: the denial-of-service inputs of issue 13, at twice their sizes.

Each input goes through the core (``normalize_article``), the writers'
check (``python -m articles check``) and a real build of a one-article copy
of the site (``python -m mkdocs build``), each in a subprocess stopped
after a timeout that only runaway behaviour reaches: the core takes well
under a second on each input, a one-article build a few seconds. Inputs
beyond a limit of ``articles/limits.py`` (or with YAML aliases) stop with a
French error naming the file and line; the others publish. No output holds
a Python traceback.

The rewritten patterns are also checked against what they replace, or
against Python-Markdown, on many small random inputs.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import markdown as python_markdown
import pytest

from articles import limits, normalize_article
from articles import markdown as article_markdown
from articles.authors import split_authors
from articles.messages import MESSAGES
from articles.text import _SPACES, edit_distance
from sitebuild import ROOT, copy_site

POSTS = "docs/blog/posts"
FILE = "article.md"
# Only runaway work reaches these: a hundred times what the core needs on
# these inputs, and many times a one-article build on a busy machine.
CORE_TIMEOUT = 60
CHECK_TIMEOUT = 60
BUILD_TIMEOUT = 120
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONIOENCODING": "utf-8"}

FRONT = "---\ntitle: Borne\ndate: 2021-01-01\n---\n\n"  # the body starts on line 6
BODY = 6


@dataclass(frozen=True)
class Case:
    text: str
    code: str | None = None  # the error expected; None: the article publishes
    line: int | None = None


def _bomb(levels: int = 9, width: int = 9) -> str:
    lines = ["---", "titre: Bombe", "date: 2021-01-01", 'z0: &a0 "lol"']
    for level in range(1, levels + 1):
        lines.append(f"z{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]")
    return "\n".join([*lines, f"lol: *a{levels}", "---", "", "Texte.", ""])


def _paragraphs(size: int) -> str:
    paragraph = "Un paragraphe de texte ordinaire, avec un [lien](https://exemple.fr) et du `code`. " * 6 + "\n\n"
    return paragraph * (size // len(paragraph) + 1)


CASES = {
    # The inputs of the issue, at twice their sizes.
    "heading-of-12000-spaces": Case("---\ndate: 2021-01-01\n---\n\n# Titre" + " " * 12_000 + "fin\n\nTexte.\n"),
    # One paragraph of 60 KB: beyond the size of a paragraph.
    "60000-backticks": Case(FRONT + "[x " + "`" * 60_000 + "\n", "block_too_long", BODY),
    "author-of-40000-spaces": Case('---\ntitle: Borne\ndate: 2021-01-01\nauteur: "' + " " * 40_000 + '"\n---\n\nTexte.\n'),
    "billion-laughs": Case(_bomb(), "yaml_alias", 5),
    "list-2000-levels": Case(FRONT + "- " * 2000 + "x\n", "nesting_too_deep", BODY),
    "list-2000-levels-indented": Case(FRONT + "".join("    " * level + "- x\n" for level in range(2000)), "article_too_large", 1),
    "quote-2000-levels": Case(FRONT + "> " * 2000 + "x\n", "nesting_too_deep", BODY),
    "admonitions-200-levels": Case(FRONT + "".join("    " * level + "!!! note\n" for level in range(200)), "nesting_too_deep", BODY + 21),
    "details-200-levels": Case(FRONT + "".join("    " * level + "??? note\n" for level in range(200)), "nesting_too_deep", BODY + 21),
    "article-of-2-mb": Case(FRONT + _paragraphs(2_000_000), "article_too_large", 1),
    # More of the same kinds.
    "author-of-40000-non-breaking-spaces": Case(
        '---\ntitle: Borne\ndate: 2021-01-01\nauteur: "a' + "\xa0" * 40_000 + 'b"\n---\n\nTexte.\n'
    ),
    "tag-of-40000-spaces": Case('---\ntitle: Borne\ndate: 2021-01-01\ntags: "a' + " " * 40_000 + 'b"\n---\n\nTexte.\n'),
    "heading-of-12000-tabs-and-hashes": Case("---\ndate: 2021-01-01\n---\n\n# Titre" + " \t#" * 4_000 + "fin\n\nTexte.\n"),
    "40000-backticks": Case(FRONT + "[x " + "`" * 40_000 + "\n"),  # within it: published as written
    "40000-unclosed-brackets": Case(FRONT + "[" * 40_000 + "\n", "brackets_unclosed", BODY),
    "12000-unclosed-footnote-references": Case(FRONT + "Texte.\n" + "[^" * 12_000 + "\n", "brackets_unclosed", BODY + 1),
    "backtick-runs-of-growing-length": Case(
        FRONT + "".join("`" * length + "a" for length in range(1, 300)) + "\n", "backticks_unclosed", BODY
    ),
    "2000-identical-headings": Case(FRONT + "## Titre\n\n" * 2000, "too_many_headings", BODY + 2 * limits.MAX_HEADINGS),
    "1000-footnotes": Case(
        FRONT + "".join(f"Texte[^{n}].\n\n[^{n}]: Note.\n\n" for n in range(1000)),
        "too_many_footnotes",
        BODY + 4 * limits.MAX_FOOTNOTES + 2,
    ),
    # What GitHub shows and the site writes its way (articles/github_flavour.py).
    "tildes-short-names-and-backslashes": Case(FRONT + ("~a:rocket:" * 2_000 + "\\" * 999 + "\n") * 2),
    "1000-alerts": Case(FRONT + "> [!NOTE]\n> x\n\n" * 1_000),
    "30000-unclosed-docusaurus-notes": Case(FRONT + ":::tip\n\n" * 30_000),
    # What pandoc writes from Word (articles/pandoc_flavour.py): tables never closed, long attribute lists.
    "30000-unclosed-pandoc-tables": Case(FRONT + "------\nA  B\n--- ---\nx  y\n\n" * 15_000 + "--- ---\nx  y\n\n" * 15_000),
    "pandoc-spans-and-image-sizes": Case(FRONT + ("[a]{x=" + ".a" * 2_000 + " !\n\n![a](b.png){width=" + "1in " * 2_000 + "\n\n") * 50),
    "confluence-byline-of-5000-ons": Case("# Titre\n\nCreated by " + " on " * 5_000 + ",\n\nTexte.\n", "date_missing", 1),
    "paragraph-of-120-kb": Case(FRONT + "Un [lien](https://exemple.fr) et *du texte*. " * 2_700 + "\n", "block_too_long", BODY),
}
REFUSED = {name for name, case in CASES.items() if case.code}


def _fragment(code: str) -> str:
    """The beginning of the French message, before its first value."""
    return MESSAGES[code][1].split("{")[0][:50]


def _no_crash(output: str) -> None:
    assert "Traceback" not in output and "RecursionError" not in output, output[-3000:]
    assert "erreur inattendue" not in output, output[-3000:]


_CORE_SCRIPT = """
import json, sys
from articles import normalize_article
article = normalize_article("blog/posts/article.md", open(sys.argv[1], "rb").read())
article.to_markdown()
print(json.dumps({"title": article.meta.get("title"),
                  "problems": [[p.code, p.line, p.severity.value, str(p)] for p in article.problems]}))
"""


@pytest.mark.parametrize("name", sorted(CASES))
def test_core_is_bounded(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    source = tmp_path / FILE
    source.write_text(case.text, encoding="utf-8")
    command = [sys.executable, "-c", _CORE_SCRIPT, str(source)]
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, encoding="utf-8", env=ENV, timeout=CORE_TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{name}: the core did not finish in {CORE_TIMEOUT} s")
    _no_crash(done.stdout + done.stderr)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout)
    errors = [(code, line) for code, line, severity, _ in result["problems"] if severity == "erreur"]
    if case.code:
        assert errors == [(case.code, case.line)], result["problems"]
    else:
        assert errors == [], result["problems"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_check_and_build_are_bounded(name: str, tmp_path: Path) -> None:
    """The writers' check and the build of a site holding only this article."""
    case = CASES[name]
    project = copy_site(tmp_path / "site")
    for post in (project / POSTS).glob("*.md"):
        post.unlink()
    (project / POSTS / FILE).write_text(case.text, encoding="utf-8")
    reproduce = f"to reproduce: cd {project} && python -m articles check {POSTS}/{FILE} && mkdocs build"

    def run(command: list[str], timeout: int) -> subprocess.CompletedProcess[str]:
        try:
            return subprocess.run(command, cwd=project, capture_output=True, encoding="utf-8", errors="replace", env=ENV, timeout=timeout)
        except subprocess.TimeoutExpired:
            pytest.fail(f"{name}: {' '.join(command[1:])} did not finish in {timeout} s; {reproduce}")

    check = run([sys.executable, "-m", "articles", "check", f"{POSTS}/{FILE}"], CHECK_TIMEOUT)
    build = run([sys.executable, "-m", "mkdocs", "build"], BUILD_TIMEOUT)
    for done in (check, build):
        _no_crash(done.stdout + done.stderr)
    if case.code:
        assert check.returncode == 1, check.stdout + check.stderr
        assert f"{POSTS}/{FILE}:{case.line}: erreur: {_fragment(case.code)}" in check.stdout, check.stdout
        assert build.returncode != 0, reproduce
        assert f"blog/posts/{FILE}:{case.line} : {_fragment(case.code)}" in build.stdout + build.stderr, build.stderr[-3000:]
    else:
        assert check.returncode == 0, check.stdout + check.stderr
        assert build.returncode == 0, f"{build.stderr[-3000:]}\n{reproduce}"
        assert list((project / "site/blog/2021/01/01").glob("*/index.html")), reproduce


# The rewritten patterns, against what they replace ------------------------------------


_OLD_HEADING = re.compile(r"^ {0,3}#(?!#)\s+(?P<text>.+?)\s*#*\s*$")


def test_heading_text_is_the_old_patterns() -> None:
    generator = random.Random(13)
    for _ in range(50_000):
        line = "".join(generator.choice([" ", "#", "a", "\t", "\xa0", "\u2003", "b"]) for _ in range(generator.randint(0, 10)))
        old = _OLD_HEADING.match(line)
        assert article_markdown._heading_text(line) == (old.group("text") if old else None), repr(line)


def test_code_spans_are_python_markdowns() -> None:
    """Paired as Python-Markdown pairs them (escaped backticks, runs of
    different lengths, runs it skips): each span it renders is one we mask."""
    generator = random.Random(15)
    renderer = python_markdown.Markdown()
    for _ in range(5_000):
        text = "x" + "".join(generator.choice(["`", "``", "```", "a", " ", "\\", "\\\\"]) for _ in range(generator.randint(1, 14)))
        rendered = re.findall(r"<code>(.*?)</code>", renderer.reset().convert(text))
        spans = [text[start:end] for start, end in article_markdown._inline_code_spans(text)]
        assert len(spans) == len(rendered), (text, rendered, spans)
        assert all(code.replace("&amp;", "&").strip() in span for code, span in zip(rendered, spans, strict=True)), (text, rendered, spans)


def _full_edit_distance(a: str, b: str, limit: int) -> int:
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


def test_edit_distance_is_the_full_tables() -> None:
    generator = random.Random(4)
    for _ in range(20_000):
        a = "".join(generator.choice("abc") for _ in range(generator.randint(0, 7)))
        b = "".join(generator.choice("abc") for _ in range(generator.randint(0, 7)))
        for limit in (0, 1, 2, 3):
            assert edit_distance(a, b, limit) == _full_edit_distance(a, b, limit), (a, b, limit)


_OLD_SPACES = re.compile(r"[ \t\r\n\f\v\x85\u2028\u2029\xa0\u202f]*[ \t\r\n\f\v\x85\u2028\u2029][ \t\r\n\f\v\x85\u2028\u2029\xa0\u202f]*")


def test_spaces_collapse_as_before() -> None:
    generator = random.Random(5)
    for _ in range(50_000):
        text = "".join(generator.choice(["a", " ", "\xa0", "\u202f", "\n", "\t", "\u2028"]) for _ in range(generator.randint(0, 12)))
        assert _SPACES.sub(" ", text) == _OLD_SPACES.sub(" ", text), repr(text)


def test_author_separators() -> None:
    assert split_authors("Amélie, Paul et Zoé") == ["Amélie", "Paul", "Zoé"]
    assert split_authors("Amélie & Paul ; Zoé and Marc") == ["Amélie", "Paul", "Zoé", "Marc"]
    assert split_authors("Paul, et Zoé") == ["Paul", "Zoé"]
    assert split_authors("Bernadette Etienne") == ["Bernadette Etienne"]


# Limits and aliases, in the core ------------------------------------------------------


def test_limit_codes_have_french_messages() -> None:
    assert limits.CODES | {"yaml_alias"} <= set(MESSAGES)
    assert all(MESSAGES[code][0] == "erreur" for code in limits.CODES | {"yaml_alias"})


@pytest.mark.parametrize(
    "body",
    [
        "# Titre\n\n" + _paragraphs(900_000),  # large, below the limit
        "- un\n    - deux\n        - trois\n            > citation\n\n!!! note\n    Texte\n",
        "Avant\n\n" + "* " * 40 + "\n\nAprès\n",  # a rule of forty stars
        "```\n" + "- " * 500 + "\n" + "[" * 5000 + "\n```\n",  # code is not read as Markdown
        "Un [lien [imbriqué]](https://exemple.fr), des `code` et ``co`de`` ; [note] et [^1].\n\n[^1]: Note.\n",
        "".join(f"## Partie {n}\n\nTexte[^{n}].\n\n[^{n}]: Note.\n\n" for n in range(300)),
    ],
    ids=["900-kb", "nested-5-levels", "rule-of-stars", "code-block", "ordinary-markup", "300-sections"],
)
def test_limits_leave_ordinary_articles_alone(body: str) -> None:
    article = normalize_article("blog/posts/ordinaire.md", FRONT + body)
    assert [problem.code for problem in article.problems if problem.code in limits.CODES] == []


def test_seed_article_is_within_limits() -> None:
    for post in (ROOT / POSTS).glob("*.md"):
        assert limits.check(post.read_text(encoding="utf-8")) is None, post


def test_yaml_aliases_are_refused_on_their_line() -> None:
    text = "---\ntitre: Alias\ndate: 2021-01-01\nnom: &n Paul\nauteur: *n\n---\n\nTexte.\n"
    article = normalize_article("blog/posts/alias.md", text)
    assert [(problem.code, problem.line) for problem in article.problems] == [("yaml_alias", 5)]
    assert "« *n »" in str(article.problems[0])


def test_ampersands_and_stars_in_values_are_not_aliases() -> None:
    text = '---\ntitre: "*Ventes* & Marketing"\ndate: 2021-01-01\nauteur: "&Paul"\n---\n\nTexte.\n'
    article = normalize_article("blog/posts/esperluette.md", text)
    assert article.ok and article.meta["title"] == "*Ventes* & Marketing", article.problems


def test_undefined_alias_keeps_its_message() -> None:
    article = normalize_article("blog/posts/alias.md", "---\ntitre: *gras*\ndate: 2021-01-01\n---\n\nTexte.\n")
    assert [problem.code for problem in article.problems if problem.severity.value == "erreur"] == ["yaml_invalid"]
