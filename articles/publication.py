"""Whether an article may be published: the fields that say "do not publish".

Writers say it many ways: ``brouillon: oui``, ``draft: x``, ``statut:
brouillon``, ``post_status: draft`` (WordPress), ``à publier: non``,
``visible: false``, ``confidentiel: oui``. Every such field is read here.
The rule fails safe: a value that is not clearly "publish" in one of these
fields keeps the article off the site, with a message saying why.
"""

from __future__ import annotations

import enum
import re

from articles.text import edit_distance, strip_accents

# Canonical keys (keys.py) whose value decides publication.
FLAG_KEYS = ("draft", "published", "status", "confidential")


class Verdict(enum.Enum):
    PUBLISH = "publish"
    HOLD = "hold"  # the value clearly says "do not publish"
    UNCLEAR = "unclear"  # neither: not published, the writer is told
    EMPTY = "empty"  # no value: the field says nothing


# Folded words (see ``_fold``).
_YES = frozenset(
    {"oui", "o", "yes", "y", "true", "vrai", "1", "on", "x", "si", "ja", "v", "✓", "✔", "✅", "☑", "oui oui", "absolument", "bien sur"}
)
_NO = frozenset(
    {
        "non",
        "n",
        "no",
        "false",
        "faux",
        "0",
        "off",
        "pas",
        "nope",
        "nan",
        "niet",
        "✗",
        "✘",
        "❌",
        "☐",
        "jamais",
        "pas encore",
        "pas maintenant",
        "not yet",
    }
)
# Words of a status field.
_HOLD_WORDS = frozenset(
    {
        "brouillon",
        "brouillons",
        "draft",
        "drafts",
        "auto draft",
        "autodraft",
        "en brouillon",
        "prive",
        "privee",
        "private",
        "pending",
        "en attente",
        "attente",
        "a relire",
        "relire",
        "en relecture",
        "relecture",
        "review",
        "in review",
        "to review",
        "needs review",
        "non publie",
        "non publiee",
        "pas publie",
        "pas publiee",
        "unpublished",
        "not published",
        "a ne pas publier",
        "ne pas publier",
        "do not publish",
        "dont publish",
        "en cours",
        "en cours de redaction",
        "en redaction",
        "redaction",
        "wip",
        "work in progress",
        "a valider",
        "en validation",
        "validation",
        "a corriger",
        "en preparation",
        "preparation",
        "a faire",
        "todo",
        "trash",
        "corbeille",
        "supprime",
        "supprimee",
        "archive",
        "archivee",
        "archived",
        "hors ligne",
        "offline",
        "masque",
        "masquee",
        "cache",
        "cachee",
        "hidden",
        "confidentiel",
        "confidentielle",
        "confidential",
        "personnel",
        "personnelle",
        "personal",
        "interne",
        "secret",
        "embargo",
        "sous embargo",
        "inherit",
    }
)
_PUBLISH_WORDS = frozenset(
    {
        "publie",
        "publiee",
        "published",
        "publish",
        "en ligne",
        "online",
        "live",
        "public",
        "publique",
        "pret",
        "prete",
        "ready",
        "final",
        "finale",
        "valide",
        "validee",
        "validated",
        "approved",
        "approuve",
        "approuvee",
        "termine",
        "terminee",
        "done",
        "actif",
        "active",
        "visible",
        "future",
        "scheduled",
        "programme",
        "programmee",
        "planifie",
        "planifiee",
    }
)
# An e-mail's sensitivity that restricts nothing (« Sensibilité : Normal »):
# for that field only, « brouillon : normal » says nothing.
_NOTHING_RESTRICTED = frozenset({"normal", "normale"})
_MAX_ITEMS = 10
# One slip of the keyboard is forgiven on words long enough not to become another word.
_TYPO_MIN_LENGTH = 4
_SEPARATORS = re.compile(r"[\s_\-.'’!?;:,«»\"“”()\[\]]+")


def read_flag(canonical: str, value: object) -> Verdict:
    """What the value of one publication field says."""
    if value is None:
        return Verdict.EMPTY
    if isinstance(value, (list, tuple)):
        # "[brouillon]": its items. Only a short, flat list is read: nested
        # or repeated lists (YAML aliases) are never walked.
        if len(value) > _MAX_ITEMS or any(isinstance(item, (list, tuple, dict)) for item in value):
            return Verdict.UNCLEAR
        verdicts = [read_flag(canonical, item) for item in value]
        if not verdicts or all(verdict is Verdict.EMPTY for verdict in verdicts):
            return Verdict.EMPTY
        for worst in (Verdict.HOLD, Verdict.UNCLEAR):
            if worst in verdicts:
                return worst
        return Verdict.PUBLISH
    if isinstance(value, bool):
        answer: bool | None = value
    elif isinstance(value, int) and value in (0, 1):
        answer = bool(value)
    elif isinstance(value, str):
        word = _fold(value)
        if not word:
            return Verdict.EMPTY
        answer = _yes_no(word)
        if answer is None and canonical == "confidential" and word in _NOTHING_RESTRICTED:
            return Verdict.PUBLISH
        if answer is None:
            status = _status(word)
            if status is not None:
                return Verdict.PUBLISH if status else Verdict.HOLD
    else:
        return Verdict.UNCLEAR
    if answer is None:
        return Verdict.UNCLEAR
    if canonical == "status":
        # "statut : oui" says nothing about publication.
        return Verdict.UNCLEAR
    # draft and confidential: yes means "do not publish"; published: yes means publish.
    publish = answer if canonical == "published" else not answer
    return Verdict.PUBLISH if publish else Verdict.HOLD


def _fold(text: str) -> str:
    return _SEPARATORS.sub(" ", strip_accents(text).casefold()).strip()


def _yes_no(word: str) -> bool | None:
    if word in _YES:
        return True
    if word in _NO:
        return False
    return _close(word, _YES, _NO)


def _status(word: str) -> bool | None:
    """True for a word that means published, False for one that means held."""
    if word in _PUBLISH_WORDS:
        return True
    if word in _HOLD_WORDS:
        return False
    return _close(word, _PUBLISH_WORDS, _HOLD_WORDS)


def _close(word: str, true_words: frozenset[str], false_words: frozenset[str]) -> bool | None:
    """The meaning of a word one slip away from words of one meaning only."""
    if len(word) < _TYPO_MIN_LENGTH:
        return None
    near_true = any(len(known) >= _TYPO_MIN_LENGTH and edit_distance(word, known, 1) <= 1 for known in true_words)
    near_false = any(len(known) >= _TYPO_MIN_LENGTH and edit_distance(word, known, 1) <= 1 for known in false_words)
    if near_true == near_false:
        return None
    return near_true
