"""Related articles at the end of each article: those sharing its topics.

Event: ``on_page_content`` at priority -10, after the blog plugin (0) has
computed the reading time from the article's HTML, so the list does not
count as reading. The theme's Jinja environment is created once per build
(``on_env`` only comes after the pages' content, and creating one per page
costs more than the list itself).

Articles sharing the most topics come first, then the newest. The list is
marked ``data-search-exclude``: titles of other articles must not make this
one a search result.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import defaultdict

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

TEMPLATE = "partials/related-articles.html"
COUNT = 5

_index: dict[str, list[Page]] = {}
_timestamps: dict[int, float] = {}
_indexed_posts: int | None = None
_env: tuple[int, Environment] | None = None


@event_priority(-10)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    blog = config.plugins.get("material/blog")
    if blog is None or not _is_post(page):
        return None
    related = related_posts(page, _topic_index(blog.blog.posts, config), _timestamps)
    if not related:
        return None
    template = _environment(config).get_template(TEMPLATE)
    items = [{"title": post.title, "url": get_relative_url(post.url, page.url)} for post in related]
    return html + template.render(articles=items)


def related_posts(post: Page, index: dict[str, list[Page]], timestamps: dict[int, float], count: int = COUNT) -> list[Page]:
    """Posts sharing at least one topic with ``post``: most shared first, then newest."""
    shared: dict[int, int] = defaultdict(int)
    by_id: dict[int, Page] = {}
    for tag in post.meta.get("tags") or []:
        for other in index.get(tag, []):
            if other is not post:
                shared[id(other)] += 1
                by_id[id(other)] = other
    # nlargest, not a full sort: a topic may hold thousands of articles.
    return heapq.nlargest(count, by_id.values(), key=lambda other: (shared[id(other)], timestamps.get(id(other), 0.0)))


def _topic_index(posts: list[Page], config: MkDocsConfig) -> dict[str, list[Page]]:
    # Built once per build: every post of the build is in the same list.
    global _index, _timestamps, _indexed_posts
    if _indexed_posts != id(posts) or not _index:
        hidden = _hidden_topics(config)
        index: dict[str, list[Page]] = defaultdict(list)
        for post in posts:
            for tag in post.meta.get("tags") or []:
                if tag not in hidden:
                    index[tag].append(post)
        _index, _indexed_posts = dict(index), id(posts)
        _timestamps = {id(post): _timestamp(post) for post in posts}
    return _index


def _environment(config: MkDocsConfig) -> Environment:
    global _env
    if _env is None or _env[0] != id(config):
        _env = (id(config), config.theme.get_env())
    return _env[1]


def _hidden_topics(config: MkDocsConfig) -> set[str]:
    plugin = config.plugins.get("material/tags")
    return {tag.name for tag in plugin.config.shadow_tags} if plugin is not None else set()


def _timestamp(post: Page) -> float:
    date = getattr(getattr(getattr(post, "config", None), "date", None), "created", None)
    if isinstance(date, dt.datetime):
        return date.replace(tzinfo=None).timestamp()
    return 0.0


def _is_post(page: Page) -> bool:
    from material.plugins.blog.structure import Post

    return isinstance(page, Post)
