"""Problems found in an article, each with a message for the writer."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from articles.messages import MESSAGES


class Severity(str, enum.Enum):
    # An error stops the build; a warning publishes the article and tells the
    # writer; info says what was understood, for the writers' check.
    ERROR = "erreur"
    WARNING = "avertissement"
    INFO = "info"


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    severity: Severity
    code: str
    # The values the message is filled with; the text itself is only built
    # when someone reads it (a build reads few of the many "info" problems).
    values: tuple[tuple[str, object], ...] = ()

    @property
    def message(self) -> str:
        return MESSAGES[self.code][1].format(**dict(self.values))

    @property
    def hint(self) -> str:
        return MESSAGES[self.code][2].format(**dict(self.values))

    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        text = f"{self.location()}: {self.severity.value}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text


def make_problem(code: str, path: str, line: int | None = None, **values: object) -> Problem:
    """Build a problem from the message catalogue in ``messages.py``."""
    return Problem(path=path, line=line, severity=_SEVERITIES[code], code=code, values=tuple(values.items()))


_SEVERITIES = {code: Severity(entry[0]) for code, entry in MESSAGES.items()}
