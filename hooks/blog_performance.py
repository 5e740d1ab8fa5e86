"""Remove three costs of Material's blog plugin that grow with the number of posts.

Listing pages (blog index and its pages, archive, categories, author profiles)
show an excerpt of each post. For every excerpt on every listing page,
Material 9.8 converts the post's whole Markdown again (``Excerpt.render``),
several conversions per post, only to keep the HTML before the separator.
And for every page it looks the page up in the list of posts
(``page in self.blog.posts``), and Material's navigation template in each
view's list of paginated pages (``page in nav_item.pages``), comparing it
with each item through ``Page.__eq__``: quadratic in the number of posts.

And it reads each post's front matter with PyYAML's pure-Python loader
(``Post.__init__``), far slower than its C loader (LibYAML), which builds
the same values (bench/README.md); and it makes a Markdown instance for each
post's excerpt (``Excerpt.__init__``), kept all through the build: 0.5 ms
and 36 KB each, 180 MB at 5,000 posts.

Events and priorities:
- ``on_config`` (default priority): checks that the installed mkdocs-material
  and MkDocs (or ProperDocs) are the tested versions (``TESTED``); otherwise
  logs a warning and the other events do nothing, so the site builds as
  without this hook (a strict build stops on the warning). Then, up to
  ``on_files``, the blog plugin's posts are read with the C loader (when
  PyYAML has it); and, up to ``on_post_build``, each excerpt gets an
  ``_ExcerptMarkdown``: its own tree processors, converted by the one
  Markdown instance the build has for the same settings, reset before each
  conversion, as ``_converted`` already did when converting an excerpt again.
- ``on_files`` at priority -100: the blog plugin builds its list of posts in
  its own ``on_files`` at -50, and each view's pages; these lists then
  answer ``in`` with a dictionary lookup. The loader is put back.
- ``on_page_markdown`` at priority -100: the blog plugin creates each post's
  excerpt in its own ``on_page_markdown`` at -50; that excerpt then renders
  with ``_render`` below: one conversion per post instead of one per listing
  page, and of the Markdown before the separator only when leaving the rest
  out cannot change the HTML before it.

Only these plugin instances and excerpt objects are changed, plus
``get_relative_url`` for the duration of an excerpt's conversion, the
loader while the posts are read and the excerpts' Markdown class during the
build: nothing is left patched between builds (``mkdocs serve``;
``on_build_error`` puts them back too). Like Material's own excerpt
rendering, this is not thread-safe.

Deliberate differences: Material converts each excerpt with the same Markdown
instance without resetting it, so a footnote reference in an excerpt gets the
id ``fnref:1`` on the first listing page rendered, ``fnref2:1`` on the
second, and so on; here it is ``fnref:1`` on every listing page. When only
the part before the separator is converted, ``excerpt.toc`` lists only its
headings (listing pages use the first one, which is always there) and
``excerpt.more`` is converted only if a template prints it (Material's test it).
Debug-level link messages from excerpts are logged once, not once per page.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator, Mapping
from types import MethodType
from typing import Any

import mkdocs.utils
import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from articles.text import markdown_literal
from articles.versions import installed_version, untested_reason

try:  # Internals this hook relies on; the version check reports their absence.
    import material.plugins.blog.structure as post_structure
    import material.plugins.blog.structure.markdown as excerpt_markdown
    from markdown import Markdown
    from markdown.serializers import _escape_attrib_html
    from material.plugins.blog.plugin import BlogPlugin
    from material.plugins.blog.structure import Excerpt
except ImportError:  # pragma: no cover - depends on the installed versions
    BlogPlugin = None

log = get_plugin_logger(__name__)

# Distribution -> the version this hook was tested with; tests/test_internals.py
# checks each internal it relies on. The ``mkdocs`` package is MkDocs' own, or
# ProperDocs', its maintained drop-in fork: ``properdocs build`` makes
# ``import mkdocs`` return the ``properdocs`` package.
TESTED = {"mkdocs-material": "9.8.2", "mkdocs": "1.6.1", "properdocs": "1.6.7"}

_active = False
# The C loader, when PyYAML was built with LibYAML.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


# Hooks -----------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> None:
    global _active
    installed = {dist: installed_version(dist) for dist in ("mkdocs-material", running_engine())}
    reason = unsupported_reason(installed)
    if reason:
        log.warning("Blog performance patch disabled: %s.", reason)
    _active = reason is None
    _SHARED_MARKDOWN.clear()  # settings may have changed (`mkdocs serve`)
    if _active:
        post_structure.Markdown = _ExcerptMarkdown
    if _active and _FAST_LOADER is not None:
        post_structure.SafeLoader = _FAST_LOADER


@event_priority(-100)
def on_files(files: Files, *, config: MkDocsConfig) -> None:
    _restore_loader()
    if not _active:
        return
    for plugin in config.plugins.values():
        if isinstance(plugin, BlogPlugin) and plugin.config.enabled:
            _index_pages(plugin)


def on_post_build(*, config: MkDocsConfig) -> None:
    _restore_markdown()


def on_build_error(*, error: Exception) -> None:
    _restore_loader()
    _restore_markdown()


@event_priority(-100)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
    excerpt = getattr(page, "excerpt", None)
    if _active and isinstance(excerpt, Excerpt) and "render" not in vars(excerpt):
        excerpt.render = MethodType(_render, excerpt)  # this instance only


def _restore_loader() -> None:
    if BlogPlugin is not None:
        post_structure.SafeLoader = yaml.SafeLoader


def _restore_markdown() -> None:
    # Excerpts made since (`mkdocs serve` between builds) get their own instance.
    if BlogPlugin is not None:
        post_structure.Markdown = Markdown


# Version guard ---------------------------------------------------------------


def unsupported_reason(installed: Mapping[str, str | None]) -> str | None:
    """Why the patch must not be applied with these versions, or None.

    ``installed``: distribution -> its installed version, for Material and the
    distribution that runs (``running_engine``)."""
    if BlogPlugin is None:
        return "the internals of Material's blog plugin it relies on are missing"
    return untested_reason(TESTED, installed)


def running_engine() -> str:
    """The distribution whose code ``import mkdocs`` runs: "mkdocs" or "properdocs"."""
    return mkdocs.__name__


# Membership in the list of posts ------------------------------------------


class _IndexedPages(list):
    """A list of pages where ``page in pages`` is a dictionary lookup.

    ``list.__contains__`` compares the page with each item until one is the
    same object or ``Page.__eq__`` says equal: same class, same title and the
    same ``File`` object (``File`` has no ``__eq__``). So only the items
    sharing the page's file can be equal to it, and only those are compared,
    with the same ``==``: the answer is the one of the plain list.
    """

    _ids: frozenset[int] | None = None
    _by_file: dict[int, list[Any]] | None = None

    def __contains__(self, page: object) -> bool:
        if self._ids is None or self._by_file is None:
            self._ids = frozenset(map(id, self))
            by_file: dict[int, list[Any]] = {}
            for item in self:
                by_file.setdefault(id(getattr(item, "file", None)), []).append(item)
            self._by_file = by_file
        if id(page) in self._ids:
            return True
        return any(item == page for item in self._by_file.get(id(getattr(page, "file", None)), ()))


def _forget_ids(name: str) -> Any:
    method = getattr(list, name)

    def mutate(self: _IndexedPages, *args: Any) -> Any:
        self._ids = None  # rebuilt at the next test
        return method(self, *args)

    return mutate


for _name in ("append", "extend", "insert", "remove", "pop", "clear", "__setitem__", "__delitem__", "__iadd__", "__imul__"):
    setattr(_IndexedPages, _name, _forget_ids(_name))


def _index_pages(plugin: BlogPlugin) -> None:
    """``blog.posts``, and each view's list of its pages (``view.pages``:
    the view and its paginated copies), which Material's navigation template
    tests every page against (``page in nav_item.pages``): comparisons that
    grow with the square of the number of posts, the build's fastest-growing
    cost."""
    posts = plugin.blog.posts
    indexed = _IndexedPages(posts)
    # The paginated pages of the blog share its list: keep them sharing it.
    for page in plugin.blog.pages:
        if page.posts is posts:
            page.posts = indexed
    plugin.blog.posts = indexed
    for view in plugin._resolve_views(plugin.blog):
        pages = view.pages
        if isinstance(pages, _IndexedPages):
            continue
        shared = _IndexedPages(pages)
        for page in pages:
            if getattr(page, "pages", None) is pages:
                page.pages = shared
        view.pages = shared


# One conversion per excerpt ------------------------------------------------
#
# The HTML of an excerpt depends on the listing page only through the links
# it contains: Material's ExcerptTreeprocessor points anchors (the title,
# footnotes) to the post, and MkDocs' _RelativePathTreeprocessor rewrites links
# to pages and images; both compute ``get_relative_url(target, listing.url)``.
# During the single conversion, that function returns a placeholder token for
# the target; each listing page then substitutes its own relative URL, escaped
# as the serializer escapes attributes. Every other byte comes from the same
# Markdown conversion as before.

_NONCE = uuid.uuid4().hex
_BASE = "".join(["blog-performance-", _NONCE, "/"])  # a str object of our own
_TOKEN = f"blogperf{_NONCE}n"
_TOKEN_RE = re.compile(re.escape(_TOKEN) + r"(\d+)_")


class _Base:
    """Stands for the listing page while converting (``processor.base``)."""

    url = _BASE


class _Converted:
    """One conversion of an excerpt, with placeholder tokens for the links."""

    def __init__(self, key: tuple[str, str], html: str, separator: str, targets: list[str], toc_tokens: list, partial: bool):
        self.key, self.targets, self.toc_tokens, self.partial = key, targets, toc_tokens, partial
        self.content, *more = html.split(separator, 1)
        self.more = more[0] if more else None

    def resolve(self, html: str, url: str) -> str:
        targets = self.targets
        return _TOKEN_RE.sub(lambda m: _escape_attrib_html(get_relative_url(targets[int(m[1])], url)), html)


class _More:
    """The HTML after the separator when only the Markdown before it was converted.

    Material's templates only test it (``{% if post.more %}``), and there is
    something after the separator; a template printing it gets the real HTML,
    from a conversion of the whole post made then.
    """

    def __init__(self, excerpt: Excerpt, key: tuple[str, str], url: str) -> None:
        self.excerpt, self.key, self.url = excerpt, key, url

    def __bool__(self) -> bool:
        return True

    def __str__(self) -> str:
        whole = _converted(self.excerpt, *self.key, partial=False)
        return whole.resolve(whole.more or "", self.url)

    __html__ = __str__


def _render(self: Excerpt, page: Page, separator: str) -> None:
    """``Excerpt.render`` of Material 9.8, converting once per post."""
    markdown = self.post.markdown
    if not self.post._title_from_render:
        # The title as typed, never read as markup (Material writes it raw).
        markdown = "\n\n".join([f"# {markdown_literal(self.post.title)}", markdown])
    converted = _converted(self, markdown, separator, partial=True)

    self.markdown = markdown
    self.content = converted.resolve(converted.content, page.url)
    if converted.partial:
        self.more = _More(self, converted.key, page.url)
    elif converted.more is not None:
        self.more = converted.resolve(converted.more, page.url)
    self.toc = get_toc(converted.toc_tokens)
    self.file.url = self.post.url


def _converted(self: Excerpt, markdown: str, separator: str, *, partial: bool) -> _Converted:
    """The cached conversion of this Markdown, converting it if needed."""
    cached: _Converted | None = vars(self).get("_blogperf")
    if cached is not None and cached.key == (markdown, separator) and cached.partial <= partial:
        return cached
    md = _instance(self.md)
    if cached is not None or md is not self.md:
        md.reset()  # Material never resets it: start afresh, as the first time
    head = _head(md, markdown, separator) if partial else None
    converted = self._blogperf = _convert(self, md, markdown, head, separator)
    return converted


def _instance(md: Any) -> Markdown:
    return md.instance() if isinstance(md, _ExcerptMarkdown) else md


# One Markdown instance for the excerpts -------------------------------------

# Settings (``_ExcerptMarkdown.settings_key``) -> this build's instance.
_SHARED_MARKDOWN: dict[str, Markdown] = {}


class _ExcerptMarkdown:
    """An excerpt's ``md``, made by ``Excerpt.__init__`` in place of a
    ``Markdown``: keeps the tree processors Material registers for this
    excerpt, and hands out the build's instance for the same settings with
    them in place (``instance``). What else is read from it is read from
    that instance."""

    def __init__(self, *, extensions: list[Any], extension_configs: dict[str, Any]) -> None:
        self.extensions, self.extension_configs = extensions, extension_configs
        # The same extension objects and options: Material copies the lists for each excerpt.
        self.settings_key = repr((extensions, extension_configs))
        self.own: dict[str, tuple[Any, float]] = {}
        self.treeprocessors = _OwnTreeprocessors(self)

    def instance(self) -> Markdown:
        md = _SHARED_MARKDOWN.get(self.settings_key)
        if md is None:
            md = _SHARED_MARKDOWN[self.settings_key] = Markdown(extensions=self.extensions, extension_configs=self.extension_configs)
        for name, (processor, priority) in self.own.items():
            md.treeprocessors.register(processor, name, priority)  # replaces the last excerpt's
        return md

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("settings_key", "own"):
            raise AttributeError(name)  # copy and pickle ask before __init__ ran
        return getattr(self.instance(), name)


class _OwnTreeprocessors:
    """``_ExcerptMarkdown.treeprocessors``: what is registered is the excerpt's own."""

    def __init__(self, owner: _ExcerptMarkdown) -> None:
        self._owner = owner

    def register(self, item: Any, name: str, priority: float) -> None:
        self._owner.own[name] = (item, priority)

    def __getitem__(self, key: Any) -> Any:
        return self._owner.instance().treeprocessors[key]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "_owner":
            raise AttributeError(name)
        return getattr(self._owner.instance().treeprocessors, name)


