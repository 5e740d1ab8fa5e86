"""What the search index holds: articles and pages, not listings of them;
of each section, the opening results show, and the page's other words as
words to find; hidden topics as words to find, not chips to show.

Events and priorities:
- ``on_config`` at priority -10, after ``normalize_articles`` has read and
  checked the taxonomy: takes its hidden topics and the topics' synonyms
  (``articles.site.taxonomy``, one reading per version of the file).
- ``on_page_markdown`` at priority -60, after Material's blog plugin (-50)
  has turned its views (blog index pages, archive, categories, authors) into
  pages. Those views only repeat the excerpts of the articles: excluded from
  the search index, they do not push the articles down the results nor
  weigh on the index readers download. The blog index and the tags page are
  excluded by their own front matter.
- ``on_post_build`` at priority 10, before the search plugin writes its
  index (at 0): the entries become what this site's search reads
  (``articles.search_index.build_search_index``): each section's opening,
  and the prebuilt index of every word (hidden topics and the topics'
  synonyms included), which docs/assets/javascripts/search-worker.js looks
  words up in instead of building a lunr index in the reader's browser. The
  sections' whole texts go to small files under ``search/passages/``. The
  prebuilt index goes to ``search/engine.json``, which hooks/search_engine.py
  puts in the ``config`` of the index once the plugin has written it (the
  part Material hands to the search worker).
"""

from __future__ import annotations

import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from articles.search_index import ENGINE_FILE, PASSAGES_FOLDER, build_search_index, passages_json, read_stop_words, write_engine
from articles.site import taxonomy

_hidden: frozenset[str] = frozenset()
_synonyms: dict[str, tuple[str, ...]] = {}


@event_priority(-10)
def on_config(config: MkDocsConfig) -> None:
    global _hidden, _synonyms
    topics = taxonomy(Path(config.docs_dir))
    _hidden = topics.hidden
    _synonyms = {term.name: term.synonyms for term in topics.tags}


@event_priority(-60)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if is_listing(page):
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return None


@event_priority(10)
def on_post_build(*, config: MkDocsConfig) -> None:
    search = config.plugins.get("material/search")
    index = getattr(search, "search_index", None)
    # Switched off, the plugin writes no index (its instance may keep the
    # last build's in `mkdocs serve`).
    if index is None or not search.config.enabled:
        return
    stop_words = search_stop_words(config, search.config.lang)
    search_dir = Path(config.site_dir) / "search"
    # Each page's passages are written as they come, into a folder named
    # after them all once they are all written.
    partial = search_dir / PASSAGES_FOLDER / ".partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)

    with BackgroundWriter() as writer:

        def write(number: int, sections: list[list[str]]) -> None:
            writer.write(partial / f"{number}.json", passages_json(sections))

        built = build_search_index(index.entries, search.config.separator, stop_words, _hidden, _synonyms, write)
    folder = search_dir / built.passages_folder()
    shutil.rmtree(folder, ignore_errors=True)
    partial.rename(folder)
    index.entries[:] = built.docs
    with (search_dir / ENGINE_FILE).open("w", encoding="utf-8") as file:
        write_engine({**built.engine, "passages": built.passages_folder()}, file)


class BackgroundWriter:
    """Files written by a thread of their own while the index is computed:
    creating a file waits on the disk (most of all just after the pages
    were written), computing the index does not. At most ``PENDING`` texts
    wait to be written; the first failure is raised once all are done."""

    PENDING = 64

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-passages")
        self._slots = threading.BoundedSemaphore(self.PENDING)
        self._failure: BaseException | None = None

    def write(self, path: Path, text: str) -> None:
        self._slots.acquire()
        try:
            self._executor.submit(self._write, path, text)
        except BaseException:
            self._slots.release()
            raise

    def _write(self, path: Path, text: str) -> None:
        try:
            path.write_text(text, encoding="utf-8")
        except BaseException as error:  # noqa: BLE001 - raised in the build's thread, by __exit__
            if self._failure is None:
                self._failure = error
        finally:
            self._slots.release()

    def __enter__(self) -> BackgroundWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self._executor.shutdown(wait=True)
        if self._failure is not None and exc[0] is None:
            raise self._failure


def search_stop_words(config: MkDocsConfig, languages: list[str]) -> frozenset[str]:
    """The stop words of the search language files the theme serves (ours:
    overrides/assets/javascripts/lunr/min/lunr.fr.min.js)."""
    words: frozenset[str] = frozenset()
    for language in languages:
        for directory in config.theme.dirs:
            path = Path(directory, f"assets/javascripts/lunr/min/lunr.{language}.min.js")
            if path.is_file():
                words |= read_stop_words(path.read_text(encoding="utf-8"))
                break
    return words


def is_listing(page: Page) -> bool:
    from material.plugins.blog.structure import View

    return isinstance(page, View)
