"""Normalise the articles writers send, before Material's plugins read them.

Events and priorities:
- ``on_config`` (default priority): reads the blog plugin's settings (posts
  folder, excerpt separator, post URL format: the core must agree with the
  plugin), ``.authors.yml`` and ``docs/taxonomy.yml`` into the core's
  context, once per build.
- ``on_files`` at priority 50: Material's blog plugin reads and validates post
  files from disk in its own ``on_files`` at -50, so this hook must run first.
  It stops the build on a symbolic link that leads out of ``docs/``, leaves
  out of the site the files under the posts folder that are neither articles,
  images nor attachments (``articles/files.py``), hands the
  plugin normalised copies written to ``.cache/articles/`` (files under
  ``docs/`` are never written), and registers the authors missing from
  ``.authors.yml`` so that their posts still build (names plain text, links
  only to web pages or files of the site).
- ``on_page_markdown`` at priority 0: tags of pages that are not posts are
  normalised before the tags plugin reads them (at -50).

All the rules live in the ``articles`` package; this file only adapts them.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from articles import Article, Severity, SiteContext, normalize_collection
from articles.authors import names_of_unknown_authors
from articles.blog import BlogSettings
from articles.files import LINK_OUT_OF_DOCS, LINK_OUT_OF_DOCS_HINT, FileKind, classify, linked_folders, out_of
from articles.markdown import local_image_target
from articles.problems import make_problem
from articles.report import build_log_line, format_errors, group_repeated, locations, log_line
from articles.sanitize import attribute_safe_url
from articles.site import SiteFileError, docs_prefix, make_context, read_authors, taxonomy
from articles.tags import dedupe, split_terms
from articles.text import plain_text

log = get_plugin_logger(__name__)

# A writer's warning: shown, never counted by the strict mode (hooks/writer_warnings.py).
_WRITER = {"writer_warning": True}
_DEFAULT_AVATAR = "assets/images/avatar.svg"

# Blog settings, authors and taxonomy, read once per build in on_config.
_site: dict[str, object] = {}
_context: SiteContext | None = None
# The authors missing from .authors.yml as each article writes them, in the order of the site's files.
_spellings: dict[str, dict[str, str]] = {}
# The topics and rubriques missing from the taxonomy as each article writes them.
_term_spellings: dict[str, dict[str, dict[str, str]]] = {}


# Hooks -----------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> None:
    global _context
    _context = None
    docs = Path(config.docs_dir)
    blog = blog_settings(config)
    _site["blog"] = blog
    try:
        _site["authors"] = read_authors(docs / blog.authors_path)
        _site["taxonomy"] = taxonomy(docs)
    except SiteFileError as error:
        raise PluginError(str(error)) from None


@event_priority(50)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    _refuse_links_out_of_docs(files, config)
    folder = posts_dir(config)
    _leave_out_other_files(files, config, folder)
    context = _build_context(config, files)
    posts = [file for file in files.documentation_pages() if file.src_uri.startswith(folder)]
    articles = normalize_collection(((file.src_uri, Path(file.abs_src_path).read_bytes()) for file in posts), context)
    report(articles, config)

    by_uri = {file.src_uri: file for file in posts}
    for article in articles:
        original = by_uri[article.path]
        files.remove(original)
        files.append(normalised_file(article, original, config))
    _term_spellings.clear()
    _term_spellings.update((article.path, article.term_spellings) for article in articles)
    _register_unknown_authors(articles, config)
    return files


@event_priority(0)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if _context is None or "tags" not in page.meta or page.file.src_uri.startswith(posts_dir(config)):
        return None
    page.meta["tags"] = [_context.tags.canonical(plain_text(term)) for term in dedupe(split_terms(page.meta["tags"]))]
    return None


# Helper functions ------------------------------------------------------------


def current_context() -> SiteContext | None:
    """The context of the last build's normalisation (hooks/fast_preview.py
    normalises an edited article again with it)."""
    return _context


def _build_context(config: MkDocsConfig, files: Files) -> SiteContext:
    global _context
    if not _site:
        on_config(config)
    known = frozenset(file.src_uri for file in files)
    read = _site["taxonomy"]
    # A fresh context each build: `mkdocs serve` must see a renamed tag.
    _context = make_context(
        _site["authors"],  # type: ignore[arg-type]
        list(read.tags),  # type: ignore[attr-defined]
        list(read.categories),  # type: ignore[attr-defined]
        known.__contains__,
        _site["blog"],  # type: ignore[arg-type]
    )
    _context.site_files = known  # links between articles are resolved against them
    return _context


def blog_settings(config: MkDocsConfig) -> BlogSettings:
    """The blog plugin's settings as the plugin read them from mkdocs.yml."""
    blog = config.plugins.get("material/blog")
    return BlogSettings.from_options(blog.config if blog is not None else None, config.theme["language"])


