"""Authors: names as writers type them, matched to ``.authors.yml`` entries."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from articles.slugs import slugify
from articles.text import collapse_spaces, edit_distance, fold

# "Amélie, Paul et Zoé", "Amélie & Paul", "Amélie; Paul", "Amélie and Paul".
_SEPARATORS = re.compile(r"\s*[,;&]\s*|\s+(?:et|and)\s+", re.IGNORECASE)


@dataclass
class AuthorRegistry:
    """Known authors: id -> display name, from ``docs/blog/.authors.yml``."""

    names: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._suggestions: dict[str, list[str]] = {}
        self._by_key: dict[str, str] = {}
        for author_id, name in self.names.items():
            self._by_key.setdefault(fold(author_id), author_id)
            self._by_key.setdefault(fold(name), author_id)
            self._by_key.setdefault(fold(name.replace("-", " ")), author_id)

    def find(self, written: str) -> str | None:
        """The id of the author written as ``written`` (an id or a display name)."""
        return self._by_key.get(fold(written))

    def suggestions(self, written: str) -> list[str]:
        """Known names close to ``written`` (same first name, or one typo away)."""
        key = fold(written)
        if key in self._suggestions:
            return self._suggestions[key]
        first = key.split(" ")[0]
        found = []
        for author_id, name in self.names.items():
            name_key = fold(name)
            if name_key.split(" ")[0] == first or edit_distance(key, name_key, 2) <= 2:
                found.append(name)
        self._suggestions[key] = sorted(found)
        return self._suggestions[key]


def split_authors(value: object, *, nested: bool = False) -> list[str]:
    """Names from a string (``A, B et C``), a list, or a list of mappings with ``name``.

    Lists inside lists are not authors (and could be an alias bomb): ignored.
    """
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        if nested:
            return []
        names: list[str] = []
        for item in value:
            names.extend(split_authors(item, nested=True))
        return names
    if isinstance(value, dict):
        name = value.get("name") or value.get("nom") or value.get("id")
        return split_authors(name, nested=True) if isinstance(name, (str, int, float)) else []
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return [part for part in (collapse_spaces(piece) for piece in _SEPARATORS.split(str(value))) if part]
    return []


def author_id_for_unknown(name: str) -> str:
    """Id given to an author missing from ``.authors.yml``."""
    return slugify(name) or "auteur-inconnu"
