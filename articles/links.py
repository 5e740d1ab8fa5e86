"""Links between articles, written the ways writers write them.

A writer links to another article by its file name (with or without its
date prefix or ``.md``), by a path from anywhere (``../2023/x.md``,
``/blog/posts/x.md``, ``docs/blog/posts/x.md``), by its published address
(``/blog/2024/03/15/mon-article/``), or to a guide page by its name. The
build copy gets the relative path of the target's source file, which MkDocs
turns into the right address; the writer's file is never changed. A link
that leads nowhere, or to several files, is left as it is, with a warning on
its line.

Leftovers of other blog engines (``{{ site.baseurl }}``, ``{% include %}``,
Hugo and WordPress shortcodes) are reported on their line and kept as
written: the site shows what the writer typed, never less.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import unquote

from articles import markdown
from articles.blog import BlogSettings
from articles.markdown import BodyIssue, Match

_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}[-_]")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
PAGE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
# Site roots other engines put in front of a path: the rest of the path is
# what the writer meant.
_BASE_URL = re.compile(r"^\{\{-?\s*(?:site\.baseurl|site\.url|\.Site\.BaseURL|\.Site\.BaseUrl|base_url|SITEURL)\s*-?\}\}/?")

# [text](destination "title"): the destination of an inline link (never an
# image). Bounded: no nested parentheses, 2,000 characters at most.
_INLINE_LINK = re.compile(r"\[(?<!!\[)(?P<text>[^\]\n]{0,300})\]\((?P<inner>[^()\n]{0,2000})\)")
# [label]: destination "title", the bracket opening its line (checked by the caller).
_DEFINITION = re.compile(r"\[(?P<label>[^\]\n]{1,300})\]:[ \t]*(?P<inner>[^\n]{1,2000})")

# Other engines' markup: Liquid/Jinja ({{ x }}, {% x %}), Hugo shortcodes
# ({{< x >}}, {{% x %}}), WordPress shortcodes ([caption ...], [/caption]).
_LEFTOVER = re.compile(
    r"\{\{[<%].{0,300}?[>%]\}\}"
    r"|\{%.{0,300}?%\}"
    r"|\{\{.{0,300}?\}\}"
    r"|\[/?(?:caption|embed|gallery|video|audio|youtube|vimeo|playlist|contact-form(?:-7)?|shortcode)\b[^\]\n]{0,300}\](?!\()",
    re.I,
)


@dataclass(frozen=True)
class Target:
    """Where a link leads: the docs-relative file, or why it leads nowhere."""

    path: str | None = None
    candidates: tuple[str, ...] = ()
    deferred: bool = False  # a published address, read once every article's address is known


@dataclass
class LinkIndex:
    """The files of the site, found the ways writers name them.

    ``files``: every docs-relative file of the site (pages, images,
    attachments). ``articles``: the posts among them. ``urls``: published
    address of a post (``blog/2024/03/15/mon-article``) -> its file; empty
    until every article has been read (``normalize_collection`` fills it).
    """

    files: frozenset[str]
    articles: frozenset[str]
    blog_dir: str = "blog"
    urls: Mapping[str, str] = field(default_factory=dict)
    urls_known: bool = False
    # Articles holding a link that may be a published address.
    deferred: set[str] = field(default_factory=set)
    _by_name: dict[str, set[str]] = field(default_factory=dict, init=False, repr=False)
    _folders: set[str] = field(default_factory=set, init=False, repr=False)

    def __post_init__(self) -> None:
        for path in self.files:
            folder = posixpath.dirname(path)
            while folder and folder not in self._folders:
                self._folders.add(folder)
                folder = posixpath.dirname(folder)

            for name in _names(path, path in self.articles):
                self._by_name.setdefault(name, set()).add(path)

    @classmethod
    def build(cls, files: Iterable[str], articles: Iterable[str], blog_dir: str | None = None) -> LinkIndex:
        articles = frozenset(articles)
        if blog_dir is None:  # the folder above the posts' folder: blog/posts/x.md -> blog
            blog_dir = next((path.split("/", 1)[0] for path in sorted(articles) if "/" in path), "blog")
        return cls(files=frozenset(files) | articles, articles=articles, blog_dir=blog_dir.strip("/"))

    def resolve(self, path: str, article_path: str) -> Target:
        """The file a link's path (no anchor, no query) leads to."""
        path = _BASE_URL.sub("/", path)
        here = posixpath.dirname(article_path)
        as_written = _join(here, path)
        if as_written in self.files:
            return Target(as_written)
        if path.endswith("/") or as_written in self._folders:
            index = posixpath.normpath(f"{as_written}/index.md")
            if index in self.files:
                return Target(index)
        # From the site's root or the repository's: /blog/posts/x.md, docs/blog/posts/x.md
        rooted = path.lstrip("/")
        for candidate in (rooted, rooted[5:] if rooted.startswith("docs/") else None):
            if candidate and posixpath.normpath(candidate) in self.files:
                return Target(posixpath.normpath(candidate))
        # A published address: /blog/2024/03/15/mon-article/, .../index.html
        address = _address(rooted)
        # (a blog at the site's root has no folder to recognise them by).
        if address is not None and (not self.blog_dir or f"/{self.blog_dir}/" in f"/{address}/"):
            if not self.urls_known:
                self.deferred.add(article_path)
                return Target(deferred=True)
            for start in _suffixes(address):
                if start in self.urls:
                    return Target(self.urls[start])
        # A file name, with or without its date prefix, folder or suffix.
        name = posixpath.basename(path.rstrip("/"))
        found = self._by_name.get(_fold(name), set())
        if not found and name.endswith(".html"):
            found = self._by_name.get(_fold(name[:-5]), set())
        if not found and _DATE_PREFIX.match(name):
            # Written with the date the article had elsewhere: the file here has another, or none.
            found = {target for target in self._by_name.get(_fold(_DATE_PREFIX.sub("", name)), set()) if target in self.articles}
        if len(found) == 1:
            return Target(next(iter(found)))
        return Target(candidates=tuple(sorted(found)))

    def step(self, article_path: str, issues: list[BodyIssue]) -> markdown.Step:
        """A step of ``markdown.prepare_body``: links rewritten, the unresolved reported."""

        def rewrite(found: Match, text: str, line: int, inner_group: str = "inner") -> str:
            inner = found.group(inner_group) or ""
            # "[![image](a.png)](b.md)": the image's source is not a link.
            if "![" in (found.groupdict().get("text") or ""):
                return found.group(0) or ""
            parsed = _split_destination(inner)
            if parsed is None:
                return found.group(0)
            destination, start, end = parsed
            new = self._rewrite(destination, article_path, line + text.count("\n", 0, found.start()), issues)
            if new is None:
                return found.group(0)
            offset = found.start(inner_group) - found.start()
            whole = found.group(0) or ""
            return whole[: offset + start] + new + whole[offset + end :]

        def definition(found: Match, text: str, line: int) -> str:
            line_start = text.rfind("\n", 0, found.start()) + 1
            if (
                found.start() - line_start > 3
                or text[line_start : found.start()].strip(" ")
                or (found.group("label") or "").startswith("^")
            ):
                return found.group(0) or ""
            return rewrite(found, text, line)

        def step(text: str, line: int) -> str:
            if "[" not in text:
                return text
            current = text
            text = markdown._substitute(_INLINE_LINK, text, lambda found: rewrite(found, current, line))
            if "]:" in text:
                current = text
                text = markdown._substitute(_DEFINITION, text, lambda found: definition(found, current, line))
            return text

        return step

    def _rewrite(self, destination: str, article_path: str, line: int, issues: list[BodyIssue]) -> str | None:
        """The destination for the build copy; None keeps it as written."""
        bare = destination.strip("<>").strip()
        if not bare or bare.startswith("#") or "`" in bare:
            return None
        path, anchor = (bare.split("#", 1) + [""])[:2]
        path, query = (path.split("?", 1) + [""])[:2]
        if _SCHEME.match(path) or path.startswith("//") or not path.strip():
            return None
        target = self.resolve(unquote(path), article_path)
        if target.deferred:
            return None
        base = _BASE_URL.match(bare)
        if base and target.path is not None:
            issues.append(BodyIssue("foreign_markup_removed", line, {"markup": base.group(0).rstrip("/")}))
        if target.path is None:
            if target.candidates:
                shown = ", ".join(target.candidates[:3]) + (" …" if len(target.candidates) > 3 else "")
                issues.append(BodyIssue("link_ambiguous", line, {"link": _shorten(bare), "candidates": shown}))
            else:
                issues.append(BodyIssue("link_unresolved", line, {"link": _shorten(bare)}))
            return None
        relative = posixpath.relpath(target.path, posixpath.dirname(article_path) or ".")
        new = relative + (f"?{query}" if query else "") + (f"#{anchor}" if anchor else "")
        if new == bare:
            return None
        return f"<{new}>" if " " in new else new


