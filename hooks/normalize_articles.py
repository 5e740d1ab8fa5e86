"""Normalise the articles writers send, before Material's plugins read them.

Events and priorities:
- ``on_config`` (default priority): reads ``.authors.yml`` and
  ``docs/taxonomy.yml`` into the core's context, once per build.
- ``on_files`` at priority 50: Material's blog plugin reads and validates post
  files from disk in its own ``on_files`` at -50, so this hook must run first.
  It stops the build on a symbolic link that leads out of ``docs/``, hands the
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
from articles.markdown import local_image_target
from articles.report import format_errors, group_repeated, locations
from articles.site import TAXONOMY_FILE, SiteFileError, make_context, read_authors, read_taxonomy
from articles.tags import dedupe, split_terms
from articles.text import plain_text

log = get_plugin_logger(__name__)

# A missing image must not fail a strict build (the placeholder is shown), so
# it is logged as information; the writers' check still lists it.
_INFO_ONLY_IN_BUILD = {"image_missing"}
_DEFAULT_AVATAR = "assets/images/avatar.svg"

# Authors, taxonomy and URL format, read once per build in on_config.
_site: dict[str, object] = {}
_context: SiteContext | None = None


# Hooks -----------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> None:
    global _context
    _context = None
    docs = Path(config.docs_dir)
    blog_dir = _blog_option(config, "blog_dir", "blog")
    authors_file = docs / _blog_option(config, "authors_file", "{blog}/.authors.yml").format(blog=blog_dir)
    try:
        _site["authors"] = read_authors(authors_file)
        _site["tags"], _site["categories"] = read_taxonomy(docs / TAXONOMY_FILE)
    except SiteFileError as error:
        raise PluginError(str(error)) from None
    _site["post_url_format"] = _blog_option(config, "post_url_format", "{date}/{slug}")


@event_priority(50)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    _refuse_links_out_of_docs(files, config)
    context = _build_context(config, files)
    posts_dir = _posts_dir(config)
    posts = [file for file in files.documentation_pages() if file.src_uri.startswith(posts_dir)]
    articles = normalize_collection(((file.src_uri, Path(file.abs_src_path).read_bytes()) for file in posts), context)
    _report(articles, config)

    cache_dir = Path(config.config_file_path).parent / ".cache" / "articles"
    by_uri = {file.src_uri: file for file in posts}
    for article in articles:
        original = by_uri[article.path]
        copy = _write_if_changed(cache_dir / article.path, article.to_markdown())
        normalised = File.generated(config, article.path, abs_src_path=str(copy), inclusion=original.inclusion)
        normalised.edit_uri = original.edit_uri  # "edit this page" opens the writer's file
        files.remove(original)
        files.append(normalised)
    _register_unknown_authors(articles, config)
    return files


@event_priority(0)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if _context is None or "tags" not in page.meta or page.file.src_uri.startswith(_posts_dir(config)):
        return None
    page.meta["tags"] = [_context.tags.canonical(plain_text(term)) for term in dedupe(split_terms(page.meta["tags"]))]
    return None


# Helper functions ------------------------------------------------------------


def _build_context(config: MkDocsConfig, files: Files) -> SiteContext:
    global _context
    if not _site:
        on_config(config)
    known = frozenset(file.src_uri for file in files)
    # A fresh context each build: `mkdocs serve` must see a renamed tag.
    _context = make_context(
        _site["authors"], _site["tags"], _site["categories"], known.__contains__, _site["post_url_format"]  # type: ignore[arg-type]
    )
    return _context


def _blog_option(config: MkDocsConfig, name: str, default: str) -> str:
    blog = config.plugins.get("material/blog")
    return blog.config[name] if blog is not None else default


def _posts_dir(config: MkDocsConfig) -> str:
    blog_dir = _blog_option(config, "blog_dir", "blog")
    post_dir = _blog_option(config, "post_dir", "{blog}/posts").format(blog=blog_dir)
    return os.path.normpath(post_dir).replace(os.sep, "/") + "/"


def _report(articles: list[Article], config: MkDocsConfig) -> None:
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
        text = f"{locations(members, docs)} : {problem.message}" + (f" ({problem.hint})" if problem.hint else "")
        if problem.severity is Severity.WARNING and problem.code not in _INFO_ONLY_IN_BUILD:
            log.warning(text)
        elif problem.severity is Severity.WARNING:
            log.info(text)
        else:
            log.debug(text)
    errors = [problem for article in articles for problem in article.problems if problem.severity is Severity.ERROR]
    if errors:
        raise PluginError(format_errors(errors, docs))


def _docs_prefix(config: MkDocsConfig) -> str:
    # Paths in messages read as the writer sees the repository: docs/blog/...
    return Path(os.path.relpath(config.docs_dir, Path(config.config_file_path).parent)).as_posix()


def _write_if_changed(path: Path, content: str) -> Path:
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


def _refuse_links_out_of_docs(files: Files, config: MkDocsConfig) -> None:
    # A symbolic link under docs/ to a file elsewhere (/etc/passwd...) would
    # publish that file: the build stops and names the link.
    docs = os.path.realpath(config.docs_dir)
    outside = []
    for file in files:
        if file.abs_src_path and not file.generated_by and os.path.islink(file.abs_src_path):
            target = os.path.realpath(file.abs_src_path)
            if os.path.commonpath([docs, target]) != docs:
                outside.append(f"  - {_docs_prefix(config)}/{file.src_uri} : ce fichier est un lien vers {target}, hors du dossier docs/"
                               "\n    → remplacez le lien par le fichier lui-même, placé dans docs/")
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


def _register_unknown_authors(articles: list[Article], config: MkDocsConfig) -> None:
    # Material raises on an author id missing from .authors.yml; an unknown
    # author must never break the build, so they get a generated profile.
    blog = config.plugins.get("material/blog")
    if blog is None or not blog.config.authors:
        return
    from material.plugins.blog.author import Author

    # .authors.yml is edited by writers too: its names are plain text and its
    # links lead to web pages or files of the site, never to a script.
    for author_id, author in blog.authors.items():
        author.name = plain_text(str(author.name))
        author.description = plain_text(str(author.description or ""))
        if _safe_link(author.avatar) is None:
            log.warning("docs/blog/.authors.yml : l'avatar de « %s » n'est ni une adresse web ni une image du site ; l'avatar par défaut est affiché.", author_id)
            author.avatar = _DEFAULT_AVATAR
        if author.url is not None and _safe_link(author.url) is None:
            log.warning("docs/blog/.authors.yml : le lien de « %s » n'est pas une adresse web ; il est retiré.", author_id)
            author.url = None
    for article in articles:
        for author_id, name in article.unknown_authors.items():
            if author_id in blog.authors:
                continue
            author = Author()
            author.load_dict({"name": name, "description": "", "avatar": _DEFAULT_AVATAR})
            author.validate()
            blog.authors[author_id] = author
