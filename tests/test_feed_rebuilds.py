"""`mkdocs serve` rebuilds (hooks/feed_rebuilds.py): the feeds after a
rebuild are the feeds of a single build, each article once.

MkDocs keeps plugin instances between the rebuilds of one server; the test
builds twice in one process as serve does (one startup, two configurations).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from sitebuild import copy_site, load_hook

FEEDS = ("feed_json_created.json", "feed_json_updated.json", "feed_rss_created.xml", "feed_rss_updated.xml")


def serve_builds(project: Path, count: int, edit=None) -> list[dict[str, bytes]]:  # type: ignore[no-untyped-def]
    """The feeds after each of ``count`` builds made as `mkdocs serve` makes them."""
    MkDocsConfig.plugins.plugin_cache.clear()
    site = project / "site"
    feeds = []
    first = None
    for number in range(count):
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        if first is None:
            first = config
            config.plugins.on_startup(command="serve", dirty=False)
        if edit is not None and number:
            edit(number)
        build(config)
        feeds.append({name: (site / name).read_bytes() for name in FEEDS})
    first.plugins.on_shutdown()
    MkDocsConfig.plugins.plugin_cache.clear()
    return feeds


def test_feeds_after_rebuilds_are_those_of_one_build(tmp_path: Path) -> None:
    project = copy_site(tmp_path / "site")
    article = next((project / "docs/blog/posts").glob("*.md"))
    original = article.read_text(encoding="utf-8")

    def edit(number: int) -> None:
        article.write_text(original + f"\nParagraphe ajouté {number}.\n", encoding="utf-8")

    rebuilt = serve_builds(project, 3, edit)[-1]
    once = serve_builds(project, 1)[0]
    for name in FEEDS:
        # The time of the build copy's last writing is the articles' "updated" date.
        assert _without_update_times(rebuilt[name]) == _without_update_times(once[name]), (
            f"{name}: reproduce with three builds of {project} in one process, as mkdocs serve makes them"
        )
    items = json.loads(rebuilt["feed_json_created.json"])["items"]
    assert len({item["url"] for item in items}) == len(items)


def _without_update_times(feed: bytes) -> bytes:
    return re.sub(rb'"date_modified": "[^"]*"|<pubDate>[^<]*</pubDate>|<lastBuildDate>[^<]*</lastBuildDate>', b"", feed)


def test_without_the_hook_the_plugin_repeats_articles(tmp_path: Path) -> None:
    """What the hook is for: if the plugin stops repeating articles, the hook can go."""
    project = copy_site(tmp_path / "site")
    config_file = project / "mkdocs.yml"
    config_file.write_text(config_file.read_text(encoding="utf-8").replace("  - hooks/feed_rebuilds.py\n", ""), encoding="utf-8")
    rebuilt = serve_builds(project, 2)[-1]
    items = json.loads(rebuilt["feed_json_created.json"])["items"]
    assert len({item["url"] for item in items}) < len(items)


def test_the_list_is_emptied_only_when_it_is_the_plugins_list() -> None:
    hook = load_hook("feed_rebuilds", "feed_rebuilds_under_test")

    class Plugin:
        pages_to_filter = ["page"]

    plugin = Plugin()
    hook.forget_last_build(plugin)
    assert plugin.pages_to_filter == []
    hook.forget_last_build(object())  # another version without the list: nothing happens