def _convert(self: Excerpt, md: Markdown, markdown: str, head: str | None, separator: str) -> _Converted:
    targets: list[str] = []

    def deferred_relative_url(url: str, other: str) -> str:
        if other is not _BASE:
            return get_relative_url(url, other)
        targets.append(url)
        return f"{_TOKEN}{len(targets) - 1}_"

    md.treeprocessors["excerpt"].base = _Base
    self.file.url = _BASE
    # Both processors look the function up at call time in these modules.
    mkdocs.utils.get_relative_url = excerpt_markdown.get_relative_url = deferred_relative_url
    try:
        html = md.convert(markdown if head is None else head)
    finally:
        mkdocs.utils.get_relative_url = excerpt_markdown.get_relative_url = get_relative_url
        self.file.url = self.post.url
    toc_tokens = getattr(md, "toc_tokens", [])
    return _Converted((markdown, separator), html, separator, targets, toc_tokens, partial=head is not None)


# Converting only the Markdown before the separator ---------------------------
#
# The HTML before the separator is the same when the Markdown after it is
# left out, if the separator is a raw HTML block of its own at the top level,
# and the rest defines nothing the part before it uses. The rules below check
# that conservatively; when one fails, the whole post is converted (once).

# Modules whose Markdown processors were reviewed against these rules.
_REVIEWED = (
    "markdown.",
    "mkdocs.structure.pages",
    "properdocs.structure.pages",  # the same module, when ProperDocs runs
    "material.plugins.blog.structure.markdown",
    "articles.sanitize",  # cleans the HTML it is given, whatever follows it
    "pymdownx.betterem",
    "pymdownx.caret",
    "pymdownx.delimiterprocessor",
    "pymdownx.details",
    "pymdownx.emoji",
    "pymdownx.highlight",
    "pymdownx.inlinehilite",
    "pymdownx.keys",
    "pymdownx.magiclink",
    "pymdownx.mark",
    "pymdownx.smartsymbols",
    "pymdownx.superfences",
    "pymdownx.tasklist",
    "pymdownx.tilde",
)
_LINE_TAG = re.compile(r"^ {0,3}<([A-Za-z][A-Za-z0-9-]*)", re.MULTILINE)
_TAIL_ID = re.compile(r"\{[^}\n]*#|\bid\s*=")  # attr_list or HTML ids


