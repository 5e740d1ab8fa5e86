"""The site around the articles, read from ``mkdocs.yml`` without MkDocs.

Used by the writers' command-line tool; the MkDocs hooks get the same facts
from MkDocs' own configuration.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from articles.authors import AuthorRegistry
from articles.blog import BlogSettings
from articles.files import is_article, walk
from articles.normalize import SiteContext
from articles.tags import Term, TermRegistry, load_taxonomy

TAXONOMY_FILE = "taxonomy.yml"


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's tags (``!ENV``, ``!relative``) as plain values."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        return values[-1] if values else None  # !ENV [NAME, default]: the default
    return loader.construct_mapping(node)


_TolerantLoader.add_multi_constructor("!", _any_tag)


@dataclass
class Site:
    root: Path
    docs_dir: Path
    posts_dir: str  # docs-relative, e.g. "blog/posts"
    authors_file: Path
    blog: BlogSettings = field(default_factory=BlogSettings)  # the blog plugin's options
    # ``exclude_docs`` of mkdocs.yml: docs-relative path -> never published.
    excluded: Callable[[str], bool] = field(default=lambda path: False)

    def published_files(self, folder: Path) -> list[Path]:
        """The files under ``folder`` the build reads: ``exclude_docs`` applied."""
        return [path for path in walk(folder) if not self.excluded(path.relative_to(self.docs_dir).as_posix())]

    def context(self) -> SiteContext:
        docs = self.docs_dir

        def asset_exists(path: str) -> bool:
            return (docs / path).is_file()

        tags, categories = read_taxonomy(self.docs_dir / TAXONOMY_FILE)
        context = make_context(read_authors(self.authors_file), tags, categories, asset_exists, self.blog)
        context.site_files = self.site_files()  # links between articles, checked as the build resolves them
        return context

    def site_files(self) -> frozenset[str]:
        """Docs-relative files the build publishes (under the posts folder,
        only articles, images and attachments: ``articles/files.py``)."""
        from articles.files import FileKind, classify

        posts = self.posts_dir.rstrip("/") + "/"
        found = set()
        for path in self.published_files(self.docs_dir):
            relative = path.relative_to(self.docs_dir).as_posix()
            if not relative.startswith(posts) or classify(relative) is not FileKind.REFUSED:
                found.add(relative)
        return frozenset(found)

    def article_paths(self) -> list[Path]:
        """Every article under the posts folder, with any of the Markdown
        suffixes MkDocs publishes (``articles/files.py``)."""
        return [path for path in self.published_files(self.docs_dir / self.posts_dir) if is_article(path.name)]

    def docs_relative(self, path: Path) -> str | None:
        try:
            return path.resolve().relative_to(self.docs_dir.resolve()).as_posix()
        except ValueError:
            return None


def find_root(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return None


def docs_prefix(docs_dir: str | Path, config_file: str | Path) -> str:
    """The docs folder as the writer sees it in the repository (``docs``):
    the start of every path in a message."""
    return Path(os.path.relpath(docs_dir, Path(config_file).parent)).as_posix()


def load_site(root: Path) -> Site:
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    docs_dir = root / str(config.get("docs_dir") or "docs")
    blog = blog_settings(config)
    return Site(
        root=root,
        docs_dir=docs_dir,
        posts_dir=blog.posts_dir,
        authors_file=docs_dir / blog.authors_path,
        blog=blog,
        excluded=exclusion(config.get("exclude_docs")),
    )


def exclusion(patterns: object) -> Callable[[str], bool]:
    """``exclude_docs`` as MkDocs reads it (gitignore patterns, with pathspec,
    MkDocs' own dependency), so that `check` skips exactly what the build
    never publishes (``_brouillon.md``...)."""
    lines = patterns.splitlines() if isinstance(patterns, str) else []
    if not any(line.strip() and not line.lstrip().startswith("#") for line in lines):
        return lambda path: False
    from pathspec.gitignore import GitIgnoreSpec

    spec = GitIgnoreSpec.from_lines(lines)
    return spec.match_file


def blog_settings(config: dict[str, Any]) -> BlogSettings:
    """The blog plugin's settings in ``mkdocs.yml`` as read (the hooks read
    them from the plugin itself), with Material's defaults."""
    options: dict[str, Any] = {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and ("blog" in plugin or "material/blog" in plugin):
            options = plugin.get("blog") or plugin.get("material/blog") or {}
    theme = config.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    blog = BlogSettings.from_options(options if isinstance(options, dict) else {}, str(language) if language else None)
    try:  # a placeholder Material does not know stops its build too
        blog.post_address(dt.date(2000, 1, 1), "slug", ["rubrique"], "article.md")
    except (KeyError, IndexError, AttributeError) as error:
        raise ValueError(f"post_url_format: {error}") from None
    return blog


def read_authors(path: Path) -> AuthorRegistry:
    """Authors of ``.authors.yml``: id -> display name."""
    if not path.is_file():
        return AuthorRegistry()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
    except yaml.YAMLError as error:
        raise SiteFileError(f"{path} : la liste des auteurs est illisible ({getattr(error, 'problem', error)})") from None
    authors = data.get("authors") if isinstance(data, dict) else None
    if not isinstance(authors, dict):
        raise SiteFileError(f"{path} : le fichier doit commencer par « authors: » suivi des auteurs")
    return AuthorRegistry({str(key): str((value or {}).get("name") or key) for key, value in authors.items()})


class SiteFileError(ValueError):
    """A site file (authors, taxonomy) cannot be read; the message is French."""


@dataclass(frozen=True)
class Taxonomy:
    """The topics (tags) and rubriques (categories) of ``docs/taxonomy.yml``."""

    tags: tuple[Term, ...] = ()
    categories: tuple[Term, ...] = ()

    @functools.cached_property
    def hidden(self) -> frozenset[str]:
        """Names of the topics marked hidden ("Article"): kept for search,
        shown nowhere, relating no articles."""
        return frozenset(term.name for term in self.tags if term.hidden)


def taxonomy(docs_dir: Path) -> Taxonomy:
    """``docs/taxonomy.yml`` (empty when absent), parsed once per content of
    the file: the hooks that need it in one build share one parsing, and a
    rebuild of `mkdocs serve` sees the file as it is now (its content is the
    key: an edit within the file system's time resolution is seen too)."""
    return _taxonomy_at(Path(docs_dir) / TAXONOMY_FILE)


def read_taxonomy(path: Path) -> tuple[list[Term], list[Term]]:
    """Tags and categories of a taxonomy file (none when it is absent)."""
    read = _taxonomy_at(path)
    return list(read.tags), list(read.categories)


def _taxonomy_at(path: Path) -> Taxonomy:
    if not path.is_file():
        return Taxonomy()
    return _parse_taxonomy(str(path), path.read_bytes())


def hidden_topics(docs_dir: Path) -> set[str]:
    """Names of the topics ``docs/taxonomy.yml`` marks hidden ("Article")."""
    return set(taxonomy(docs_dir).hidden)


@functools.lru_cache(maxsize=4)
def _parse_taxonomy(path_text: str, content: bytes) -> Taxonomy:
    path = Path(path_text)
    try:
        data = yaml.safe_load(content.decode("utf-8-sig"))
        return Taxonomy(tuple(load_taxonomy(data, "tags")), tuple(load_taxonomy(data, "categories")))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise SiteFileError(f"{where} : la liste des thèmes est illisible ({getattr(error, 'problem', error)})") from None
    except ValueError as error:
        raise SiteFileError(f"{path} : {error}") from None


def make_context(
    authors: AuthorRegistry,
    tags: list[Term],
    categories: list[Term],
    asset_exists: Callable[[str], bool] | None,
    blog: BlogSettings | str = "{date}/{slug}",
) -> SiteContext:
    """A fresh context for one build or one check (tag forms are learnt per
    run); ``blog``: the blog plugin's settings, or only its URL format."""
    return SiteContext(
        authors=authors,
        tags=TermRegistry(tags),
        categories=TermRegistry(categories),
        asset_exists=asset_exists,
        blog=blog if isinstance(blog, BlogSettings) else BlogSettings(post_url_format=blog),
    )


def markdown_settings(root: Path) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The ``markdown_extensions`` of ``mkdocs.yml``: names, and their settings."""
    try:
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    except (OSError, yaml.YAMLError):
        return [], {}
    names: list[str] = []
    settings: dict[str, dict[str, Any]] = {}
    for entry in config.get("markdown_extensions") or [] if isinstance(config, dict) else []:
        if isinstance(entry, str):
            names.append(entry)
        elif isinstance(entry, dict):
            for name, value in entry.items():
                names.append(str(name))
                if isinstance(value, dict):
                    settings[str(name)] = value
    return names, settings
