"""hooks/blog_menus.py: the blog's menus list rubriques and authors by name, French-style."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

from sitebuild import copy_site, load_hook, run_build

menus = load_hook("blog_menus", "blog_menus_under_test")

# Newest first: Material would list the authors Zoé, Élodie, Amélie, and the
# rubriques Articles, Ventes, Événements (« É » after « V » by code point).
ARTICLES = {
    "zoe.md": "---\ntitle: Le dernier\ndate: 2024-03-01\nauteur: Zoé Martin\nrubrique: Ventes\n---\n\nTexte.\n",
    "elodie.md": "---\ntitle: Le milieu\ndate: 2023-03-01\nauteur: Élodie Bernard\nrubrique: Événements\n---\n\nTexte.\n",
    "amelie.md": "---\ntitle: Le premier\ndate: 2022-03-01\nauteur: amelie\nrubrique: Articles\n---\n\nTexte.\n",
}


def menu(page: str, title: str) -> list[str]:
    """The entries of the navigation's section TITLE, in order."""
    found = re.search(rf'<span class="md-ellipsis">\s*{title}\s*</span>.*?<ul class="md-nav__list"[^>]*>(.*?)</ul>', page, re.DOTALL)
    assert found, f"no « {title} » menu"
    return [
        re.sub(r"\s+", " ", entry).strip() for entry in re.findall(r'<span class="md-ellipsis">(.*?)</span>', found.group(1), re.DOTALL)
    ]


def test_rubriques_and_authors_are_listed_by_name_on_every_page(tmp_path: Path) -> None:
    project = copy_site(tmp_path)
    for name, text in ARTICLES.items():
        (project / "docs/blog/posts" / name).write_text(text, encoding="utf-8")
    result = run_build(project, strict=False)
    assert not result.aborted, result.reproduce()
    for path in ("index.html", "blog/2024/03/01/le-dernier/index.html"):
        page = result.page(path)
        authors = menu(page, "Auteurs")
        assert authors == sorted(authors, key=lambda name: menus.name_order(SimpleNamespace(name=name))), f"{path}: {authors}"
        assert authors.index("Amélie") < authors.index("Élodie Bernard") < authors.index("Zoé Martin"), f"{path}: {authors}"
        rubriques = menu(page, "Rubriques")
        assert rubriques.index("Articles") < rubriques.index("Événements") < rubriques.index("Ventes"), f"{path}: {rubriques}"


def test_authors_take_the_places_of_authors_in_name_order() -> None:
    def profile(name: str):  # noqa: ANN202
        view = menus.Profile.__new__(menus.Profile)
        view.name = name
        return view

    archive, rubrique = SimpleNamespace(name="2024"), SimpleNamespace(name="Ventes")
    zoe, elodie, amelie = profile("Zoé"), profile("Élodie"), profile("amélie")
    assert menus.authors_by_name([archive, rubrique, zoe, elodie, amelie]) == [archive, rubrique, amelie, elodie, zoe]


def test_the_order_of_names_ignores_accents_and_case_then_keeps_them_apart() -> None:
    names = ["Zoé", "élodie", "Élodie", "Eric", "Émile", "amélie"]
    ordered = sorted(names, key=lambda name: menus.name_order(SimpleNamespace(name=name)))
    assert ordered == ["amélie", "Élodie", "élodie", "Émile", "Eric", "Zoé"]
