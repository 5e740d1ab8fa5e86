"""The blog plugin's settings the core must agree with, and a post's address.

The site configures them in ``mkdocs.yml`` (``plugins: blog:``); the hooks
read them from the plugin's own configuration, the writers' tool from the
file (``articles/site.py``), and both hand the same ``BlogSettings`` to the
core, so that a changed setting cannot make the build and ``check``
disagree on an excerpt or an address.
"""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

DEFAULT_EXCERPT_SEPARATOR = "<!-- more -->"


@dataclass(frozen=True)
class BlogSettings:
    """The blog plugin's options, under their names in ``mkdocs.yml``, with
    Material's defaults."""

    blog_dir: str = "blog"
    post_dir: str = "{blog}/posts"
    authors_file: str = "{blog}/.authors.yml"
    post_url_format: str = "{date}/{slug}"
    post_url_date_format: str = "yyyy/MM/dd"
    post_url_max_categories: int = 1
    categories_slugify_separator: str = "-"
    post_excerpt_separator: str = DEFAULT_EXCERPT_SEPARATOR
    # The theme's language: a date format may name the month.
    language: str = "en"

    @classmethod
    def from_options(cls, options: Mapping[str, Any] | None, language: str | None = None) -> BlogSettings:
        """Settings from the plugin's options (its config, or its mapping in
        ``mkdocs.yml``); an option absent or of the wrong type keeps its default."""
        values: dict[str, Any] = {}
        for option in fields(cls):
            value = (options or {}).get(option.name) if option.name != "language" else language
            default = getattr(cls, option.name)
            if value is not None and type(value) is type(default):
                values[option.name] = value
        return cls(**values)

    @property
    def posts_dir(self) -> str:
        """The docs-relative folder of the posts, without slashes around it."""
        return _normal(self.post_dir.format(blog=self.blog_dir))

    @property
    def authors_path(self) -> str:
        """The docs-relative path of the authors' file."""
        return _normal(self.authors_file.format(blog=self.blog_dir))

    @property
    def blog_root(self) -> str:
        """The blog's folder in published addresses ("" for the site's root)."""
        return _normal(self.blog_dir)

    def post_address(self, date: dt.date, slug: str, categories: Sequence[str], path: str) -> str:
        """The post's address below the blog's folder, as Material computes it
        (``2024/03/15/mon-article``): ``path`` is the docs-relative source file."""
        chosen = [_slugify_category(str(name), self.categories_slugify_separator) for name in categories[: self.post_url_max_categories]]
        address = self.post_url_format.format(
            categories="/".join(chosen),
            date=format_url_date(date, self.post_url_date_format, self.language),
            file=_file_name(path),
            slug=slug,
        )
        return posixpath.normpath(address.strip("/"))

    def post_url(self, date: dt.date, slug: str, categories: Sequence[str], path: str) -> str:
        """The post's address from the site's root, without slashes around it."""
        return posixpath.join(self.blog_root, self.post_address(date, slug, categories, path)).strip("/")


def _normal(path: str) -> str:
    normal = posixpath.normpath(path.replace("\\", "/")).strip("/")
    return "" if normal == "." else normal


def _file_name(path: str) -> str:
    # MkDocs' File.name: the stem, README read as index.
    stem = posixpath.splitext(posixpath.basename(path))[0]
    return "index" if stem == "README" else stem


@functools.cache
def _category_slugify() -> Callable[[str, str], str]:
    # Material's default for categories_slugify (a callable, which mkdocs.yml
    # cannot hold here: no !!python tags).
    from pymdownx.slugs import slugify

    return slugify(case="lower")


def _slugify_category(name: str, separator: str) -> str:
    return _category_slugify()(name, separator)


# Dates in addresses -------------------------------------------------------------

# Material formats the date with Babel's date patterns (Unicode LDML). The
# numeric fields are formatted here; a pattern naming a month or a day, or
# one of the predefined formats, is left to Babel, which Material installs.
_PATTERN = re.compile(r"'(?:[^']|'')*'|([A-Za-z])\1*|[^A-Za-z']+")
_NUMERIC = {"y", "M", "d", "H", "m", "s"}


def format_url_date(date: dt.date, pattern: str, language: str = "en") -> str:
    """``date`` written with ``pattern`` (``yyyy/MM/dd`` -> ``2024/03/15``)."""
    moment = date if isinstance(date, dt.datetime) else dt.datetime.combine(date, dt.time())
    if pattern not in ("full", "long", "medium", "short"):
        parts = _numeric_parts(pattern)
        if parts is not None:
            return "".join(_field(moment, part) for part in parts)
    from babel.dates import format_date, format_datetime

    locale = language.replace("-", "_")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    if pattern in ("full", "long", "medium", "short"):
        return format_date(moment, format=pattern, locale=locale)
    return format_datetime(moment, format=pattern, locale=locale)


@functools.lru_cache(maxsize=16)
def _numeric_parts(pattern: str) -> tuple[str, ...] | None:
    """The pattern's pieces, or None if it holds a field that is not a number."""
    parts = []
    position = 0
    while position < len(pattern):
        found = _PATTERN.match(pattern, position)
        if found is None:  # an unclosed quote
            return None
        piece = found.group()
        if found.group(1) and (piece[0] not in _NUMERIC or (piece[0] == "M" and len(piece) > 2)):
            return None
        parts.append(piece)
        position = found.end()
    return tuple(parts)


def _field(moment: dt.datetime, piece: str) -> str:
    letter, width = piece[0], len(piece)
    if piece.startswith("'"):
        return piece[1:-1].replace("''", "'") if len(piece) > 2 else "'"
    if letter not in _NUMERIC:
        return piece
    if letter == "y":
        # LDML: "yy" is the year's last two digits, any other width pads the year.
        return f"{moment.year % 100:02d}" if width == 2 else f"{moment.year:0{width}d}"
    value = {"M": moment.month, "d": moment.day, "H": moment.hour, "m": moment.minute, "s": moment.second}[letter]
    return f"{value:0{width}d}"
