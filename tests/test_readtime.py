"""Reading time (articles/readtime.py): 3, "3", "3 min", "3 minutes", "3mn", "3 min." -> 3."""

from __future__ import annotations

import pytest

from articles import normalize_article
from articles.readtime import parse_readtime

READABLE = [
    # The rule's examples.
    (3, 3),
    ("3", 3),
    ("3 min", 3),
    ("3 minutes", 3),
    ("3mn", 3),
    ("3 min.", 3),
    # The same forms with other numbers, spacing and case.
    (12, 12),
    ("12", 12),
    ("12 min", 12),
    ("12min", 12),
    ("12 minutes", 12),
    ("1 minute", 1),
    ("45mn", 45),
    ("45 mn", 45),
    ("45 mn.", 45),
    ("7 min.", 7),
    ("7min.", 7),
    (" 7 min ", 7),
    ("7 MIN", 7),
    ("7 Minutes", 7),
    ("7 mins", 7),
]


@pytest.mark.parametrize(("written", "minutes"), READABLE, ids=[repr(w) for w, _ in READABLE])
def test_parse_readtime(written: object, minutes: int) -> None:
    assert parse_readtime(written) == minutes


@pytest.mark.parametrize("written", ["beaucoup", "", "min", "quelques minutes", True, None, [3]])
def test_unreadable_readtime(written: object) -> None:
    assert parse_readtime(written) is None


@pytest.mark.parametrize(
    ("line", "minutes"),
    [
        ("readtime: 3", 3),
        ('readtime: "3"', 3),
        ("temps de lecture: 3 min", 3),
        ("Durée de lecture: 3 minutes", 3),
        ("durée: 3mn", 3),
        ("Reading time: 3 min.", 3),
        ("read: 10", 10),
        ("Temps_de_lecture: '8 min'", 8),
    ],
)
def test_readtime_in_front_matter(line: str, minutes: int) -> None:
    article = normalize_article("blog/posts/a.md", f"---\ntitle: T\ndate: 2022-01-01\n{line}\n---\nTexte.\n")
    assert article.meta["readtime"] == minutes
    assert not [p for p in article.problems if p.code == "readtime_unreadable"]


def test_unreadable_readtime_is_a_warning_not_an_error() -> None:
    article = normalize_article("blog/posts/a.md", "---\ntitle: T\ndate: 2022-01-01\ndurée: rapide\n---\nTexte.\n")
    assert "readtime" not in article.meta
    assert article.ok
