"""Problem lists for people: repeated problems grouped, locations listed."""

from __future__ import annotations

import pytest

from articles.problems import make_problem
from articles.report import (
    escape_data,
    escape_property,
    format_errors,
    group_repeated,
    inert,
    locations,
    log_line,
    markdown_cell,
    one_line,
)


def test_the_same_problem_in_several_articles_is_one_group_in_first_seen_order() -> None:
    problems = [
        make_problem("tag_unknown", "blog/posts/a.md", 4, term="Salons"),
        make_problem("author_unknown", "blog/posts/a.md", 5, name="Jean"),
        make_problem("tag_unknown", "blog/posts/b.md", 6, term="Salons"),
        make_problem("tag_unknown", "blog/posts/b.md", 6, term="Webinaires"),
    ]
    groups = group_repeated(problems)
    assert [(first.code, [member.path for member in members]) for first, members in groups] == [
        ("tag_unknown", ["blog/posts/a.md", "blog/posts/b.md"]),
        ("author_unknown", ["blog/posts/a.md"]),
        ("tag_unknown", ["blog/posts/b.md"]),
    ]


def test_locations_name_a_few_articles_and_count_the_others() -> None:
    problems = [make_problem("tag_unknown", f"blog/posts/{name}.md", 3, term="x") for name in "abcde"]
    assert locations(problems[:1], "docs") == "docs/blog/posts/a.md:3"
    assert locations(problems[:3]) == "blog/posts/a.md:3, blog/posts/b.md:3, blog/posts/c.md:3"
    assert locations(problems[:4]) == "blog/posts/a.md:3, blog/posts/b.md:3, blog/posts/c.md:3 et 1 autre article"
    assert locations(problems) == "blog/posts/a.md:3, blog/posts/b.md:3, blog/posts/c.md:3 et 2 autres articles"


# Lines GitHub Actions reads ---------------------------------------------------------------------

HOSTILE = [
    "x\n::error ::faux",
    "x\r::stop-commands::jeton",
    "  ::warning ::y",
    "##[error]ancien",
    "a\u2028::notice ::b",
    "\x1b[2Jeffacé",
    "x\r\n\r\n::add-mask::z",
]


def _command_free(line: str) -> bool:
    return "\n" not in line and "\r" not in line and not line.lstrip().startswith("::") and "##[" not in line


@pytest.mark.parametrize("text", HOSTILE)
def test_log_line_cannot_start_a_workflow_command(text: str) -> None:
    line = log_line(text)
    assert _command_free(line)
    assert line.replace("\u200b", "").replace("⏎", "").replace("\ufffd", "") == (
        text.replace("\r\n", "").replace("\n", "").replace("\r", "").replace("\u2028", "").replace("\x1b", "")
    )


def test_one_line_and_inert() -> None:
    assert one_line("a\nb\r\nc\rd\x85e") == "a⏎b⏎c⏎d⏎e"
    assert one_line("tab\tkept") == "tab\tkept"
    assert inert("::error ::x") == ":\u200b:error ::x"
    assert inert("texte normal : rien à faire") == "texte normal : rien à faire"


@pytest.mark.parametrize("text", HOSTILE)
def test_the_builds_error_message_is_command_free(text: str) -> None:
    problems = [
        make_problem("tag_unknown", f"blog/posts/{text}.md", 4, term=text),
        make_problem("duplicate_key", "blog/posts/a.md", 2, key=text),
    ]
    message = format_errors(problems, "docs")
    assert all(_command_free(line) for line in message.split("\n")), message
    assert _command_free(locations(problems, "docs"))


def test_workflow_command_escapes() -> None:
    assert escape_data("50 % de remise\r\n→ conseil") == "50 %25 de remise%0D%0A→ conseil"
    assert "##[" not in escape_data("##[error]x")
    assert escape_property("docs/a:b,c.md") == "docs/a%3Ab%2Cc.md"


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("Prix | 100 €", "Prix \\| 100 €"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ("ligne 1\nligne 2", "ligne 1⏎ligne 2"),
        ("**gras** et [lien](https://x.example)", "\\*\\*gras\\*\\* et \\[lien\\](https://x.example)"),
        ("`code` ~barré~ $x$ \\", "\\`code\\` \\~barré\\~ \\$x\\$ \\\\"),
        ("Q&R « citation »", "Q&amp;R « citation »"),
    ],
)
def test_markdown_cell(text: str, cell: str) -> None:
    assert markdown_cell(text) == cell
