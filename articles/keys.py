"""Front matter keys: English, French and common typos, to canonical names."""

from __future__ import annotations

import functools
import re

from articles.text import edit_distance, strip_accents

# Canonical key -> the aliases writers use. Matching ignores case, accents,
# spaces, underscores, hyphens and apostrophes (see ``key_signature``).
# An e-mail's subject: its title, without what the e-mail program put before it.
MAIL_SUBJECTS = ("objet", "subject")
ALIASES: dict[str, tuple[str, ...]] = {
    # "post_…": WordPress exports.
    # "objet", "envoyé", "de"…: an e-mail pasted with its header.
    "title": ("title", "titre", "nom", "intitulé", "post title", *MAIL_SUBJECTS),
    "date": (
        "date",
        "publié le",
        "publie le",
        "publication",
        "date de publication",
        "published on",
        "published at",
        "pubdate",
        "créé le",
        "created",
        "post date",
        "post date gmt",
        "date published",
        "date de création",
        "created at",
        "envoyé",
        "envoyé le",
        "sent",
        "date d'envoi",
    ),
    "authors": (
        "authors",
        "author",
        "auteur",
        "auteurs",
        "auteure",
        "auteures",
        "autrice",
        "autrices",
        "par",
        "écrit par",
        "rédacteur",
        "rédactrice",
        "rédigé par",
        "by",
        "post author",
        "de",
        "from",
        "expéditeur",
        "expéditrice",
    ),
    "categories": ("categories", "category", "catégorie", "catégories", "rubrique", "rubriques"),
    "tags": (
        "tags",
        "tag",
        "mots-clés",
        "mots clés",
        "mot-clé",
        "mot clé",
        "keywords",
        "keyword",
        "étiquettes",
        "étiquette",
        "thèmes",
        "thème",
    ),
    "readtime": (
        "readtime",
        "read",
        "reading time",
        "read time",
        "temps de lecture",
        "durée de lecture",
        "durée",
        "lecture",
        "minutes de lecture",
    ),
    "description": (
        "description",
        "résumé",
        "excerpt",
        "exerpt",
        "summary",
        "chapô",
        "post excerpt",
        "chapo",
        "chapeau",
        "accroche",
        "extrait",
    ),
    "image": ("image", "cover", "cover image", "illustration", "visuel", "image de couverture", "couverture", "vignette", "thumbnail"),
    "slug": ("slug", "permalink", "permalien", "post name"),
    # Fields that say whether the article may be published (publication.py
    # reads their values; anything unclear keeps the article off the site).
    # ``draft``: yes means "do not publish".
    "draft": ("draft", "brouillon", "en brouillon", "is draft", "wip"),
    # ``published``: a date, or yes/no ("no" means "do not publish").
    "published": (
        "published",
        "publié",
        "publie",
        "publish",
        "publier",
        "à publier",
        "en ligne",
        "online",
        "visible",
        "est publié",
        "is published",
        "live",
    ),
    # ``status``: a word (brouillon, publié, draft, private...).
    "status": ("status", "statut", "post status", "état", "state", "statut de publication", "publication status", "workflow"),
    # ``confidential``: yes means "do not publish" (the site is readable by
    # every team, and maybe by anyone with its address).
    "confidential": (
        "confidentiel",
        "confidentielle",
        "confidential",
        "privé",
        "privée",
        "private",
        "secret",
        "caché",
        "cachée",
        "hidden",
        "masqué",
        "masquée",
        "usage interne",
        "interne",
        # An e-mail's: Outlook's « Sensibilité : Confidentiel » (or Normal).
        "sensibilité",
        "sensitivity",
    ),
}

# The other fields of an e-mail's header, pasted with it: whom it went to
# is never published, but these lines are a header all the same.
MAIL_FIELDS = (
    "à",
    "to",
    "cc",
    "cci",
    "bcc",
    "destinataire",
    "destinataires",
    "copie",
    "copie à",
    "répondre à",
    "reply to",
    "importance",
    "pièce jointe",
    "pièces jointes",
    "attachment",
    "attachments",
)

# The names the guide's template, ``new`` and ``fix`` write: one set of
# names, in the writers' language.
WRITTEN_NAMES = {
    "title": "titre",
    "date": "date",
    "authors": "auteur",
    "categories": "rubrique",
    "tags": "thèmes",
    "readtime": "durée de lecture",
    "description": "résumé",
    "image": "image",
    "draft": "brouillon",
    "slug": "slug",
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


_MAIL_SIGNATURES = frozenset(key_signature(field) for field in MAIL_FIELDS)
_MAIL_SUBJECT_SIGNATURES = frozenset(key_signature(subject) for subject in MAIL_SUBJECTS)


def is_mail_field(key: str) -> bool:
    """Whether ``key`` is one of an e-mail header's other fields (``À``, ``Cc``…)."""
    return key_signature(key) in _MAIL_SIGNATURES


def is_mail_subject(key: str) -> bool:
    """Whether ``key`` names an e-mail's subject (``Objet``, ``Subject``)."""
    return key_signature(key) in _MAIL_SUBJECT_SIGNATURES


@functools.lru_cache(maxsize=4096)
def canonical_key(key: str) -> tuple[str | None, bool]:
    """Return (canonical name or None when unknown, whether it was a typo guess)."""
    signature = key_signature(key)
    if signature in _BY_SIGNATURE:
        return _BY_SIGNATURE[signature], False
    if len(signature) >= _SWAP_MIN_LENGTH:
        close = {canonical for alias_signature, canonical in _BY_SIGNATURE.items() if _is_typo(signature, alias_signature)}
        if len(close) == 1:
            return close.pop(), True
    return None, False


def _is_typo(written: str, alias: str) -> bool:
    if len(written) >= _TYPO_MIN_LENGTH and len(alias) >= _TYPO_MIN_LENGTH:
        return edit_distance(written, alias, 1) <= 1
    return len(written) == len(alias) >= _SWAP_MIN_LENGTH and sorted(written) == sorted(alias) and edit_distance(written, alias, 1) == 1


# Keys whose slip would publish what the writer held back: guessed from
# further away (two slips) than other keys, so that a mistyped "brouillon"
# still keeps the article off the site.
_PUBLICATION_KEYS = ("draft", "published", "status", "confidential")
_PUBLICATION_TYPO_MIN_LENGTH = 6


@functools.lru_cache(maxsize=4096)
def publication_key_guess(key: str) -> str | None:
    """The publication field (draft, published, status, confidential) that an
    unknown ``key`` is two slips away from, if exactly one."""
    signature = key_signature(key)
    if len(signature) < _PUBLICATION_TYPO_MIN_LENGTH:
        return None
    close = {
        canonical
        for canonical in _PUBLICATION_KEYS
        for alias in ALIASES[canonical]
        if len(key_signature(alias)) >= _PUBLICATION_TYPO_MIN_LENGTH and edit_distance(signature, key_signature(alias), 2) <= 2
    }
    return close.pop() if len(close) == 1 else None
