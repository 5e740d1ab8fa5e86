"""Render Material's navigation once for all the pages that see it the same.

Material prints the whole navigation (every rubrique, archive year and
section) on every page: with a thousand articles, a tenth of the build. An
article is not itself in the navigation, so every article of the same
depth gets the same HTML. This hook keeps, for the build, the HTML of
``partials/nav.html`` under a key holding everything it reads from the page:
which items are active, and every navigation address as the ``url`` filter
makes it relative to the page. A page that is itself in the navigation (or
among a listing's pages) is rendered as usual: its entry differs.

Event and priority:
- ``on_env`` at priority -100, after the other hooks and plugins changed the
  environment: wraps the render function of the ``partials/nav.html``
  template of this build's environment (a new one each build), on the
  tested Jinja version only (``TESTED``); otherwise a warning, and every
  page renders its navigation as without this hook.

The internal used (``Template.root_render_func``, which ``{% include %}``
calls) is checked in tests/test_internals.py; tests/test_output_neutral_hooks.py
compares a whole site built with and without this hook, byte for byte.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.utils import normalize_url

from articles.versions import installed_version, untested_reason

log = get_plugin_logger(__name__)

TESTED = {"jinja2": "3.1.6"}
TEMPLATE = "partials/nav.html"

Key = tuple[tuple[bool, ...], tuple[str, ...], int, tuple[str, ...]]
# Addresses below the site's root made only of plain names: "blog/archive/2024/".
_PLAIN = re.compile(r"(?:[\w-]+/)*(?:[\w-]+)?")
# A page's address as MkDocs makes it: "blog/2024/01/02/titre/", "404.html".
_PAGE_URL = re.compile(r"(?:[\w-]+/)*(?:[\w-]+\.html)?")

# This build's pages with a navigation, and the renderings they needed.
_counts = {"pages": 0, "rendered": 0}


@event_priority(-100)
def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> None:
    reason = untested_reason(TESTED, {dist: installed_version(dist) for dist in TESTED})
    if reason:
        log.warning("Navigation memo disabled: %s.", reason)
        return
    _counts.update(pages=0, rendered=0)
    template = env.get_template(TEMPLATE)
    template.root_render_func = memoised(template.root_render_func, config)


def on_post_build(*, config: MkDocsConfig) -> None:
    log.debug("Navigation memo: %d renderings for %d pages", _counts["rendered"], _counts["pages"])


def memoised(render: Callable[[Any], Iterator[str]], config: MkDocsConfig) -> Callable[[Any], Iterator[str]]:
    """``render`` (a template's root render function), its output kept per
    navigation key: computed once for each group of pages that share it."""
    rendered: dict[Key, str] = {}
    shape: _Shape | None = None  # of this build's navigation

    def root(context: Any) -> Iterator[str]:
        nonlocal shape
        page, nav = context.get("page"), context.get("nav")
        _counts["pages"] += 1
        if page is None or nav is None:
            _counts["rendered"] += 1
            yield from render(context)
            return
        if shape is None or shape.nav is not nav:
            shape = _Shape(nav, config)
            rendered.clear()
        key = shape.key(page)
        if key is None:
            _counts["rendered"] += 1
            yield from render(context)
            return
        html = rendered.get(key)
        if html is None:
            _counts["rendered"] += 1
            html = rendered[key] = "".join(render(context))
        yield html

    return root


class _Shape:
    """What the navigation template reads that depends on the page."""

    def __init__(self, nav: Any, config: MkDocsConfig) -> None:
        self.nav = nav
        self.items = list(_walk(nav.items))
        # Every page the template compares with the current one, and every address it shows.
        pages = [*self.items, *(page for item in self.items for page in getattr(item, "pages", None) or [])]
        self.pages = {id(page) for page in pages}
        addresses = [getattr(page, "url", None) for page in pages]
        homepage = getattr(nav, "homepage", None)
        addresses += [getattr(homepage, "url", None), config.extra.get("homepage"), config.theme.get("logo")]
        # An address relative to the site's root reads, from a page, as ".."
        # up to the folder they share, then its own rest: pages whose folders
        # have the same depth and the same start, as far as any address
        # shares it, see every such address the same. Other addresses (with
        # a scheme, a query, dots...) go into the key as the page sees them.
        self.prefixes: set[tuple[str, ...]] = set()
        self.others: list[str] = []
        for address in sorted({str(address) for address in addresses if address is not None}):
            if _PLAIN.fullmatch(address):
                parts = tuple(part for part in address.split("/") if part)
                self.prefixes.update(parts[:length] for length in range(1, len(parts) + 1))
            else:
                self.others.append(address)

    def key(self, page: Any) -> Key | None:
        if id(page) in self.pages:
            return None  # its own entry (active link, table of contents) is drawn
        if not _PAGE_URL.fullmatch(page.url or ""):
            return None  # not an address MkDocs makes: rendered as usual
        active = tuple(bool(getattr(item, "active", False)) for item in self.items)
        folder = _folder_parts(page.url)
        shared = 0
        while shared < len(folder) and folder[: shared + 1] in self.prefixes:
            shared += 1
        seen = tuple(normalize_url(address, page=page) for address in self.others)
        return active, folder[:shared], len(folder), seen


def _folder_parts(url: str) -> tuple[str, ...]:
    """The folder addresses are made relative to, as MkDocs' get_relative_url takes it."""
    head, tail = posixpath.split(url)
    folder = head if "." in tail else url
    return tuple(part for part in folder.split("/") if part)


def _walk(items: list[Any]) -> Iterator[Any]:
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or [])
