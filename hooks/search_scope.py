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
- ``on_post_build`` at priority 10, before the search plugin writes its index
  (at 0): each section keeps the opening that search results show, and each
  page's own entry lists the page's other words in a field search reads but
  does not show (``articles.search_index``: every word still finds its
  article, in a lighter index to download: bench/README.md); hidden topics (``hidden:
  true`` in ``docs/taxonomy.yml``, such as "Article") move from ``tags``,
  which search results show as chips, to ``hidden_tags``, a field mkdocs.yml
  declares with the same boost: searching "article" still finds the articles;
  the synonyms of a page's topics go to ``synonyms``, a field mkdocs.yml
  declares with a boost far below the text's: a synonym finds the topic's
  articles, after those that hold the word itself.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from articles.search_index import add_synonyms, compact_entries, hide_tags, read_stop_words
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
    if index is None:
        return
    stop_words = search_stop_words(config, search.config.lang)
    compact_entries(index.entries, search.config.separator, stop_words)
    add_synonyms(index.entries, _synonyms, search.config.separator, stop_words)
    hide_tags(index.entries, set(_hidden))


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
