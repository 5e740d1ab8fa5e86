"""The blog's menus in the order readers look in them: rubriques and authors
by name, French-style (accents and case ignored: « Élodie » under E).

Material lists the authors in the order of their newest article (so the menu
on every page reorders itself with each new article) and the rubriques by
code point (« Événements » after « Ventes »).

Events and priorities:
- ``on_config`` at priority -10, after the blog plugin has read its options:
  its ``categories_sort_by`` becomes the French order of names (a function,
  which mkdocs.yml cannot hold for Zensical).
- ``on_files`` at priority -60, after the blog plugin has made its views in
  its own ``on_files`` at -50: its authors' views (``Profile``) are put in
  the order of their names; the plugin attaches them to the navigation in
  ``on_nav`` in that order.

The internals used (the blog's ``views`` list, ``Profile``) are checked in
tests/test_internals.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from articles.text import fold

try:  # An internal; without it the authors keep Material's order.
    from material.plugins.blog.structure import Profile
except ImportError:  # pragma: no cover - depends on the installed version
    Profile = None


@event_priority(-10)
def on_config(config: MkDocsConfig) -> None:
    blog = config.plugins.get("material/blog")
    if blog is not None:
        blog.config.categories_sort_by = name_order


@event_priority(-60)
def on_files(files: Files, *, config: MkDocsConfig) -> None:
    blog = config.plugins.get("material/blog")
    entry = getattr(blog, "blog", None)
    if blog is None or not blog.config.enabled or entry is None or Profile is None:
        return
    entry.views[:] = authors_by_name(entry.views)


def name_order(view: Any) -> tuple[str, str]:
    """Sort key of a menu entry: its name folded, then as written."""
    name = str(getattr(view, "name", view))
    return (fold(name), name)


def authors_by_name(views: Iterable[Any]) -> list[Any]:
    """VIEWS with the authors' ones in the order of their names, in the places
    the authors' views had."""
    views = list(views)
    authors = iter(sorted((view for view in views if isinstance(view, Profile)), key=name_order))
    return [next(authors) if isinstance(view, Profile) else view for view in views]
