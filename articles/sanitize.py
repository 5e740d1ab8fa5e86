"""What an article may contain, enforced on the HTML Markdown renders.

The policy is an allow-list applied by nh3 (a well-kept HTML sanitiser) to
the rendered HTML, never to the writer's Markdown: whatever way the Markdown
was written, only what is listed here reaches a reader's browser.

- the elements the Markdown of the site produces (headings, paragraphs,
  lists, tables, links, images, quotes, code, details, admonitions,
  footnotes, abbreviations, marked and struck text, figures);
- attributes that cannot run code: ``id``, ``class``, ``title``, ``lang``,
  ``dir``, sizes, ``alt``, and the link and image targets;
- link and image targets in http, https, mailto, tel or relative to the
  site, read after entity decoding (``jav&#x61;script:`` is ``javascript:``);
- no script, style, form, frame, object, SVG or MathML element, no event
  attribute, no ``style`` except the alignment of table cells, no
  ``data-md-*`` attribute (they drive Material's scripts) and no class that
  makes Material's scripts load or run code (``mermaid``: diagrams loaded
  from a public CDN).

``clean_html`` returns the cleaned HTML with a description of what was
removed, for the build's warnings and the writers' ``check``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import quote

import nh3

from articles.frontmatter import body_line, normalise_newlines
from articles.problems import Problem, make_problem

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details",
    "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
    # The home page's search button is a label of Material's search toggle.
    "label",
    # Task lists' boxes (pymdownx.tasklist): checkboxes only (_filter_attribute).
    "input",
})  # fmt: skip

# Elements removed with everything inside them: their content is code or
# data, never text a reader should see.
REMOVED_WITH_CONTENT = frozenset(
    {
        "script",
        "style",
        "template",
        "noscript",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "textarea",
        "select",
        "title",
        "xmp",
        "noembed",
        "noframes",
    }
)

# data-search-exclude keeps an element out of the search index (read by the
# search plugin at build time, by no script).
_GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir", "data-search-exclude"})
_TAG_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang", "target"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "td": frozenset({"colspan", "rowspan", "align", "style"}),
    "th": frozenset({"colspan", "rowspan", "align", "scope", "style"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "details": frozenset({"open"}),
    "abbr": frozenset(),
    "q": frozenset({"cite"}),
    "blockquote": frozenset({"cite"}),
    "del": frozenset({"datetime"}),
    "ins": frozenset({"datetime"}),
    "time": frozenset({"datetime"}),
    "label": frozenset({"for"}),
    "input": frozenset({"type", "disabled", "checked"}),
}
ATTRIBUTES: dict[str, frozenset[str]] = {"*": _GLOBAL_ATTRIBUTES, **_TAG_ATTRIBUTES}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
# Classes that make Material's scripts fetch or run code.
FORBIDDEN_CLASSES = frozenset({"mermaid"})
# The only style a page needs: the alignment of table columns.
_STYLE_PROPERTIES = frozenset({"text-align"})


def _style_declarations(value: str) -> list[tuple[str, str]]:
    """The (property name, value) pairs a style attribute sets, as written."""
    return [(name.strip(), rest.strip()) for part in value.split(";") if part.strip() for name, _colon, rest in [part.partition(":")]]


def _style_properties(value: str) -> list[str]:
    """The property names a style attribute sets, as written."""
    return [name for name, _value in _style_declarations(value)]


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "input":
        # A box that only shows a task's state; no id or class, so that it
        # cannot pass for one of Material's toggles.
        return {"type": "checkbox", "disabled": "disabled", "checked": ""}.get(attribute)
    if attribute == "class":
        kept = [name for name in value.split() if name.casefold() not in FORBIDDEN_CLASSES]
        return " ".join(kept) or None
    if attribute == "target":
        return value if value in {"_blank", "_self"} else None
    if attribute == "style":
        return _allowed_style(value)
    return value


def _allowed_style(value: str) -> str | None:
    """VALUE with its property names in lower case, as CSS reads them (Word
    writes « TEXT-ALIGN », which the cleaner's own filter would drop), or
    None when it sets no allowed property: no style="" in the page. The
    cleaner then keeps only the allowed properties."""
    declarations = [(name.lower(), rest) for name, rest in _style_declarations(value) if rest]
    if not any(name in _STYLE_PROPERTIES for name, _rest in declarations):
        return None
    return "; ".join(f"{name}: {rest}" for name, rest in declarations)


# Built once: nh3.clean builds its sanitiser anew at each call, which costs
# more than cleaning a heading or a short paragraph (bench/README.md).
_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(REMOVED_WITH_CONTENT),
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    attribute_filter=_filter_attribute,
    url_schemes=set(URL_SCHEMES),
    strip_comments=True,
    # Links keep what the page gave them (target="_blank" implies noopener).
    link_rel=None,
    filter_style_properties=set(_STYLE_PROPERTIES),
)
_TEXT_CLEANER = nh3.Cleaner(tags=set(), clean_content_tags=set(REMOVED_WITH_CONTENT))


# An input left by the cleaner (its only attributes: type, disabled, checked);
# the cleaner escapes « < » in text and attribute values, so this is a tag.
_INPUT = re.compile(r"<input\b[^>]*>")


def _task_box(found: re.Match[str]) -> str:
    checked = ' checked=""' if " checked=" in found.group(0) else ""
    return f'<input type="checkbox" disabled="disabled"{checked}>'


def _clean(fragment: str) -> str:
    cleaned = _CLEANER.clean(fragment)
    # Any input is a box that only shows a task's state: no text field, no
    # button (without a type, an input is a text field).
    return _INPUT.sub(_task_box, cleaned) if "<input" in cleaned else cleaned


@dataclass(frozen=True)
class Removed:
    """A piece of markup the sanitiser takes out."""

    markup: str  # as it reads in the HTML, shortened
    line: int  # 1-based, in the HTML given to ``clean_html``
    layout: bool = False  # only another tool's layout (``layout_only``)

    @property
    def problem_code(self) -> str:
        """How the writer is told: a style (colours, fonts pasted from Word)
        or another tool's layout is only formatting left out; anything else
        could run."""
        if self.markup.startswith("style="):
            return "style_dropped"
        return "layout_dropped" if self.layout else "unsafe_markup"


# Elements and attributes of pasted pages (Word, WordPress, Notion) that only
# lay text out: the element goes, its text stays.
_LAYOUT_TAGS = frozenset({
    "address", "article", "aside", "big", "body", "center", "font", "footer", "header", "hgroup", "html",
    "main", "nav", "nobr", "o:p", "section", "strike", "tt",
})  # fmt: skip
_LAYOUT_ATTRIBUTES = frozenset({
    "align", "bgcolor", "border", "cellpadding", "cellspacing", "color", "face", "height", "hspace", "nowrap",
    "size", "valign", "vspace", "width",
})  # fmt: skip
# What in a start tag could run or load something, whatever its element.
_ACTIVE_MARKUP = re.compile(r"\son[a-z]*\s*=|javascript:|data:|\ssrc\s*=|\shref\s*=", re.I)


def layout_only(markup: str) -> bool:
    """Whether ``markup`` (a start tag, or an attribute « name="value" ») is
    only layout: an element or attribute of ``_LAYOUT_TAGS`` or
    ``_LAYOUT_ATTRIBUTES``, with nothing that could run or load."""
    if markup.startswith("<"):
        name = markup[1:].split(maxsplit=1)[0].rstrip("/>").lower() if len(markup) > 1 else ""
        return name in _LAYOUT_TAGS and not _ACTIVE_MARKUP.search(markup)
    name, _equals, value = markup.partition("=")
    return name.lower() in _LAYOUT_ATTRIBUTES and not _ACTIVE_MARKUP.search(f" {value}")


def clean_html(fragment: str, keep: tuple[str, ...] = ()) -> tuple[str, list[Removed]]:
    """The HTML with everything outside the policy removed, and what was removed.

    The comments in ``keep`` (the blog's excerpt separator, which Material
    looks for in the HTML) stay where they are; every other comment goes.
    """
    if not fragment:
        return fragment, []
    cleaned = _clean_keeping(fragment, [marker for marker in keep if marker])
    # Whatever nh3 removes changes its output: unchanged HTML lost nothing.
    return cleaned, describe_removed(fragment) if cleaned != fragment else []


def _clean_keeping(fragment: str, keep: list[str]) -> str:
    if not keep:
        return _clean(fragment)
    marker, rest = keep[0], keep[1:]
    return marker.join(_clean_keeping(part, rest) for part in fragment.split(marker))


def clean_text(text: str) -> str:
    """A title or label that may hold inline markup (a heading's text): text only, escaped."""
    return _TEXT_CLEANER.clean(text)


_SHOWN = 80
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# What browsers remove from a URL before reading its scheme (WHATWG URL):
# tabs and line breaks anywhere ("java\nscript:"), control characters and
# spaces at both ends.
_IGNORED_IN_URL = re.compile(r"[\t\n\r]")
_URL_EDGES = "".join(chr(code) for code in range(0x21))


def url_allowed(value: str) -> bool:
    """Whether a link or image target (entities already decoded) may stay."""
    found = _SCHEME.match(_IGNORED_IN_URL.sub("", value).strip(_URL_EDGES))
    return found is None or found.group(1).lower() in URL_SCHEMES


def _attribute_problem(tag: str, name: str, value: str | None) -> bool:
    if tag == "input":  # the cleaner sets type and disabled; nothing else but checked stays
        return name not in {"type", "disabled", "checked"} or (name == "type" and (value or "").lower() != "checkbox")
    allowed = name in _GLOBAL_ATTRIBUTES or name in _TAG_ATTRIBUTES.get(tag, ())
    if not allowed:
        return True
    value = value or ""
    if name in _URL_ATTRIBUTES:
        return not url_allowed(value)
    if name == "class":
        return any(word.casefold() in FORBIDDEN_CLASSES for word in value.split())
    if name == "target":
        return value not in {"_blank", "_self"}
    if name == "style":
        return any(prop.lower() not in _STYLE_PROPERTIES for prop in _style_properties(value))
    return False


class _Scanner(HTMLParser):
    """Walks the HTML as a browser would tokenise it and lists what the
    policy takes out (nh3 does the removing; this only names it)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.removed: list[Removed] = []
        self.skipping: list[str] = []

    def _add(self, markup: str) -> None:
        markup = " ".join(markup.split())
        layout = layout_only(markup)
        if len(markup) > _SHOWN:
            markup = markup[: _SHOWN - 1] + "…"
        self.removed.append(Removed(markup, self.getpos()[0], layout))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping:
            return
        if tag in REMOVED_WITH_CONTENT:
            self._add(self.get_starttag_text() or f"<{tag}>")
            self.skipping.append(tag)
            return
        if tag not in ALLOWED_TAGS:
            self._add(self.get_starttag_text() or f"<{tag}>")
            return
        for name, value in attrs:
            if _attribute_problem(tag, name, value):
                self._add(name if value is None else f'{name}="{value}"')

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in REMOVED_WITH_CONTENT:
            if not self.skipping:
                self._add(self.get_starttag_text() or f"<{tag}>")
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()


def describe_removed(fragment: str) -> list[Removed]:
    """What ``clean_html`` takes out of ``fragment``: unknown elements, and
    attributes or targets outside the policy, each with its line."""
    if "<" not in fragment:
        return []
    scanner = _Scanner()
    try:
        scanner.feed(fragment)
        scanner.close()
    except Exception:  # html.parser is lenient; never let a report stop a build
        pass
    return scanner.removed


def locate(removed: Removed, source: str, start: int = 0) -> tuple[int, int] | None:
    """(offset, length) in the writer's Markdown ``source``, from ``start``
    on, of a piece of markup the sanitiser removed; None when it cannot be
    found. Markdown syntax may have produced it: then its value is looked
    for (whole, then after its scheme), then its name."""
    markup = removed.markup.rstrip("…")
    candidates = [markup]
    name, equals, value = markup.partition("=")
    if equals:
        value = value.strip('"')
        candidates += [value, value.partition(":")[2], name]
    elif markup.startswith("<"):
        candidates.append(markup.split()[0].rstrip(">"))
    folded = source.lower()
    for candidate in candidates:
        if not candidate.strip():
            continue
        found = folded.find(candidate.lower(), start)
        if found >= 0:
            return found, len(candidate)
    return None


def located_lines(removed: list[Removed], source: str, first_line: int = 1) -> list[tuple[int | None, Removed]]:
    """Each removed piece with its 1-based line in ``source`` (None if not found),
    looked for from ``first_line`` on (where the body starts: the header is not
    rendered, so the same text there is not what was removed).

    The pieces come in the order of the HTML, which follows the source: each
    is looked for after the previous one, then from the body's top.
    """
    result: list[tuple[int | None, Removed]] = []
    top = 0
    for _ in range(first_line - 1):
        top = source.find("\n", top) + 1
        if top == 0:
            return [(None, item) for item in removed]
    start = top
    for item in removed:
        found = locate(item, source, start) or locate(item, source, top)
        line = None
        if found is not None:
            offset, length = found
            start = offset + length
            line = source.count("\n", 0, offset) + 1
        # Python-Markdown converts headings twice (the table of contents).
        if (line, item.markup) not in {(seen, other.markup) for seen, other in result}:
            result.append((line, item))
    return result


# Python-Markdown ------------------------------------------------------------
#
# The policy runs as the last postprocessor of every conversion, after the
# raw HTML and the code blocks are put back: pages, excerpts on listing
# pages, the home page and the guide are all cleaned by construction.

try:
    from markdown import Extension, Markdown
    from markdown.postprocessors import Postprocessor
except ImportError:  # pragma: no cover - Python-Markdown is a dependency of the site
    Extension = object  # type: ignore[assignment,misc]
    Postprocessor = object  # type: ignore[assignment,misc]

# Below every postprocessor of Python-Markdown and its extensions (raw HTML: 30).
POSTPROCESSOR_PRIORITY = -1000


class _SanitizePostprocessor(Postprocessor):  # type: ignore[misc,valid-type]
    def __init__(self, md: Markdown, extension: SanitizeExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, text: str) -> str:
        cleaned, removed = clean_html(text, self.extension.keep)
        self.extension.converted(self.md, removed)
        return cleaned


class SanitizeExtension(Extension):  # type: ignore[misc,valid-type]
    """Cleans the HTML of every conversion with the site's policy.

    ``on_removed(md, removed)`` is called after each conversion that removed
    something; ``keep`` lists comments to keep (the excerpt separator).
    """

    def __init__(self, keep: tuple[str, ...] = (), on_removed=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.keep = keep
        self.on_removed = on_removed

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.postprocessors.register(_SanitizePostprocessor(md, self), "site_sanitize", POSTPROCESSOR_PRIORITY)

    def converted(self, md: Markdown, removed: list[Removed]) -> None:
        if removed and self.on_removed is not None:
            self.on_removed(md, removed)


def removed_from_markdown(extensions: list, extension_configs: dict) -> Callable[[str], list[Removed]]:  # type: ignore[type-arg]
    """A function telling what the site's policy removes from an article's
    Markdown body once rendered with the site's ``extensions`` (for the
    writers' ``check``), in the order of the page."""
    found: list[Removed] = []
    extension = SanitizeExtension(on_removed=lambda md, removed: found.extend(removed))
    usable = []
    for name in extensions:
        try:
            Markdown(extensions=[name], extension_configs={name: extension_configs.get(name, {})})
        except Exception:  # an extension that needs MkDocs, or is missing: rendered without it
            continue
        usable.append(name)
    md = Markdown(extensions=[*usable, extension], extension_configs={name: extension_configs.get(name, {}) for name in usable})

    def removed(body: str) -> list[Removed]:
        found.clear()
        try:
            md.reset().convert(body)
        except (RecursionError, MemoryError, ValueError):
            # Markup nested past Python-Markdown's limits: the article's own
            # checks refuse it; there is nothing more to say about it here.
            return []
        return list(found)

    return removed


def markup_checker(extensions: list[str], extension_configs: dict) -> Callable[[str, str, str], list[Problem]]:  # type: ignore[type-arg]
    """For the writers' ``check``: ``check(path, body, source)`` lists, as
    ``unsafe_markup`` warnings on their lines of ``source`` (the whole file),
    what the build will remove from the article's ``body``."""
    render = removed_from_markdown(extensions, extension_configs)

    def check(path: str, body: str, source: str) -> list[Problem]:
        # ``body`` may be repaired (images, spacing): what it loses is looked
        # for in the writer's own lines, below the header.
        source = normalise_newlines(source)
        found = sorted(located_lines(render(body), source, body_line(source)), key=lambda pair: pair[0] or 0)
        return [make_problem(item.problem_code, path, line, markup=item.markup) for line, item in found]

    return check


# What an address may hold as it is; the rest (quotes, <, >, spaces...) is
# percent-encoded, which browsers read back as the same address.
_URL_SAFE = ":/?#[]@!$&()*+,;=%~"


def attribute_safe_url(url: str) -> str:
    """``url`` with every character that could end an HTML attribute or open a
    tag percent-encoded: safe to print unescaped in ``href="..."``."""
    return quote(url, safe=_URL_SAFE)