def posts_dir(config: MkDocsConfig) -> str:
    blog = _site.get("blog") or blog_settings(config)
    return f"{blog.posts_dir}/".lstrip("/")  # type: ignore[attr-defined]


def report(articles: list[Article], config: MkDocsConfig) -> None:
    docs = _docs_prefix(config)
    # What was merely understood (key aliases...) is only written with --verbose.
    verbose = log.isEnabledFor(logging.DEBUG)
    shown = [
        problem
        for article in articles
        for problem in article.problems
        if problem.severity is Severity.WARNING or (problem.severity is Severity.INFO and verbose)
    ]
    # The same unknown tag in 40 articles is one line naming them.
    for problem, members in group_repeated(shown):
        text = build_log_line(problem, where=locations(members, docs))
        if problem.severity is Severity.WARNING:
            # The links reported here are not reported again from MkDocs' own check.
            links = [(member.path, str(dict(member.values)["link"])) for member in members if "link" in dict(member.values)]
            log.warning(text, extra={**_WRITER, "writer_links": links})
        else:
            log.debug(text)
    errors = [problem for article in articles for problem in article.problems if problem.severity is Severity.ERROR]
    if errors:
        raise PluginError(format_errors(errors, docs))


def _docs_prefix(config: MkDocsConfig) -> str:
    return docs_prefix(config.docs_dir, config.config_file_path)


def normalised_file(article: Article, original: File, config: MkDocsConfig) -> File:
    """The file handed to MkDocs for ORIGINAL: the normalised copy of the
    article, written to ``.cache/articles/``."""
    cache_dir = Path(config.config_file_path).parent / ".cache" / "articles"
    copy = write_if_changed(cache_dir / article.path, article.to_markdown())
    normalised = File.generated(config, article.path, abs_src_path=str(copy), inclusion=original.inclusion)
    normalised.edit_uri = original.edit_uri  # "edit this page" opens the writer's file
    return normalised


def write_if_changed(path: Path, content: str) -> Path:
    # Rewriting an unchanged copy would only cost time; comparing digests
    # keeps `mkdocs serve` rebuilds cheap.
    data = content.encode("utf-8")
    if path.exists() and hashlib.sha1(path.read_bytes()).digest() == hashlib.sha1(data).digest():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    temporary.replace(path)
    return path


def _leave_out_other_files(files: Files, config: MkDocsConfig, folder: str) -> None:
    # Under the posts folder, only articles, their images and declared
    # attachments are published (articles/files.py, the writers' check's rule).
    docs = _docs_prefix(config)
    for file in list(files):
        if file.generated_by or not file.src_uri.startswith(folder) or file.inclusion.is_excluded():
            continue
        if classify(file.src_uri) is FileKind.REFUSED:
            files.remove(file)
            problem = make_problem("file_not_published", file.src_uri, None, name=file.src_uri.rsplit("/", 1)[-1])
            log.warning(build_log_line(problem, docs), extra=_WRITER)


