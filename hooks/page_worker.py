"""`mkdocs build` writes part of the articles' pages in a second process.

Rendering each page through Material's templates and indexing it for search
is the larger half of a build; the articles' pages are independent of each
other there. Once every page is converted and the theme's environment is
ready, the build forks (``articles/forked.py``): the copy renders and writes
the last articles' pages (``WORKER_SHARE`` of them) as MkDocs would, and
hands back each page's search entries and log records; this process writes
every other page meanwhile, then puts the copy's search entries where they
would have been, in the order of the pages, and logs its records.

Only where the result is the same: on the tested versions (``TESTED``), for
`mkdocs build` on Linux with at least ``WORKER_MIN_PAGES`` pages, while the
build holds less than ``articles.forked.MAX_RESIDENT_MB`` (the copy ends up
costing about as much again: at 5,000 articles only the conversions are
split, bench/README.md), and when every plugin or hook that sees a page
being written is one whose effect is known (``KNOWN_PAGE_EVENTS``): a page's
context (search entries, taken back; topics; Material's listings, which are
never given to the copy) or its memory. Otherwise, or with
``BUILD_WORKERS=off``, the build writes every page itself. A page the copy
could not write stops the build with its name, as an error writing it in
the build would.

Events and priorities:
- ``on_nav`` at priority -1000, after every plugin changed it: the
  navigation MkDocs writes the pages with, kept for the copy.
- ``on_env`` at priority -1000, after every plugin and hook has set up the
  theme's environment (MkDocs then writes the pages): forks, and puts its
  own page writer in place of MkDocs' for this build.
- ``on_post_build`` at priority 100, before the search plugin (0) and
  ``hooks/search_scope.py`` (10) read the entries: takes the copy's result.
- ``on_build_error`` and ``on_shutdown``: MkDocs' page writer is put back,
  the copy stopped, the build's objects thawed (``Forked.thaw``; a build
  that ends well is thawed by ``hooks/build_cache.py``, after the search
  index is made).

Internals used, all here and checked by tests/test_internals.py: MkDocs'
build loop looks ``mkdocs.commands.build._build_page`` up for each page;
Material's blog plugin lists its posts in ``blog.posts``; Material's search
plugin keeps its entries in ``search_index.entries``, in the order pages
are written. tests/test_build_workers.py compares sites built with and
without the copy, byte for byte.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import posixpath
from collections.abc import Callable
from typing import Any, Literal

import mkdocs
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from articles.forked import Captured, Forked, can_fork, replay, worth_forking
from articles.versions import installed_version, untested_reason

log = get_plugin_logger(__name__)

TESTED = {"mkdocs-material": "9.8.2", "mkdocs": "1.6.1"}
# Below this, forking costs more than it saves.
WORKER_MIN_PAGES = 200
# The copy's part of the articles, the last ones: this process writes the
# other pages, the listings among them (their excerpts make them the slowest).
WORKER_SHARE = 0.85
# What every handler of the events a page's writing runs does, by plugin
# class or hook file: nothing another page's writing depends on, but the
# search entries this hook takes back from the copy.
KNOWN_PAGE_EVENTS = {
    "page_context": {
        "material.plugins.search.plugin.SearchPlugin",  # the page's search entries: taken back
        "material.plugins.tags.plugin.TagsPlugin",  # the page's topics, in its context
        "material.plugins.blog.plugin.BlogPlugin",  # listings only, never given to the copy
        "sanitize_html.py",  # the page's table of contents and search entries
        "topics.py",  # the page's topics, in its context
        "latest_articles.py",  # the home page's newest articles, in its content
    },
    "post_page": {"page_memory.py"},  # the page's HTML freed
}


class _State:
    def __init__(self) -> None:
        self.enabled = False
        self.nav: Navigation | None = None
        self.build_module: Any = None
        self.original: Callable[..., None] | None = None
        self.worker: _Worker | None = None


_state = _State()


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    # Not in `mkdocs serve`: its server threads make forking it unsafe.
    tested = not untested_reason(TESTED, {dist: installed_version(dist) for dist in TESTED})
    _state.enabled = command != "serve" and not dirty and tested and can_fork()


def on_shutdown() -> None:
    _end(wait=False)
    Forked.thaw()


@event_priority(-1000)
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> None:
    _state.nav = nav  # as every plugin left it: the one MkDocs writes the pages with


@event_priority(-1000)
def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> None:
    _end(wait=False)
    if not _state.enabled or _state.nav is None:
        return
    unknown = unknown_page_handlers(config)
    if unknown:
        log.debug("Every page written by this process: %s may depend on the pages written before.", ", ".join(unknown))
        return
    doc_files = files.documentation_pages()
    pages = [file.page for file in doc_files if file.page is not None]
    share = worker_share(pages, _posts(config), WORKER_SHARE)
    entries = _search_entries(config)
    if not worth_forking(len(pages), WORKER_MIN_PAGES) or not share or entries is None:
        return
    _state.build_module = importlib.import_module(f"{mkdocs.__name__}.commands.build")
    original = _state.original = _state.build_module._build_page
    write = functools.partial(_write_in_worker, original, config, doc_files, _state.nav, env)
    worker = _Worker(share, entries, write)
    if not worker.started:
        _state.build_module = _state.original = None
        return
    _state.worker = worker
    _state.build_module._build_page = functools.wraps(original)(functools.partial(_write_or_leave, original, worker))


@event_priority(100)
def on_post_build(*, config: MkDocsConfig) -> None:
    worker = _end(wait=True)
    if worker is not None:
        worker.finish()


def on_build_error(*, error: Exception) -> None:
    _end(wait=False)
    Forked.thaw()


def _end(*, wait: bool) -> _Worker | None:
    """MkDocs' page writer put back; the copy waited for, or stopped."""
    if _state.build_module is not None and _state.original is not None:
        _state.build_module._build_page = _state.original
    _state.build_module = _state.original = None
    worker, _state.worker = _state.worker, None
    if worker is not None:
        if wait:
            worker.wait()
        else:
            worker.stop()
    return worker


