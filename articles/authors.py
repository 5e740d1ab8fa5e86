"""Authors: names as writers type them, matched to ``.authors.yml`` entries."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from articles.slugs import slugify
from articles.tags import first_spellings, is_close
from articles.text import collapse_spaces, edit_distance, fold

# "Amélie, Paul et Zoé", "Amélie & Paul", "Amélie; Paul", "Amélie and Paul".
# The spaces around a separator are trimmed with the names: a pattern that
# took them in would retry each space of a long run of them.
_SEPARATORS = re.compile(r"[,;&]|(?<=\s)(?:et|and)(?=\s)", re.IGNORECASE)
# A mention copied from Slack or Teams (« @hugo.martin », « @Hugo Martin »), or
# an address alone (« hugo.martin@entreprise.fr »): a name without its « @ ».
_MENTION = re.compile(r"@[ \t]*(?P<name>[^\W\d_][^@<>]*)")
_BARE_ADDRESS = re.compile(r"(?P<name>[^\W\d_][\w.\-]*)(?:\+[\w.\-]*)?@[\w\-]+(?:\.[\w\-]+)+")
# What joins the words of a name in a handle or an address's local part.
_HANDLE_JOINS = re.compile(r"[._]+")


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

    def suggestions(self, written: str, limit: int = 3) -> list[str]:
        """Known names close to ``written`` (``is_close``: a typo relative to
        the length, an abbreviation, a first or last name), the closest first."""
        key = fold(written)
        if key not in self._suggestions:
            scored = sorted(
                (edit_distance(key, fold(spelling), 2), name)
                for author_id, name in self.names.items()
                for spelling in (name, author_id)
                if is_close(key, spelling, any_word=True)
            )
            found: list[str] = []
            for _, name in scored:
                if name not in found:
                    found.append(name)
            self._suggestions[key] = found
        return self._suggestions[key][:limit]


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


def name_of_handle(written: str) -> str | None:
    """The name in a chat mention or a bare e-mail address, ``None`` for
    anything else: « @hugo.martin » and « hugo.martin@entreprise.fr » give
    « Hugo Martin », « @Hugo Martin » gives « Hugo Martin ». A handle in lower
    case gets capitals; one the writer capitalised is left so."""
    found = _MENTION.fullmatch(written) or _BARE_ADDRESS.fullmatch(written)
    if found is None:
        return None
    name = collapse_spaces(_HANDLE_JOINS.sub(" ", found.group("name")))
    if not name:
        return None
    if name == name.lower():
        name = "-".join(" ".join(word.capitalize() for word in part.split(" ")) for part in name.split("-"))
    return name


def author_id_for_unknown(name: str) -> str:
    """Id given to an author missing from ``.authors.yml``."""
    return slugify(name) or "auteur-inconnu"


def names_of_unknown_authors(spellings: Iterable[dict[str, str]]) -> dict[str, str]:
    """The name shown for each author missing from ``.authors.yml``: as the
    first article naming them writes it (``spellings``: each article's
    ``unknown_authors``, in the order of the site's files)."""
    return first_spellings(spellings)
