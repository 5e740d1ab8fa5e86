"""Readable, stable URL slugs for French titles."""

from __future__ import annotations

import re

from articles.text import strip_accents

MAX_LENGTH = 80
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """``Pourquoi choisir notre offre ?`` -> ``pourquoi-choisir-notre-offre``.

    Accents folded, punctuation and apostrophes dropped, no leading, trailing
    or doubled hyphens; long titles are cut at a word boundary.
    """
    slug = _NOT_WORD.sub("-", strip_accents(text).casefold()).strip("-")
    if len(slug) > MAX_LENGTH:
        slug = slug[:MAX_LENGTH].rsplit("-", 1)[0]
    return slug
