"""Free each page's HTML once its file is written.

MkDocs keeps every page's converted HTML (``page.content``) until the build
ends, though nothing reads it once the page is written: the search index,
the feeds, the listings' excerpts and the related articles take what they
need before (``on_page_context``, ``on_page_content``, each post's own
excerpt). With thousands of articles that is a large share of a build's
memory, and of `mkdocs serve`'s, which holds one build while making the next.

Event and priority:
- ``on_post_page`` at priority -200, after every other plugin and hook has
  seen the written page: ``page.content`` is set to None. A page rendered
  again (hooks/fast_preview.py) is converted again first, as MkDocs does.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page


@event_priority(-200)
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str | None:
    page.content = None
    return None
