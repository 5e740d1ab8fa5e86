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
_SPACES = re.compile(r"[ \t\r\n\f\v\x85\u2028\u2029\xa0\u202f]*[ \t\r\n\f\v\x85\u2028\u2029][ \t\r\n\f\v\x85\u2028\u2029\xa0\u202f]*")


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
    """Damerau-Levenshtein distance (adjacent swaps count as one), capped at limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def plain_text(text: str) -> str:
    """Metadata is plain text: make it impossible to read as HTML anywhere.

    Material's templates print some metadata without escaping it (author
    names in ``alt="..."``, titles in listings), so the characters that could
    open a tag or close an attribute are replaced by their typographic
    look-alikes: ``<b>`` -> ``‹b›``, ``"mot"`` -> ``“mot”``.
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
    if "<" in text or ">" in text:  # str.translate looks up every character
        text = text.replace("<", "‹").replace(">", "›")
    if '"' in text:
        parts = text.split('"')
        text = parts[0] + "".join(("“" if index % 2 else "”") + part for index, part in enumerate(parts[1:], 1))
    return text
