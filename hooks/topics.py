"""Topics: the taxonomy (``docs/taxonomy.yml``) shown to readers.

Events and priorities:
- ``on_config`` at priority -10, after ``normalize_articles`` has read the
  taxonomy (``articles.site.taxonomy``: one reading per version of the
  file, shared by the hooks): configures Material's tags plugin with what mkdocs.yml cannot
  hold (Zensical cannot load Python callables from it): French sorting of
  topics (accents and case ignored), articles newest first in each topic,
  and the hidden topics as "shadow tags".
- ``on_page_markdown`` at priority -60, after the blog plugin (-50) has
  prepared its views: the tags page gets an overview of every topic with its
  article count, and each category page gets the category's description.
- ``on_page_context`` at priority -10, after the tags plugin (0) has put the
  page's topics in the template context: hidden topics are taken out, so an
  article does not show them (they stay in the search index).
- ``on_env`` at priority 110, before the tags plugin renders its listings
  (at 100): the ``topic_description`` filter used by
  ``overrides/fragments/tags/default/listing.html``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from articles.site import taxonomy
from articles.tags import TermRegistry
from articles.text import fold

log = get_plugin_logger(__name__)

OVERVIEW_MARKER = "<!-- liste-des-themes -->"
# The home page shows the main topics only, so it stays short however many articles there are.
MAIN_TOPICS_MARKER = "<!-- themes-principaux -->"
MAIN_TOPICS = 12
OVERVIEW_TEMPLATE = "partials/topics-overview.html"
_OLDEST = dt.datetime.min

_tags = TermRegistry()
_categories = TermRegistry()


# Hooks -----------------------------------------------------------------------


@event_priority(-10)
def on_config(config: MkDocsConfig) -> None:
    global _tags, _categories
    read = taxonomy(Path(config.docs_dir))
    _tags, _categories = TermRegistry(list(read.tags)), TermRegistry(list(read.categories))
    plugin = config.plugins.get("material/tags")
    if plugin is None:
        return
    from material.plugins.tags.structure.tag import Tag

    plugin.config.tags_sort_by = french_tag_order
    plugin.config.listings_tags_sort_by = french_tag_order
    plugin.config.listings_sort_by = newest_first
    plugin.config.listings_sort_reverse = True
    plugin.config.shadow_tags = {Tag(name) for name in _tags.hidden_names()}


@event_priority(-60)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if OVERVIEW_MARKER in markdown:
        return markdown.replace(OVERVIEW_MARKER, _render_overview(page, config), 1)
    if MAIN_TOPICS_MARKER in markdown:
        return markdown.replace(MAIN_TOPICS_MARKER, _render_overview(page, config, limit=MAIN_TOPICS), 1)
    blog = config.plugins.get("material/blog")
    # Paginated pages of a category (page 2, 3...) have no name of their own.
    if blog is not None and _is_category_view(page) and getattr(page, "name", None):
        description = _categories.description(page.name)
        if description:
            return f"{markdown}\n\n{_escape_markdown(description)}\n"
    return None


@event_priority(-10)
def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: object) -> dict | None:
    tags = context.get("tags")
    if tags:
        context["tags"] = [tag for tag in tags if not getattr(tag, "hidden", False)]
    return context


@event_priority(110)
def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    env.filters["topic_description"] = _tags.description
    return env


# Helper functions ------------------------------------------------------------


def french_tag_order(tag: object, *args: object) -> str:
    """Sort key of a topic: ``Événementiel`` sorts under E, case ignored."""
    return fold(str(getattr(tag, "name", tag)))


def newest_first(mapping: object) -> tuple[dt.datetime, str]:
    """Sort key of a page in a topic: its publication date, then its title."""
    item = getattr(mapping, "item", mapping)
    date = getattr(getattr(getattr(item, "config", None), "date", None), "created", None)
    if isinstance(date, dt.datetime):
        date = date.replace(tzinfo=None)
    return (date or _OLDEST, fold(str(getattr(item, "title", ""))))


def topic_counts(posts: list[Page], hidden: set[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for post in posts:
        for tag in post.meta.get("tags") or []:
            if tag not in hidden:
                counts[str(tag)] += 1
    return counts


def _render_overview(page: Page, config: MkDocsConfig, limit: int | None = None) -> str:
    blog = config.plugins.get("material/blog")
    tags_plugin = config.plugins.get("material/tags")
    posts = list(blog.blog.posts) if blog is not None else []
    counts = topic_counts(posts, set(_tags.hidden_names()))
    slugify = tags_plugin.config.tags_slugify if tags_plugin is not None else (lambda text, separator: text)
    separator = tags_plugin.config.tags_slugify_separator if tags_plugin is not None else "-"
    chosen = counts.most_common(limit) if limit else counts.items()
    # The preview build (offline plugin) has no directory URLs: tags.html.
    tags_url = "tags/" if config.use_directory_urls else "tags.html"
    tags_page = get_relative_url(tags_url, page.url) if limit else ""
    topics = [
        {"name": name, "count": count, "url": f"{tags_page}#tag:{slugify(name, separator)}", "description": _tags.description(name)}
        for name, count in sorted(chosen, key=lambda item: french_tag_order(item[0]))
    ]
    template = config.theme.get_env().get_template(OVERVIEW_TEMPLATE)
    return template.render(topics=topics)


def _is_category_view(page: Page) -> bool:
    from material.plugins.blog.structure import Category

    return isinstance(page, Category)


def _escape_markdown(text: str) -> str:
    return "".join("\\" + char if char in "\\`*_{}[]()#+-.!<>|" else char for char in text)
