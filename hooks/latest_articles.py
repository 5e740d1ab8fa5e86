"""The home page's list of latest articles.

Events:
- ``on_page_markdown`` at priority -60: the ``<!-- derniers-articles -->``
  marker of the home page becomes a placeholder paragraph (``PLACEHOLDER``),
  which Markdown and the sanitiser leave as it is;
- ``on_page_context`` at priority 100, before the search plugin (0) reads
  the page: the placeholder becomes the newest published posts, rendered
  from a Jinja partial. Every page is converted before any is rendered:
  by then each post has its reading time, which Material's blog plugin
  computes from its HTML (``on_page_content``), when not written by hand.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

log = get_plugin_logger(__name__)

MARKER = "<!-- derniers-articles -->"
TEMPLATE = "partials/latest-articles.html"
COUNT = 6
# Text no page writes, the same at every build (the page's conversion is cached).
PLACEHOLDER = "DerniersArticlesIci0b6c2d"
_PLACEHOLDER_HTML = f"<p>{PLACEHOLDER}</p>"


@event_priority(-60)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if MARKER not in markdown:
        return None
    return markdown.replace(MARKER, f"\n\n{PLACEHOLDER}\n\n", 1)


@event_priority(100)
def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any] | None:
    if page.content is None or _PLACEHOLDER_HTML not in page.content:
        return None
    blog = config.plugins.get("material/blog")
    posts = list(blog.blog.posts[:COUNT]) if blog is not None else []
    if not posts:
        log.warning("Aucun article publié à afficher sur la page %s.", page.file.src_uri)
    template = config.theme.get_env().get_template(TEMPLATE)
    items = [
        {
            "title": post.title,
            "url": get_relative_url(post.url, page.url),
            "date": post.config.date.created,
            "readtime": post.config.readtime,
            "description": post.meta.get("description"),
        }
        for post in posts
    ]
    page.content = page.content.replace(_PLACEHOLDER_HTML, template.render(articles=items), 1)
    return None