def _refuse_links_out_of_docs(files: Files, config: MkDocsConfig) -> None:
    # A symbolic link under docs/ to a file or a folder elsewhere (/etc...)
    # would publish what it leads to: the build stops and names each file.
    docs = config.docs_dir
    folders = tuple(f"{folder}{os.sep}" for folder in linked_folders(Path(docs)))
    outside = []
    for file in files:
        path = file.abs_src_path
        if not path or file.generated_by or not (os.path.islink(path) or path.startswith(folders)):
            continue
        target = out_of(docs, path)
        if target is not None:
            outside.append(
                f"  - {_docs_prefix(config)}/{file.src_uri} : {LINK_OUT_OF_DOCS.format(target=target)}\n    → {LINK_OUT_OF_DOCS_HINT}"
            )
    if outside:
        raise PluginError("\n".join(["Des fichiers renvoient hors du site et ne peuvent pas être publiés :", *outside]))


def _safe_link(value: object) -> str | None:
    """A web address or a path inside the site; None for anything else (javascript:...)."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text.startswith(("https://", "http://")):
        return text
    try:
        target = local_image_target(text, "")
    except ValueError:
        return None
    return text if target is not None else None


def author_spellings() -> dict[str, dict[str, str]]:
    """The last build's spellings of the authors missing from .authors.yml, by
    article (hooks/fast_preview.py checks that an edit keeps their names)."""
    return _spellings


def term_spellings() -> dict[str, dict[str, dict[str, str]]]:
    """The last build's spellings of the topics and rubriques missing from the
    taxonomy, by article (hooks/fast_preview.py checks that an edit keeps how
    they are shown)."""
    return _term_spellings


def _register_unknown_authors(articles: list[Article], config: MkDocsConfig) -> None:
    # Material raises on an author id missing from .authors.yml; an unknown
    # author must never break the build, so they get a generated profile.
    _spellings.clear()
    _spellings.update((article.path, article.unknown_authors) for article in articles)
    blog = config.plugins.get("material/blog")
    if blog is None or not blog.config.authors:
        return
    # .authors.yml is edited by writers too: its names are plain text and its
    # links lead to web pages or files of the site, never to a script.
    authors_file = f"{_docs_prefix(config)}/{blog_settings(config).authors_path}"
    for author_id, author in blog.authors.items():
        author.name = plain_text(str(author.name))
        author.description = plain_text(str(author.description or ""))
        if _safe_link(author.avatar) is None:
            log.warning(
                log_line(
                    f"{authors_file} : l'avatar de « {author_id} » n'est ni une adresse web ni une image du site ; l'avatar par défaut est affiché."
                ),
                extra=_WRITER,
            )
            author.avatar = _DEFAULT_AVATAR
        if author.url is not None and _safe_link(author.url) is None:
            log.warning(log_line(f"{authors_file} : le lien de « {author_id} » n'est pas une adresse web ; il est retiré."), extra=_WRITER)
            author.url = None
        # Material prints both in attributes unescaped: a quote must not end them.
        author.avatar = attribute_safe_url(str(author.avatar))
        if author.url is not None:
            author.url = attribute_safe_url(str(author.url))
    add_unknown_authors(config)


def add_unknown_authors(config: MkDocsConfig, names: dict[str, str] | None = None) -> None:
    """A generated profile for each author the articles name that the blog
    does not know yet, named as NAMES (author id -> name; by default, as the
    first article naming them, in the order the build read them, writes it);
    hooks/fast_preview.py calls it for an article saved with a new author."""
    blog = config.plugins.get("material/blog")
    if blog is None or not blog.config.authors:
        return
    from material.plugins.blog.author import Author

    for author_id, name in (names_of_unknown_authors(_spellings.values()) if names is None else names).items():
        if author_id not in blog.authors:
            author = Author()
            author.load_dict({"name": name, "description": "", "avatar": _DEFAULT_AVATAR})
            author.validate()
            blog.authors[author_id] = author
