"""Related articles: most shared topics first, then the newest."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("related_articles_hook", ROOT / "hooks/related_articles.py")
related_articles = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = related_articles  # as MkDocs loads hooks (dataclasses need it)
_spec.loader.exec_module(related_articles)  # type: ignore[union-attr]


def post(title: str, tags: list[str], timestamp: float = 0.0) -> SimpleNamespace:
    return SimpleNamespace(title=title, meta={"tags": tags}, timestamp=timestamp)


def index(posts: list[SimpleNamespace], hidden: frozenset[str] = frozenset()) -> object:
    return related_articles.index_topics(posts, set(hidden), lambda page: page.timestamp)


def test_most_shared_topics_first_then_newest() -> None:
    current = post("Courant", ["IA", "Vente", "CRM"], 10)
    others = [
        post("Un thème, ancien", ["IA"], 0),
        post("Deux thèmes", ["IA", "Vente"], 1),
        post("Un thème, récent", ["CRM"], 2),
        post("Aucun thème commun", ["Export"], 3),
        post("Trois thèmes", ["CRM", "IA", "Vente"], 4),
    ]
    topics = index([current, *others])
    ranked = related_articles.related_posts(current, topics, count=5)
    assert [page.title for page in ranked] == ["Trois thèmes", "Deux thèmes", "Un thème, récent", "Un thème, ancien"]
    assert related_articles.related_posts(current, topics, count=2) == ranked[:2]
    alone = post("Seul", ["Export"])
    assert related_articles.related_posts(alone, index([alone])) == []


def test_hidden_topics_relate_nothing() -> None:
    current, other = post("Courant", ["Article", "IA"]), post("Autre", ["Article"])
    assert related_articles.related_posts(current, index([current, other], frozenset({"Article"}))) == []


def reference(current: SimpleNamespace, posts: list[SimpleNamespace], count: int) -> list[str]:
    """The rule, by brute force: shared topics, then newest, then the blog's order."""
    tags = set(current.meta["tags"])
    candidates = [
        (len(tags & set(page.meta["tags"])), page.timestamp, -number, page.title)
        for number, page in enumerate(posts)
        if page is not current
    ]
    return [title for shared, _, _, title in sorted(candidates, reverse=True) if shared][:count]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.lists(st.sampled_from("ABCDEFG"), max_size=5), st.integers(0, 6)), min_size=1, max_size=40),
    st.integers(1, 8),
)
def test_same_ranking_as_comparing_every_pair(specs: list[tuple[list[str], int]], count: int) -> None:
    posts = [post(f"p{number}", tags, float(timestamp)) for number, (tags, timestamp) in enumerate(specs)]
    topics = index(posts)
    for current in posts:
        assert [page.title for page in related_articles.related_posts(current, topics, count)] == reference(current, posts, count)