# The share of the copy -----------------------------------------------------------


def unknown_page_handlers(config: MkDocsConfig) -> list[str]:
    """The handlers of a page's writing events whose effects are not known.
    (The events before, up to its conversion, ran before the fork.)"""
    unknown = []
    for event, known in KNOWN_PAGE_EVENTS.items():
        for handler in config.plugins.events.get(event, []):
            name = handler_name(handler)
            if name not in known:
                unknown.append(name)
    return unknown


def handler_name(handler: Callable[..., Any]) -> str:
    handler = inspect.unwrap(handler)
    owner = getattr(handler, "__self__", None)
    if owner is not None:
        kind = type(owner)
        return f"{kind.__module__}.{kind.__qualname__}"
    return posixpath.basename(str(getattr(handler, "__module__", handler)))


def _posts(config: MkDocsConfig) -> list[Page]:
    blog = config.plugins.get("material/blog")
    posts = getattr(getattr(blog, "blog", None), "posts", None)
    return list(posts) if isinstance(posts, list) else []


def worker_share(pages: list[Page], posts: list[Page], share: float) -> list[Page]:
    """The last ``share`` of the articles, in the order MkDocs writes them."""
    articles = {id(post) for post in posts}
    in_order = [page for page in pages if id(page) in articles]
    return in_order[len(in_order) - round(share * len(in_order)) :] if in_order else []


def _search_entries(config: MkDocsConfig) -> list[dict[str, Any]] | None:
    search = config.plugins.get("material/search")
    entries = getattr(getattr(search, "search_index", None), "entries", None)
    return entries if isinstance(entries, list) else None


# The copy ------------------------------------------------------------------------


class _Worker:
    def __init__(self, share: list[Page], entries: list[dict[str, Any]], write: Callable[..., dict[str, Any]]) -> None:
        self.share = {id(page) for page in share}
        self.entries = entries
        # Each page left to the copy, with the place of its search entries in the order of writing.
        self.places: list[tuple[Page, int]] = []
        self.result: dict[str, Any] = {}
        self._forked = Forked.start(functools.partial(write, share, entries))
        self.started = self._forked.started

    def wait(self) -> None:
        result = self._forked.result()
        self.result = result if isinstance(result, dict) else {}

    def stop(self) -> None:
        self._forked.stop()

    def finish(self) -> None:
        """The copy's search entries where they belong, its records logged;
        a page it could not write stops the build as it would have."""
        written = [(page, place, self.result.get(page.file.src_uri)) for page, place in self.places]
        for _page, _place, result in written:
            if result is not None:
                replay(result["records"])
        for page, _place, result in written:
            if result is None:
                raise PluginError(
                    f"Page non écrite : {page.file.src_uri}. Le second processus de la construction s'est arrêté"
                    " avant de l'écrire ; relancez la construction (avec BUILD_WORKERS=off, toutes les pages"
                    " sont écrites par un seul processus)."
                )
            if result.get("error"):
                raise PluginError(f"Erreur en écrivant la page {page.file.src_uri} : {result['error']}")
        for _page, place, result in reversed(written):
            self.entries[place:place] = result["entries"]
        log.debug("Pages written by a second process: %s.", len(written))


def _write_or_leave(
    original: Callable[..., None],
    worker: _Worker,
    page: Page,
    config: MkDocsConfig,
    doc_files: Any,
    nav: Any,
    env: Any,
    dirty: bool = False,
    excluded: bool = False,
) -> None:
    """MkDocs' page writer, for every page but those the copy writes."""
    if id(page) not in worker.share or dirty or excluded:
        return original(page, config, doc_files, nav, env, dirty, excluded)
    worker.places.append((page, len(worker.entries)))
    # Nothing reads a page's HTML once it is written (hooks/page_memory.py).
    page.content = None
    return None


def _write_in_worker(
    original: Callable[..., None],
    config: MkDocsConfig,
    doc_files: Any,
    nav: Navigation,
    env: Environment,
    share: list[Page],
    entries: list[dict[str, Any]],
) -> dict[str, Any]:
    """In the copy: each page of ``share`` written as MkDocs writes it, with
    the search entries it added and what it logged."""
    results: dict[str, Any] = {}
    for page in share:
        before = len(entries)
        with Captured() as captured:
            try:
                original(page, config, doc_files, nav, env)
            except Exception as error:  # noqa: BLE001 - the build stops on it, with MkDocs' message
                results[page.file.src_uri] = {"entries": [], "records": captured.records, "error": str(error) or type(error).__name__}
                return results
        results[page.file.src_uri] = {"entries": entries[before:], "records": captured.records}
    return results
