"""Related articles: most shared topics first, then the newest."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("related_articles_hook", ROOT / "hooks/related_articles.py")
related_articles = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(related_articles)  # type: ignore[union-attr]


def post(title: str, tags: list[str]) -> SimpleNamespace:
    return SimpleNamespace(title=title, meta={"tags": tags})


def test_most_shared_topics_first_then_newest() -> None:
    current = post("Courant", ["IA", "Vente", "CRM"])
    others = [
        post("Un thème, ancien", ["IA"]),
        post("Deux thèmes", ["IA", "Vente"]),
        post("Un thème, récent", ["CRM"]),
        post("Aucun thème commun", ["Export"]),
        post("Trois thèmes", ["CRM", "IA", "Vente"]),
    ]
    index: dict[str, list[SimpleNamespace]] = {}
    for page in [current, *others]:
        for tag in page.meta["tags"]:
            index.setdefault(tag, []).append(page)
    timestamps = {id(page): float(number) for number, page in enumerate(others)}
    ranked = related_articles.related_posts(current, index, timestamps, count=5)
    assert [page.title for page in ranked] == ["Trois thèmes", "Deux thèmes", "Un thème, récent", "Un thème, ancien"]
    assert related_articles.related_posts(current, index, timestamps, count=2) == ranked[:2]
    assert related_articles.related_posts(post("Seul", ["Export"]), {"Export": []}, {}) == []
