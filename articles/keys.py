"""Front matter keys: English, French and common typos, to canonical names."""

from __future__ import annotations

import functools
import re

from articles.text import edit_distance, strip_accents

# Canonical key -> the aliases writers use. Matching ignores case, accents,
# spaces, underscores, hyphens and apostrophes (see ``key_signature``).
ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "titre", "nom", "intitulé"),
    "date": ("date", "publié le", "publie le", "publication", "date de publication",
             "published on", "published at", "pubdate", "créé le", "created"),
    "authors": ("authors", "author", "auteur", "auteurs", "auteure", "auteures", "autrice",
                "autrices", "par", "écrit par", "rédacteur", "rédactrice", "rédigé par", "by"),
    "categories": ("categories", "category", "catégorie", "catégories", "rubrique", "rubriques"),
    "tags": ("tags", "tag", "mots-clés", "mots clés", "mot-clé", "mot clé", "keywords",
             "keyword", "étiquettes", "étiquette", "thèmes", "thème"),
    "readtime": ("readtime", "read", "reading time", "read time", "temps de lecture",
                 "durée de lecture", "durée", "lecture", "minutes de lecture"),
    "description": ("description", "résumé", "excerpt", "exerpt", "summary", "chapô",
                    "chapo", "chapeau", "accroche", "extrait"),
    "image": ("image", "cover", "cover image", "illustration", "visuel", "image de couverture",
              "couverture", "vignette", "thumbnail"),
    "draft": ("draft", "brouillon"),
    "slug": ("slug", "permalink", "permalien"),
    # ``published`` is a date, or ``published: false`` for a draft (see normalize.py).
    "published": ("published", "publié", "publie", "en ligne"),
}

_SEPARATORS = re.compile(r"[\s_\-'’.]+")
# Typos are only guessed on longer keys, where one slip cannot turn a key
# into another real word.
_TYPO_MIN_LENGTH = 5
# Four-letter keys only count two swapped letters (tgas, dtae) as a typo.
_SWAP_MIN_LENGTH = 4


def key_signature(key: str) -> str:
    return _SEPARATORS.sub("", strip_accents(key).casefold())


_BY_SIGNATURE = {key_signature(alias): canonical for canonical, aliases in ALIASES.items() for alias in aliases}


@functools.lru_cache(maxsize=4096)
def canonical_key(key: str) -> tuple[str | None, bool]:
    """Return (canonical name or None when unknown, whether it was a typo guess)."""
    signature = key_signature(key)
    if signature in _BY_SIGNATURE:
        return _BY_SIGNATURE[signature], False
    if len(signature) >= _SWAP_MIN_LENGTH:
        close = {
            canonical
            for alias_signature, canonical in _BY_SIGNATURE.items()
            if _is_typo(signature, alias_signature)
        }
        if len(close) == 1:
            return close.pop(), True
    return None, False


def _is_typo(written: str, alias: str) -> bool:
    if len(written) >= _TYPO_MIN_LENGTH and len(alias) >= _TYPO_MIN_LENGTH:
        return edit_distance(written, alias, 1) <= 1
    return len(written) == len(alias) >= _SWAP_MIN_LENGTH and sorted(written) == sorted(alias) and edit_distance(written, alias, 1) == 1