def _names(path: str, is_article: bool) -> Iterable[str]:
    """The names a writer may give a file: its path from the docs folder,
    its name, and for pages the name without suffix and date prefix."""
    yield _fold(path)
    name = posixpath.basename(path)
    yield _fold(name)
    stem, suffix = posixpath.splitext(name)
    if suffix.lower() in PAGE_SUFFIXES:
        yield _fold(posixpath.splitext(path)[0])
        yield _fold(stem)
        if is_article and _DATE_PREFIX.match(stem):
            undated = _DATE_PREFIX.sub("", stem)
            yield _fold(undated)
            yield _fold(undated + suffix)


def _fold(name: str) -> str:
    return name.strip("/").casefold()


def _join(folder: str, path: str) -> str:
    if path.startswith("/"):
        return posixpath.normpath(path.lstrip("/"))
    return posixpath.normpath(posixpath.join(folder, path)) if path else folder


def _address(rooted: str) -> str | None:
    """``blog/2024/03/15/mon-article`` from a published address; None for a file name."""
    address = rooted
    for ending in ("/index.html", ".html"):
        if address.endswith(ending):
            address = address[: -len(ending)]
            break
    else:
        if not rooted.endswith("/") or posixpath.splitext(rooted.rstrip("/"))[1]:
            return None
    return address.strip("/") or None


