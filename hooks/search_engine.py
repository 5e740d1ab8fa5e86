"""This site's prebuilt search index, in the index file readers download.

Event and priority:
- ``on_post_build`` at priority -10, after the search plugin has written
  ``search/search_index.json`` (at 0) and before the offline plugin inlines
  it for the preview (-100): the prebuilt index hooks/search_scope.py wrote
  beside it (``search/engine.json``, at 10) goes first in its ``config``,
  the part Material hands to the search worker
  (``articles.search_index.join_engine``).

A hook of its own because the index is written between the two: the
engine is copied from file to file rather than joined to the plugin's
index as one string, which at thousands of articles weighed tens of
megabytes at the build's busiest moment (bench/README.md).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from articles.search_index import ENGINE_FILE, join_engine


@event_priority(-10)
def on_post_build(*, config: MkDocsConfig) -> None:
    search_dir = Path(config.site_dir) / "search"
    engine = search_dir / ENGINE_FILE
    if engine.is_file():
        join_engine(search_dir / "search_index.json", engine)
