"""Publication dates written the ways French writers write them."""

from __future__ import annotations

import datetime as dt
import re

from articles.text import strip_accents

EARLIEST_YEAR = 1990
LATEST_YEAR = 2100

MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "january": 1,
    "fevrier": 2, "fevr": 2, "fev": 2, "feb": 2, "february": 2,
    "mars": 3, "mar": 3, "march": 3,
    "avril": 4, "avr": 4, "apr": 4, "april": 4,
    "mai": 5, "may": 5,
    "juin": 6, "jun": 6, "june": 6,
    "juillet": 7, "juil": 7, "jul": 7, "july": 7,
    "aout": 8, "aou": 8, "aug": 8, "august": 8,
    "septembre": 9, "sept": 9, "sep": 9, "september": 9,
    "octobre": 10, "oct": 10, "october": 10,
    "novembre": 11, "nov": 11, "november": 11,
    "decembre": 12, "dec": 12, "december": 12,
}
_WEEKDAYS = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lun|mar|mer|jeu|ven|sam|dim|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\.?,?"
_TIME = r"(?:\s*(?:,|a|at|t)?\s*(?P<hour>\d{1,2})\s*(?:h|:)\s*(?P<minute>\d{2})?(?::(?P<second>\d{2}))?)?"
_WRITTEN = re.compile(
    rf"^(?:{_WEEKDAYS}\s*)?(?:le\s+)?(?P<day>\d{{1,2}})\s*(?:er|e|eme)?\s+(?P<month>[a-z]+)\.?\s+(?P<year>\d{{4}}){_TIME}$"
)
_NUMERIC = re.compile(
    rf"^(?:{_WEEKDAYS}\s*)?(?P<day>\d{{1,2}})\s*[/.-]\s*(?P<month>\d{{1,2}})\s*[/.-]\s*(?P<year>\d{{4}}|\d{{2}}){_TIME}$"
)
_ISO_SLASHES = re.compile(r"^(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})$")
_FILE_NAME_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[-_]")

Date = dt.date | dt.datetime


class DateError(ValueError):
    """``code`` names the message in messages.py."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def parse_date(value: object) -> Date:
    """Parse a front matter date; raise DateError with a message code."""
    if isinstance(value, dt.datetime):
        return _check_range(_naive(value))
    if isinstance(value, dt.date):
        return _check_range(value)
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise DateError("date_unreadable")
    text = str(value).strip()
    if not text:
        raise DateError("date_missing")
    try:
        return _check_range(_naive(_parse_iso(text)))
    except DateError:
        raise
    except ValueError:
        pass
    folded = strip_accents(text).casefold().strip()
    folded = re.sub(r"\s+", " ", folded)
    for pattern in (_WRITTEN, _NUMERIC, _ISO_SLASHES):
        found = pattern.match(folded)
        if found:
            return _check_range(_build(found))
    raise DateError("date_unreadable")


def date_from_file_name(name: str) -> Date | None:
    """Jekyll-style ``2021-03-04-titre.md`` prefix, or None."""
    found = _FILE_NAME_DATE.match(name)
    if not found:
        return None
    year, month, day = (int(part) for part in found.groups())
    try:
        return _check_range(dt.date(year, month, day))
    except (ValueError, DateError):
        return None


def _parse_iso(text: str) -> dt.date | dt.datetime:
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
        year, month, day = (int(part) for part in text.split("-"))
        return _make_date(year, month, day)
    if not re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d", text):
        raise ValueError(text)
    candidate = re.sub(r"\s*(Z|z)$", "+00:00", text)
    candidate = re.sub(r"\s+([+-]\d{2}:?\d{2})$", r"\1", candidate)
    try:
        return dt.datetime.fromisoformat(candidate)
    except ValueError:
        # A well-formed date with an impossible day (2021-02-30 10:00).
        year, month, day = (int(part) for part in text[:10].split("-"))
        _make_date(year, month, day)
        raise


def _build(found: re.Match[str]) -> Date:
    groups = found.groupdict()
    month_text = groups["month"]
    month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text.rstrip("."))
    if month is None:
        raise DateError("date_unreadable")
    year = int(groups["year"])
    if year < 100:
        year += 2000
    date = _make_date(year, month, int(groups["day"]))
    if groups.get("hour") is None:
        return date
    hour, minute, second = int(groups["hour"]), int(groups["minute"] or 0), int(groups["second"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise DateError("date_impossible")
    return dt.datetime(date.year, date.month, date.day, hour, minute, second)


def _make_date(year: int, month: int, day: int) -> dt.date:
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise DateError("date_out_of_range")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError("date_impossible") from None


def _naive(value: Date) -> Date:
    # Material sorts posts by date: aware and naive datetimes cannot be
    # compared, so every time is kept as the wall-clock time the writer wrote.
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


def _check_range(value: Date) -> Date:
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise DateError("date_out_of_range")
    return value
