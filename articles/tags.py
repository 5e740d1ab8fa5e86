"""Tags and categories: one canonical display form per topic across the site."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from articles.text import collapse_spaces, edit_distance, fold

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


def singular_key(key: str) -> str:
    """KEY (``term_key``) with each word in the singular as French and English
    mostly write it: « salons » « salon », « réseaux » « réseau », « leads »
    « lead »; words of three letters or less, and « -ss » (« business »),
    are left as they are."""
    return " ".join(_singular_word(word) for word in key.split(" "))


def _singular_word(word: str) -> str:
    if len(word) <= 3 or word.endswith("ss"):
        return word
    return word[:-1] if word.endswith(("s", "aux", "eux")) else word


def first_spellings(spellings: Iterable[Mapping[str, str]]) -> dict[str, str]:
    """The form shown for each key: as the first article writing it has it
    (``spellings``: each article's key -> spelling, in the order the build
    reads them). Terms missing from the taxonomy (``TermRegistry.canonical``,
    keyed by folded form) and authors missing from .authors.yml (by id)."""
    shown: dict[str, str] = {}
    for article in spellings:
        for key, spelling in article.items():
            shown.setdefault(key, spelling)
    return shown


@dataclass(frozen=True)
class Term:
    """A topic of the taxonomy (``docs/taxonomy.yml``)."""

    name: str
    description: str = ""
    synonyms: tuple[str, ...] = ()
    hidden: bool = False


@dataclass
class TermRegistry:
    """Display form of each tag (or category), keyed by its folded form.

    Terms of the taxonomy, and their synonyms, map to the taxonomy's name.
    Other terms keep the first form seen (articles are read in a stable
    order, so the choice is stable too).
    """

    terms: list[Term] = field(default_factory=list)
    display: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._suggestions: dict[str, list[str]] = {}
        self.known: dict[str, Term] = {}
        # The same, keyed by singular form: « salon » finds the synonym « salons ».
        self._known_singular: dict[str, Term] = {}
        for term in self.terms:
            for spelling in (term.name, *term.synonyms):
                self.known.setdefault(term_key(spelling), term)
        for key, term in self.known.items():
            self._known_singular.setdefault(singular_key(key), term)

    @property
    def has_taxonomy(self) -> bool:
        return bool(self.terms)

    def lookup(self, term: str) -> Term | None:
        key = term_key(term)
        return self.known.get(key) or self._known_singular.get(singular_key(key))

    def canonical(self, term: str) -> str:
        known = self.lookup(term)
        if known is not None:
            return known.name
        return self.display.setdefault(term_key(term), term)

    def suggestions(self, term: str, limit: int = 3) -> list[str]:
        """Known names close to ``term`` (``is_close``), the closest first."""
        key = term_key(term)
        if key not in self._suggestions:
            self._suggestions[key] = self._closest(key)
        return self._suggestions[key][:limit]

    def _closest(self, key: str) -> list[str]:
        scored: list[tuple[int, str]] = []
        for spelling, known in self.known.items():
            if is_close(key, spelling):
                scored.append((edit_distance(key, spelling, 2), known.name))
        names: list[str] = []
        for _, name in sorted(scored):
            if name not in names:
                names.append(name)
        return names

    def hidden_names(self) -> list[str]:
        return [term.name for term in self.terms if term.hidden]

    def description(self, name: str) -> str:
        known = self.lookup(name)
        return known.description if known else ""


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


def load_taxonomy(data: object, kind: str) -> list[Term]:
    """Terms of one kind (``tags`` or ``categories``) from the parsed taxonomy file.

    Each entry: ``Nom: {description: ..., synonymes: [...], masqué: oui}``, or
    just ``Nom:`` with nothing more. Raises ValueError with a French message.
    """
    if data is None:
        return []
    if not isinstance(data, dict):
        raise ValueError("le fichier doit contenir les sections « tags » et « categories »")
    section = data.get(kind) or {}
    if not isinstance(section, dict):
        raise ValueError(f"la section « {kind} » doit associer chaque nom à sa description")
    terms = []
    for name, entry in section.items():
        entry = entry or {}
        if not isinstance(entry, dict):
            raise ValueError(f"« {name} » : écrivez « description : ... » et « synonymes : [...] » sous le nom")
        synonyms = entry.get("synonymes", entry.get("synonyms")) or []
        if isinstance(synonyms, str):
            synonyms = split_terms(synonyms)
        hidden = entry.get("masqué", entry.get("masque", entry.get("hidden", False)))
        terms.append(
            Term(
                name=collapse_spaces(str(name)),
                description=collapse_spaces(str(entry.get("description") or "")),
                synonyms=tuple(collapse_spaces(str(synonym)) for synonym in synonyms),
                hidden=hidden is True or str(hidden).casefold() in {"oui", "yes", "true", "vrai"},
            )
        )
    return terms


# Suggestions ---------------------------------------------------------------------------------------

_NOT_ALNUM = re.compile(r"[\W_]+")


def _allowed_typos(length: int) -> int:
    # A typo in a three-letter acronym makes another acronym (SEO, SEA, CRM):
    # only longer words get one typo, and long ones two.
    return 0 if length <= 3 else 1 if length <= 7 else 2


def is_close(written: str, known: str, *, any_word: bool = False) -> bool:
    """Whether ``known`` is a sensible « vouliez-vous dire » for ``written``.

    Both are compared folded (case, accents, apostrophes) and without spaces
    or punctuation (« I.A. », « e-mailing »): a typo or two relative to the
    length, an abbreviation of at least four letters (« prospec »), or the
    known name as whole words inside what was written (« Vente B2B »), or
    the reverse for several words (« relation client »). With ``any_word``
    (authors), one written word of a known name is enough (« Martin »).
    """
    a, b = fold(written), fold(known)
    compact_a, compact_b = _NOT_ALNUM.sub("", a), _NOT_ALNUM.sub("", b)
    if not compact_a or not compact_b:
        return False
    if compact_a == compact_b:
        return True
    allowed = _allowed_typos(min(len(compact_a), len(compact_b)))
    if allowed and edit_distance(compact_a, compact_b, allowed) <= allowed:
        return True
    if len(compact_a) >= 4 and compact_b.startswith(compact_a):
        return True
    words_a, words_b = _NOT_ALNUM.sub(" ", a).split(), _NOT_ALNUM.sub(" ", b).split()
    if len(compact_b) >= 4 and _contains_words(words_a, words_b):
        return True
    if (len(words_a) >= 2 or any_word) and len(compact_a) >= 4 and _contains_words(words_b, words_a):
        return True
    return False


def _contains_words(words: list[str], part: list[str]) -> bool:
    """Whether ``part`` appears in ``words`` as consecutive whole words."""
    size = len(part)
    return 0 < size <= len(words) and any(words[i : i + size] == part for i in range(len(words) - size + 1))
