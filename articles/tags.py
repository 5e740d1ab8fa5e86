"""Tags and categories: one canonical display form per topic across the site."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from articles.text import collapse_spaces, fold

_SEPARATORS = re.compile(r"[,;]")
MAX_TAG_LENGTH = 60


def split_terms(value: object) -> list[str]:
    """Trimmed terms from a list or a ``,``/``;``-separated string; empty and null entries dropped."""
    if value is None or isinstance(value, bool):
        return []
    if isinstance(value, (list, tuple, set)):
        terms: list[str] = []
        for item in value:
            if isinstance(item, (list, tuple, dict, set)):
                continue  # a nested structure is not a tag; reported by the caller
            terms.extend(split_terms(item))
        return terms
    if isinstance(value, dict):
        return []
    return [term for term in (collapse_spaces(part) for part in _SEPARATORS.split(str(value))) if term]


def term_key(term: str) -> str:
    return fold(term)


@dataclass
class TermRegistry:
    """Display form of each term, keyed by its case- and accent-folded form.

    Until a taxonomy lists the canonical forms, the first form seen wins
    (articles are read in a stable order, so the choice is stable too).
    """

    display: dict[str, str] = field(default_factory=dict)

    def canonical(self, term: str) -> str:
        return self.display.setdefault(term_key(term), term)

    def learn(self, terms: list[str]) -> None:
        for term in terms:
            self.display.setdefault(term_key(term), term)


def dedupe(terms: list[str]) -> list[str]:
    """Drop repeats, case- and accent-insensitively, keeping the first form."""
    seen: set[str] = set()
    unique = []
    for term in terms:
        key = term_key(term)
        if key not in seen:
            seen.add(key)
            unique.append(term)
    return unique