def _head(md: Markdown, markdown: str, separator: str) -> str | None:
    """The Markdown up to the separator, if converting it alone is safe."""
    at = markdown.find(separator)
    if at < 0 or not (separator.startswith("<!--") and separator.endswith("-->")):
        return None
    head, tail = markdown[:at], markdown[at + len(separator) :]
    if not tail.strip():
        return None  # nothing to leave out
    if not head.startswith("# "):
        return None  # the listing's table of contents shows the first heading
    if not (head.endswith("\n\n") and tail.startswith("\n\n")):
        return None  # not a block of its own: it could be in a paragraph
    if "```" in head or "~~~" in head or not _html_closed(head):
        return None  # in code or raw HTML opened before it
    if any(marker and marker in head for marker in _markers(md)):
        return None  # [TOC] or the footnotes' place: filled from the whole post
    if "]:" in tail or _TAIL_ID.search(tail):
        return None  # links, footnotes, abbreviations or ids defined after it
    if not all(type(p).__module__.startswith(_REVIEWED) for p in _processors(md)):
        return None  # an extension these rules were not checked against
    return head + separator


def _html_closed(head: str) -> bool:
    """Every HTML block opened at the start of a line is closed before the separator."""
    if head.count("<!--") != head.count("-->") or "<?" in head or "<![" in head:
        return False
    for name in set(_LINE_TAG.findall(head)):
        if len(re.findall(rf"<{name}[\s/>]", head)) != head.count(f"</{name}>"):
            return False
    return True


def _markers(md: Markdown) -> Iterator[str]:
    if "toc" in md.treeprocessors:
        yield getattr(md.treeprocessors["toc"], "marker", "[TOC]")
    if "footnote" in md.treeprocessors:
        yield md.treeprocessors["footnote"].footnotes.getConfig("PLACE_MARKER")


def _processors(md: Markdown) -> Iterator[object]:
    for registry in (md.preprocessors, md.parser.blockprocessors, md.inlinePatterns, md.treeprocessors, md.postprocessors):
        yield from registry
