"""What the search index holds: articles and pages, not listings of them.

Event: ``on_page_markdown`` at priority -60, after Material's blog plugin
(-50) has turned its views (blog index pages, archive, categories, authors)
into pages. Those views only repeat the excerpts of the articles: excluded
from the search index, they no longer push the articles down the results
nor weigh on the index every reader downloads. The blog index and the tags
page are excluded by their own front matter.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


@event_priority(-60)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if is_listing(page):
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return None


def is_listing(page: Page) -> bool:
    from material.plugins.blog.structure import View

    return isinstance(page, View)