def _suffixes(address: str) -> Iterable[str]:
    # The site may live under a sub-path (/base-de-connaissances/blog/...).
    parts = address.split("/")
    for start in range(len(parts)):
        yield "/".join(parts[start:])


def _split_destination(inner: str) -> tuple[str, int, int] | None:
    """(destination, start, end) in ``inner``: ``<a b>`` or up to the first space."""
    start = len(inner) - len(inner.lstrip(" \t"))
    if start == len(inner):
        return None
    base = _BASE_URL.match(inner, start)
    if base:  # "{{ site.baseurl }}/x.md": one destination, spaces included
        end = base.end()
        while end < len(inner) and not inner[end].isspace():
            end += 1
        return inner[start:end], start, end
    if inner[start] == "<":
        end = inner.find(">", start)
        return None if end < 0 else (inner[start : end + 1], start, end + 1)
    end = start
    while end < len(inner) and not inner[end].isspace():
        end += 1
    return inner[start:end], start, end


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def published_urls(articles: Iterable[object], blog: BlogSettings) -> dict[str, str]:
    """Published address (without slashes around it) -> article file, for
    the articles a reader can open, with the blog plugin's settings."""
    urls: dict[str, str] = {}
    for article in articles:
        if getattr(article, "is_draft", True) or not getattr(article, "ok", False):
            continue
        key = article.url_key(blog)  # type: ignore[attr-defined]
        if key:
            urls.setdefault(posixpath.join(blog.blog_root, key).strip("/"), article.path)  # type: ignore[attr-defined]
    return urls


def find_leftovers(body: str) -> list[BodyIssue]:
    """Other engines' markup in the prose, one warning an occurrence, by line."""
    if "{" not in body and "[" not in body:
        return []
    issues: list[BodyIssue] = []
    for index, line, is_prose in markdown.prose_lines(body):
        if not is_prose or ("{" not in line and "[" not in line):
            continue
        masked = markdown._masked(line) if "`" in line else line
        for found in _LEFTOVER.finditer(masked):
            if line[: found.start()].endswith(("(", "<", "]: ")):
                continue  # a link's destination: the link step reports it
            issues.append(BodyIssue("foreign_markup", index + 1, {"markup": _shorten(line[found.start() : found.end()], 60)}))
    return issues


def renormalize_deferred(articles: list, sources: Mapping[str, bytes | str], context: object, normalize: Callable[..., object]) -> list:
    """Articles holding a published address, read again once every address is known."""
    index: LinkIndex | None = getattr(context, "links", None)
    if index is None or not index.deferred:
        return articles
    index.urls = published_urls(articles, getattr(context, "blog", None) or BlogSettings(blog_dir=index.blog_dir))
    index.urls_known = True
    return [normalize(article.path, sources[article.path], context) if article.path in index.deferred else article for article in articles]
