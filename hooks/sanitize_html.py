"""Clean the HTML readers get with the site's policy (``articles/sanitize.py``).

What a writer may put in a page is enforced on the rendered HTML, never on
the Markdown, so that no way of writing Markdown walks around it.

Events and priorities:
- ``on_config`` at priority -100, after every plugin has set up Markdown:
  adds a Python-Markdown extension whose postprocessor runs last in every
  conversion. Every page (articles, guide, home page) and every excerpt that
  Material's blog plugin (or ``hooks/blog_performance.py``) converts for the
  listing pages is cleaned by construction.
- ``on_page_markdown`` at priority -1000, after the hooks that change the
  Markdown: notes which page is converting, so that what is removed is
  reported, as the conversion ends, on that page's file and line (excerpts
  repeat their post: not reported twice).
- ``on_page_content`` at priority 100, before plugins read the HTML: makes a
  title taken from the first heading text, like one from the front matter
  (the templates escape titles).
- ``on_page_context`` at priority -100, once plugins have added their
  entries (the tags plugin adds one per topic): cleans the titles of the
  table of contents, which Python-Markdown builds from the headings before
  the HTML is cleaned and Material prints without escaping; and the search
  entries the search plugin has just added for the page (at 0), which hold
  HTML that Material's search shows as HTML (titles may come unescaped from
  the front matter), before they are indexed and written.
- ``on_post_build`` at priority -50, after the RSS plugin has written its
  files (0). The RSS plugin renders excerpts with a Markdown of its own and
  prints some values unescaped: the HTML of the feeds is cleaned and the
  XML escaped where needed, or the build stops.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any

from markdown import Markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from articles.blog import DEFAULT_EXCERPT_SEPARATOR
from articles.frontmatter import body_line
from articles.problems import make_problem
from articles.report import build_log_line
from articles.sanitize import Removed, SanitizeExtension, attribute_safe_url, clean_html, clean_text, located_lines
from articles.site import docs_prefix

log = get_plugin_logger(__name__)

_WRITER = {"writer_warning": True}
_state: dict[str, Any] = {"page": None, "config": None, "search_seen": 0}


def _record(md: Markdown, removed: list[Removed]) -> None:
    # Excerpts (the blog plugin registers an "excerpt" processor in their
    # converter) repeat their post, whose own page reports it. Reported
    # during the conversion: the build cache (hooks/build_cache.py) keeps
    # what a page's conversion logs with its HTML.
    if "excerpt" in md.treeprocessors:
        return
    page = _state["page"]
    # The blog plugin's views (author, category, archive pages) repeat
    # metadata: no writer's file to point at, and nothing to report twice.
    if page is not None and removed and not _is_view(page):
        _warn(page, removed, _state["config"])


@event_priority(-100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _state.update(page=None, config=config, search_seen=0)
    blog = config.plugins.get("material/blog")
    separator = getattr(getattr(blog, "config", None), "post_excerpt_separator", None) or DEFAULT_EXCERPT_SEPARATOR
    config.markdown_extensions = [ext for ext in config.markdown_extensions if not isinstance(ext, SanitizeExtension)]
    config.markdown_extensions.append(SanitizeExtension(keep=(separator,), on_removed=_record))
    return config


@event_priority(-1000)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    _state["page"] = page
    return None


@event_priority(100)
def on_page_content(html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    _state["page"] = None
    # A title taken from the page's first heading is HTML (entities kept),
    # one from the front matter is text: made text too, so that the
    # templates escape every title once.
    rendered = getattr(page, "_title_from_render", None)
    if isinstance(rendered, str) and "&" in rendered:
        page._title_from_render = html.unescape(rendered)
    return None


@event_priority(-100)
def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any] | None:
    _clean_toc(page.toc)
    # MkDocs builds the "edit this page" address from the file's name, which
    # a writer chooses, and Material prints it in an attribute unescaped.
    if page.edit_url:
        page.edit_url = attribute_safe_url(page.edit_url)
    # The search plugin takes the page's title from its front matter as it
    # is: text, where the titles of its sections are HTML.
    title = page.meta.get("title") if page.meta else None
    # The search plugin has just added this page's entries (at 0): cleaned in
    # memory, before hooks/search_scope.py indexes them and the plugin writes
    # them, rather than read back from its file (a large share of the
    # build's peak memory with thousands of articles).
    search = config.plugins.get("material/search")
    entries = getattr(getattr(search, "search_index", None), "entries", None)
    if isinstance(entries, list):
        clean_search_entries(entries[_state["search_seen"] :], {title} if isinstance(title, str) else set())
        _state["search_seen"] = len(entries)
    return None


@event_priority(-50)
def on_post_build(*, config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    for name in _feed_files(config):
        path = site / name
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            cleaned = clean_json_feed(text) if name.endswith(".json") else clean_rss_feed(text)
            if cleaned is None:
                raise PluginError(f"Le flux {name} n'est pas un document valide après nettoyage : signalez-le à l'équipe du site.")
            if cleaned != text:
                path.write_text(cleaned, encoding="utf-8")
    tags = _tags_export(config)
    if tags is not None and (site / tags).is_file():
        text = (site / tags).read_text(encoding="utf-8")
        cleaned = json_without_markup(text)
        if cleaned is None:
            raise PluginError(f"La liste des thèmes {tags} n'est pas un document valide : signalez-le à l'équipe du site.")
        if cleaned != text:
            (site / tags).write_text(cleaned, encoding="utf-8")


def _warn(page: Page, removed: list[Removed], config: MkDocsConfig) -> None:
    source_path = Path(config.docs_dir) / page.file.src_uri
    try:
        source = source_path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        source = page.markdown or ""
    docs = docs_prefix(config.docs_dir, config.config_file_path)
    for line, item in sorted(located_lines(removed, source, body_line(source)), key=lambda pair: pair[0] or 0):
        problem = make_problem(item.problem_code, page.file.src_uri, line, markup=item.markup)
        # A writer's warning: the page is published without it (hooks/writer_warnings.py).
        log.warning(build_log_line(problem, docs), extra=_WRITER)


def _is_view(page: Page) -> bool:
    try:
        from material.plugins.blog.structure import View
    except ImportError:  # pragma: no cover - the site always has Material
        return False
    return isinstance(page, View)


def _clean_toc(toc: TableOfContents | list) -> None:  # type: ignore[type-arg]
    for item in toc:
        item.title = clean_text(item.title)
        _clean_toc(item.children)


# Search index ------------------------------------------------------------------


def clean_search_entries(entries: list[dict[str, Any]], text_titles: set[str] = frozenset()) -> None:  # type: ignore[assignment]
    """``text_titles``: titles taken from front matter, text where the others are HTML."""
    for entry in entries:
        if entry.get("title") in text_titles:
            entry["title"] = html.escape(entry["title"], quote=False)
        for key in ("title", "text"):
            if isinstance(entry.get(key), str):
                entry[key] = clean_html(entry[key])[0]
        for key in ("tags", "hidden_tags"):
            if isinstance(entry.get(key), list):
                entry[key] = [clean_text(html.escape(value, quote=False)) if isinstance(value, str) else value for value in entry[key]]


# Feeds ---------------------------------------------------------------------------

_DEFAULT_FEEDS = ("feed_rss_created.xml", "feed_rss_updated.xml", "feed_json_created.json", "feed_json_updated.json")


def _feed_files(config: MkDocsConfig) -> list[str]:
    rss = config.plugins.get("rss")
    names = getattr(getattr(rss, "config", None), "feeds_filenames", None)
    if names is None:
        return list(_DEFAULT_FEEDS)
    return [str(getattr(names, key)) for key in ("rss_created", "rss_updated", "json_created", "json_updated") if getattr(names, key, None)]


# Elements of the RSS plugin's template printed without escaping (values have
# no line breaks), each followed by one of these in the template: their text
# is escaped.
_UNESCAPED = re.compile(r"<(?P<tag>author|category)>(?P<text>[^\n]*?)</(?P=tag)>(?=\s*<(?:author|category|description)>)")
_DESCRIPTION = re.compile(r"<description>(?P<html>[^<]*)</description>")


def clean_rss_feed(text: str) -> str | None:
    """The RSS feed with its values escaped and its descriptions (HTML
    escaped once more in the XML) cleaned; None if it still does not parse."""

    def escape_line(found: re.Match[str]) -> str:
        value = html.escape(html.unescape(found.group("text")), quote=False)
        return f"<{found.group('tag')}>{value}</{found.group('tag')}>"

    def clean_description(found: re.Match[str]) -> str:
        cleaned = clean_html(html.unescape(found.group("html")))[0]
        return f"<description>{html.escape(cleaned, quote=False)}</description>"

    text = _UNESCAPED.sub(escape_line, text)
    text = _DESCRIPTION.sub(clean_description, text)
    try:
        ElementTree.fromstring(text.encode("utf-8"))
    except ElementTree.ParseError:
        return None
    return text


def clean_json_feed(text: str) -> str | None:
    """The JSON feed with the HTML of its items cleaned, its texts (titles,
    tags, authors) kept as typed, and no markup characters in the file."""
    try:
        feed = json.loads(text)
    except ValueError:
        return None
    for item in feed.get("items") or []:
        for key in ("content_html", "summary"):
            if isinstance(item.get(key), str):
                item[key] = clean_html(item[key])[0]
    return _json_text(feed, indent=4 if text.startswith("{\n") else None)


def json_without_markup(text: str) -> str | None:
    """The same JSON document with ``<``, ``>`` and ``&`` written as escapes:
    the same values, and no markup in the file for a program that would read
    it as HTML."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return _json_text(data, indent=4 if text.startswith("{\n") else None)


def _json_text(data: Any, indent: int | None) -> str:
    # With ensure_ascii (the default), these characters only occur in strings.
    text = json.dumps(data, indent=indent)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _tags_export(config: MkDocsConfig) -> str | None:
    tags = config.plugins.get("material/tags")
    options = getattr(tags, "config", None)
    if options is None or not getattr(options, "export", False):
        return None
    return str(getattr(options, "export_file", "tags.json"))
