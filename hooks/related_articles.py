"""Related articles at the end of each article: those sharing its topics.

Events: ``on_config`` at priority -10, after ``normalize_articles`` has
read and checked the taxonomy: takes its hidden topics (``articles.site.
taxonomy``, one reading per version of the file). ``on_page_content`` at priority -10, after the blog plugin (0) has
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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from articles.site import taxonomy

TEMPLATE = "partials/related-articles.html"
COUNT = 5

_index: tuple[list[Page], TopicIndex] | None = None
_env: tuple[int, Environment] | None = None
_hidden: frozenset[str] = frozenset()


@event_priority(-10)
def on_config(config: MkDocsConfig) -> None:
    global _hidden, _index
    _hidden, _index = taxonomy(Path(config.docs_dir)).hidden, None


@event_priority(-10)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    blog = config.plugins.get("material/blog")
    if blog is None or not _is_post(page):
        return None
    related = related_posts(page, _topic_index(blog.blog.posts, config))
    if not related:
        return None
    template = _environment(config).get_template(TEMPLATE)
    items = [{"title": post.title, "url": get_relative_url(post.url, page.url)} for post in related]
    return html + template.render(articles=items)


@dataclass(frozen=True)
class TopicIndex:
    """The posts, newest first, and for each topic the set of its posts as
    the bits of an integer (bit i: ``posts[i]``).

    Comparing a post with every post sharing a topic would make the build
    grow with the square of the number of posts (a topic holds many of them);
    with bit sets, counting shared topics is a few operations on integers.
    """

    posts: Sequence[Any]
    topics: dict[str, int]
    position: dict[int, int]  # id(post) -> its bit


def index_topics(posts: Sequence[Any], hidden: set[str], timestamp: Callable[[Any], float]) -> TopicIndex:
    ordered = sorted(posts, key=timestamp, reverse=True)  # stable: ties keep the blog's order
    topics: dict[str, int] = {}
    for bit, post in enumerate(ordered):
        for tag in set(post.meta.get("tags") or []):
            if tag not in hidden:
                topics[tag] = topics.get(tag, 0) | (1 << bit)
    return TopicIndex(ordered, topics, {id(post): bit for bit, post in enumerate(ordered)})


def related_posts(post: Any, index: TopicIndex, count: int = COUNT) -> list[Any]:
    """Posts sharing at least one topic with ``post``: most shared first, then newest."""
    masks = [index.topics[tag] for tag in set(post.meta.get("tags") or []) if tag in index.topics]
    # Count, for every post at once, the topics it shares: bit i of
    # planes[k] is bit k of the count of posts[i] (additions with carries).
    planes: list[int] = []
    for carry in masks:
        for level, plane in enumerate(planes):
            planes[level], carry = plane ^ carry, plane & carry
            if not carry:
                break
        if carry:
            planes.append(carry)
    everyone = (1 << len(index.posts)) - 1
    others = everyone & ~(1 << index.position[id(post)]) if id(post) in index.position else everyone
    related: list[Any] = []
    for shared in range(len(masks), 0, -1):
        if shared >> len(planes):
            continue  # more than the planes can count: nobody
        chosen = others
        for level, plane in enumerate(planes):
            chosen &= plane if shared >> level & 1 else ~plane
        while chosen and len(related) < count:
            lowest = chosen & -chosen  # the newest of them
            related.append(index.posts[lowest.bit_length() - 1])
            chosen ^= lowest
        if len(related) == count:
            break
    return related


def _topic_index(posts: list[Page], config: MkDocsConfig) -> TopicIndex:
    # Built once per build: every post of the build is in the same list (held
    # here, so that a later build's list cannot reuse its id).
    global _index
    if _index is None or _index[0] is not posts:
        _index = (posts, index_topics(posts, set(_hidden), _timestamp))
    return _index[1]


def _environment(config: MkDocsConfig) -> Environment:
    global _env
    if _env is None or _env[0] != id(config):
        _env = (id(config), config.theme.get_env())
    return _env[1]


def _timestamp(post: Page) -> float:
    date = getattr(getattr(getattr(post, "config", None), "date", None), "created", None)
    if isinstance(date, dt.datetime):
        return date.replace(tzinfo=None).timestamp()
    return 0.0


def _is_post(page: Page) -> bool:
    from material.plugins.blog.structure import Post

    return isinstance(page, Post)
