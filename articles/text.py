"""Text folding shared by keys, authors, tags and slugs."""

from __future__ import annotations

import functools
import re
import unicodedata

# Letters that Unicode does not decompose into a base letter and an accent.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O", "đ": "d", "ł": "l", "Ł": "L"})
# Non-breaking spaces are kept: French puts them before : ; ? !
# NEL and the Unicode line separators are line breaks for YAML: a value
# written back with one would not read the same.
# A run of white space holding at least one ordinary space, read once from
# its first character (a run of non-breaking spaces alone is given up at
# once: retried from each of its characters, it would cost its square).
_SPACES = re.compile(
    r"(?<![ \t\r\n\f\v\x85\u2028\u2029\xa0\u202f])[\xa0\u202f]*+[ \t\r\n\f\v\x85\u2028\u2029][ \t\r\n\f\v\x85\u2028\u2029\xa0\u202f]*+"
)


@functools.lru_cache(maxsize=65536)
def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case-, accent- and apostrophe-insensitive form: ``Événementiel`` -> ``evenementiel``,
    ``Retours d’expérience`` -> ``retours d'experience``."""
    return collapse_spaces(strip_accents(text).casefold().replace("’", "'").replace("‘", "'"))


def collapse_spaces(text: str) -> str:
    """Trim and collapse runs of white space; a non-breaking space on its own
    (French typography: ``prix\u00a0?``) stays as it is."""
    return _collapse_short(text) if len(text) <= _CACHED_LENGTH else _SPACES.sub(" ", text).strip()


# The same tags, authors and titles come back in article after article: short
# texts are cached (long ones are few, and would fill the cache's memory).
_CACHED_LENGTH = 300


@functools.lru_cache(maxsize=65536)
def _collapse_short(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count as one), capped at limit + 1.

    Only the cells within ``limit`` of the diagonal are computed (the others
    are over the cap): the work grows with the length, not with its square.
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    over = limit + 1
    # Rows of the table as {column: value}; a missing column is over the cap.
    previous2: dict[int, int] = {}
    previous = {j: j for j in range(min(len(b), limit) + 1)}
    for i, char_a in enumerate(a, 1):
        current = {0: i} if i <= limit else {}
        for j in range(max(1, i - limit), min(len(b), i + limit) + 1):
            char_b = b[j - 1]
            value = min(previous.get(j, over) + 1, current.get(j - 1, over) + 1, previous.get(j - 1, over) + (char_a != char_b))
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                value = min(value, previous2.get(j - 2, over) + 1)
            if value <= limit:
                current[j] = value
        if not current:
            return over
        previous2, previous = previous, current
    return previous.get(len(b), over)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def plain_text(text: str) -> str:
    """Metadata as the writer typed it, without control characters.

    ``<``, ``&`` and quotes are kept: the templates escape metadata where
    they print it (overrides/, hooks' partials), so ``Prix < 100 €`` reads
    the same on every page.
    """
    return _plain_short(text) if len(text) <= _CACHED_LENGTH else _plain(text)


@functools.lru_cache(maxsize=65536)
def _plain_short(text: str) -> str:
    return _plain(text)


def _plain(text: str) -> str:
    without_controls = _CONTROL.sub("", text)
    if without_controls != text:
        # The spaces around a control character would be read back as one
        # (and one left alone, as none).
        text = collapse_spaces(without_controls)
    return text


# Characters Python-Markdown reads as markup, and its backslash escapes them;
# "<" and "&" have no backslash escape in Markdown: they become entities.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!>~=])")


def markdown_literal(text: str) -> str:
    """``text`` written so that Markdown renders it as it is, never as markup
    (a title typed ``<b>Prix</b> *promo*`` shows those characters)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text.replace("&", "&amp;").replace("<", "&lt;"))
