"""`mkdocs serve`: after a rebuild, the feeds list each article once.

mkdocs-rss-plugin gathers a build's articles in a list it empties only when
MkDocs starts; MkDocs keeps the plugin between the rebuilds of
`mkdocs serve`, so each rebuild added every article again: the served
feeds repeated them (and the old versions of an edited one), and the
server's memory grew with each save.

Events and priorities:
- ``on_startup``: active only on the tested version of the plugin
  (``TESTED``); otherwise a warning, and serve works as without this hook.
- ``on_config`` at priority 100, before the plugin reads any page: the list
  starts empty for each build.

The plugin's internal used (``pages_to_filter``) is checked here and in
tests/test_internals.py.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger

from articles.versions import installed_version, untested_reason

log = get_plugin_logger(__name__)

TESTED = {"mkdocs-rss-plugin": "1.19.0"}
_PLUGIN = "rss"
_state = {"active": False}


def on_startup(*, command: str, dirty: bool) -> None:
    reason = untested_reason(TESTED, {dist: installed_version(dist) for dist in TESTED})
    _state["active"] = reason is None
    if reason and command == "serve":
        log.warning("Feeds may repeat articles after a rebuild: %s.", reason)


@event_priority(100)
def on_config(config: MkDocsConfig) -> None:
    plugin = config.plugins.get(_PLUGIN)
    if _state["active"] and plugin is not None:
        forget_last_build(plugin)


def forget_last_build(plugin: object) -> None:
    """The plugin's list of articles, emptied (it is one if the plugin is as tested)."""
    gathered = getattr(plugin, "pages_to_filter", None)
    if isinstance(gathered, list):
        gathered.clear()
