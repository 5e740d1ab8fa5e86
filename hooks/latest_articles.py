"""The home page's list of latest articles.

Event: ``on_page_markdown`` at priority -60, after Material's blog plugin has
resolved its posts (in ``on_files``) and prepared them (``on_page_markdown``
at -50). Replaces the ``<!-- derniers-articles -->`` marker of the home page
with the newest published posts, rendered from a Jinja partial.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

log = get_plugin_logger(__name__)

MARKER = "<!-- derniers-articles -->"
TEMPLATE = "partials/latest-articles.html"
COUNT = 6


@event_priority(-60)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if MARKER not in markdown:
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
    return markdown.replace(MARKER, template.render(articles=items), 1)
