"""``frontmatter.split`` searches the text instead of splitting it into lines
(the body is most of an article); it must cut exactly where the line-by-line
definition of the rule does."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.frontmatter import FrontMatterError, split


def split_by_lines(text: str) -> tuple[str | None, str, int, str, int]:
    """The rule, line by line: blank lines, an opening delimiter alone on its
    line (spaces around allowed), then the first closing delimiter at the
    start of a line (trailing spaces allowed)."""
    lines = text.split("\n")
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start == len(lines):
        return None, "", 0, text, 1
    opening = lines[start].strip()
    closing = {"---": ("---", "..."), "+++": ("+++",)}.get(opening)
    if closing is None:
        return None, "", 0, text, 1
    for end in range(start + 1, len(lines)):
        if lines[end].rstrip() in closing and not lines[end][:1].isspace():
            fmt = "yaml" if opening == "---" else "toml"
            return fmt, "\n".join(lines[start + 1 : end]), start + 2, "\n".join(lines[end + 1 :]), end + 2
    raise FrontMatterError("front_matter_unclosed", start + 1, delimiter=opening)


def outcome(function, text: str) -> tuple:
    try:
        return ("ok", function(text))
    except FrontMatterError as error:
        return ("error", error.code, error.line)


pieces = st.sampled_from(["---", "+++", "...", " ", "\t", "\u00a0", "\n", "\n\n", "a: 1", "titre = 'x'", "texte", "- ---", " ---"])


@given(st.lists(pieces, max_size=14).map("".join))
@settings(max_examples=600)
def test_split_cuts_where_the_line_rule_does(text: str) -> None:
    assert outcome(split, text) == outcome(split_by_lines, text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "---",
        "---\n",
        "---\n---",
        "---\n---\n",
        "\n\n---\na: 1\n---\ncorps\n",
        "+++\na = 1\n+++",
        "---  \na: 1\n...\nb",
        "x\n---\n---\n",
    ],
)
def test_split_edge_cases(text: str) -> None:
    assert outcome(split, text) == outcome(split_by_lines, text)
